import { describe, expect, it } from 'vitest';
import {
  ALL_LINES_MAX_TOKENS,
  ALPHA_STEPS,
  alphaStep,
  batchLines,
  collectLines,
  headColor,
  keyY,
  linesLayout,
  queryY,
} from '../../../../src/views/lines/geometry';

/** [heads][rows][cols] from a weight function. */
function layer(
  heads: number,
  rows: number,
  cols: number,
  w: (h: number, q: number, k: number) => number,
) {
  const out = new Float32Array(heads * rows * cols);
  for (let h = 0; h < heads; h++)
    for (let q = 0; q < rows; q++)
      for (let k = 0; k < cols; k++) out[(h * rows + q) * cols + k] = w(h, q, k);
  return out;
}

describe('linesLayout', () => {
  it('puts queries on the left, keys on the right, one row per token', () => {
    const l = linesLayout(4, 4, 600, { rowHeight: 20, labelWidth: 100 });
    expect(l.leftX).toBe(100);
    expect(l.rightX).toBe(500);
    expect(l.width).toBe(600);
    expect(l.height).toBe(80);
    expect(queryY(l, 0)).toBe(10);
    expect(keyY(l, 3)).toBe(70);
  });

  it('centres the shorter column (cross-attention: different lengths)', () => {
    const l = linesLayout(2, 6, 600, { rowHeight: 20, labelWidth: 100 });
    expect(l.height).toBe(120);
    expect(queryY(l, 0)).toBe(40 + 10);
    expect(keyY(l, 0)).toBe(10);
  });

  it('keeps a minimum band, caps a wide one, and tightens rows for long inputs', () => {
    expect(linesLayout(3, 3, 100, { labelWidth: 100, minBand: 160 }).width).toBe(360);
    const wide = linesLayout(3, 3, 3000, { labelWidth: 100 });
    expect(wide.rightX - wide.leftX).toBe(520);
    expect(linesLayout(ALL_LINES_MAX_TOKENS + 1, 10, 800).rowHeight).toBeLessThan(
      linesLayout(10, 10, 800).rowHeight,
    );
  });
});

describe('collectLines', () => {
  const data = layer(2, 3, 3, (h, q, k) => (h === 0 ? (k === q ? 0.9 : 0.05) : k === 0 ? 1 : 0));

  it('keeps every line of the visible heads above the threshold, lightest first', () => {
    const all = collectLines(data, 3, 3, [0, 1]);
    expect(all).toHaveLength(9 + 3);
    for (let i = 1; i < all.length; i++)
      expect(all[i]!.weight).toBeGreaterThanOrEqual(all[i - 1]!.weight);
    expect(collectLines(data, 3, 3, [0], { threshold: 0.1 })).toHaveLength(3);
  });

  it('drops hidden heads', () => {
    expect(collectLines(data, 3, 3, [1]).every((l) => l.head === 1)).toBe(true);
    expect(collectLines(data, 3, 3, [])).toEqual([]);
  });

  it('keeps only the hovered query or key', () => {
    const fromQuery = collectLines(data, 3, 3, [0, 1], { query: 2 });
    expect(fromQuery.every((l) => l.query === 2)).toBe(true);
    expect(fromQuery).toHaveLength(3 + 1);
    const intoKey = collectLines(data, 3, 3, [0, 1], { key: 0 });
    expect(intoKey.every((l) => l.key === 0)).toBe(true);
    expect(intoKey).toHaveLength(3 + 3);
  });

  it('handles rows ≠ columns', () => {
    const cross = layer(1, 2, 5, (_h, _q, k) => (k === 4 ? 1 : 0));
    expect(collectLines(cross, 2, 5, [0])).toEqual([
      { head: 0, query: 0, key: 4, weight: 1 },
      { head: 0, query: 1, key: 4, weight: 1 },
    ]);
  });
});

describe('batching and colours', () => {
  it('groups lines by head and opacity step, lightest group first', () => {
    const groups = batchLines([
      { head: 0, query: 0, key: 0, weight: 0.5 },
      { head: 1, query: 0, key: 1, weight: 0.5 },
      { head: 0, query: 1, key: 1, weight: 0.52 },
      { head: 0, query: 2, key: 2, weight: 0.02 },
    ]);
    expect(groups.map((g) => [g.head, g.alpha, g.lines.length])).toEqual([
      [0, 1 / ALPHA_STEPS, 1],
      [0, 0.5, 2],
      [1, 0.5, 1],
    ]);
    expect(alphaStep(0)).toBe(1);
    expect(alphaStep(7)).toBe(ALPHA_STEPS);
  });

  it('gives each head its own colour', () => {
    const few = Array.from({ length: 10 }, (_, h) => headColor(h, 10));
    expect(new Set(few).size).toBe(10);
    const many = Array.from({ length: 16 }, (_, h) => headColor(h, 16));
    expect(new Set(many).size).toBe(16);
  });
});
