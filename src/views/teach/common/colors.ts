/** Colour scales of the teaching views (d3 does the maths; pure functions). */
import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

export type Scheme = 'weights' | 'diverging' | 'sequential';

/** Colour of a finite value on the scheme: weights [0, max] and sequential [lo, hi] use viridis,
 * diverging is red–white–blue, symmetric around 0 over [−m, m]. */
export function colorScale(scheme: Scheme, domain: [number, number]): (value: number) => string {
  const [lo, hi] = colorDomain(scheme, domain);
  if (scheme === 'diverging') {
    // RdBu runs red → blue; reversed so positive values are red (warm = large score).
    const scale = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([lo, 0, hi]);
    return (v) => scale(v);
  }
  const scale = scaleSequential(interpolateViridis).domain([lo, hi]);
  return (v) => scale(v);
}

/**
 * The values the ends of the colour scale stand for, given the values' extent: [0, max] for
 * weights, [lo, hi] for sequential, [−m, +m] for diverging (never an empty span). A colour bar
 * over this range shows exactly the colours of `colorScale`.
 */
export function colorDomain(scheme: Scheme, [lo, hi]: [number, number]): [number, number] {
  if (scheme === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-m, m];
  }
  if (scheme === 'weights') return [0, hi > 0 ? hi : 1];
  return [lo, hi > lo ? hi : lo + 1];
}

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
function luminance(r: number, g: number, b: number): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Black or white text, whichever has the higher WCAG contrast on `background` ("rgb(r, g, b)" or
 * "#rrggbb").
 */
export function textOn(background: string): string {
  let r = 0;
  let g = 0;
  let b = 0;
  const rgb = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(background);
  const hex = /^#([0-9a-f]{6})$/i.exec(background);
  if (rgb) [r, g, b] = [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  else if (hex) {
    const n = parseInt(hex[1]!, 16);
    [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const l = luminance(r, g, b);
  // Contrast with black (#000): (l + 0.05) / 0.05; with white: 1.05 / (l + 0.05).
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}
