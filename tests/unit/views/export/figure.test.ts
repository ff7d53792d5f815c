import { describe, expect, it } from 'vitest';
import {
  CANVAS_LIMITS,
  computeFigureLayout,
  defaultCellSize,
  fitScale,
  wrapText,
  type FigureSpec,
} from '../../../../src/views/export/figure';
import { readPngSize } from '../../../../src/views/export/png';

const tokens = (n: number) => Array.from({ length: n }, (_, i) => `tok${i}`);

const spec = (n: number, extra: Partial<FigureSpec> = {}): FigureSpec => ({
  title: ['en-zh-tiny · Encoder self-attention · Layer 1 · head 1', 'Sentence A: The bank.'],
  rows: n,
  cols: n,
  rowLabels: tokens(n),
  colLabels: tokens(n),
  colourBar: { max: 0.5, interpolate: () => '#000', label: 'Attention weight' },
  ...extra,
});

describe('computeFigureLayout', () => {
  it('places title, labels, grid and colour bar without overlap, in integer sizes', () => {
    const l = computeFigureLayout(spec(7));
    expect(Number.isInteger(l.width) && Number.isInteger(l.height)).toBe(true);
    expect(l.grid.cellSize).toBe(defaultCellSize(7, 7));
    expect(l.grid.width).toBe(7 * l.grid.cellSize);
    expect(l.rowLabels).toHaveLength(7);
    expect(l.colLabels).toHaveLength(7);
    const lastTitle = l.title[l.title.length - 1]!;
    expect(lastTitle.y).toBeLessThan(l.grid.y);
    // Column labels sit between the title and the grid, row labels left of the grid.
    for (const c of l.colLabels) expect(c.y).toBeLessThanOrEqual(l.grid.y);
    for (const r of l.rowLabels) expect(r.x).toBeLessThanOrEqual(l.grid.x);
    expect(l.colourBar!.y).toBeGreaterThan(l.grid.y + l.grid.height);
    expect(l.grid.x + l.grid.width).toBeLessThanOrEqual(l.width);
    expect(l.colourBar!.y + l.colourBar!.height).toBeLessThan(l.height);
  });

  it('the centre of each row/column label matches its cell', () => {
    const l = computeFigureLayout(spec(5, { cellSize: 20 }));
    l.rowLabels.forEach((r, i) => expect(Math.abs(r.y - (l.grid.y + i * 20 + 10))).toBeLessThan(6));
    l.colLabels.forEach((c, i) => expect(Math.abs(c.x - (l.grid.x + i * 20 + 10))).toBeLessThan(6));
  });

  it('upright single CJK column labels, rotated Latin ones', () => {
    const l = computeFigureLayout({ ...spec(2), colLabels: ['银', 'bank'] });
    expect(l.colLabels[0]!.rotated).toBeFalsy();
    expect(l.colLabels[1]!.rotated).toBe(true);
  });

  it('a footer (downscale notice) adds a line', () => {
    const a = computeFigureLayout(spec(4));
    const b = computeFigureLayout(spec(4, { footer: 'Drawn at 50%' }));
    expect(b.height).toBeGreaterThan(a.height);
    expect(b.footer!.y).toBeGreaterThan(b.colourBar!.y);
  });

  it('no labels: no gutters', () => {
    const l = computeFigureLayout({ title: [], rows: 3, cols: 3, cellSize: 10 });
    expect(l.grid.x).toBe(16);
    expect(l.colourBar).toBeNull();
  });

  it('wraps long titles within the width', () => {
    const lines = wrapText('word '.repeat(100), 13, 300, 3);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
    expect(wrapText('银行'.repeat(60), 13, 200, 10).length).toBeGreaterThan(1);
    // Title parts stay whole: lines break at " · " first.
    expect(wrapText('en-zh-tiny · Cross-attention · Layer 1 · head 1', 15, 300, 3)).toEqual([
      'en-zh-tiny · Cross-attention',
      'Layer 1 · head 1',
    ]);
    expect(wrapText('a · b', 15, 300, 3)).toEqual(['a · b']);
  });
});

describe('fitScale (Chromium canvas limits)', () => {
  it('keeps 1×, 2× and 4× exact when they fit: 2× is exactly double 1×', () => {
    const one = fitScale(640, 480, 1);
    const two = fitScale(640, 480, 2);
    const four = fitScale(640, 480, 4);
    expect([one.width, one.height, one.downscaled]).toEqual([640, 480, false]);
    expect([two.width, two.height]).toEqual([1280, 960]);
    expect([four.width, four.height, four.scale]).toEqual([2560, 1920, 4]);
  });

  it('downscales past 65,535 px a side, keeping the aspect ratio', () => {
    const f = fitScale(20_000, 1_000, 4);
    expect(f.downscaled).toBe(true);
    expect(f.width).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    expect(f.width).toBeGreaterThan(CANVAS_LIMITS.maxSide - 30);
    expect(f.width / f.height).toBeCloseTo(20, 1);
  });

  it('downscales past 268 M pixels in all', () => {
    // 512 tokens at 16 px ≈ 8,300 px a side: fine at 1×, 4× would be 1.1 G pixels.
    const f = fitScale(8_300, 8_400, 4);
    expect(f.downscaled).toBe(true);
    expect(f.width * f.height).toBeLessThanOrEqual(CANVAS_LIMITS.maxArea);
    expect(f.width * f.height).toBeGreaterThan(CANVAS_LIMITS.maxArea * 0.99);
    expect(f.scale).toBeLessThan(2);
    expect(fitScale(8_300, 8_400, 1).downscaled).toBe(false);
  });

  it('never returns an empty picture', () => {
    const f = fitScale(10_000_000, 10, 1);
    expect(f.width).toBeGreaterThanOrEqual(1);
    expect(f.height).toBeGreaterThanOrEqual(1);
  });

  it('respects custom limits', () => {
    const f = fitScale(100, 100, 4, { maxSide: 300, maxArea: 1e9 });
    expect([f.width, f.height, f.downscaled]).toEqual([300, 300, true]);
  });
});

describe('readPngSize', () => {
  it('reads IHDR width and height, refuses other bytes', () => {
    const png = new Uint8Array([
      137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 2, 128, 0, 0, 1, 224,
    ]);
    expect(readPngSize(png)).toEqual({ width: 640, height: 480 });
    expect(readPngSize(new Uint8Array(24))).toBeNull();
    expect(readPngSize(png.subarray(0, 10))).toBeNull();
  });
});
