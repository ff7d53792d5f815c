import { describe, expect, it } from 'vitest';
import {
  headLabel,
  paintThumb,
  poolFactor,
  poolMax,
  pooledLength,
  rowBand,
  thumbGridLayout,
  thumbImageRect,
  veilBands,
} from '../../../../src/views/heads/thumbnails';
import { VIRIDIS_LUT } from '../../../../src/views/heatmap/color';

describe('thumbGridLayout', () => {
  it('puts the heads of a layer on one row and fits the width', () => {
    const g = thumbGridLayout(8, 4, 500, { gap: 10, labelHeight: 18, minThumb: 40, maxThumb: 200 });
    expect(g.columns).toBe(4);
    expect(g.rows).toBe(2);
    expect(g.thumb).toBe(Math.floor((500 - 3 * 10) / 4)); // 117
    expect(g.width).toBe(4 * 117 + 3 * 10);
    expect(g.height).toBe(2 * (117 + 18) + 10);
    expect(g.rects[5]).toEqual({ x: 127, y: 117 + 18 + 10, size: 117 });
    expect(g.width).toBeLessThanOrEqual(500);
  });

  it('clamps the thumbnail size and scrolls instead of shrinking below the minimum', () => {
    expect(thumbGridLayout(144, 12, 300, { minThumb: 44 }).thumb).toBe(44);
    expect(thumbGridLayout(4, 4, 5000, { maxThumb: 168 }).thumb).toBe(168);
    expect(thumbGridLayout(4, 4, undefined).thumb).toBe(168);
  });

  it('handles fewer heads than columns, and none', () => {
    const g = thumbGridLayout(2, 12, 1000, { gap: 10, minThumb: 40, maxThumb: 100 });
    expect(g.rows).toBe(1);
    expect(g.width).toBe(2 * g.thumb + 10);
    const empty = thumbGridLayout(0, 4, 500);
    expect(empty.rects).toEqual([]);
    expect(empty.height).toBe(0);
  });
});

describe('pooling', () => {
  it('is one cell per pixel when the matrix fits, else the smallest factor that fits', () => {
    expect(poolFactor(8, 8, 64)).toBe(1);
    expect(poolFactor(64, 64, 64)).toBe(1);
    expect(poolFactor(512, 512, 64)).toBe(8);
    expect(poolFactor(512, 512, 62)).toBe(9);
    expect(pooledLength(512, 9) * 9).toBeGreaterThanOrEqual(512);
    expect(pooledLength(512, 9)).toBeLessThanOrEqual(62);
    expect(poolFactor(3, 100, 50)).toBe(2); // the longer side decides
  });

  it('max-pools blocks (ragged edges included) and returns the max', () => {
    // 5 × 5, pooled by 2 → 3 × 3
    const src = new Float32Array(25).map((_, i) => i / 100);
    const out = new Float32Array(9);
    const max = poolMax(src, 0, 5, 5, 2, out);
    expect(max).toBeCloseTo(0.24);
    expect([...out].map((v) => Math.round(v * 100))).toEqual([6, 8, 9, 16, 18, 19, 21, 23, 24]);
  });

  it('reads at an offset, copies at factor 1, and counts NaN, negatives and infinity as 0', () => {
    const src = new Float32Array([9, 9, 0.5, NaN, -1, Infinity]);
    const out = new Float32Array(4);
    expect(poolMax(src, 2, 2, 2, 1, out)).toBe(0.5);
    expect([...out]).toEqual([0.5, 0, 0, 0]);
    const one = new Float32Array(1);
    expect(poolMax(src, 2, 2, 2, 2, one)).toBe(0.5);
  });

  it('keeps a thin diagonal visible at every pooled pixel of the diagonal', () => {
    const t = 64;
    const src = new Float32Array(t * t);
    for (let i = 0; i < t; i++) src[i * t + i] = 1;
    const out = new Float32Array(16 * 16);
    poolMax(src, 0, t, t, 4, out);
    for (let i = 0; i < 16; i++) expect(out[i * 16 + i]).toBe(1);
    expect(out[1]).toBe(0);
  });
});

describe('paintThumb', () => {
  it('writes opaque LUT colours into the atlas at the given corner, scaled to the max', () => {
    const target = new Uint8ClampedArray(4 * 3 * 4); // 4 wide × 3 tall
    paintThumb(new Float32Array([0, 0.5]), 1, 2, 0.5, target, 4, 1, 2);
    const px = (x: number, y: number) => [...target.slice((y * 4 + x) * 4, (y * 4 + x) * 4 + 4)];
    expect(px(1, 2)).toEqual([...VIRIDIS_LUT.slice(0, 3), 255]);
    expect(px(2, 2)).toEqual([...VIRIDIS_LUT.slice(255 * 3, 255 * 3 + 3), 255]);
    expect(px(0, 0)).toEqual([0, 0, 0, 0]); // untouched
  });
});

describe('thumbnail image and row band', () => {
  it('keeps cells square and centred in the box', () => {
    const img = thumbImageRect({ x: 10, y: 20, size: 100 }, 5, 10);
    expect(img).toEqual({ x: 10, y: 45, width: 100, height: 50, cell: 10 });
  });

  it('puts a query row on its pooled pixel row', () => {
    const img = { y: 0, height: 64 };
    expect(rowBand(img, 0, 8, 1)).toEqual({ y: 0, height: 8 });
    expect(rowBand(img, 7, 8, 1)).toEqual({ y: 56, height: 8 });
    // 512 rows pooled by 8: 64 pixel rows of 1 px; row 100 is in pixel row 12
    expect(rowBand(img, 100, 512, 8)).toEqual({ y: 12, height: 1 });
  });

  it('dims everything above and below the highlighted row', () => {
    const img = { y: 10, height: 64 };
    expect(veilBands(img, 3, 8, 1)).toEqual({
      above: { y: 10, height: 24 },
      below: { y: 42, height: 32 },
    });
    expect(veilBands(img, 0, 8, 1).above.height).toBe(0);
    expect(veilBands(img, 7, 8, 1).below.height).toBe(0);
  });

  it('labels heads 1-based', () => {
    expect(headLabel(2, 6)).toBe('L3 H7');
  });
});
