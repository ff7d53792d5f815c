/**
 * Per-head metrics on hand-built matrices whose answers are known exactly, plus the token helpers
 * (punctuation, special tokens, normalisation).
 */
import { describe, expect, it } from 'vitest';
import {
  METRIC_NAMES,
  headMetrics,
  isPunctuation,
  isSpecialToken,
  metricsAt,
  normalizeToken,
  punctuationMask,
  specialTokenMask,
  stackMetrics,
} from '../../../src/analysis';
import {
  causalUniformHead,
  diagonalHead,
  matrix,
  mulberry32,
  nextTokenHead,
  previousTokenHead,
  randomStack,
  sinkHead,
  stackOf,
  uniformHead,
} from './helpers';

describe('headMetrics on exact heads', () => {
  it('a previous-token head: all of its share on the previous token, distance (T−1)/T', () => {
    const t = 6;
    const m = headMetrics(previousTokenHead(t), t, t);
    expect(m.previousShare).toBe(1);
    expect(m.nextShare).toBe(0);
    expect(m.selfShare).toBeCloseTo(1 / t, 12); // row 0 attends to itself
    expect(m.firstShare).toBeCloseTo(2 / t, 12); // rows 0 and 1 attend to token 0
    expect(m.meanDistance).toBeCloseTo((t - 1) / t, 12);
    expect(m.entropy).toBe(0);
    expect(m.normalizedEntropy).toBe(0);
    expect(m.specialShare).toBe(0);
    expect(m.punctuationShare).toBe(0);
  });

  it('a next-token head', () => {
    const t = 5;
    const m = headMetrics(nextTokenHead(t), t, t);
    expect(m.nextShare).toBe(1);
    expect(m.previousShare).toBe(0);
    expect(m.selfShare).toBeCloseTo(1 / t, 12); // the last row attends to itself
    expect(m.meanDistance).toBeCloseTo((t - 1) / t, 12);
  });

  it('a uniform head: entropy ln T, normalised 1, every positional share 1/T', () => {
    for (const t of [8, 7, 64]) {
      const m = headMetrics(uniformHead(t), t, t);
      expect(m.entropy).toBeCloseTo(Math.log(t), 6);
      expect(m.normalizedEntropy).toBeCloseTo(1, 6);
      for (const share of [m.selfShare, m.previousShare, m.nextShare, m.firstShare]) {
        expect(share).toBeCloseTo(1 / t, 6);
      }
      // (1/T²) Σ_q Σ_k |q − k| = (T² − 1) / (3T)
      expect(m.meanDistance).toBeCloseTo((t * t - 1) / (3 * t), 5);
    }
  });

  it('a diagonal head: self share 1, distance 0, entropy 0', () => {
    const m = headMetrics(diagonalHead(9), 9, 9);
    expect(m).toMatchObject({ selfShare: 1, meanDistance: 0, entropy: 0, previousShare: 0 });
    expect(m.firstShare).toBeCloseTo(1 / 9, 12);
  });

  it('a first-token sink: first share 1, distance = mean q = (T−1)/2', () => {
    const t = 10;
    const m = headMetrics(sinkHead(t), t, t);
    expect(m.firstShare).toBe(1);
    expect(m.meanDistance).toBeCloseTo((t - 1) / 2, 12);
    expect(m.previousShare).toBeCloseTo(1 / (t - 1), 12); // row 1's previous token is token 0
    expect(m.entropy).toBe(0);
  });

  it('normalises entropy per row by the allowed keys of the mask', () => {
    const t = 6;
    const head = causalUniformHead(t);
    const allowed = Uint8Array.from(matrix(t, t, (q, k) => (k <= q ? 1 : 0)));
    const masked = headMetrics(head, t, t, { mask: { rows: t, cols: t, allowed } });
    // Every row but the first (one allowed key, left out) is uniform over its q + 1 keys.
    expect(masked.normalizedEntropy).toBeCloseTo(1, 6);
    let mean = 0;
    for (let q = 0; q < t; q++) mean += Math.log(q + 1) / t;
    expect(masked.entropy).toBeCloseTo(mean, 6);
    // Without the mask the denominator is ln T for every row.
    const unmasked = headMetrics(head, t, t);
    expect(unmasked.normalizedEntropy).toBeCloseTo(mean / Math.log(t), 6);
  });

  it('shares on special and punctuation keys from their flags', () => {
    const tokens = ['[CLS]', 'the', 'bank', ',', 'river', '[SEP]'];
    const t = tokens.length;
    // Row q: 0.5 on [SEP], 0.25 on ',', 0.25 on itself (rows 3 and 5 put it on ','/[SEP] again).
    const head = matrix(
      t,
      t,
      (q, k) => (k === 5 ? 0.5 : 0) + (k === 3 ? 0.25 : 0) + (k === q ? 0.25 : 0),
    );
    const m = headMetrics(head, t, t, {
      specialKeys: specialTokenMask(tokens),
      punctuationKeys: punctuationMask(tokens),
    });
    // Special keys 0 and 5: 0.5 on [SEP] everywhere, + 0.25 for rows 0 and 5 → 0.5 + 0.5/6.
    expect(m.specialShare).toBeCloseTo(0.5 + 0.5 / t, 6);
    // Punctuation key 3: 0.25 everywhere + 0.25 for row 3.
    expect(m.punctuationShare).toBeCloseTo(0.25 + 0.25 / t, 6);
    expect(m.selfShare).toBeCloseTo((4 * 0.25 + 0.5 + 0.75) / t, 6);
  });

  it('handles cross attention (queryLength ≠ keyLength): each share over the rows it exists for', () => {
    // 3 queries over 2 keys; rows: [1,0], [1,0], [0,1].
    const head = Float32Array.from([1, 0, 1, 0, 0, 1]);
    const m = headMetrics(head, 3, 2);
    expect(m.selfShare).toBeCloseTo(1 / 2, 12); // rows 0, 1: 1 + 0
    expect(m.previousShare).toBeCloseTo(1, 12); // rows 1, 2: key 0 then key 1
    expect(m.nextShare).toBeCloseTo(0, 12); // row 0 only: key 1
    expect(m.firstShare).toBeCloseTo(2 / 3, 12);
    expect(m.meanDistance).toBeCloseTo((0 + 1 + 1) / 3, 12);
  });

  it('returns zeros for empty and one-token inputs', () => {
    const empty = headMetrics(new Float32Array(0), 0, 0);
    for (const name of METRIC_NAMES) expect(empty[name]).toBe(0);
    const one = headMetrics(Float32Array.of(1), 1, 1);
    expect(one).toMatchObject({ selfShare: 1, firstShare: 1, previousShare: 0, nextShare: 0 });
    expect(one.normalizedEntropy).toBe(0);
  });

  it('computes entropy to within 1e-7 of Math.log on random rows', () => {
    const stack = randomStack(mulberry32(7), 1, 1, 40, 40, { sparsity: 0.3 });
    const m = headMetrics(stack.weights, 40, 40);
    let expected = 0;
    for (let q = 0; q < 40; q++) {
      for (let k = 0; k < 40; k++) {
        const p = stack.weights[q * 40 + k]!;
        if (p > 0) expected -= (p * Math.log(p)) / 40;
      }
    }
    expect(Math.abs(m.entropy - expected)).toBeLessThan(1e-7);
  });
});

