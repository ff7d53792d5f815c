import { describe, expect, it } from 'vitest';
import { classifyStack, stackMetrics } from '../../../../src/analysis';
import {
  orderHeads,
  patternCounts,
  type BlockMetrics,
} from '../../../../src/views/heads/headOrder';
import { formatBits, formatMetric } from '../../../../src/views/heads/format';

/** 2 layers × 2 heads of 4 tokens: previous-token, self, uniform, first-token. */
function metrics(): BlockMetrics {
  const t = 4;
  const heads = [
    (q: number, k: number) => (k === Math.max(0, q - 1) ? 1 : 0),
    (q: number, k: number) => (q === k ? 1 : 0),
    () => 1 / t,
    (_q: number, k: number) => (k === 0 ? 1 : 0),
  ];
  const weights = new Float32Array(4 * t * t);
  heads.forEach((w, h) => {
    for (let q = 0; q < t; q++) for (let k = 0; k < t; k++) weights[(h * t + q) * t + k] = w(q, k);
  });
  const m = stackMetrics({ layers: 2, heads: 2, queryLength: t, keyLength: t, weights });
  return { layers: 2, heads: 2, metrics: m, patterns: classifyStack(m) };
}

const labels = (refs: { layer: number; head: number }[]) => refs.map((r) => `${r.layer}.${r.head}`);

describe('orderHeads', () => {
  it('keeps layer-then-head order by default, with or without metrics', () => {
    expect(labels(orderHeads(2, 2, 'index', true, 'all', null))).toEqual([
      '0.0',
      '0.1',
      '1.0',
      '1.1',
    ]);
    expect(labels(orderHeads(2, 2, 'index', true, 'all', metrics()))).toEqual([
      '0.0',
      '0.1',
      '1.0',
      '1.1',
    ]);
  });

  it('sorts by a metric, largest first or smallest first', () => {
    const m = metrics();
    expect(labels(orderHeads(2, 2, 'entropy', true, 'all', m))[0]).toBe('1.0'); // uniform
    expect(labels(orderHeads(2, 2, 'selfShare', true, 'all', m))[0]).toBe('0.1');
    const asc = labels(orderHeads(2, 2, 'entropy', false, 'all', m));
    expect(asc[asc.length - 1]).toBe('1.0');
  });

  it('keeps ties in layer-then-head order', () => {
    const m = metrics();
    // nextShare: only the uniform head has some; the three others tie at 0
    expect(labels(orderHeads(2, 2, 'nextShare', true, 'all', m))).toEqual([
      '1.0',
      '0.0',
      '0.1',
      '1.1',
    ]);
  });

  it('filters by pattern label', () => {
    const m = metrics();
    expect(m.patterns).toEqual(['previous-token', 'self', 'broad', 'first-token']);
    expect(labels(orderHeads(2, 2, 'index', true, 'self', m))).toEqual(['0.1']);
    expect(orderHeads(2, 2, 'index', true, 'next-token', m)).toEqual([]);
    expect(patternCounts(m.patterns).get('broad')).toBe(1);
  });

  it('ignores metrics of another shape', () => {
    expect(orderHeads(1, 3, 'entropy', true, 'self', metrics())).toHaveLength(3);
  });
});

describe('formatMetric', () => {
  it('writes shares as percentages and the rest with fixed decimals', () => {
    expect(formatMetric('selfShare', 0.426)).toBe('43%');
    expect(formatMetric('entropy', 1.2345)).toBe('1.23');
    expect(formatMetric('meanDistance', 2.345)).toBe('2.3');
    expect(formatMetric('entropy', NaN)).toBe('–');
    expect(formatBits(0.12345)).toBe('0.123');
    expect(formatBits(NaN)).toBe('–');
  });
});
