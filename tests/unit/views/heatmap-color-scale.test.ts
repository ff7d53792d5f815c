import { scaleLog } from 'd3-scale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildColorLut } from '../../../src/views/heatmap/color';
import {
  cellScaleOf,
  formatScaleTick,
  isHatchedColumn,
  LOG_FLOOR_RATIO,
  makeCellScale,
  matrixTop,
  scaledToRgba,
  scaleTicks,
} from '../../../src/views/heatmap/colorScale';
import { headMatrix } from '../../../src/analysis';
import { matrixPartSpec } from '../../../src/views/export/matrixPicture';
import { SINK_CELL } from '../../../src/views/export/svg';

/** A sink-heavy head: every query puts 0.9 on the first key and spreads the rest. */
const SINK = new Float32Array([0.9, 0.1, 0, 0.9, 0.06, 0.04, 0.9, 0.02, 0.08]);

describe('log colour scale', () => {
  it('maps [floor, max] monotonically onto [0, 1], as d3 scaleLog does', () => {
    const scale = makeCellScale(0.8, 'log');
    expect(scale.floor).toBeCloseTo(0.8 * LOG_FLOOR_RATIO, 12);
    const d3 = scaleLog().domain([scale.floor, scale.max]).range([0, 1]).clamp(true);
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(scale.position(lo)).toBeLessThanOrEqual(scale.position(hi));
          expect(scale.position(a)).toBeCloseTo(d3(a), 9);
        },
      ),
    );
    expect(scale.position(scale.max)).toBe(1);
    expect(scale.position(2)).toBe(1);
  });

  it('draws zeros, values under the floor, NaN and negatives at the bottom colour', () => {
    const scale = makeCellScale(1, 'log');
    for (const v of [0, 1e-5, scale.floor, Number.NaN, -0.5]) expect(scale.position(v)).toBe(0);
    expect(scale.position(scale.floor * 10)).toBeCloseTo(0.25, 9);
  });

  it('lifts small weights that a linear scale leaves at the bottom', () => {
    const lin = makeCellScale(0.9, 'linear');
    const log = makeCellScale(0.9, 'log');
    expect(lin.position(0.002)).toBeLessThan(0.01);
    expect(log.position(0.002)).toBeGreaterThan(0.3);
  });

  it('ticks are powers of ten inside [floor, max), shown as 10⁻ⁿ when small', () => {
    const scale = makeCellScale(0.9, 'log');
    expect(scaleTicks(scale)).toEqual([1e-4, 1e-3, 1e-2, 1e-1]);
    const fmt = (v: number) => String(v);
    expect(scaleTicks(scale).map((v) => formatScaleTick(v, fmt))).toEqual([
      '10⁻⁴',
      '10⁻³',
      '0.01',
      '0.1',
    ]);
    expect(scaleTicks(makeCellScale(1, 'linear'))).toEqual([0, 0.2, 0.4, 0.6]);
  });
});

describe('leaving out the first token', () => {
  it('scales over the other keys: the max drops from the sink to the largest other weight', () => {
    expect(matrixTop(SINK, 3, 3, false)).toBeCloseTo(0.9, 6);
    expect(matrixTop(SINK, 3, 3, true)).toBeCloseTo(0.1, 6);
    const plain = cellScaleOf(SINK, 3, 3, { kind: 'linear', leaveOutFirst: false });
    const left = cellScaleOf(SINK, 3, 3, { kind: 'linear', leaveOutFirst: true });
    expect(plain.max).toBeCloseTo(0.9, 6);
    expect(left.max).toBeCloseTo(0.1, 6);
    expect(left.position(Math.fround(0.1))).toBe(1);
  });

  it('flags the first column as hatched, and only when there is another column', () => {
    const left = cellScaleOf(SINK, 3, 3, { kind: 'log', leaveOutFirst: true });
    expect(left.hatchFirst).toBe(true);
    expect([0, 1, 2].map((c) => isHatchedColumn(left, c))).toEqual([true, false, false]);
    const one = cellScaleOf(new Float32Array([1, 1]), 2, 1, { kind: 'log', leaveOutFirst: true });
    expect(one.hatchFirst).toBe(false);
    expect(isHatchedColumn(cellScaleOf(SINK, 3, 3, { kind: 'log', leaveOutFirst: false }), 0)).toBe(
      false,
    );
  });

  it('reads one head of a layer at an offset', () => {
    const layer = new Float32Array([...SINK, 0.5, 0.5, 0, 0.2, 0.3, 0.5, 0, 0, 1]);
    expect(matrixTop(layer, 3, 3, true, 9)).toBeCloseTo(1, 6);
    expect(matrixTop(headMatrix(layer, 0, 3, 3), 3, 3, true)).toBeCloseTo(0.1, 6);
  });

  it('leaves the hatched column (and masked cells) transparent in the pixels', () => {
    const lut = buildColorLut((t) => `rgb(${Math.round(t * 255)}, 0, 0)`, 256);
    const scale = cellScaleOf(SINK, 3, 3, { kind: 'linear', leaveOutFirst: true });
    const allowed = new Uint8Array([1, 1, 0, 1, 1, 1, 1, 1, 1]);
    const rgba = scaledToRgba(SINK, 3, 3, scale, lut, allowed);
    const alpha = Array.from({ length: 9 }, (_, i) => rgba[i * 4 + 3]);
    expect(alpha).toEqual([0, 255, 0, 0, 255, 255, 0, 255, 255]);
    expect(rgba[1 * 4]).toBe(255); // 0.1 is the top now
  });

  it('exports: SVG cells of the first column are the sink pattern, the bar ticks are log', () => {
    const { spec, cellColor, hatchFirst } = matrixPartSpec({
      caption: 'A',
      rowLabels: ['a', 'b', 'c'],
      colLabels: ['a', 'b', 'c'],
      matrix: SINK,
      scale: 'sequential',
      colorMap: 'viridis',
      colorScale: 'log',
      leaveOutFirst: true,
      barLabel: 'Attention weight',
      format: (v) => String(v),
    });
    expect(hatchFirst).toBe(true);
    expect(cellColor(1, 0)).toBe(SINK_CELL);
    expect(cellColor(1, 1)).toMatch(/^#[0-9a-f]{6}$/);
    expect(spec.colourBar.max).toBeCloseTo(0.1, 6);
    expect(spec.colourBar.position?.(0.01)).toBeCloseTo(0.75, 6);
  });
});
