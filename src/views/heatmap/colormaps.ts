/**
 * The colour maps users can pick for heatmaps, plus a diverging map for signed values (A − B
 * differences). All are perceptually ordered and readable with common colour-vision deficiencies:
 * viridis (default), cividis (designed for deuteranopia/protanopia), magma; purple–orange (PuOr)
 * for differences.
 */
import {
  interpolateCividis,
  interpolateMagma,
  interpolatePuOr,
  interpolateViridis,
} from 'd3-scale-chromatic';
import type { ColorMapName } from '../../store';
import { buildColorLut, lutIndex } from './color';

export const COLOR_MAP_INTERPOLATORS: Record<ColorMapName, (t: number) => string> = {
  viridis: interpolateViridis,
  cividis: interpolateCividis,
  magma: interpolateMagma,
};

/** Diverging map for signed values: purple (negative) – white – orange (positive). */
export const interpolateDiverging = (t: number): string => interpolatePuOr(1 - t);

const luts = new Map<string, Uint8ClampedArray>();

/** A 256-entry RGB lookup table of a colour map (cached). */
export function colorMapLut(name: ColorMapName): Uint8ClampedArray {
  let lut = luts.get(name);
  if (!lut) {
    lut = buildColorLut(COLOR_MAP_INTERPOLATORS[name], 256);
    luts.set(name, lut);
  }
  return lut;
}

/** The diverging map's lookup table (index 0: most negative, middle: zero, last: most positive). */
export const DIVERGING_LUT = buildColorLut(interpolateDiverging, 257);

/** CSS gradient stops ("color pct%, …") of an interpolator, for legends. */
export function gradientStops(interpolate: (t: number) => string, steps = 10): string {
  return Array.from(
    { length: steps + 1 },
    (_, i) => `${interpolate(i / steps)} ${(i * 100) / steps}%`,
  ).join(', ');
}

/**
 * RGBA pixels of a signed row-major [rows][cols] matrix on a diverging scale [−maxAbs, +maxAbs]
 * (zero in the middle of the map).
 */
export function signedMatrixToRgba(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  maxAbs: number,
  lut: Uint8ClampedArray = DIVERGING_LUT,
): Uint8ClampedArray {
  const lutSize = lut.length / 3;
  const out = new Uint8ClampedArray(rows * cols * 4);
  const span = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  for (let i = 0; i < rows * cols; i++) {
    const v = values[i] ?? 0;
    const j = lutIndex(v + span, 2 * span, lutSize) * 3;
    out[i * 4] = lut[j]!;
    out[i * 4 + 1] = lut[j + 1]!;
    out[i * 4 + 2] = lut[j + 2]!;
    out[i * 4 + 3] = 255;
  }
  return out;
}
