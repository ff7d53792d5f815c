/**
 * readInto copies a tensor's values to the given place of the caller's array and touches nothing
 * else: from the wasm heap on wasm, through data() elsewhere.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine';
import { readInto } from '../../../src/engine/readback';

describe('readInto', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  for (const backend of ['wasm', 'cpu']) {
    it(`${backend}: writes exactly the tensor's values at the offset`, async () => {
      await tf.setBackend(backend);
      const values = Float32Array.from({ length: 12 }, (_, i) => i * 1.5 - 4);
      const t = tf.tensor2d(values, [3, 4]);
      const target = new Float32Array(20).fill(-99);
      await readInto(t, target, 5);
      t.dispose();
      expect(Array.from(target.subarray(0, 5))).toEqual([-99, -99, -99, -99, -99]);
      expect(Array.from(target.subarray(5, 17))).toEqual(Array.from(values));
      expect(Array.from(target.subarray(17))).toEqual([-99, -99, -99]);
    });
  }

  it('wasm: reads a tensor made by an op after the heap has grown', async () => {
    await tf.setBackend('wasm');
    const a = tf.range(0, 1000, 1, 'float32');
    const b = tf.mul(a, 2);
    const big = tf.zeros([32, 1024, 1024]); // 128 MB: the heap grows, old views are stale
    const target = new Float32Array(1000);
    await readInto(b, target, 0);
    tf.dispose([a, b, big]);
    expect(target[999]).toBe(1998);
    expect(target[1]).toBe(2);
  });
});
