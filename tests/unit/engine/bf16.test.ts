/**
 * bfloat16 weights widened on upload (src/engine/wasm-kernels/bf16.wat through uploadWeight):
 * every value exactly the float32 whose top half the word is, plain and turned (nn.Linear), odd
 * counts and unaligned views included; other shapes and the kernel turned off take the JS path
 * with the same numbers; nothing leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bf16Values, initBackend } from '../../../src/engine';
import { uploadWeight } from '../../../src/engine/ops';
import { setWasmKernelsEnabled, wasmKernelActive } from '../../../src/engine/wasm-kernels/host';
import { mulberry32 } from '../../../src/lib/random';

/** n bfloat16 words of random floats, in a buffer at byte `offset` (2: not 4-aligned). */
function words(n: number, seed: number, offset = 0): Uint16Array {
  const rand = mulberry32(seed);
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  const out = new Uint16Array(new ArrayBuffer(offset + 2 * n), offset, n);
  for (let i = 0; i < n; i++) {
    f[0] = (rand() - 0.5) * 8;
    out[i] = bits[0]! >>> 16;
  }
  return out;
}

const widened = (w: Uint16Array): Float32Array =>
  new Float32Array(Uint32Array.from(w, (x) => x << 16).buffer);

function turned(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

afterEach(() => setWasmKernelsEnabled(true));

describe('bfloat16 upload', () => {
  it('runs in wasm on tfjs-wasm', () => {
    expect(wasmKernelActive('bf16')).toBe(true);
  });

  for (const [n, offset] of [
    [8, 0],
    [13, 0],
    [64, 2],
    [1001, 2],
  ] as const)
    it(`${n} values${offset ? ', unaligned' : ''}: exactly their float32`, async () => {
      const w = words(n, n, offset);
      const before = tf.memory().numTensors;
      const t = uploadWeight({ shape: [n], data: new Bf16Values(w) });
      expect(await t.data()).toEqual(widened(w));
      t.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

  for (const [out, inp] of [
    [4, 4],
    [36, 68],
    [64, 20],
  ] as const)
    it(`nn.Linear [${out}][${inp}] held as bfloat16 uploads as float32 [${inp}][${out}]`, async () => {
      const w = words(out * inp, out + inp);
      const t = uploadWeight({ shape: [inp, out], data: new Bf16Values(w), transposed: true });
      expect(t.shape).toEqual([inp, out]);
      expect(await t.data()).toEqual(turned(widened(w), out, inp));
      t.dispose();
    });

  it('sides that are not multiples of 4, and the kernels off, give the same numbers in JS', async () => {
    const w = words(6 * 10, 3);
    const a = uploadWeight({ shape: [10, 6], data: new Bf16Values(w), transposed: true });
    expect(await a.data()).toEqual(turned(widened(w), 6, 10));
    setWasmKernelsEnabled(false);
    const v = words(24, 4);
    const b = uploadWeight({ shape: [4, 6], data: new Bf16Values(v), transposed: true });
    expect(await b.data()).toEqual(turned(widened(v), 6, 4));
    tf.dispose([a, b]);
  });
});