describe('stackMetrics', () => {
  it('lays results out [layers][heads] and matches headMetrics', () => {
    const t = 5;
    const heads = [
      [previousTokenHead(t), uniformHead(t), diagonalHead(t)],
      [sinkHead(t), nextTokenHead(t), causalUniformHead(t)],
    ];
    const m = stackMetrics(stackOf(heads, t));
    expect(m.layers).toBe(2);
    expect(m.heads).toBe(3);
    for (const name of METRIC_NAMES) expect(m[name]).toHaveLength(6);
    expect(Array.from(m.previousShare.subarray(0, 1))).toEqual([1]);
    expect(m.firstShare[3]).toBe(1);
    expect(m.nextShare[4]).toBe(1);
    heads.forEach((layer, l) =>
      layer.forEach((head, h) => expect(metricsAt(m, l, h)).toEqual(headMetrics(head, t, t))),
    );
  });

  it('works on a subarray view (float bits read at the right offset)', () => {
    const t = 4;
    const buffer = new Float32Array(3 + t * t);
    buffer.set(uniformHead(t), 3);
    const view = buffer.subarray(3);
    expect(headMetrics(view, t, t).entropy).toBeCloseTo(Math.log(t), 7);
  });

  it('rejects shapes, flags and masks that do not match', () => {
    const bad = { layers: 1, heads: 1, queryLength: 3, keyLength: 3, weights: new Float32Array(8) };
    expect(() => stackMetrics(bad)).toThrow(RangeError);
    const t = 3;
    const head = uniformHead(t);
    expect(() => headMetrics(head, t, t, { specialKeys: [true, false] })).toThrow(RangeError);
    expect(() =>
      headMetrics(head, t, t, { mask: { rows: 2, cols: 3, allowed: new Uint8Array(6) } }),
    ).toThrow(RangeError);
    expect(() => metricsAt(stackMetrics(stackOf([[head]], t)), 1, 0)).toThrow(RangeError);
  });
});

describe('token helpers', () => {
  it('isPunctuation: Unicode \\p{P}, ignoring subword markers', () => {
    for (const p of [
      '.',
      ',',
      '!',
      '?',
      '...',
      '«',
      '»',
      '¿',
      '—',
      '(',
      '"',
      "'",
      '。',
      'Ġ,',
      '▁.',
    ])
      expect(isPunctuation(p), p).toBe(true);
    for (const w of ['bank', 'a.', '', ' ', 'Ġ', '$', '+', '€', '1', '[CLS]', '<s>'])
      expect(isPunctuation(w), w).toBe(false);
  });

  it('isSpecialToken: BERT, RoBERTa/T5 and GPT styles', () => {
    for (const s of [
      '[CLS]',
      '[SEP]',
      '[PAD]',
      '[MASK]',
      '<s>',
      '</s>',
      '<pad>',
      '<unk>',
      '<|endoftext|>',
    ])
      expect(isSpecialToken(s), s).toBe(true);
    for (const w of ['bank', '[cls', '<b>', '[x]', '.', '<'])
      expect(isSpecialToken(w), w).toBe(false);
  });

  it('normalizeToken: lower case without word-start markers', () => {
    expect(['ĠBank', '▁bank', 'BANK', ' bank '].map(normalizeToken)).toEqual([
      'bank',
      'bank',
      'bank',
      'bank',
    ]);
    expect(normalizeToken('##ing')).toBe('##ing');
  });
});
