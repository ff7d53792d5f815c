/**
 * The SIMD GELU kernel (src/engine/wasm-kernels/erf-gelu.wat): on tfjs-wasm it gives exactly the
 * float32 numbers its formula gives (replayed in JavaScript) and erf within 6.6e-8 of the float64
 * reference; it survives tails, memory growth and odd values; it leaks nothing; and a model's
 * attention weights match those of the tf-ops path it replaces.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { watSources } from '../../../scripts/wasm-kernels/compile-wat';
import {
  erfGelu32,
  readWatCoefficients,
  type ErfCoefficients,
} from '../../../scripts/wasm-kernels/replay';
import { createModel, createPlaygroundWeights, initBackend } from '../../../src/engine';
import { erfGelu } from '../../../src/engine/wasm-kernels/erfGelu';
import { setWasmKernelsEnabled, wasmKernelActive } from '../../../src/engine/wasm-kernels/host';
import { refErf } from '../reference/reference';
import { makeConfig } from './helpers';

const coefficients: ErfCoefficients = readWatCoefficients(watSources().get('erf-gelu')!);

/** Every 1/1024 on [−8, 8], the edges of the pieces, and values past the clamp. */
function sampleInputs(): Float32Array {
  const values: number[] = [];
  for (let i = -8192; i <= 8192; i++) values.push(i / 1024);
  for (const edge of [1, 4]) {
    const below = Math.fround(edge - 2 ** -23);
    values.push(edge, below, -edge, -below);
  }
  values.push(1e-30, -1e-30, 1e-7, 37.5, -37.5, 3e38, -3e38);
  return Float32Array.from(values);
}

async function kernelOn(values: Float32Array, shape: [number, number]): Promise<Float32Array> {
  const x = tf.tensor2d(values, shape);
  const y = erfGelu(x);
  const out = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return out;
}

