/**
 * Test hook of the UI benchmark (scripts/bench/ui.ts). This module is its own chunk, loaded only
 * when the page URL has `?bench` (see HeadsTab.tsx): normal visitors never download or run it.
 *
 * `window.__atlasBench`:
 *  - `idle()`: resolves once no sentence is running;
 *  - `loadSynthetic(layers, heads, tokens)`: puts a synthetic self-attention result of that shape
 *    into sentence A (model 'playground', Heads tab) and resolves with the milliseconds from the
 *    store update to the heads grid painted on screen (the frame after its canvas was drawn);
 *  - `hover(count)`: moves the pointer over `count` tokens of the strip, one per frame, and resolves
 *    with the milliseconds from each pointer event to the end of the frame that shows it.
 */
import { emptyRun, useAppStore } from '../../store';
import type { BlockResult, SentenceRun } from '../../store/types';
import { mulberry32 } from '../../lib/random';

const WORDS = [
  'the',
  'bank',
  'is',
  'near',
  'river',
  'and',
  'money',
  'in',
  'a',
  'deposit',
  'of',
  'water',
  'flows',
  'past',
  'old',
  'town',
  'where',
  'people',
  'walk',
  'every',
  'day',
  'to',
  'work',
  ',',
];

/**
 * [layers] of [heads][T][T]: each row a little noise plus a peak whose place depends on the head
 * (previous token, itself, the first token, next token, or a random key), normalised to sum 1.
 */
function syntheticLayers(layers: number, heads: number, t: number, seed: number): Float32Array[] {
  const rand = mulberry32(seed);
  const out: Float32Array[] = [];
  for (let l = 0; l < layers; l++) {
    const data = new Float32Array(heads * t * t);
    for (let h = 0; h < heads; h++) {
      const kind = (l + h) % 5;
      for (let q = 0; q < t; q++) {
        const row = (h * t + q) * t;
        let sum = 0;
        for (let k = 0; k < t; k++) {
          const v = rand() * 0.2;
          data[row + k] = v;
          sum += v;
        }
        const peak =
          kind === 0
            ? Math.max(0, q - 1)
            : kind === 1
              ? q
              : kind === 2
                ? 0
                : kind === 3
                  ? Math.min(t - 1, q + 1)
                  : Math.floor(rand() * t);
        data[row + peak]! += t * 0.05;
        sum += t * 0.05;
        const inv = 1 / sum;
        for (let k = 0; k < t; k++) data[row + k]! *= inv;
      }
    }
    out.push(data);
  }
  return out;
}

/** Resolves in the task after the next frame has been painted. */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(0);
    });
  });
}

/** Resolves when `check` holds, checking on every DOM change (or after `timeoutMs`, rejecting). */
function waitFor(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      window.clearTimeout(timer);
      resolve();
    });
    const timer = window.setTimeout(() => {
      observer.disconnect();
      reject(new Error('timed out waiting for the heads grid'));
    }, timeoutMs);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const gridCanvas = () => document.querySelector<HTMLCanvasElement>('canvas.an-grid-canvas');

let seed = 1;

async function loadSynthetic(layers: number, heads: number, tokens: number): Promise<number> {
  const s = useAppStore.getState();
  if (
    s.tab !== 'heads' ||
    s.analysisSlot !== 'A' ||
    s.gridSort !== 'index' ||
    s.gridFilter !== 'all'
  ) {
    useAppStore.setState({ tab: 'heads', analysisSlot: 'A', gridSort: 'index', gridFilter: 'all' });
    await afterPaint();
  }
  const data = syntheticLayers(layers, heads, tokens, seed++);
  const block: BlockResult = {
    kind: 'encoder-self',
    layers,
    heads,
    queryLength: tokens,
    keyLength: tokens,
    data,
    mask: null,
  };
  const run: SentenceRun = {
    ...emptyRun(),
    ticket: -seed, // matches no engine run: late messages of a real run are ignored
    state: 'ready',
    tokens: Array.from({ length: tokens }, (_, i) => ({
      text: WORDS[i % WORDS.length]!,
      id: i,
      special: false,
      unknown: false,
    })),
    totalTokens: tokens,
    maxTokens: tokens,
    blocks: [block],
    elapsedMs: 0,
  };
  const before = gridCanvas()?.dataset.painted;
  const beforeCanvas = gridCanvas();
  await afterPaint(); // start on a quiet frame
  const t0 = performance.now();
  useAppStore.setState((st) => ({
    model: 'playground',
    playground: { ...st.playground, layers, heads, maxPositions: Math.max(8, tokens) },
    kind: 'encoder-self',
    layer: 0,
    head: 0,
    runs: { ...st.runs, A: run },
  }));
  await waitFor(() => {
    const c = gridCanvas();
    return (
      !!c &&
      (c !== beforeCanvas || c.dataset.painted !== before) &&
      c.dataset.shape === `${layers}x${heads}x${tokens}`
    );
  });
  const t1 = await afterPaint();
  return t1 - t0;
}

async function hover(count: number): Promise<number[]> {
  const strip = document.querySelector<HTMLElement>('.an-strip');
  if (!strip) throw new Error('no token strip');
  const spans = Array.from(strip.querySelectorAll<HTMLElement>('[data-i]'));
  if (spans.length === 0) throw new Error('no tokens in the strip');
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const span = spans[(i * 7) % spans.length]!;
    const box = span.getBoundingClientRect();
    // Like real input, the event is dispatched at the start of a frame; the time runs to the task
    // after that frame's paint.
    const t = await new Promise<number>((resolve) => {
      requestAnimationFrame(() => {
        const t0 = performance.now();
        span.dispatchEvent(
          new PointerEvent('pointermove', {
            bubbles: true,
            clientX: box.left + box.width / 2,
            clientY: box.top + box.height / 2,
            pointerType: 'mouse',
          }),
        );
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - t0);
        channel.port2.postMessage(0);
      });
    });
    times.push(t);
  }
  return times;
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    const busy = () => {
      const { runs, translatorLoad } = useAppStore.getState();
      return (
        runs.A.state === 'loading' ||
        runs.B.state === 'loading' ||
        translatorLoad.state === 'loading'
      );
    };
    if (!busy()) return resolve();
    const unsubscribe = useAppStore.subscribe(() => {
      if (busy()) return;
      unsubscribe();
      resolve();
    });
  });
}

declare global {
  interface Window {
    __atlasBench?: {
      idle: typeof idle;
      loadSynthetic: typeof loadSynthetic;
      hover: typeof hover;
    };
  }
}

window.__atlasBench = { idle, loadSynthetic, hover };
