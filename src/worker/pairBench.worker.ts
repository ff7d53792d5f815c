/// <reference lib="webworker" />
/**
 * One side of the two-worker benchmark (scripts/bench/two-workers.ts): a BERT-base-sized random
 * encoder built on the app's wasm backend (its own thread choice), then forwards on demand, every
 * attention weight read back as the app's worker does. The page starts one or two of these and
 * times "A then B in one worker" against "A and B at once in two". Created only by the `?bench`
 * hook (src/views/bench/browserBench.ts).
 *
 * page → worker: { type: 'build', tokens, size } once, then { type: 'go', count } any number of
 * times; worker → page: 'ready' (after a warm-up forward), then 'done' with each forward's ms.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend } from '../engine';
import { BERT_BASE_SIZED } from '../engine/benchmark';
import { createPlaygroundWeights } from '../engine/playground';
import { createModel } from '../engine/transformer';
import type { AttentionModel, TransformerConfig } from '../engine/types';

declare const self: DedicatedWorkerGlobalScope;

export type PairBenchRequest =
  /** 'tiny': 2 layers, d_model 64 (a dry run of the procedure); 'bert-base': the figure. */
  { type: 'build'; tokens: number; size: 'bert-base' | 'tiny' } | { type: 'go'; count: number };

export type PairBenchResponse =
  | { type: 'ready'; backend: string; threads: number | null }
  | { type: 'done'; forwardMs: number[] }
  | { type: 'error'; message: string };

/** What `twoWorkers` measured: wall times of the pair, each run, in ms. */
export interface TwoWorkersResult {
  cores: number;
  backend: string;
  /** wasm threads each worker uses. */
  threads: (number | null)[];
  /** A then B in one worker: wall time, and the two forwards' own times. */
  oneWorker: { wallMs: number; forwardMs: number[] }[];
  /** A and B at once in two workers. */
  twoWorkers: { wallMs: number; forwardMs: number[] }[];
}

const TINY: TransformerConfig = {
  ...BERT_BASE_SIZED,
  dModel: 64,
  numHeads: 4,
  numLayers: 2,
  dFF: 256,
};

let model: AttentionModel | null = null;
let ids: number[] = [];

function post(message: PairBenchResponse): void {
  self.postMessage(message);
}

/** One forward with every layer's weights read back (the run does that), in ms. */
async function forward(): Promise<number> {
  if (!model) throw new Error('no model built');
  const start = performance.now();
  await model.run({ sourceIds: ids });
  return performance.now() - start;
}

self.addEventListener('message', (event: MessageEvent<PairBenchRequest>) => {
  const request = event.data;
  void (async () => {
    try {
      if (request.type === 'build') {
        const info = await initBackend({
          preferred: ['wasm'],
          threads: 'auto',
          wasmPaths: {
            'tfjs-backend-wasm.wasm': wasmPlain,
            'tfjs-backend-wasm-simd.wasm': wasmSimd,
            'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
          },
        });
        const config = request.size === 'tiny' ? TINY : BERT_BASE_SIZED;
        model = createModel(config, createPlaygroundWeights(config, 7));
        ids = Array.from({ length: request.tokens }, (_, i) => (i * 37) % config.vocabSize);
        await forward(); // warm-up: kernels and buffers
        post({ type: 'ready', backend: info.name, threads: info.threads ?? null });
      } else {
        const forwardMs: number[] = [];
        for (let i = 0; i < request.count; i++) forwardMs.push(await forward());
        post({ type: 'done', forwardMs });
      }
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