describe('erf GELU kernel', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });
  afterEach(async () => {
    setWasmKernelsEnabled(true);
    await tf.setBackend('wasm');
  });

  it('reads seven coefficients for each of S, P and Q from the .wat', () => {
    expect([coefficients.s.length, coefficients.p.length, coefficients.q.length]).toEqual([
      7, 7, 7,
    ]);
    expect(coefficients.q[0]).toBe(1);
  });

  it('is active on tfjs-wasm in Node', () => {
    expect(wasmKernelActive('erf-gelu')).toBe(true);
  });

  it('gives exactly the float32 numbers of its formula, replayed step by step', async () => {
    const inputs = sampleInputs();
    const got = await kernelOn(inputs, [1, inputs.length]);
    let mismatches = 0;
    let first = '';
    for (let i = 0; i < inputs.length; i++) {
      const want = erfGelu32(inputs[i]!, coefficients);
      if (!Object.is(got[i], want)) {
        mismatches++;
        first ||= `h = ${inputs[i]}: kernel ${got[i]}, replay ${want}`;
      }
    }
    expect(first).toBe('');
    expect(mismatches).toBe(0);
  });

  it('has erf within 6.6e-8 of the float64 reference, so GELU within |h|·6.6e-8 + rounding', async () => {
    const inputs = sampleInputs().filter((h) => Math.abs(h) < 1e6);
    const got = await kernelOn(inputs, [1, inputs.length]);
    let worst = 0;
    for (let i = 0; i < inputs.length; i++) {
      const h = inputs[i]!;
      const exact = h * (1 + refErf(h));
      const allowed = Math.abs(h) * 6.6e-8 + Math.abs(exact) * 2 ** -24;
      if (got[i] !== exact) worst = Math.max(worst, Math.abs(got[i]! - exact) / allowed);
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('keeps NaN as NaN, +∞ as +∞, and reaches exactly 2h and −0 past |h| = 4', async () => {
    const odd = [NaN, Infinity, 5, -5, 1000, -1000];
    const got = await kernelOn(Float32Array.from([...odd, ...odd]), [2, 6]); // 12: the kernel
    for (const at of [0, 6]) {
      expect(Number.isNaN(got[at])).toBe(true);
      expect(got[at + 1]).toBe(Infinity);
      expect([got[at + 2], got[at + 4]]).toEqual([10, 2000]);
      expect(Object.is(got[at + 3], -0) && Object.is(got[at + 5], -0)).toBe(true);
    }
  });

  it('covers every length from 12 on, whatever n mod 12, and leaves the rest to tf ops', async () => {
    for (let n = 0; n <= 40; n++) {
      const values = Float32Array.from({ length: n }, (_, i) => (i - 20) * 0.37);
      const got = await kernelOn(values, [1, n]);
      setWasmKernelsEnabled(false);
      const ops = await kernelOn(values, [1, n]);
      setWasmKernelsEnabled(true);
      const replay = Array.from(values, (h) => erfGelu32(h, coefficients));
      // Below 12 values the kernel does not run: the numbers are tf ops' own.
      expect(Array.from(got), `n = ${n}`).toEqual(n < 12 ? Array.from(ops) : replay);
    }
  });

  it('still works after the backend memory has grown', async () => {
    const values = Float32Array.from({ length: 1001 }, (_, i) => Math.sin(i) * 5);
    const before = await kernelOn(values, [7, 143]);
    const big = tf.zeros([64, 1024, 1024]); // 256 MB: the wasm memory must grow to hold it
    const after = await kernelOn(values, [7, 143]);
    big.dispose();
    expect(Array.from(after)).toEqual(Array.from(before));
  });

  it('leaks no tensor, inside tidy or out', () => {
    const start = tf.memory().numTensors;
    const x = tf.randomNormal([33, 65]);
    tf.tidy(() => {
      erfGelu(x as tf.Tensor2D); // made and dropped inside tidy
    });
    erfGelu(x as tf.Tensor2D).dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('agrees with the tf-ops path it replaces, on wasm and on cpu', async () => {
    const values = Float32Array.from({ length: 4096 }, (_, i) => Math.sin(i * 0.37) * 6);
    const kernel = await kernelOn(values, [64, 64]);
    setWasmKernelsEnabled(false);
    expect(wasmKernelActive('erf-gelu')).toBe(false);
    const opsWasm = await kernelOn(values, [64, 64]);
    await tf.setBackend('cpu');
    expect(wasmKernelActive('erf-gelu')).toBe(false);
    setWasmKernelsEnabled(true);
    const opsCpu = await kernelOn(values, [64, 64]);
    for (const [name, ops] of [
      ['wasm ops', opsWasm],
      ['cpu ops', opsCpu],
    ] as const) {
      let worst = 0;
      for (let i = 0; i < values.length; i++)
        worst = Math.max(worst, Math.abs(kernel[i]! - ops[i]!) / Math.max(1, Math.abs(values[i]!)));
      // tfjs's erf: libm on wasm (measured 1.9e-7 apart), Abramowitz–Stegun (1.5e-7 on its own)
      // on cpu (4.3e-7 apart).
      expect(worst, name).toBeLessThan(name === 'wasm ops' ? 2.5e-7 : 5e-7);
    }
  });

  it("leaves a GELU model's attention weights as the tf-ops path gives them (within 1e-6)", async () => {
    const config = makeConfig({
      architecture: 'encoder',
      heads: 4,
      headSize: 8,
      layers: 3,
      positional: 'learned',
      activation: 'gelu',
      maxPositions: 32,
    });
    const model = createModel(config, createPlaygroundWeights(config, 5));
    const input = { sourceIds: [1, 4, 9, 16, 3, 7, 11, 2, 5, 8, 13] };
    const withKernel = await model.run(input);
    setWasmKernelsEnabled(false);
    const withOps = await model.run(input);
    model.dispose();
    expect(withKernel.stacks.length).toBe(1);
    const a = withKernel.stacks[0]!.weights;
    const b = withOps.stacks[0]!.weights;
    expect(a.length).toBe(3 * 4 * 11 * 11);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    // Different erf code, so not bit-equal: the hidden states must differ somewhere.
    expect(withKernel.hidden).not.toEqual(withOps.hidden);
    expect(worst).toBeLessThan(1e-6);
  });
});
