import { describe, expect, it } from 'vitest';
import { makeCellScale } from '../../../../src/views/heatmap/colorScale';
import { buildColorLut } from '../../../../src/views/heatmap/color';
import {
  axisLabels,
  hasMasked,
  isExactTile,
  niceStep,
  poolingOf,
  readoutAt,
  sinkRect,
  tileRect,
  tileToRgba,
  tileTop,
} from '../../../../src/views/heatmap-zoom/draw';
import { tileFromLayer } from './fakeTile';
import { blockOf, blockRange, widestBlock } from '../../../../src/views/heatmap-zoom/tile';

/** A 2-head layer [2][rows][cols] whose weight (h, r, c) is a hand-checkable number. */
function layer(rows: number, cols: number): Float32Array {
  const out = new Float32Array(2 * rows * cols);
  for (let h = 0; h < 2; h++)
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) out[(h * rows + r) * cols + c] = h * 1000 + r * cols + c;
  return out;
}

describe('pooling blocks (the contract rule)', () => {
  it('blockOf inverts blockRange for every cell', () => {
    for (const [n, out] of [
      [10, 3],
      [4096, 600],
      [7, 7],
      [61, 16],
      [1, 1],
    ] as const) {
      let covered = 0;
      for (let i = 0; i < out; i++) {
        const [a, b] = blockRange(i, n, out);
        expect(b).toBeGreaterThan(a);
        expect(a).toBe(covered); // blocks tile the axis without gaps
        covered = b;
        for (let q = a; q < b; q++) expect(blockOf(q, n, out)).toBe(i);
      }
      expect(covered).toBe(n);
    }
    expect(widestBlock(10, 3)).toBe(4);
    expect(widestBlock(7, 7)).toBe(1);
  });
});

describe('tiles from a layer the page holds', () => {
  it('pools 10 × 10 into 3 × 3 blocks with their max and mean', () => {
    const data = layer(10, 10);
    const tile = tileFromLayer(data, 10, 10, {
      layer: 0,
      heads: [1],
      rows: [0, 10],
      cols: [0, 10],
      maxRows: 3,
      maxCols: 3,
    });
    expect(tile.outRows).toBe(3);
    expect(isExactTile(tile)).toBe(false);
    // Block (0, 0): rows 0–2, cols 0–2 of head 1: max 1000 + 22, mean 1000 + 11.
    expect(tile.max[0]![0]).toBe(1022);
    expect(tile.mean[0]![0]).toBeCloseTo(1011, 4);
    // Block (2, 2): rows 6–9, cols 6–9: max 1099, mean of 66..99 corners = 1000 + 82.5.
    expect(tile.max[0]![8]).toBe(1099);
    expect(tile.mean[0]![8]).toBeCloseTo(1082.5, 4);
  });

  it('is exact when the window fits its budget', () => {
    const data = layer(8, 8);
    const tile = tileFromLayer(data, 8, 8, {
      layer: 0,
      heads: [0],
      rows: [2, 5],
      cols: [4, 8],
      maxRows: 100,
      maxCols: 100,
    });
    expect(isExactTile(tile)).toBe(true);
    expect(poolingOf(tile)).toBeNull();
    expect(readoutAt(tile, 0, 3, 6)).toEqual({ exact: true, query: 3, key: 6, weight: 3 * 8 + 6 });
    expect(readoutAt(tile, 0, 1, 6)).toBeNull(); // outside the tile
  });
});

describe('drawing and reading a tile', () => {
  const data = layer(61, 61);
  const tile = tileFromLayer(data, 61, 61, {
    layer: 0,
    heads: [0],
    rows: [0, 61],
    cols: [0, 61],
    maxRows: 16,
    maxCols: 16,
  });

  it('reads the pooled block under a cell: its ranges, max and mean', () => {
    const r = readoutAt(tile, 0, 30, 59);
    expect(r?.exact).toBe(false);
    if (!r || r.exact) return;
    expect(r.rows[0]).toBeLessThanOrEqual(30);
    expect(r.rows[1]).toBeGreaterThan(30);
    expect(r.cols[1]).toBe(61);
    // Head 0's weight is r·61 + c: the block's max is its bottom-right cell.
    expect(r.max).toBe((r.rows[1] - 1) * 61 + (r.cols[1] - 1));
    expect(poolingOf(tile)).toEqual({ rows: 4, cols: 4 });
  });

  it('places the tile under the viewport and hatches the sink column', () => {
    const v = { scale: 8, x: 10, y: 2 };
    expect(tileRect({ rows: [4, 20], cols: [12, 16] }, v)).toEqual({
      x: 16,
      y: 16,
      width: 32,
      height: 128,
    });
    expect(sinkRect(tile, { scale: 2, x: 0, y: 0 }, true)).toEqual({
      x: 0,
      y: 0,
      width: 6, // the first pooled column covers keys 0–2
      height: 122,
    });
    expect(sinkRect(tile, v, false)).toBeNull();
  });

  it('colours pixels on the scale and leaves the hatched first column transparent', () => {
    const lut = buildColorLut((t) => `rgb(${Math.round(t * 255)}, 0, 0)`, 256);
    const values = new Float32Array([0.001, 0.5, 1, 0]);
    const t2 = { rows: [0, 2] as [number, number], cols: [0, 2] as [number, number] };
    const small = { ...t2, outRows: 2, outCols: 2, max: [values], mean: [values] };
    const plain = tileToRgba(values, small, makeCellScale(1, 'linear'), lut);
    expect(Array.from(plain.slice(0, 8))).toEqual([0, 0, 0, 255, 128, 0, 0, 255]);
    // An exact 0 is a masked block: transparent (the page's mask hatch shows).
    expect(plain[12 + 3]).toBe(0);
    expect(hasMasked(small, 0)).toBe(true);
    expect(hasMasked({ ...small, max: [values.subarray(0, 3)] }, 0)).toBe(false);
    const hatched = tileToRgba(values, small, makeCellScale(1, 'linear', true), lut);
    expect(hatched[3]).toBe(0); // (0, 0) transparent
    expect(hatched[8 + 3]).toBe(0); // (1, 0) transparent
    expect(hatched[4 + 3]).toBe(255);
    expect(tileTop(small, 0, false)).toBe(1);
    expect(tileTop(small, 0, true)).toBe(0.5);
  });
});

describe('axis labels', () => {
  const tokens = Array.from({ length: 4096 }, (_, i) => `t${i}`);
  it('labels every visible token once cells are tall enough', () => {
    const labels = axisLabels(tokens, 100.5, 20, 200);
    expect(labels.map((l) => l.index)).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109]);
    expect(labels[0]!.center).toBe(20);
  });
  it('thins to a round step when cells are small, stable while panning', () => {
    const a = axisLabels(tokens, 0, 0.125, 512);
    expect(a.length).toBeGreaterThan(3);
    const step = a[1]!.index - a[0]!.index;
    expect(step).toBe(niceStep(step));
    expect(a.every((l) => l.index % step === 0)).toBe(true);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(11)).toBe(20);
    expect(niceStep(101)).toBe(200);
  });
});
