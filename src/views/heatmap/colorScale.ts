/**
 * Sink-aware colour scales, shared by the heatmaps' canvases, the heads grid's thumbnails and the
 * exporters (pure: no DOM, no store).
 *
 *  - 'linear': weight / max over [0, max] (as before);
 *  - 'log': log10 over [floor, max] with floor = LOG_FLOOR_RATIO × max; zeros and anything below
 *    the floor take the bottom colour;
 *  - "leave out the first token": the top of the scale is the largest weight of the OTHER keys
 *    (column 0, the attention sink of most LLM heads, does not count), and column 0 is drawn
 *    hatched instead of coloured. Its exact value stays in the tooltip.
 */
import { scaleLog } from 'd3-scale';
import type { TranslateFn } from '../../i18n';
import type { ColorScaleName } from '../../store';
import { legendTicks, scaleMax } from './color';

/** The bottom of a log scale, as a fraction of its top: 1e-4 (four decades). */
export const LOG_FLOOR_RATIO = 1e-4;

/** The display preferences that shape a colour scale. */
export interface ColorScaleOptions {
  kind: ColorScaleName;
  /** Scale over the keys after the first; draw the first column hatched. */
  leaveOutFirst: boolean;
}

/** Linear, every column counted (what pictures used before the preferences existed). */
export const PLAIN_SCALE: ColorScaleOptions = { kind: 'linear', leaveOutFirst: false };

/** A colour scale ready to draw one matrix. */
export interface CellScale {
  kind: ColorScaleName;
  /** Top of the scale (> 0, finite). */
  max: number;
  /** Bottom of a log scale (max × LOG_FLOOR_RATIO); 0 for a linear one. */
  floor: number;
  /** Column 0 is left out of the colours and drawn hatched. */
  hatchFirst: boolean;
  /** A value's place on the colour map, in [0, 1] (0: the bottom colour). */
  position: (value: number) => number;
}

/** Whether the first column of a matrix with `cols` columns is left out (it needs another one). */
export function leavesOutFirst(options: ColorScaleOptions, cols: number): boolean {
  return options.leaveOutFirst && cols > 1;
}

/**
 * Largest finite value of a row-major [rows][cols] matrix read from `values` at `offset`, leaving
 * out column 0 when `skipFirst`. 0 when nothing is positive.
 */
export function matrixTop(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  skipFirst: boolean,
  offset = 0,
): number {
  let max = 0;
  const c0 = skipFirst ? 1 : 0;
  for (let r = 0; r < rows; r++) {
    const base = offset + r * cols;
    for (let c = base + c0, end = base + cols; c < end; c++) {
      const v = values[c]!;
      if (v > max && v !== Infinity) max = v;
    }
  }
  return max;
}

/** The colour scale with top `max` (made positive and finite by `scaleMax`). */
export function makeCellScale(max: number, kind: ColorScaleName, hatchFirst = false): CellScale {
  const top = scaleMax(max);
  if (kind === 'linear')
    return {
      kind,
      max: top,
      floor: 0,
      hatchFirst,
      position: (v) => (v > 0 ? (v >= top ? 1 : v / top) : 0),
    };
  const floor = top * LOG_FLOOR_RATIO;
  const lo = Math.log(floor);
  const span = Math.log(top) - lo;
  return {
    kind,
    max: top,
    floor,
    hatchFirst,
    // The same as d3's scaleLog().domain([floor, max]).clamp(true), without a call per cell.
    position: (v) => (v > floor ? (v >= top ? 1 : (Math.log(v) - lo) / span) : 0),
  };
}

/**
 * The colour scale of one matrix under the display preferences: its top is the largest weight
 * (of the columns after the first when the first token is left out). `max`, when given, replaces
 * the matrix's own top (a scale shared by several pictures).
 */
export function cellScaleOf(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  options: ColorScaleOptions,
  max?: number,
): CellScale {
  const skip = leavesOutFirst(options, cols);
  return makeCellScale(max ?? matrixTop(values, rows, cols, skip), options.kind, skip);
}

/** Whether the cell in column `col` is drawn hatched (the left-out first token) instead of coloured. */
export function isHatchedColumn(scale: CellScale, col: number): boolean {
  return scale.hatchFirst && col === 0;
}

/** Index into a colour lookup table of `lutSize` entries. */
export function scaleLutIndex(scale: CellScale, value: number, lutSize: number): number {
  return Math.round(scale.position(value) * (lutSize - 1));
}

/**
 * RGBA pixels (one per cell) of a row-major [rows][cols] matrix on `scale`. Masked cells
 * (`allowed` 0) and the hatched first column are transparent: the page draws its hatch there.
 */
export function scaledToRgba(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  scale: CellScale,
  lut: Uint8ClampedArray,
  allowed?: ArrayLike<number>,
): Uint8ClampedArray {
  const lutSize = lut.length / 3;
  const out = new Uint8ClampedArray(rows * cols * 4);
  for (let i = 0; i < rows * cols; i++) {
    if (allowed && allowed[i] === 0) continue;
    if (scale.hatchFirst && i % cols === 0) continue;
    const v = values[i] ?? 0;
    const j = scaleLutIndex(scale, Number.isFinite(v) ? v : 0, lutSize) * 3;
    out[i * 4] = lut[j]!;
    out[i * 4 + 1] = lut[j + 1]!;
    out[i * 4 + 2] = lut[j + 2]!;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * Tick values of the colour bar, below the top (which legends label on its own): a linear scale's
 * nice ticks from 0; a log scale's powers of ten in [floor, max). Ticks too close to the top to
 * keep its label readable are dropped.
 */
export function scaleTicks(scale: CellScale, count = 4): number[] {
  if (scale.kind === 'linear')
    return legendTicks(scale.max, count).filter((v) => v === 0 || v < scale.max * 0.8);
  return scaleLog()
    .domain([scale.floor, scale.max])
    .ticks()
    .filter((v) => isPowerOfTen(v) && v >= scale.floor * (1 - 1e-9) && scale.position(v) < 0.85);
}

function isPowerOfTen(v: number): boolean {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9;
}

/**
 * The line an exported picture's title gets about its colours (log floor, first token left out),
 * or null for plain linear colours.
 */
export function scaleNote(
  scale: CellScale,
  t: TranslateFn,
  format: (value: number) => string,
): string | null {
  const notes: string[] = [];
  if (scale.kind === 'log')
    notes.push(
      t('export.scaleNote.log', {
        floor: formatScaleTick(scale.floor, format),
        max: format(scale.max),
      }),
    );
  if (scale.hatchFirst) notes.push(t('export.scaleNote.leaveOut'));
  return notes.length > 0 ? notes.join(' · ') : null;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * A tick label: small powers of ten as `10⁻⁴`, everything else by `format` (the page's number
 * format, which would round 0.0001 to "0").
 */
export function formatScaleTick(value: number, format: (value: number) => string): string {
  if (value > 0 && value < 0.01 && isPowerOfTen(value)) {
    const e = Math.round(Math.log10(value));
    const digits = Array.from(String(Math.abs(e)), (d) => SUPERSCRIPT[Number(d)]).join('');
    return `10⁻${digits}`;
  }
  return format(value);
}
