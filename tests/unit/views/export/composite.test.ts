/**
 * Picture exports beyond the main heatmap: the composite figure's layout (title, content, colour
 * bar) at 1×, 2× and 4×, the downscale past the canvas limits, rows of matrices (compare) and
 * their SVG (cells as rects, token labels as text).
 */
import { describe, expect, it } from 'vitest';
import {
  canvasComposite,
  figureRow,
  PART_GAP,
  pictureTitle,
  rowLayout,
} from '../../../../src/views/export/composite';
import {
  CANVAS_LIMITS,
  computeFigureLayout,
  fitScale,
  type FigureSpec,
} from '../../../../src/views/export/figure';
import {
  matricesSvg,
  matrixPartSpec,
  type MatrixPartInput,
} from '../../../../src/views/export/matrixPicture';
import { DIVERGING_LUT, colorMapLut } from '../../../../src/views/heatmap/colormaps';
import { thumbCaptionItems } from '../../../../src/views/heads/headsExport';
import { thumbGridLayout } from '../../../../src/views/heads/thumbnails';

const bar = {
  min: 0,
  max: 1,
  interpolate: () => '#000',
  label: 'Weight ÷ the head’s largest weight',
};
const title = ['en-zh-tiny · Attention of all 2 layers × 4 heads', 'Sentence A: The bank.'];

/** A stand-in for a live canvas (the layout never reads it). */
const canvas = { width: 10, height: 10 } as HTMLCanvasElement;

describe('canvasComposite (heads grid, lines)', () => {
  const content = canvasComposite({
    title,
    width: 700.4,
    height: 300,
    canvases: [{ canvas, x: 0, y: 0, width: 700.4, height: 300 }],
    colourBar: bar,
  });

  it('is the generic figure with the content as 1-px cells: title above, colour bar below', () => {
    const l = computeFigureLayout(content);
    expect([l.grid.width, l.grid.height, l.grid.cellSize]).toEqual([701, 300, 1]);
    expect(l.title.map((t) => t.text)).toEqual(title);
    expect(l.title[1]!.y).toBeLessThan(l.grid.y);
    expect(l.colourBar!.y).toBeGreaterThan(l.grid.y + l.grid.height);
    expect(l.colourBar!.label.text).toBe(bar.label);
    expect(l.colourBar!.ticks.map((t) => t.value)).toEqual([0, 0.5, 1]);
    expect(content.hatchTransparent).toBe(false);
  });

  it('is exactly 1×, 2× and 4× its layout in pixels', () => {
    const l = computeFigureLayout(content);
    // 16 px padding each side; the colour bar row is narrower than the content here.
    expect(l.width).toBe(701 + 32);
    for (const scale of [1, 2, 4]) {
      const fit = fitScale(l.width, l.height, scale);
      expect(fit).toMatchObject({ width: scale * l.width, height: scale * l.height });
      expect(fit.downscaled).toBe(false);
    }
  });

  it('a grid past the canvas limits at 4× is drawn smaller, within both limits', () => {
    const huge = computeFigureLayout(
      canvasComposite({ title, width: 20_000, height: 9_000, canvases: [], colourBar: bar }),
    );
    expect(fitScale(huge.width, huge.height, 1).downscaled).toBe(false);
    const fit = fitScale(huge.width, huge.height, 4);
    expect(fit.downscaled).toBe(true);
    expect(fit.scale).toBeLessThan(4);
    expect(fit.width).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    expect(fit.height).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    expect(fit.width * fit.height).toBeLessThanOrEqual(CANVAS_LIMITS.maxArea);
    // The aspect ratio stays (within a pixel of rounding).
    expect(Math.abs(fit.width / fit.height - huge.width / huge.height)).toBeLessThan(0.001);
  });
});

describe('thumbCaptionItems', () => {
  it('writes each thumbnail’s label under it, and its value right-aligned', () => {
    const layout = thumbGridLayout(3, 2, 300);
    const items = thumbCaptionItems(layout, [
      { label: 'L1 H1', value: '0.52' },
      { label: 'L1 H2', value: '' },
      { label: 'L2 H1', value: 'diag' },
    ]);
    expect(items.map((i) => i.text)).toEqual(['L1 H1', '0.52', 'L1 H2', 'L2 H1', 'diag']);
    const r0 = layout.rects[0]!;
    expect(items[0]).toMatchObject({ x: r0.x + 1, y: r0.y + r0.size + 13 });
    expect(items[1]).toMatchObject({ x: r0.x + r0.size - 1, anchor: 'end' });
    // Captions stay inside the grid.
    for (const i of items) expect(i.y).toBeLessThanOrEqual(layout.height);
  });
});

