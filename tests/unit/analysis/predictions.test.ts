/**
 * Next-token probabilities under a temperature: hand-computed softmax values, the whole vocabulary
 * in the normalizer, stability for huge logits and tiny temperatures, and order kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  logSumExp,
  predictionProbabilities,
  type PredictionCandidate,
} from '../../../src/analysis';

const f32 = (values: number[]) => Float32Array.from(values);
const cand = (id: number, text = `t${id}`, special = false): PredictionCandidate => ({
  id,
  text,
  special,
});
const probs = (logits: ArrayLike<number>, ids: number[], temperature?: number) =>
  predictionProbabilities(
    logits,
    ids.map((id) => cand(id)),
    temperature,
  ).map((e) => e.probability);

describe('logSumExp', () => {
  it('matches hand-computed values', () => {
    // ln(e² + e¹ + e⁰) = ln(11.107338…)
    expect(logSumExp(f32([2, 1, 0]))).toBeCloseTo(2.40760596444438, 6);
    // ln(e¹ + e^0.5 + e⁰) at T = 2
    expect(logSumExp(f32([2, 1, 0]), 2)).toBeCloseTo(1.6802696706417346, 6);
  });

  it('does not overflow on large logits', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 9);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 9);
  });

  it('is -Infinity when nothing can follow', () => {
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([])).toBe(-Infinity);
  });

  it('refuses temperatures that are not above zero', () => {
    for (const t of [0, -1, NaN, Infinity]) expect(() => logSumExp([1, 2], t)).toThrow(RangeError);
  });
});

describe('predictionProbabilities', () => {
  const logits = f32([2, 1, 0]);

  it('at temperature 1 equals the softmax (hand-computed)', () => {
    const p = probs(logits, [0, 1, 2], 1);
    expect(p[0]).toBeCloseTo(0.6652409557748219, 6);
    expect(p[1]).toBeCloseTo(0.24472847105479764, 6);
    expect(p[2]).toBeCloseTo(0.09003057317038046, 6);
    expect(probs(logits, [0, 1, 2])).toEqual(p); // default temperature 1
  });

  it('divides the logits by the temperature (hand-computed at T = 2 and T = 0.5)', () => {
    const p2 = probs(logits, [0, 1, 2], 2);
    expect(p2[0]).toBeCloseTo(0.506480391055654, 6);
    expect(p2[1]).toBeCloseTo(0.3071958857184984, 6);
    expect(p2[2]).toBeCloseTo(0.18632372322584756, 6);
    const half = probs(logits, [0, 1, 2], 0.5);
    expect(half[0]).toBeCloseTo(0.8668133321973348, 6);
    expect(half[2]).toBeCloseTo(0.015876239976466765, 6);
  });

  it('normalizes over the whole vocabulary, not over the candidates', () => {
    const p = probs(logits, [0, 1], 1);
    expect(p[0]).toBeCloseTo(0.6652409557748219, 6);
    expect(p[0]! + p[1]!).toBeLessThan(1);
    const vocab = new Float32Array(50_257).fill(-3);
    vocab[7] = 5;
    const [best] = probs(vocab, [7]);
    expect(best).toBeCloseTo(Math.exp(5) / (Math.exp(5) + 50_256 * Math.exp(-3)), 6);
  });

  it('returns the entries best first with their text, special flag and id', () => {
    const out = predictionProbabilities(
      logits,
      [cand(2, ' river'), cand(0, '<|endoftext|>', true), cand(1, ',')],
      1,
    );
    expect(out.map((e) => e.id)).toEqual([0, 1, 2]);
    expect(out[0]).toEqual({
      id: 0,
      text: '<|endoftext|>',
      special: true,
      probability: expect.closeTo(0.6652409557748219, 6) as number,
    });
    expect(out[2]!.text).toBe(' river');
  });

  it('high temperature flattens, low temperature sharpens', () => {
    const at = (t: number) => probs(logits, [0, 1, 2], t);
    expect(at(3)[0]).toBeLessThan(at(1)[0]!);
    expect(at(3)[2]).toBeGreaterThan(at(1)[2]!);
    const flat = at(1e6);
    for (const p of flat) expect(p).toBeCloseTo(1 / 3, 5);
    expect(at(0.25)[0]).toBeGreaterThan(at(1)[0]!);
  });

  it('stays finite for tiny temperatures and huge logits', () => {
    const p = probs(f32([30, 29.5, -1e30]), [0, 1, 2], 1e-6);
    expect(p).toEqual([1, 0, 0]);
    const big = probs([1000, 1000, 999], [0, 1, 2], 0.1);
    for (const v of big) expect(Number.isFinite(v)).toBe(true);
    expect(big[0]).toBeCloseTo(1 / (2 + Math.exp(-10)), 9);
    expect(big[1]).toBe(big[0]);
  });

  it('gives 0 to ids outside the vocabulary and when no logit is finite', () => {
    expect(probs(logits, [5, -1, 0.5])).toEqual([0, 0, 0]);
    expect(probs([-Infinity, -Infinity], [0, 1])).toEqual([0, 0]);
    expect(probs([Infinity, 0, Infinity], [0, 1, 2])).toEqual([0.5, 0.5, 0]);
  });

  it('keeps the order of candidates given best first (as the worker sends them), at any temperature', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -50, max: 50, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.double({ min: 0.05, max: 10, noNaN: true }),
        (values, t) => {
          const l = f32(values);
          const byLogit = values.map((_, i) => i).sort((a, b) => l[b]! - l[a]!);
          const out = predictionProbabilities(
            l,
            byLogit.map((id) => cand(id)),
            t,
          );
          expect(out.map((e) => e.id)).toEqual(byLogit);
          for (let i = 1; i < out.length; i++)
            expect(out[i]!.probability).toBeLessThanOrEqual(out[i - 1]!.probability);
          const total = out.reduce((s, e) => s + e.probability, 0);
          expect(total).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it('refuses temperatures that are not above zero', () => {
    expect(() => predictionProbabilities(logits, [cand(0)], 0)).toThrow(RangeError);
  });
});
