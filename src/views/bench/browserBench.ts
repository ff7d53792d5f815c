/**
 * Hook of the browser benchmark (scripts/bench/browser.ts). Its own chunk, loaded only when the
 * page URL has `?bench` (see main.tsx): normal visitors never download or run it.
 *
 * `window.__atlasBrowserBench`:
 *  - `idle()`: resolves once no sentence is running;
 *  - `step(model, pair)`: puts demo sentence pair `pair` (0 or 1) in A and B, picks `model`
 *    ('translator' or 'playground'), runs both sentences through the app's engine worker, and
 *    resolves after the frame that shows both results (rejects with the run's error);
 *  - `streaming(tokens)`: runs a `tokens`-token sentence A on the playground at its largest
 *    (12 layers, 8 heads, d_model 512) and resolves with the milliseconds from the run's start to
 *    its first layer's heatmap painted, and to the whole run done and painted;
 *  - `engine(request)`: runs the engine benchmark in a fresh worker of its own
 *    (src/worker/bench.worker.ts) and resolves with its figures;
 *  - `twoWorkers(tokens, runs, size)`: A then B in one worker against A and B at once in two
 *    (src/worker/pairBench.worker.ts; scripts/bench/two-workers.ts);
 *  - `appPair(tokens, runs)`: both sentences through the app's own engine worker(s), on the
 *    playground at its largest; ms from the run to both done, each time.
 */
import { useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import type {
  EngineBenchRequest,
  EngineBenchResponse,
  EngineBenchResult,
} from '../../worker/bench.worker';
import { emptyEngineBenchResult } from '../../worker/benchResult';
import type {
  PairBenchRequest,
  PairBenchResponse,
  TwoWorkersResult,
} from '../../worker/pairBench.worker';

/** The demo sentences of the built-in translator's model card (never seen in training). */
const PAIRS: readonly Record<SentenceSlot, string>[] = [
  { A: 'The bank is near the river.', B: 'I deposited money in the bank.' },
  {
    A: 'The cat sat on the mat.',
    B: "The animal didn't cross the street because it was too tired.",
  },
];

type StepModel = 'translator' | 'playground';

/** Resolves in the task after the next frame has been painted. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  });
}

function busy(): boolean {
  const { runs, translatorLoad } = useAppStore.getState();
  return (
    runs.A.state === 'loading' || runs.B.state === 'loading' || translatorLoad.state === 'loading'
  );
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (!busy()) return resolve();
    const unsubscribe = useAppStore.subscribe(() => {
      if (busy()) return;
      unsubscribe();
      resolve();
    });
  });
}

async function step(model: StepModel, pair: number): Promise<void> {
  const sentences = PAIRS[pair % PAIRS.length]!;
  const store = useAppStore.getState();
  useAppStore.setState({ sentences: { ...sentences } });
  if (store.model !== model)
    store.setModel(model); // re-runs both sentences
  else store.runAll();
  await idle();
  const { runs } = useAppStore.getState();
  for (const slot of ['A', 'B'] as const) {
    const run = runs[slot];
    if (run.state !== 'ready') throw new Error(`sentence ${slot}: ${run.error ?? run.state}`);
  }
  await afterPaint();
}

/** Resolves when `check` holds, checking on every DOM change. */
function whenDom(check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const WORDS = ['the', 'bank', 'is', 'near', 'river', 'and', 'money', 'in', 'a', 'deposit', 'of'];

async function streaming(tokens: number): Promise<{ firstPainted: number; done: number }> {
  // First a short sentence on the big playground (builds the model; B stays empty so only A
  // runs), with layer 1, head 1 of the encoder on screen.
  useAppStore.setState({
    tab: 'attention',
    kind: 'encoder-self',
    layer: 0,
    head: 0,
    sentences: { A: PAIRS[0]!.A, B: '' },
  });
  const store = useAppStore.getState();
  if (store.model !== 'playground') store.setModel('playground');
  store.setPlayground({ layers: 12, heads: 8, dModel: 512, maxPositions: Math.max(512, tokens) });
  useAppStore.getState().runAll();
  await idle();
  await afterPaint();
  useAppStore.setState({
    sentences: {
      A: Array.from({ length: tokens }, (_, i) => WORDS[i % WORDS.length]).join(' '),
      B: '',
    },
  });
  // The heatmap of the new run is the one whose canvas has as many columns as the run has tokens
  // (the short run's canvas stays on screen, dimmed, until the new run's first layer arrives).
  const canvas = () =>
    document.querySelector<HTMLCanvasElement>('.heatmap[data-slot="A"] canvas.heatmap-canvas');
  const shortWidth = canvas()?.width;
  const t0 = performance.now();
  useAppStore.getState().runSentence('A');
  await whenDom(() => {
    const n = useAppStore.getState().runs.A.tokens.length;
    return n !== shortWidth && canvas()?.width === n;
  });
  await afterPaint();
  const firstPainted = performance.now() - t0;
  await idle();
  const run = useAppStore.getState().runs.A;
  if (run.state !== 'ready') throw new Error(`sentence A: ${run.error ?? run.state}`);
  await afterPaint();
  return { firstPainted, done: performance.now() - t0 };
}

function engine(request: EngineBenchRequest): Promise<EngineBenchResult> {
  const worker = new Worker(new URL('../../worker/bench.worker.ts', import.meta.url), {
    type: 'module',
    name: 'attention-bench',
  });
  const result = emptyEngineBenchResult();
  return new Promise((resolve) => {
    const finish = (): void => {
      worker.terminate();
      resolve(result);
    };
    worker.addEventListener('message', (event: MessageEvent<EngineBenchResponse>) => {
      const msg = event.data;
      if (msg.type === 'started') {
        result.backend = msg.backend;
        result.threads = msg.threads;
        result.startMs = msg.startMs;
        result.ownKernels = msg.ownKernels;
      } else if (msg.type === 'row') result.rows.push(msg.row);
      else if (msg.type === 'profile') result.profile = msg.profile;
      else if (msg.type === 'done') {
        result.tensorsLeft = msg.tensorsLeft;
        finish();
      } else {
        result.error = msg.message;
        finish();
      }
    });
    worker.addEventListener('error', (event) => {
      result.error = event.message || 'the benchmark worker stopped';
      finish();
    });
    worker.postMessage(request);
  });
}

/**
 * Both sentences through the app itself (the store and its engine workers): the playground at its
 * largest (12 layers, 8 heads, d_model 512), A and B of `tokens` tokens, `runs` times; ms from
 * runAll to both runs done. A short pair first builds the model (and warms a second worker up),
 * and two unmeasured rounds go before the measured ones.
 */
async function appPair(tokens: number, runs: number): Promise<number[]> {
  useAppStore.setState({ tab: 'attention', sentences: { ...PAIRS[0]! } });
  const store = useAppStore.getState();
  if (store.model !== 'playground') store.setModel('playground');
  store.setPlayground({ layers: 12, heads: 8, dModel: 512, maxPositions: Math.max(512, tokens) });
  useAppStore.getState().runAll();
  await idle();
  // The second worker's warm-up (a replay of B's run) ends soon after.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const text = (offset: number) =>
    Array.from({ length: tokens }, (_, i) => WORDS[(i + offset) % WORDS.length]).join(' ');
  useAppStore.setState({ sentences: { A: text(0), B: text(3) } });
  const times: number[] = [];
  // Two unmeasured rounds: buffers of this length in both workers, and the warm-up surely over.
  for (let r = -2; r < runs; r++) {
    const t0 = performance.now();
    useAppStore.getState().runAll();
    await idle();
    if (r >= 0) times.push(performance.now() - t0);
    const { runs: done } = useAppStore.getState();
    for (const slot of ['A', 'B'] as const)
      if (done[slot].state !== 'ready')
        throw new Error(`sentence ${slot}: ${done[slot].error ?? done[slot].state}`);
  }
  return times;
}

/** A started pair-bench worker: `send` a request and wait for its answer. */
interface PairBenchWorker {
  ask(request: PairBenchRequest): Promise<PairBenchResponse>;
  worker: Worker;
}

function pairBenchWorker(name: string): PairBenchWorker {
  const worker = new Worker(new URL('../../worker/pairBench.worker.ts', import.meta.url), {
    type: 'module',
    name,
  });
  return {
    worker,
    ask: (request) =>
      new Promise((resolve, reject) => {
        const done = (event: MessageEvent<PairBenchResponse>): void => {
          worker.removeEventListener('message', done);
          if (event.data.type === 'error') reject(new Error(event.data.message));
          else resolve(event.data);
        };
        worker.addEventListener('message', done);
        worker.postMessage(request);
      }),
  };
}

/**
 * Sentences A and B of `tokens` tokens on a BERT-base-sized encoder ('tiny' for a dry run): A then
 * B in one worker, against A and B at once in two workers, `runs` times each (alternating).
 */
async function twoWorkers(
  tokens: number,
  runs: number,
  size: 'bert-base' | 'tiny',
): Promise<TwoWorkersResult> {
  const workers = [pairBenchWorker('attention-bench-1'), pairBenchWorker('attention-bench-2')];
  try {
    const ready = [];
    for (const w of workers) ready.push(await w.ask({ type: 'build', tokens, size }));
    const result: TwoWorkersResult = {
      cores: navigator.hardwareConcurrency,
      backend: ready[0]?.type === 'ready' ? ready[0].backend : '?',
      threads: ready.map((r) => (r.type === 'ready' ? r.threads : null)),
      oneWorker: [],
      twoWorkers: [],
    };
    const forwards = (answers: PairBenchResponse[]): number[] =>
      answers.flatMap((a) => (a.type === 'done' ? a.forwardMs : []));
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const one = await workers[0]!.ask({ type: 'go', count: 2 });
      result.oneWorker.push({ wallMs: performance.now() - t0, forwardMs: forwards([one]) });
      const t1 = performance.now();
      const both = await Promise.all(workers.map((w) => w.ask({ type: 'go', count: 1 })));
      result.twoWorkers.push({ wallMs: performance.now() - t1, forwardMs: forwards(both) });
    }
    return result;
  } finally {
    for (const w of workers) w.worker.terminate();
  }
}

declare global {
  interface Window {
    __atlasBrowserBench?: {
      idle: typeof idle;
      step: typeof step;
      streaming: typeof streaming;
      engine: typeof engine;
      twoWorkers: typeof twoWorkers;
      appPair: typeof appPair;
    };
  }
}

window.__atlasBrowserBench = { idle, step, streaming, engine, twoWorkers, appPair };
