/**
 * Hook of the browser benchmark (scripts/bench/browser.ts). Its own chunk, loaded only when the
 * page URL has `?bench` (see main.tsx): normal visitors never download or run it.
 *
 * `window.__atlasBrowserBench`:
 *  - `idle()`: resolves once no sentence is running;
 *  - `step(model, pair)`: puts demo sentence pair `pair` (0 or 1) in A and B, picks `model`
 *    ('translator' or 'playground'), runs both sentences through the app's engine worker, and
 *    resolves after the frame that shows both results (rejects with the run's error);
 *  - `engine(request)`: runs the engine benchmark in a fresh worker of its own
 *    (src/worker/bench.worker.ts) and resolves with its figures.
 */
import { useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import type { EngineBenchRequest, EngineBenchResponse } from '../../worker/bench.worker';

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

interface EngineBenchResult {
  backend: string | null;
  threads: number | null;
  startMs: number | null;
  rows: Extract<EngineBenchResponse, { type: 'row' }>['row'][];
  tensorsLeft: number | null;
  error: string | null;
}

function engine(request: EngineBenchRequest): Promise<EngineBenchResult> {
  const worker = new Worker(new URL('../../worker/bench.worker.ts', import.meta.url), {
    type: 'module',
    name: 'attention-bench',
  });
  const result: EngineBenchResult = {
    backend: null,
    threads: null,
    startMs: null,
    rows: [],
    tensorsLeft: null,
    error: null,
  };
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
      } else if (msg.type === 'row') result.rows.push(msg.row);
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

declare global {
  interface Window {
    __atlasBrowserBench?: { idle: typeof idle; step: typeof step; engine: typeof engine };
  }
}

window.__atlasBrowserBench = { idle, step, engine };