const part = (n: number, extra: Partial<MatrixPartInput> = {}): MatrixPartInput => ({
  caption: 'Sentence A',
  rowLabels: Array.from({ length: n }, (_, i) => `q${i}`),
  colLabels: Array.from({ length: n }, (_, i) => `k${i}`),
  matrix: Float32Array.from({ length: n * n }, (_, i) => i / (n * n)),
  scale: 'sequential',
  colorMap: 'viridis',
  barLabel: 'Attention weight',
  format: (v) => String(Math.round(v * 100) / 100),
  ...extra,
});

describe('rows of matrices (compare)', () => {
  it('places the parts side by side with a gap, as tall as the tallest', () => {
    const specs: FigureSpec[] = [part(4), part(6), part(4)].map((p) => matrixPartSpec(p).spec);
    const row = rowLayout(specs);
    const widths = row.layouts.map((l) => l.width);
    expect(row.offsets).toEqual([0, widths[0]! + PART_GAP, widths[0]! + widths[1]! + 2 * PART_GAP]);
    expect(row.width).toBe(widths[0]! + widths[1]! + widths[2]! + 2 * PART_GAP);
    expect(row.height).toBe(Math.max(...row.layouts.map((l) => l.height)));
    const l = computeFigureLayout(figureRow(title, []));
    expect(l.grid.cellSize).toBe(1);
    const whole = computeFigureLayout({
      ...figureRow(title, []),
      rows: row.height,
      cols: row.width,
    });
    for (const scale of [1, 2, 4])
      expect(fitScale(whole.width, whole.height, scale)).toMatchObject({
        width: scale * whole.width,
        height: scale * whole.height,
        downscaled: false,
      });
  });

  it('a difference uses the diverging map over [−max, +max]: zero is its middle colour', () => {
    const diff = Float32Array.from([-0.2, 0, 0.1, 0.2]);
    const { spec, top, cellColor } = matrixPartSpec(
      part(2, { matrix: diff, scale: 'diverging', barLabel: 'B − A' }),
    );
    expect(top).toBeCloseTo(0.2, 6);
    expect(spec.colourBar.min).toBeCloseTo(-0.2, 6);
    expect(spec.colourBar.ticks?.map((v) => spec.colourBar.format!(v))).toEqual([
      '-0.2',
      '0',
      '+0.2',
    ]);
    const hex = (lut: Uint8ClampedArray, i: number) =>
      `#${[0, 1, 2].map((k) => lut[i * 3 + k]!.toString(16).padStart(2, '0')).join('')}`;
    const n = DIVERGING_LUT.length / 3;
    expect(cellColor(0, 0)).toBe(hex(DIVERGING_LUT, 0));
    expect(cellColor(0, 1)).toBe(hex(DIVERGING_LUT, (n - 1) / 2));
    expect(cellColor(1, 1)).toBe(hex(DIVERGING_LUT, n - 1));
  });

  it('a sequential part uses the chosen colour map over [0, max]', () => {
    const { cellColor } = matrixPartSpec(
      part(2, { matrix: Float32Array.from([0, 0.25, 0.5, 1]), colorMap: 'magma' }),
    );
    const lut = colorMapLut('magma');
    const last = lut.length / 3 - 1;
    const hex = (i: number) =>
      `#${[0, 1, 2].map((k) => lut[i * 3 + k]!.toString(16).padStart(2, '0')).join('')}`;
    expect(cellColor(0, 0)).toBe(hex(0));
    expect(cellColor(1, 1)).toBe(hex(last));
  });
});

describe('matricesSvg (compare, aggregates)', () => {
  const a = part(3, {
    rowLabels: ['the', '<script>', 'bank'],
    colLabels: ['the', '<script>', 'bank'],
  });
  const diff = part(3, {
    caption: 'Difference B − A',
    scale: 'diverging',
    matrix: Float32Array.from([-1, 0, 1, 0, 0, 0, 1, 0, -1]),
  });
  const svg = matricesSvg(
    pictureTitle('en-zh-tiny', 'Layer 1, head 1', [
      { name: 'Sentence A', text: 'The bank & river' },
    ]),
    [a, diff],
  )!;

  it('holds every token label as text, escaped', () => {
    expect(svg).toContain('>the</text>');
    expect(svg).toContain('>&lt;script&gt;</text>');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('>Sentence A: The bank &amp; river</text>');
    expect(svg).toContain('>Difference B − A</text>');
  });

  it('one rect per cell, one nested picture per matrix, ids that do not collide', () => {
    expect(svg.match(/<rect x="[\d.]+" y="[\d.]+" width="\d+" height="\d+" fill="#/g)).toHaveLength(
      18,
    );
    expect(svg.match(/<svg /g)).toHaveLength(3);
    const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, ref] of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref);
    // Balanced: every <svg> and <g> is closed.
    expect(svg.match(/<\/svg>/g)).toHaveLength(3);
    expect(svg.match(/<g\b/g)!.length).toBe(svg.match(/<\/g>/g)!.length);
  });

  it('nothing to show: null', () => {
    expect(matricesSvg(['x'], [part(0)])).toBeNull();
  });
});
