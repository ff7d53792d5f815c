/** Pattern labels of exact heads, the precedence of the rules and the exported thresholds. */
import { describe, expect, it } from 'vitest';
import {
  HEAD_PATTERNS,
  PATTERN_THRESHOLDS,
  classifyHead,
  classifyStack,
  headMetrics,
  specialTokenMask,
  stackMetrics,
  type PatternMetrics,
} from '../../../src/analysis';
import {
  causalUniformHead,
  diagonalHead,
  matrix,
  nextTokenHead,
  previousTokenHead,
  sinkHead,
  stackOf,
  uniformHead,
} from './helpers';

const label = (head: Float32Array, t: number) => classifyHead(headMetrics(head, t, t));

/** Metrics of a head that does nothing in particular, to override field by field. */
const neutral: PatternMetrics = {
  previousShare: 0.1,
  nextShare: 0.1,
  selfShare: 0.1,
  firstShare: 0.1,
  specialShare: 0.1,
  normalizedEntropy: 0.5,
  meanDistance: 5,
};

describe('classifyHead on exact heads', () => {
  it('labels the canonical heads', () => {
    const t = 16;
    expect(label(previousTokenHead(t), t)).toBe('previous-token');
    expect(label(nextTokenHead(t), t)).toBe('next-token');
    expect(label(diagonalHead(t), t)).toBe('self');
    expect(label(sinkHead(t), t)).toBe('first-token');
    expect(label(uniformHead(t), t)).toBe('broad');
  });

  it('a causal uniform head is broad given its mask (in the options or on the stack)', () => {
    const t = 32;
    const mask = { rows: t, cols: t, allowed: Uint8Array.from(matrix(t, t, (q, k) => +(k <= q))) };
    const head = causalUniformHead(t);
    expect(classifyHead(headMetrics(head, t, t, { mask }))).toBe('broad');
    expect(classifyStack(stackMetrics({ ...stackOf([[head]], t), mask }))).toEqual(['broad']);
    // Without the mask, ln T understates its spread: Σ_q ln(q + 1) / (T ln T) ≈ 0.74 < 0.8.
    expect(headMetrics(head, t, t).normalizedEntropy).toBeLessThan(PATTERN_THRESHOLDS.broadEntropy);
  });

  it('a sink on [SEP] (special tokens) is a first-token sink too', () => {
    const tokens = ['[CLS]', 'a', 'b', 'c', 'd', '[SEP]'];
    const t = tokens.length;
    const head = matrix(t, t, (_q, k) => (k === t - 1 ? 1 : 0));
    const m = headMetrics(head, t, t, { specialKeys: specialTokenMask(tokens) });
    expect(m.specialShare).toBe(1);
    expect(classifyHead(m)).toBe('first-token');
  });

  it('a window of ±1 is local; a fixed far token is other', () => {
    const t = 32;
    const window = matrix(t, t, (q, k) => {
      const lo = Math.max(0, q - 1);
      const hi = Math.min(t - 1, q + 1);
      return k >= lo && k <= hi ? 1 / (hi - lo + 1) : 0;
    });
    const m = headMetrics(window, t, t);
    expect(m.meanDistance).toBeLessThanOrEqual(PATTERN_THRESHOLDS.localDistance);
    expect(classifyHead(m)).toBe('local');
    expect(
      label(
        matrix(t, t, (_q, k) => (k === t - 1 ? 1 : 0)),
        t,
      ),
    ).toBe('other');
  });
});

describe('rules and thresholds', () => {
  it('exports frozen, documented thresholds', () => {
    expect(PATTERN_THRESHOLDS).toEqual({
      previousToken: 0.5,
      nextToken: 0.5,
      self: 0.5,
      sink: 0.5,
      broadEntropy: 0.8,
      localDistance: 2,
    });
    expect(Object.isFrozen(PATTERN_THRESHOLDS)).toBe(true);
    expect(HEAD_PATTERNS).toEqual([
      'previous-token',
      'next-token',
      'self',
      'first-token',
      'broad',
      'local',
      'other',
    ]);
  });

  it('applies each threshold inclusively', () => {
    expect(classifyHead({ ...neutral, previousShare: 0.5 })).toBe('previous-token');
    expect(classifyHead({ ...neutral, previousShare: 0.4999 })).toBe('other');
    expect(classifyHead({ ...neutral, nextShare: 0.5 })).toBe('next-token');
    expect(classifyHead({ ...neutral, selfShare: 0.5 })).toBe('self');
    expect(classifyHead({ ...neutral, firstShare: 0.5 })).toBe('first-token');
    expect(classifyHead({ ...neutral, specialShare: 0.5 })).toBe('first-token');
    expect(classifyHead({ ...neutral, normalizedEntropy: 0.8 })).toBe('broad');
    expect(classifyHead({ ...neutral, meanDistance: 2 })).toBe('local');
    expect(classifyHead({ ...neutral, meanDistance: 2.01 })).toBe('other');
  });

  it('follows the precedence order when several rules hold', () => {
    const all: PatternMetrics = {
      previousShare: 0.6,
      nextShare: 0.6,
      selfShare: 0.6,
      firstShare: 0.6,
      specialShare: 0.6,
      normalizedEntropy: 0.9,
      meanDistance: 1,
    };
    expect(classifyHead(all)).toBe('previous-token');
    expect(classifyHead({ ...all, previousShare: 0 })).toBe('next-token');
    expect(classifyHead({ ...all, previousShare: 0, nextShare: 0 })).toBe('self');
    expect(classifyHead({ ...all, previousShare: 0, nextShare: 0, selfShare: 0 })).toBe(
      'first-token',
    );
    const noShares = { ...all, previousShare: 0, nextShare: 0, selfShare: 0, firstShare: 0 };
    expect(classifyHead({ ...noShares, specialShare: 0 })).toBe('broad');
    expect(classifyHead({ ...noShares, specialShare: 0, normalizedEntropy: 0 })).toBe('local');
  });

  it('takes custom thresholds', () => {
    const m = { ...neutral, previousShare: 0.4 };
    expect(classifyHead(m, { ...PATTERN_THRESHOLDS, previousToken: 0.3 })).toBe('previous-token');
  });

  it('classifyStack labels every head, [layers][heads]', () => {
    const t = 12;
    const stack = stackOf(
      [
        [previousTokenHead(t), uniformHead(t)],
        [diagonalHead(t), sinkHead(t)],
      ],
      t,
    );
    expect(classifyStack(stackMetrics(stack))).toEqual([
      'previous-token',
      'broad',
      'self',
      'first-token',
    ]);
  });
});
