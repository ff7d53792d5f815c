/** Head importance as the page shows it: ranking, grid, colour domain, score format, cache key. */
import { describe, expect, it } from 'vitest';
import {
  IMPORTANCE_TOP,
  formatImportanceScore,
  importanceDomain,
  importanceGrid,
  importanceKey,
  importancePosition,
  rankImportance,
  visibleRows,
  type ImportanceEntry,
} from '../../../src/analysis/headRanking';

const head = (kind: string, layer: number, h: number, score: number): ImportanceEntry => ({
  kind,
  layer,
  head: h,
  score,
});

describe('rankImportance', () => {
  it('orders by score, largest first; ties keep block order; NaN goes last', () => {
    const heads = [
      head('encoder-self', 0, 0, 0.1),
      head('encoder-self', 0, 1, NaN),
      head('encoder-self', 1, 0, 0.5),
      head('cross', 0, 0, 0.1),
      head('cross', 0, 1, -0.2),
    ];
    const ranked = rankImportance(heads);
    expect(ranked.map((r) => `${r.kind}:${r.layer}:${r.head}`)).toEqual([
      'encoder-self:1:0',
      'encoder-self:0:0',
      'cross:0:0',
      'cross:0:1',
      'encoder-self:0:1',
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    // The input is left as it was.
    expect(heads[0]).toEqual(head('encoder-self', 0, 0, 0.1));
  });

  it('keeps the extra fields (translation with the head off)', () => {
    const [top] = rankImportance([{ ...head('cross', 1, 2, 3), output: '河岸', changed: true }]);
    expect(top).toMatchObject({ output: '河岸', changed: true, rank: 1 });
  });

  it('the top rows, or all', () => {
    const many = Array.from({ length: 24 }, (_, i) => i);
    expect(visibleRows(many, false)).toHaveLength(IMPORTANCE_TOP);
    expect(visibleRows(many, true)).toHaveLength(24);
  });
});

describe('importanceGrid', () => {
  it('one row per block and layer, in order; NaN where a head is missing', () => {
    const grid = importanceGrid([
      head('encoder-self', 0, 0, 1),
      head('encoder-self', 0, 1, 2),
      head('encoder-self', 1, 0, 3),
      head('encoder-self', 1, 1, 4),
      head('cross', 0, 0, 0.5),
    ]);
    expect(grid.rows).toEqual([
      { kind: 'encoder-self', layer: 0 },
      { kind: 'encoder-self', layer: 1 },
      { kind: 'cross', layer: 0 },
    ]);
    expect(grid.cols).toBe(2);
    expect([...grid.values].slice(0, 5)).toEqual([1, 2, 3, 4, 0.5]);
    expect(Number.isNaN(grid.values[5])).toBe(true);
    expect([grid.min, grid.max]).toEqual([0.5, 4]);
  });

  it('an empty result has an empty grid', () => {
    expect(importanceGrid([])).toMatchObject({ rows: [], cols: 0, min: 0, max: 0 });
  });

  it('colour domain: [0, max] sequential, or diverging around 0 when a score is negative', () => {
    const seq = importanceDomain({ min: 0.2, max: 2 });
    expect(seq).toEqual({ lo: 0, hi: 2, diverging: false });
    expect(importanceDomain({ min: 0, max: 0 })).toEqual({ lo: 0, hi: 1, diverging: false });
    const div = importanceDomain({ min: -0.5, max: 4 });
    expect(div).toEqual({ lo: -0.5, hi: 4, diverging: true });
    expect(importancePosition(1, seq)).toBe(0.5);
    expect(importancePosition(5, seq)).toBe(1);
    // 0 in the middle; each side reaches its end at its own extreme.
    expect(importancePosition(0, div)).toBe(0.5);
    expect(importancePosition(-0.5, div)).toBe(0);
    expect(importancePosition(-0.25, div)).toBe(0.25);
    expect(importancePosition(4, div)).toBe(1);
    expect(importancePosition(2, div)).toBe(0.75);
    expect(Number.isNaN(importancePosition(NaN, seq))).toBe(true);
  });
});

describe('formatImportanceScore', () => {
  it('three significant digits, exponents for tiny values', () => {
    expect(formatImportanceScore(0)).toBe('0');
    expect(formatImportanceScore(0.12)).toBe('0.12');
    expect(formatImportanceScore(1.23456)).toBe('1.23');
    expect(formatImportanceScore(-0.5)).toBe('-0.5');
    expect(formatImportanceScore(12)).toBe('12');
    expect(formatImportanceScore(2500.4)).toBe('2500');
    expect(formatImportanceScore(0.00042)).toBe('4.2×10^-4');
    expect(formatImportanceScore(NaN)).toBe('–');
  });
});

describe('importanceKey', () => {
  it('the same input in any key order gives the same key; each part changes it', () => {
    const base = {
      text: 'The bank',
      model: { kind: 'playground', options: { layers: 2, heads: 4 } },
      mode: 'zero',
    };
    const key = importanceKey(base);
    expect(
      importanceKey({
        mode: 'zero',
        model: { options: { heads: 4, layers: 2 }, kind: 'playground' },
        text: 'The bank',
      }),
    ).toBe(key);
    expect(importanceKey({ ...base, maskAt: null })).toBe(key);
    expect(importanceKey({ ...base, text: 'The bank.' })).not.toBe(key);
    expect(importanceKey({ ...base, mode: 'mean' })).not.toBe(key);
    expect(importanceKey({ ...base, maskAt: 2 })).not.toBe(key);
    expect(
      importanceKey({ ...base, model: { kind: 'playground', options: { layers: 3, heads: 4 } } }),
    ).not.toBe(key);
  });
});
