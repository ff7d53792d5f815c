/** Colour helpers for heatmaps: a lookup table from a d3 interpolator, and matrix → RGBA pixels. */
import { interpolateViridis } from 'd3-scale-chromatic';
import { scaleLinear } from 'd3-scale';

/** Parses "#rrggbb", "#rgb" or "rgb(r, g, b)" (what d3 interpolators return) into [r, g, b]. */
export function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(color.trim());
  if (hex) {
    let h = hex[1]!;
    if (h.length === 3) h = h.replace(/./g, (c) => c + c);
    const n = parseInt(h, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(color.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`Unrecognised colour: ${color}`);
}

/** `size` RGB triples sampled evenly from `interpolate` over [0, 1]. */
export function buildColorLut(
  interpolate: (t: number) => string = interpolateViridis,
  size = 256,
): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(size * 3);
  for (let i = 0; i < size; i++) {
    const [r, g, b] = parseColor(interpolate(size === 1 ? 0 : i / (size - 1)));
    lut[i * 3] = r;
    lut[i * 3 + 1] = g;
    lut[i * 3 + 2] = b;
  }
  return lut;
}

/** The default colour map of attention heatmaps (viridis: perceptually uniform, colour-blind safe). */
export const VIRIDIS_LUT = buildColorLut(interpolateViridis, 256);

/** Index into a LUT of `lutSize` entries for `value` on the scale [0, max]. */
export function lutIndex(value: number, max: number, lutSize: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  const t = Math.min(1, Math.max(0, value / max));
  return Math.round(t * (lutSize - 1));
}

/**
 * RGBA pixels (one per cell) of a row-major [rows][cols] matrix on the colour scale [0, max].
 * Cells where `allowed` is 0 (masked) are fully transparent so the page's hatch shows through.
 */
export function matrixToRgba(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  max: number,
  lut: Uint8ClampedArray = VIRIDIS_LUT,
  allowed?: ArrayLike<number>,
): Uint8ClampedArray {
  const lutSize = lut.length / 3;
  const out = new Uint8ClampedArray(rows * cols * 4);
  for (let i = 0; i < rows * cols; i++) {
    if (allowed && allowed[i] === 0) continue; // transparent
    const j = lutIndex(values[i] ?? 0, max, lutSize) * 3;
    out[i * 4] = lut[j]!;
    out[i * 4 + 1] = lut[j + 1]!;
    out[i * 4 + 2] = lut[j + 2]!;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The top of the colour scale: the matrix max, or 1 when it has nothing positive. */
export function scaleMax(max: number): number {
  return max > 0 && Number.isFinite(max) ? max : 1;
}

/** Tick values for a legend over [0, max]: nice round ticks, always starting at 0. */
export function legendTicks(max: number, count = 4): number[] {
  const ticks = scaleLinear().domain([0, max]).ticks(count);
  return ticks[0] === 0 ? ticks : [0, ...ticks];
}

/** A weight as the tooltip shows it: four decimals. */
export function formatWeight(weight: number): string {
  return weight.toFixed(4);
}

/** The tooltip text of one cell: `query → key: 0.1234`. */
export function cellTooltip(query: string, key: string, weight: number): string {
  return `${query} → ${key}: ${formatWeight(weight)}`;
}

/** A tick label: as few decimals as the tick needs (at most 3). */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  return String(Number(value.toFixed(3)));
}
