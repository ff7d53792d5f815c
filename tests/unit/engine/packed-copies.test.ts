/**
 * What the loader's memory rule (src/loader/hf/size.ts, `packedParameters`) rests on: on
 * tfjs-wasm, the first matmul by a weight matrix makes the matmul library (XNNPACK) keep a packed
 * copy of it in the wasm heap, about as big as the matrix, for as long as the weight lives; a
 * second matmul by the same weights adds nothing. Should a tfjs update stop doing this, the rule
 * overstates the engine's memory and this test says so.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine';
import { backendMemory } from '../../../src/engine/wasm-kernels/host';

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

const heapBytes = (): number => backendMemory(tf.backend() as BackendWasm)!.buffer.byteLength;

describe('packed copies of matmul weights (tfjs-wasm)', () => {
  it('the first matmul by each weight grows the heap by about its size, the second by nothing', async () => {
    const count = 6;
    const [k, n] = [1024, 2048]; // 8 MiB of float32 each
    const weights = Array.from({ length: count }, () => tf.randomNormal([k, n]) as tf.Tensor2D);
    const x = tf.randomNormal([8, k]) as tf.Tensor2D;
    const multiplyAll = async () => {
      for (const w of weights) {
        const y = tf.matMul(x, w); // [8, k] x [k, n] -> [8, n]
        await y.data();
        y.dispose();
      }
    };
    const before = heapBytes();
    await multiplyAll();
    const once = heapBytes();
    await multiplyAll();
    const twice = heapBytes();
    const matrices = count * k * n * 4;
    expect(once - before).toBeGreaterThan(0.8 * matrices);
    expect(once - before).toBeLessThan(1.5 * matrices);
    expect(twice).toBe(once);
    tf.dispose([...weights, x]);
  });
});
