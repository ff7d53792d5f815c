/**
 * The SIMD transpose kernel (src/engine/wasm-kernels/transpose.wat) that turns checkpoint weights
 * when a model is built: on tfjs-wasm it moves every value exactly where a transpose puts it, for
 * blocks inside one 32×32 tile, across tiles and at ragged tile edges; other shapes and backends
 * use tf.transpose; nothing leaks; a weight held transposed uploads as the engine's layout.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine';
import { uploadWeight } from '../../../src/engine/ops';
import { setWasmKernelsEnabled, wasmKernelActive } from '../../../src/engine/wasm-kernels/host';
import { transpose2d } from '../../../src/engine/wasm-kernels/transpose';

/** [rows][cols] holding its own index, so any misplaced value shows. */
const indexed = (rows: number, cols: number): Float32Array =>
  Float32Array.from({ length: rows * cols }, (_, i) => i);

function expected(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

afterEach(() => setWasmKernelsEnabled(true));

describe('transpose kernel', () => {
  it('runs on tfjs-wasm', () => {
    expect(wasmKernelActive('transpose')).toBe(true);
  });

  for (const [rows, cols] of [
    [4, 4],
    [8, 32],
    [32, 8],
    [36, 68],
    [128, 12],
    [64, 100],
  ] as const)
    it(`[${rows}, ${cols}]: every value where a transpose puts it`, async () => {
      const data = indexed(rows, cols);
      const before = tf.memory().numTensors;
      const x = tf.tensor2d(data, [rows, cols]);
      const y = transpose2d(x);
      expect(y.shape).toEqual([cols, rows]);
      expect(await y.data()).toEqual(expected(data, rows, cols));
      tf.dispose([x, y]);
      expect(tf.memory().numTensors).toBe(before);
    });

  it('sides that are not multiples of 4, and the kernel turned off, use tf.transpose', async () => {
    const data = indexed(6, 10);
    const x = tf.tensor2d(data, [6, 10]);
    const y = transpose2d(x);
    expect(await y.data()).toEqual(expected(data, 6, 10));
    setWasmKernelsEnabled(false);
    const z = transpose2d(tf.tensor2d(indexed(8, 8), [8, 8]));
    expect(await z.data()).toEqual(expected(indexed(8, 8), 8, 8));
    tf.dispose([x, y, z]);
  });

  it('a weight held as nn.Linear [out][in] uploads as [in][out]', async () => {
    const data = indexed(12, 20); // [out 12][in 20]
    const w = uploadWeight({ shape: [20, 12], data, transposed: true });
    expect(w.shape).toEqual([20, 12]);
    expect(await w.data()).toEqual(expected(data, 12, 20));
    w.dispose();
  });
});
