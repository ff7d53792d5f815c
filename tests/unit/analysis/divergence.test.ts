/** The metrics of head importance (src/analysis/divergence.ts) against hand-computed values. */
import { describe, expect, it } from 'vitest';
import { klDivergence, logSoftmax, sequenceLogProb } from '../../../src/analysis/divergence';

describe('importance metrics', () => {
  it('log softmax sums to one in probability and keeps differences', () => {
    const l = logSoftmax([1, 2, 3]);
    expect(Array.from(l).reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 12);
    expect(l[2]! - l[0]!).toBeCloseTo(2, 12);
  });

  it('KL is zero for equal distributions and matches a hand computation', () => {
    const p = logSoftmax([0, Math.log(3)]); // p = (1/4, 3/4)
    expect(klDivergence(p, p)).toBe(0);
    const q = logSoftmax([0, 0]); // q = (1/2, 1/2)
    const expected = 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5);
    expect(klDivergence(p, q)).toBeCloseTo(expected, 12);
    expect(klDivergence(q, p)).not.toBeCloseTo(expected, 6); // not symmetric
  });

  it('sequence log-probability under teacher forcing', () => {
    // Two rows over a vocabulary of 2: log(1/2) + log(e/(1+e)).
    const logits = Float32Array.from([0, 0, 0, 1]);
    expect(sequenceLogProb(logits, 2, [0, 1])).toBeCloseTo(
      Math.log(0.5) + Math.log(Math.E / (1 + Math.E)),
      6,
    );
  });
});
