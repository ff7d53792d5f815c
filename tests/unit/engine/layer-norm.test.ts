/**
 * The SIMD LayerNorm kernel (src/engine/wasm-kernels/layer-norm.wat): on tfjs-wasm it gives exactly
 * the float32 numbers its summation order gives (replayed in JavaScript), agrees with tf ops and
 * with float64, falls back to tf ops where it cannot run, and leaks nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { layerNorm32 } from '../../../scripts/wasm-kernels/replay';
import { initBackend } from '../../../src/engine';
import { setWasmKernelsEnabled, wasmKernelActive } from '../../../src/engine/wasm-kernels/host';
import { layerNorm } from '../../../src/engine/wasm-kernels/layerNorm';
import { mulberry32 } from '../../../src/lib/random';

function randomArray(n: number, seed: number, scale = 1, shift = 0): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (rand() * 2 - 1) * scale + shift);
}

async function run(
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  rows: number,
  cols: number,
  eps: number,
): Promise<Float32Array> {
  const tensors = [tf.tensor2d(x, [rows, cols]), tf.tensor1d(gamma), tf.tensor1d(beta)] as const;
  const y = layerNorm(tensors[0], tensors[1], tensors[2], eps);
  const out = (await y.data()) as Float32Array;
  tf.dispose([...tensors, y]);
  return out;
}

/** Float64 LayerNorm, the biased variance. */
function reference(x: Float32Array, g: Float32Array, b: Float32Array, cols: number, eps: number) {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length / cols; i++) {
    const row = Array.from(x.subarray(i * cols, (i + 1) * cols));
    const mean = row.reduce((a, v) => a + v, 0) / cols;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / cols;
    row.forEach((v, j) => {
      out[i * cols + j] = ((v - mean) / Math.sqrt(variance + eps)) * g[j]! + b[j]!;
    });
  }
  return out;
}

const CASES = [
  { rows: 5, cols: 768, eps: 1e-12, scale: 3, shift: 0.5 },
  { rows: 17, cols: 64, eps: 1e-5, scale: 1, shift: 0 },
  { rows: 1, cols: 4, eps: 1e-6, scale: 100, shift: 40 },
  { rows: 3, cols: 512, eps: 1e-5, scale: 0.01, shift: 1000 }, // large mean, small spread
];

describe('LayerNorm kernel', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });
  afterEach(async () => {
    setWasmKernelsEnabled(true);
    await tf.setBackend('wasm');
  });

  it('is active on tfjs-wasm in Node', () => {
    expect(wasmKernelActive('layer-norm')).toBe(true);
  });

  for (const [k, c] of CASES.entries()) {
    it(`[${c.rows}, ${c.cols}], eps ${c.eps}: exactly the replayed float32 numbers`, async () => {
      const x = randomArray(c.rows * c.cols, 10 + k, c.scale, c.shift);
      const gamma = randomArray(c.cols, 20 + k, 1, 1);
      const beta = randomArray(c.cols, 30 + k);
      const got = await run(x, gamma, beta, c.rows, c.cols, c.eps);
      const want = layerNorm32(x, gamma, beta, c.rows, c.cols, c.eps);
      let mismatches = 0;
      for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) mismatches++;
      expect(mismatches).toBe(0);

      // And as close to float64 as tfjs's own ops get (a large mean costs both float32 digits).
      setWasmKernelsEnabled(false);
      const ops = await run(x, gamma, beta, c.rows, c.cols, c.eps);
      const exact = reference(x, gamma, beta, c.cols, c.eps);
      const worst = (y: Float32Array): number =>
        y.reduce((m, v, i) => Math.max(m, Math.abs(v - exact[i]!)), 0);
      expect(worst(got)).toBeLessThanOrEqual(Math.max(2e-5, 1.5 * worst(ops)));
    });
  }

  it('agrees with the tf-ops path on wasm and cpu within 2e-5', async () => {
    const [rows, cols, eps] = [9, 96, 1e-5];
    const x = randomArray(rows * cols, 3, 4, -1);
    const gamma = randomArray(cols, 4, 1, 1);
    const beta = randomArray(cols, 5);
    const kernel = await run(x, gamma, beta, rows, cols, eps);
    setWasmKernelsEnabled(false);
    expect(wasmKernelActive('layer-norm')).toBe(false);
    const opsWasm = await run(x, gamma, beta, rows, cols, eps);
    setWasmKernelsEnabled(true);
    await tf.setBackend('cpu');
    expect(wasmKernelActive('layer-norm')).toBe(false);
    const opsCpu = await run(x, gamma, beta, rows, cols, eps);
    for (const ops of [opsWasm, opsCpu]) {
      let worst = 0;
      for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(kernel[i]! - ops[i]!));
      expect(worst).toBeLessThan(2e-5);
      expect(worst).toBeGreaterThan(0); // a different summation order: not the same code path
    }
  });

  it('uses tf ops for a row length that is not a multiple of 4 (same numbers as ops)', async () => {
    const [rows, cols, eps] = [4, 6, 1e-5];
    const x = randomArray(rows * cols, 8);
    const gamma = randomArray(cols, 9, 1, 1);
    const beta = randomArray(cols, 10);
    const viaLayerNorm = await run(x, gamma, beta, rows, cols, eps);
    setWasmKernelsEnabled(false);
    const ops = await run(x, gamma, beta, rows, cols, eps);
    expect(Array.from(viaLayerNorm)).toEqual(Array.from(ops));
  });

  it('leaks no tensor', () => {
    const x = tf.randomNormal([7, 32]) as tf.Tensor2D;
    const g = tf.ones([32]) as tf.Tensor1D;
    const b = tf.zeros([32]) as tf.Tensor1D;
    const start = tf.memory().numTensors;
    tf.tidy(() => {
      layerNorm(x, g, b, 1e-5);
    });
    layerNorm(x, g, b, 1e-5).dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([x, g, b]);
  });
});
