/** Pure helpers of the teaching views (no DOM): formatting, step recomputation, masks, matching. */
import { describe, expect, it } from 'vitest';
import { softmax } from '../../../src/analysis/teach/attention';
import {
  padKeyWeightMax,
  padRowsRealShare,
  realRowsMaxDiff,
} from '../../../src/analysis/teach/padding';
import type { HeadIntermediates } from '../../../src/engine/types';
import { fixed, parseNumber, percent, short, tiny } from '../../../src/views/teach/common/format';
import {
  customStart,
  engineMask,
  galleryMask,
  gallerySpec,
  maskSpecKey,
  valuesChecksum,
} from '../../../src/views/teach/masks/masks';
import type { GallerySettings } from '../../../src/views/teach/masks/masks';
import { findToken, normalizeToken } from '../../../src/views/teach/sameword/match';
import { querySteps } from '../../../src/views/teach/steps/modelSteps';

describe('format', () => {
  it('writes numbers for learners', () => {
    expect(fixed(-Infinity)).toBe('−∞');
    expect(fixed(-0.0001, 2)).toBe('0.00');
    expect(fixed(-1.5, 1)).toBe('−1.5');
    expect(fixed(Number.NaN)).toBe('—');
    expect(short(8.0000001)).toBe('8');
    expect(short(0.6 * 10 + 0.4 * 5)).toBe('8');
    expect(tiny(0)).toBe('0');
    expect(tiny(1.23e-7)).toBe('1.2e−7');
    expect(percent(0.3878)).toBe('38.8%');
    expect(parseNumber('0,5')).toBe(0.5);
    expect(parseNumber('−2')).toBe(-2);
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
});

describe('step by step from a head’s intermediates', () => {
  // A hand-made head: 3 tokens, d_k = 2, key 2 masked for query 0, with an ALiBi-like bias.
  const n = 3;
  const dh = 2;
  const q = [1, 0, 0, 1, 1, 1];
  const k = [1, 0, 0, 1, 0.5, 0.5];
  const v = [1, 2, 3, 4, 5, 6];
  const scale = 1 / Math.sqrt(dh);
  const raw: number[] = [];
  const scaled: number[] = [];
  const masked: number[] = [];
  const weights: number[] = [];
  const output: number[] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const r = q[i * dh]! * k[j * dh]! + q[i * dh + 1]! * k[j * dh + 1]!;
      raw.push(r);
      const s = r * scale - 0.25 * Math.abs(i - j);
      scaled.push(s);
      const m = i === 0 && j === 2 ? -Infinity : s;
      masked.push(m);
      row.push(m);
    }
    const w = softmax(row);
    weights.push(...w);
    for (let c = 0; c < dh; c++) output.push(w.reduce((a, x, j) => a + x * v[j * dh + c]!, 0));
  }
  const inter: HeadIntermediates = {
    kind: 'encoder-self',
    layer: 0,
    head: 0,
    queryLength: n,
    keyLength: n,
    headSize: dh,
    q: Float32Array.from(q),
    k: Float32Array.from(k),
    v: Float32Array.from(v),
    rawScores: Float32Array.from(raw),
    scaledScores: Float32Array.from(scaled),
    maskedScores: Float32Array.from(masked),
    weights: Float32Array.from(weights),
    output: Float32Array.from(output),
    scale,
  };

  it('recomputes the engine’s numbers (bias and mask included)', () => {
    const steps = querySteps(inter, 0);
    expect(steps.bias).not.toBeNull();
    expect(steps.page.weights[2]).toBe(0);
    expect(steps.diff.scores).toBeLessThan(1e-6);
    expect(steps.diff.weights).toBeLessThan(1e-6);
    expect(steps.diff.output).toBeLessThan(1e-6);
    expect(steps.page.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('masks gallery', () => {
  const settings = (radius: number): GallerySettings => ({
    radius,
    dilation: 2,
    randomPerRow: 1,
    seed: 42,
    globalTokens: [0],
    validLength: 5,
    custom: { size: 7, allowed: customStart(7, 'diagonal') },
  });
  const pairs = (kind: Parameters<typeof galleryMask>[0], radius: number): number =>
    galleryMask(kind, settings(radius), 7, 7).allowed.reduce((a, b) => a + b, 0);

  it('the sliding window’s attended pairs grow with its width', () => {
    expect(pairs('window', 0)).toBe(7);
    expect(pairs('window', 1)).toBe(19);
    expect(pairs('window', 2)).toBe(29);
    expect(pairs('window', 6)).toBe(49);
  });

  it('counts of the other recipes', () => {
    expect(pairs('none', 1)).toBe(49);
    expect(pairs('causal', 1)).toBe(28);
    expect(pairs('padding', 1)).toBe(35); // 7 rows × 5 real keys
    expect(pairs('custom', 1)).toBe(7);
    expect(pairs('global-window', 1)).toBe(19 + 2 * 5); // + first row and column outside the band
    expect(pairs('bigbird', 1)).toBeGreaterThan(pairs('global-window', 1));
  });

  it('gives the engine a mask spec per recipe (custom: the edited matrix and its size)', () => {
    const set = settings(2);
    expect(gallerySpec('window', set)).toEqual({ kind: 'window', radius: 2 });
    expect(gallerySpec('dilated', set)).toEqual({ kind: 'dilated', radius: 2, dilation: 2 });
    expect(gallerySpec('bigbird', set)).toEqual({
      kind: 'bigbird',
      radius: 2,
      globalTokens: [0],
      randomPerRow: 1,
      seed: 42,
    });
    const custom = gallerySpec('custom', set);
    expect(custom.kind).toBe('custom');
    if (custom.kind === 'custom') {
      expect(custom.size).toBe(7);
      expect(custom.allowed).toBe(set.custom.allowed);
    }
  });

  it('keys a spec by its contents (a toggled custom cell is a new key)', () => {
    const a = customStart(3, 'causal');
    const b = a.slice();
    expect(maskSpecKey({ kind: 'custom', size: 3, allowed: a })).toBe(
      maskSpecKey({ kind: 'custom', size: 3, allowed: b }),
    );
    b[2] = 1;
    expect(maskSpecKey({ kind: 'custom', size: 3, allowed: a })).not.toBe(
      maskSpecKey({ kind: 'custom', size: 3, allowed: b }),
    );
    expect(maskSpecKey({ kind: 'window', radius: 1 })).not.toBe(
      maskSpecKey({ kind: 'window', radius: 2 }),
    );
  });

  it('draws the mask the engine uses on the chosen attention', () => {
    const rowsOf = (m: { rows: number; cols: number; allowed: Uint8Array }) =>
      Array.from({ length: m.rows }, (_, q) =>
        Array.from(m.allowed.subarray(q * m.cols, (q + 1) * m.cols)).join(''),
      );
    const set = settings(1);
    // Encoder self-attention: the window as it is.
    expect(rowsOf(engineMask('window', set, 'encoder-decoder', 'encoder-self', 4, 4))).toEqual([
      '1100',
      '1110',
      '0111',
      '0011',
    ]);
    // Decoder self-attention: the window ANDed with causal.
    expect(rowsOf(engineMask('window', set, 'encoder-decoder', 'decoder-self', 4, 4))).toEqual([
      '1000',
      '1100',
      '0110',
      '0011',
    ]);
    expect(rowsOf(engineMask('none', set, 'decoder', 'decoder-self', 3, 3))).toEqual([
      '100',
      '110',
      '111',
    ]);
    // Cross-attention: decoder rows × encoder columns (here 2 × 4).
    expect(rowsOf(engineMask('window', set, 'encoder-decoder', 'cross', 2, 4))).toEqual([
      '1100',
      '1110',
    ]);
  });

  it('checksums the shown numbers', () => {
    const w = [0.5, 0.5, 1, 0];
    expect(valuesChecksum(w)).toMatch(/^[0-9a-f]{8}$/);
    expect(valuesChecksum(Float32Array.from(w))).toBe(valuesChecksum(w));
    expect(valuesChecksum([0.5, 0.5, 0, 1])).not.toBe(valuesChecksum(w));
    expect(valuesChecksum([-Infinity, 1])).not.toBe(valuesChecksum([Number.NaN, 1]));
    expect(valuesChecksum([0.50001])).toBe(valuesChecksum([0.5])); // rounded to 4 decimals
  });
});

describe('padding read-outs', () => {
  // 3 rows × 4 keys, the last key and the last row are [PAD].
  const padded = [0.5, 0.5, 0, 0, 0.25, 0.75, 0, 0, 0.1, 0.2, 0.7, 0];
  const padded4 = [0.5, 0.5, 0, 0, 0.25, 0.75, 0, 0, 0.1, 0.2, 0.6, 0.1];

  it('finds the largest weight on a [PAD] key', () => {
    expect(padKeyWeightMax(padded, 3, 4, 3)).toBe(0);
    expect(padKeyWeightMax(padded4, 3, 4, 3)).toBe(0.1);
  });

  it('compares the real rows with the unpadded run', () => {
    const alone = [0.5, 0.5, 0, 0.25, 0.7, 0.05];
    expect(realRowsMaxDiff(padded, 4, alone, 2, 3)).toBeCloseTo(0.05, 12);
    expect(realRowsMaxDiff([-Infinity, 1], 2, [-Infinity, 1], 1, 2)).toBe(0);
    expect(realRowsMaxDiff([-Infinity, 1], 2, [0, 1], 1, 2)).toBeNaN();
  });

  it('says where the [PAD] rows’ weight goes', () => {
    expect(padRowsRealShare(padded, 3, 4, 2, 3)).toEqual({ min: 1, max: 1 });
    expect(padRowsRealShare(padded4, 3, 4, 2, 3)!.min).toBeCloseTo(0.9, 12);
    expect(padRowsRealShare(padded, 3, 4, 3, 3)).toBeNull();
  });
});

describe('finding the word to follow', () => {
  it('matches case, sub-word marks and punctuation loosely', () => {
    expect(normalizeToken('Ġbank')).toBe('bank');
    expect(normalizeToken('##Bank,')).toBe('bank');
    expect(findToken(['I', 'deposited', 'money', 'in', 'the', 'bank', '.'], 'Bank')).toBe(5);
    expect(findToken(['The', 'bank'], 'river')).toBe(-1);
    expect(findToken(['The'], '  ')).toBe(-1);
  });
});
