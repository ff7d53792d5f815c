import { describe, expect, it } from 'vitest';
import {
  MAX_CELL_PX,
  ZOOM_STEP,
  cellAtPoint,
  clampView,
  fitRange,
  fitScale,
  keyStep,
  panBy,
  resetView,
  visibleWindow,
  wheelFactor,
  zoomAt,
} from '../../../../src/views/heatmap-zoom/viewport';

const dims = { rows: 4096, cols: 4096 };
const size = { width: 512, height: 512 };

describe('zoomable heatmap viewport', () => {
  it('resets to the whole matrix', () => {
    const v = resetView(dims, size);
    expect(v).toEqual({ scale: 512 / 4096, x: 0, y: 0 });
    expect(visibleWindow(v, dims, size)).toEqual({ rows: [0, 4096], cols: [0, 4096] });
  });

  it('fits the longer axis of a non-square matrix', () => {
    expect(fitScale({ rows: 10, cols: 40 }, { width: 400, height: 400 })).toBe(10);
    expect(fitScale({ rows: 80, cols: 40 }, { width: 400, height: 400 })).toBe(5);
  });

  it('keeps the cell under the pointer in place when zooming', () => {
    const v0 = resetView(dims, size);
    const px = 300;
    const py = 120;
    const before = { x: v0.x + px / v0.scale, y: v0.y + py / v0.scale };
    const v1 = zoomAt(v0, 4, px, py, dims, size);
    expect(v1.scale).toBeCloseTo(v0.scale * 4, 12);
    expect(v1.x + px / v1.scale).toBeCloseTo(before.x, 9);
    expect(v1.y + py / v1.scale).toBeCloseTo(before.y, 9);
    // Zooming back out by the same factor returns to where it started.
    const v2 = zoomAt(v1, 1 / 4, px, py, dims, size);
    expect(v2.scale).toBeCloseTo(v0.scale, 12);
    expect(v2.x).toBeCloseTo(0, 9);
  });

  it('clamps the zoom between the fit and MAX_CELL_PX per cell', () => {
    const v = zoomAt(resetView(dims, size), 1e9, 10, 10, dims, size);
    expect(v.scale).toBe(MAX_CELL_PX);
    const out = zoomAt(v, 1e-9, 10, 10, dims, size);
    expect(out).toEqual(resetView(dims, size));
  });

  it('zooms down to single cells with whole cells in the window', () => {
    let v = resetView(dims, size);
    for (let i = 0; i < 40; i++) v = zoomAt(v, ZOOM_STEP, 256, 256, dims, size);
    const w = visibleWindow(v, dims, size);
    // 512 px / 48 px per cell: 10.67 cells, so 11 or 12 touched cells per axis.
    expect(w.rows[1] - w.rows[0]).toBeGreaterThanOrEqual(11);
    expect(w.rows[1] - w.rows[0]).toBeLessThanOrEqual(12);
    // Centred: the window holds the middle of the matrix.
    expect(w.rows[0]).toBeLessThanOrEqual(2048);
    expect(w.rows[1]).toBeGreaterThan(2048);
  });

  it('pans with the pointer and stops at the edges', () => {
    const v = { scale: 8, x: 100, y: 100 };
    const moved = panBy(v, 80, -40, dims, size);
    expect(moved.x).toBe(90); // dragging right shows what is left of it
    expect(moved.y).toBe(105);
    expect(panBy(v, 1e6, 1e6, dims, size)).toEqual({ scale: 8, x: 0, y: 0 });
    expect(panBy(v, -1e6, -1e6, dims, size)).toEqual({ scale: 8, x: 4096 - 64, y: 4096 - 64 });
  });

  it('keeps a matrix smaller than the canvas at the origin', () => {
    const small = { rows: 5, cols: 3 };
    // It fits at 102.4 px per cell, which is then also the largest zoom.
    expect(clampView({ scale: 48, x: 2, y: -3 }, small, size)).toEqual({
      scale: 102.4,
      x: 0,
      y: 0,
    });
    expect(clampView({ scale: NaN, x: NaN, y: 1 }, small, size).x).toBe(0);
  });

  it('answers the keyboard: zoom, pan by a quarter, reset, and nothing for other keys', () => {
    const v0 = resetView(dims, size);
    const zin = keyStep(v0, '+', dims, size)!;
    expect(zin.scale).toBeCloseTo(v0.scale * ZOOM_STEP, 12);
    expect(keyStep(zin, '=', dims, size)!.scale).toBeCloseTo(v0.scale * ZOOM_STEP ** 2, 12);
    expect(keyStep(zin, '-', dims, size)!.scale).toBeCloseTo(v0.scale, 12);
    const v = { scale: 8, x: 1000, y: 1000 };
    expect(keyStep(v, 'ArrowRight', dims, size)).toEqual({ scale: 8, x: 1016, y: 1000 });
    expect(keyStep(v, 'ArrowLeft', dims, size)).toEqual({ scale: 8, x: 984, y: 1000 });
    expect(keyStep(v, 'ArrowDown', dims, size)).toEqual({ scale: 8, x: 1000, y: 1016 });
    expect(keyStep(v, 'ArrowUp', dims, size)).toEqual({ scale: 8, x: 1000, y: 984 });
    expect(keyStep(v, '0', dims, size)).toEqual(v0);
    expect(keyStep(v, 'Home', dims, size)).toEqual(v0);
    expect(keyStep(v, 'a', dims, size)).toBeNull();
    // At the largest zoom an arrow still moves by at least one cell.
    const close = { scale: MAX_CELL_PX, x: 10, y: 10 };
    expect(keyStep(close, 'ArrowRight', dims, size)!.x).toBeGreaterThanOrEqual(11);
  });

  it('fits a token range on both axes', () => {
    const v = fitRange(1200, 1264, dims, size);
    expect(v).toEqual({ scale: 8, x: 1200, y: 1200 });
    expect(visibleWindow(v, dims, size)).toEqual({ rows: [1200, 1264], cols: [1200, 1264] });
    // A range shorter than the largest zoom allows is shown at the largest zoom.
    expect(fitRange(5, 6, dims, size).scale).toBe(MAX_CELL_PX);
    // Reversed and out-of-range ends are ordered and clamped.
    expect(fitRange(4090, 4000, dims, size).x).toBeLessThanOrEqual(
      4096 - 512 / fitRange(4090, 4000, dims, size).scale,
    );
  });

  it('maps a point to its cell', () => {
    const v = { scale: 10, x: 100.5, y: 20 };
    expect(cellAtPoint(v, 0, 0, dims)).toEqual({ query: 20, key: 100 });
    expect(cellAtPoint(v, 5, 9.99, dims)).toEqual({ query: 20, key: 101 });
    expect(cellAtPoint(v, -1, 5, dims)).toBeNull();
    expect(cellAtPoint({ scale: 10, x: 0, y: 0 }, 50, 50, { rows: 3, cols: 3 })).toBeNull();
  });

  it('turns wheel deltas into zoom factors (up zooms in, lines and pages scaled)', () => {
    expect(wheelFactor(-100)).toBeCloseTo(ZOOM_STEP, 12);
    expect(wheelFactor(100)).toBeCloseTo(1 / ZOOM_STEP, 12);
    expect(wheelFactor(-3, 1)).toBeCloseTo(ZOOM_STEP ** 0.48, 12);
    expect(wheelFactor(-1e6)).toBeCloseTo(ZOOM_STEP ** 5, 9);
  });
});
