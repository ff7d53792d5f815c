import { interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { headMatrix, matrixMax } from '../../../src/analysis';
import {
  buildColorLut,
  cellTooltip,
  formatTick,
  formatWeight,
  legendTicks,
  lutIndex,
  matrixToRgba,
  parseColor,
  scaleMax,
  VIRIDIS_LUT,
} from '../../../src/views/heatmap/color';

describe('colours', () => {
  it('parses the colour strings d3 returns', () => {
    expect(parseColor('#ff8000')).toEqual([255, 128, 0]);
    expect(parseColor('#f80')).toEqual([255, 136, 0]);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(() => parseColor('teal')).toThrow();
  });

  it('the viridis table runs from viridis(0) to viridis(1)', () => {
    expect(VIRIDIS_LUT.length).toBe(256 * 3);
    expect([...VIRIDIS_LUT.slice(0, 3)]).toEqual(parseColor(interpolateViridis(0)));
    expect([...VIRIDIS_LUT.slice(-3)]).toEqual(parseColor(interpolateViridis(1)));
    expect(buildColorLut(() => '#010203', 2)).toEqual(new Uint8ClampedArray([1, 2, 3, 1, 2, 3]));
  });

  it('maps values on [0, max] to table indices, clamped', () => {
    expect(lutIndex(0, 0.5, 256)).toBe(0);
    expect(lutIndex(0.5, 0.5, 256)).toBe(255);
    expect(lutIndex(2, 0.5, 256)).toBe(255);
    expect(lutIndex(-1, 0.5, 256)).toBe(0);
    expect(lutIndex(Number.NaN, 1, 256)).toBe(0);
    expect(lutIndex(1, 0, 256)).toBe(0);
  });

  it('paints one RGBA pixel per cell; masked cells are transparent', () => {
    const lut = new Uint8ClampedArray([0, 0, 0, 255, 255, 255]); // two entries: black, white
    const rgba = matrixToRgba(
      new Float32Array([0, 1, 1, 0]),
      2,
      2,
      1,
      lut,
      new Uint8Array([1, 1, 0, 1]),
    );
    expect([...rgba]).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 255]);
  });

  it('scaleMax never returns 0', () => {
    expect(scaleMax(0)).toBe(1);
    expect(scaleMax(0.3)).toBe(0.3);
    expect(scaleMax(Number.NaN)).toBe(1);
  });

  it('legend ticks start at 0 and stay within [0, max]', () => {
    const ticks = legendTicks(0.533);
    expect(ticks[0]).toBe(0);
    for (const t of ticks) expect(t).toBeLessThanOrEqual(0.533);
    expect(ticks.length).toBeGreaterThan(2);
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(0)).toBe('0');
  });
});

describe('tooltip text', () => {
  it('is "query → key: weight" with four decimals', () => {
    expect(formatWeight(0.123456)).toBe('0.1235');
    expect(formatWeight(1)).toBe('1.0000');
    expect(cellTooltip('bank', 'river', 0.25)).toBe('bank → river: 0.2500');
  });
});

describe('matrix helpers', () => {
  it('matrixMax ignores non-finite values', () => {
    expect(matrixMax(new Float32Array([0.1, 0.7, Number.NaN, -Infinity]))).toBeCloseTo(0.7);
    expect(matrixMax(new Float32Array([]))).toBe(0);
  });

  it('headMatrix is a view of one head', () => {
    const layer = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]); // [2 heads][2][2]
    expect([...headMatrix(layer, 1, 2, 2)]).toEqual([5, 6, 7, 8]);
    expect(headMatrix(layer, 0, 2, 2).buffer).toBe(layer.buffer);
  });
});
