/**
 * Engine benchmark (Node, tfjs wasm SIMD, one thread): a BERT-base-sized random encoder
 * (12 layers, d_model 768, 12 heads, d_ff 3072) run with every attention weight read back,
 * at 32, 128 and 512 tokens. Prints medians, GFLOP/s, the GFLOP/s of the model's largest matmul
 * on its own on the same backend in the same run (one product, and a block as long as a forward),
 * their ratios, and the time until the first layer's weights arrive (results stream layer by
 * layer). The procedure is src/engine/benchmark.ts, the same one
 * the browser benchmark (scripts/bench/browser.ts) runs in a worker. A script, not a test: it
 * prints, it does not assert.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/engine/index.ts';
import {
  BERT_BASE_SIZED,
  benchEngine,
  ENGINE_TABLE_HEADER,
  formatEngineRow,
  formatProfile,
  profileForward,
} from '../../src/engine/benchmark.ts';
import { setWasmKernelsEnabled, wasmKernelActive } from '../../src/engine/wasm-kernels/host.ts';

const LENGTHS = (process.env.BENCH_LENGTHS ?? '32,128,512').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * FFN activations measured: ReLU (Vaswani et al.) and exact GELU (BERT). On wasm the engine runs
 * its own SIMD kernels for exact GELU and LayerNorm (src/engine/wasm-kernels); add `-ops` to a
 * name (`gelu-ops`, `relu-ops`) to run it on tfjs's ops alone, as before those kernels, to compare.
 */
const ACTIVATIONS = (process.env.BENCH_ACTIVATIONS ?? 'relu,gelu').split(',');
/** Tokens of the kernel-by-kernel profile of one forward after each activation's table (0: none). */
const PROFILE_TOKENS = Number(process.env.BENCH_PROFILE ?? 512);

async function main(): Promise<void> {
  const backend = await initBackend({ preferred: ['wasm'] });
  console.log(`backend: ${backend.name} (SIMD), threads: ${backend.threads ?? 1}`);
  for (const name of ACTIVATIONS) {
    const activation = name.replace(/-ops$/, '');
    if (activation !== 'relu' && activation !== 'gelu') throw new Error(`unknown FFN ${name}`);
    setWasmKernelsEnabled(!name.endsWith('-ops'));
    const own = wasmKernelActive('layer-norm') ? 'own wasm kernels' : 'tf ops only';
    console.log(
      `\n12 layers, d_model 768, 12 heads, d_ff 3072, FFN ${activation} (${own}); medians of ${RUNS} runs`,
    );
    console.log(ENGINE_TABLE_HEADER);
    await benchEngine({
      config: { ...BERT_BASE_SIZED, activation },
      lengths: LENGTHS,
      runs: RUNS,
      onRow: (r) => console.log(formatEngineRow(r)),
    });
    if (PROFILE_TOKENS > 0) {
      const profile = await profileForward(PROFILE_TOKENS, { ...BERT_BASE_SIZED, activation });
      for (const line of formatProfile(profile)) console.log(line);
    }
    console.log(`tensors left after dispose: ${tf.memory().numTensors}`);
  }
}

void main();
