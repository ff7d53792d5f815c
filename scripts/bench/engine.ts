/**
 * Engine benchmark (Node, tfjs wasm SIMD, one thread): a BERT-base-sized random encoder
 * (12 layers, d_model 768, 12 heads, d_ff 3072) run with every attention weight read back,
 * at 32, 128 and 512 tokens. Prints medians, GFLOP/s, the GFLOP/s of one large plain matmul on
 * the same backend in the same run, their ratio, and the time until the first layer's weights
 * arrive (results stream layer by layer). The procedure is src/engine/benchmark.ts, the same one
 * the browser benchmark (scripts/bench/browser.ts) runs in a worker. A script, not a test: it
 * prints, it does not assert.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/index.ts';
import { BERT_BASE_SIZED, benchEngine, medianOf } from '../../src/engine/benchmark.ts';
import {
  erfGeluKernelActive,
  setErfGeluKernelEnabled,
} from '../../src/engine/gelu/erfGeluKernel.ts';

const LENGTHS = (process.env.BENCH_LENGTHS ?? '32,128,512').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * FFN activations measured: ReLU (Vaswani et al.) and exact GELU (BERT), which runs the engine's
 * SIMD kernel (src/engine/gelu) on wasm. `gelu-ops` is exact GELU as tfjs's own three passes (erf,
 * add, mul), the way it ran before the kernel: add it to BENCH_ACTIVATIONS to compare.
 */
type BenchActivation = 'relu' | 'gelu' | 'gelu-ops';
const ACTIVATIONS = (process.env.BENCH_ACTIVATIONS ?? 'relu,gelu').split(',') as BenchActivation[];

async function main(): Promise<void> {
  const backend = await initBackend({ preferred: ['wasm'] });
  console.log(`backend: ${backend.name} (SIMD), threads: ${backend.threads ?? 1}`);
  for (const activation of ACTIVATIONS) {
    setErfGeluKernelEnabled(activation !== 'gelu-ops');
    const how = activation === 'relu' ? '' : erfGeluKernelActive() ? ' (SIMD kernel)' : ' (tf ops)';
    console.log(
      `\n12 layers, d_model 768, 12 heads, d_ff 3072, FFN ${activation}${how}; medians of ${RUNS} runs`,
    );
    console.log(
      'tokens | forward ms (median) | first layer ms | GFLOP/s | plain matmul GFLOP/s | ratio',
    );
    await benchEngine({
      config: { ...BERT_BASE_SIZED, activation: activation === 'relu' ? 'relu' : 'gelu' },
      lengths: LENGTHS,
      runs: RUNS,
      onRow: (r) =>
        console.log(
          `${String(r.tokens).padStart(6)} | ${medianOf(r.forwardMs).toFixed(1).padStart(19)} | ${medianOf(r.firstLayerMs).toFixed(1).padStart(14)} | ${r.gflops.toFixed(2).padStart(7)} | ${r.plainGflops.toFixed(2).padStart(20)} | ${r.ratio.toFixed(2)}`,
        ),
    });
    console.log(`tensors left after dispose: ${tf.memory().numTensors}`);
  }
}

void main();
