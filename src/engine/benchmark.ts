/**
 * The engine benchmark's procedure, shared by Node (`scripts/bench/engine.ts`) and the browser
 * (`src/worker/bench.worker.ts`, driven by `scripts/bench/browser.ts`), so both print the same
 * figures measured the same way. Not exported from the engine's index: the app never loads it.
 *
 * A BERT-base-sized random encoder (12 layers, d_model 768, 12 heads, d_ff 3072) runs with every
 * attention weight read back; between forward runs, the biggest single op of the model as a plain
 * matmul ([t, 768] x [768, 3072]) gives the throughput the backend reaches on its own, so the
 * ratio of the two says how close the whole forward comes to it on the same machine, same load.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createPlaygroundWeights } from './playground';
import { createModel } from './transformer';
import type { TransformerConfig } from './types';

export const BERT_BASE_SIZED: TransformerConfig = {
  architecture: 'encoder',
  vocabSize: 1000,
  dModel: 768,
  numHeads: 12,
  numLayers: 12,
  dFF: 3072,
  maxPositions: 512,
  positional: 'learned',
  positionalBase: 10000,
  norm: 'post',
  activation: 'gelu',
  layerNormEps: 1e-12,
  scale: { kind: 'default' },
  scaleEmbeddings: false,
};

/** Multiply-adds ×2 of one forward: projections, attention (QKᵀ and AV), FFN. */
export function forwardFlops(config: TransformerConfig, t: number): number {
  const { dModel: d, dFF: f, numLayers: l } = config;
  return l * (4 * 2 * t * d * d + 2 * 2 * t * t * d + 2 * 2 * t * d * f);
}

/** The middle value (upper middle for an even count). */
export function medianOf(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export interface EngineBenchRow {
  tokens: number;
  /** Every measured forward, ms (the warm-up run is left out). */
  forwardMs: number[];
  /** Every measured time from the forward's start to its first layer's weights arriving, ms. */
  firstLayerMs: number[];
  /** Median forward throughput. */
  gflops: number;
  /** Median throughput of the plain matmul measured between the forwards. */
  plainGflops: number;
  /** gflops / plainGflops. */
  ratio: number;
}

export interface EngineBenchOptions {
  config?: TransformerConfig;
  lengths: number[];
  runs: number;
  /** Called after each length, for progress. */
  onRow?: (row: EngineBenchRow) => void;
}

/** Milliseconds of one `a x b` with the result read back. */
async function plainMatmulMs(a: tf.Tensor2D, b: tf.Tensor2D): Promise<number> {
  const start = performance.now();
  const c = tf.matMul<tf.Tensor2D>(a, b); // [t, d] x [d, f] -> [t, f]
  await c.data();
  c.dispose();
  return performance.now() - start;
}

/**
 * Runs the benchmark on the backend already set (see `initBackend`). Leaves no tensor behind.
 */
export async function benchEngine(options: EngineBenchOptions): Promise<EngineBenchRow[]> {
  const config = options.config ?? BERT_BASE_SIZED;
  const model = createModel(config, createPlaygroundWeights(config, 7));
  const rows: EngineBenchRow[] = [];
  try {
    for (const t of options.lengths) {
      const ids = Array.from({ length: t }, (_, i) => (i * 37) % config.vocabSize);
      await model.run({ sourceIds: ids }); // warm-up: kernels and buffers
      const a = tf.randomNormal<tf.Rank.R2>([t, config.dModel]);
      const b = tf.randomNormal<tf.Rank.R2>([config.dModel, config.dFF]);
      const forwardMs: number[] = [];
      const firstLayerMs: number[] = [];
      const plainMs: number[] = [];
      try {
        await plainMatmulMs(a, b);
        for (let r = 0; r < options.runs; r++) {
          for (let i = 0; i < 3; i++) plainMs.push(await plainMatmulMs(a, b));
          const start = performance.now();
          let first = 0;
          const result = await model.run(
            { sourceIds: ids },
            { onLayer: () => void (first ||= performance.now() - start) },
          );
          forwardMs.push(performance.now() - start);
          firstLayerMs.push(first);
          const expected = config.numLayers * config.numHeads * t * t;
          if (result.stacks[0]?.weights.length !== expected)
            throw new Error(`the forward at ${t} tokens did not return every attention weight`);
        }
      } finally {
        tf.dispose([a, b]);
      }
      const gflops = forwardFlops(config, t) / (medianOf(forwardMs) / 1000) / 1e9;
      const plainGflops = (2 * t * config.dModel * config.dFF) / (medianOf(plainMs) / 1000) / 1e9;
      const row: EngineBenchRow = {
        tokens: t,
        forwardMs,
        firstLayerMs,
        gflops,
        plainGflops,
        ratio: gflops / plainGflops,
      };
      rows.push(row);
      options.onRow?.(row);
    }
  } finally {
    model.dispose();
  }
  return rows;
}
