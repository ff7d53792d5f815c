/**
 * Checks of the float64 reference itself against published values and hand computations, so the
 * engine is compared with something known to be right.
 */
import { describe, expect, it } from 'vitest';
import type { TransformerConfig } from '../../../src/engine/types';
import {
  refAlibiSlopes,
  refErf,
  refForward,
  refGelu,
  refGeluTanh,
  refMask,
  refRandomWeights,
  refSinusoidal,
} from './reference';

describe('float64 reference', () => {
  it('erf matches high-precision values', () => {
    const table: [number, number][] = [
      [0, 0],
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [-1.5, -0.9661051464753108],
      [2, 0.9953222650189527],
      [2.5, 0.999593047982555],
      [3, 0.9999779095030014],
      [3.5, 0.9999992569016276],
      [5, 0.9999999999984626],
      [-7, -1],
    ];
    for (const [x, v] of table) expect(Math.abs(refErf(x) - v), `erf(${x})`).toBeLessThan(1e-14);
    // Continuous where the series hands over to the continued fraction.
    expect(Math.abs(refErf(3 - 1e-12) - refErf(3 + 1e-12))).toBeLessThan(1e-13);
  });

  it('GELU forms', () => {
    expect(Math.abs(refGelu(1) - 0.8413447460685429)).toBeLessThan(1e-14);
    expect(Math.abs(refGelu(-2) - -0.04550026389635842)).toBeLessThan(1e-14);
    expect(Math.abs(refGeluTanh(1) - 0.8411919906082768)).toBeLessThan(1e-14);
  });

  it('ALiBi slopes, powers of two and not', () => {
    expect(refAlibiSlopes(1)).toEqual([2 ** -8]);
    expect(refAlibiSlopes(4)).toEqual([2 ** -2, 2 ** -4, 2 ** -6, 2 ** -8]);
    expect(refAlibiSlopes(3)).toEqual([2 ** -4, 2 ** -8, 2 ** -2]);
    expect(refAlibiSlopes(6)).toEqual([2 ** -2, 2 ** -4, 2 ** -6, 2 ** -8, 2 ** -1, 2 ** -3]);
  });

  it('sinusoid table', () => {
    const pe = refSinusoidal(3, 4, 10000);
    expect(Array.from(pe.subarray(0, 4))).toEqual([0, 1, 0, 1]);
    expect(pe[4 + 0]).toBeCloseTo(Math.sin(1), 15);
    expect(pe[4 + 1]).toBeCloseTo(Math.cos(1), 15);
    expect(pe[8 + 2]).toBeCloseTo(Math.sin(2 / 100), 15);
    expect(pe[8 + 3]).toBeCloseTo(Math.cos(2 / 100), 15);
  });

  it('masks from the MaskSpec docs', () => {
    const rows = (m: ReturnType<typeof refMask>): string[] =>
      Array.from({ length: m.rows }, (_, q) =>
        Array.from(m.allowed.subarray(q * m.cols, (q + 1) * m.cols)).join(''),
      );
    expect(rows(refMask({ kind: 'dilated', radius: 1, dilation: 2 }, 5, 5))).toEqual([
      '10100',
      '01010',
      '10101',
      '01010',
      '00101',
    ]);
    expect(rows(refMask({ kind: 'global-window', radius: 0, globalTokens: [1] }, 4, 4))).toEqual([
      '1100',
      '1111',
      '0110',
      '0101',
    ]);
    expect(rows(refMask({ kind: 'padding', validLength: 2 }, 3, 3))).toEqual(['110', '110', '110']);
  });

  it('attention by hand: zero queries/keys + ALiBi give weights ∝ exp(−slope·|q−k|)', () => {
    const config: TransformerConfig = {
      architecture: 'encoder',
      vocabSize: 5,
      dModel: 2,
      numHeads: 1,
      numLayers: 1,
      dFF: 2,
      maxPositions: 8,
      positional: 'alibi',
      positionalBase: 10000,
      norm: 'post',
      activation: 'relu',
      layerNormEps: 1e-5,
      scale: { kind: 'default' },
      scaleEmbeddings: false,
    };
    const w = refRandomWeights(config, 1);
    for (const n of ['wq', 'wk', 'bq', 'bk'])
      (w.get(`encoder.0.self.${n}`)?.data as Float32Array).fill(0);
    const r = refForward(config, w, {
      sourceIds: [1, 2, 3, 4],
      mask: { kind: 'padding', validLength: 3 },
    });
    const slope = 2 ** -8;
    const stack = r.stacks[0];
    if (!stack) throw new Error('no stack');
    for (let q = 0; q < 4; q++) {
      const e = [0, 1, 2].map((k) => Math.exp(-slope * Math.abs(q - k)));
      const sum = e.reduce((a, b) => a + b, 0);
      const row = Array.from(stack.weights.subarray(q * 4, q * 4 + 4));
      [...e.map((v) => v / sum), 0].forEach((v, k) => expect(row[k]).toBeCloseTo(v, 14));
    }
  });
});
