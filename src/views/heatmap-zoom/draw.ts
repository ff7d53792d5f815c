/**
 * Compute, then draw: the zoomable heatmap's pixels, where a tile lands on the canvas, what the
 * pointer reads (an exact weight, or a pooled block's max and mean) and which axis labels show.
 * Pure functions over the tile's arrays; the component only paints what these return.
 */
import { scaleLutIndex, type CellScale } from '../heatmap/colorScale';
import { labelStep, shortenLabel } from '../heatmap/layout';
import { blockOf, blockRange, widestBlock, type AttentionTile } from './tile';
import type { CanvasSize, Viewport } from './viewport';

/** Whether the tile has one output pixel per cell (its values are the weights themselves). */
export function isExactTile(tile: AttentionTile): boolean {
  return (
    tile.outRows === tile.rows[1] - tile.rows[0] && tile.outCols === tile.cols[1] - tile.cols[0]
  );
}

/**
 * RGBA pixels ([outRows][outCols]) of a tile's pooled maxima on `scale`. A block whose largest
 * weight is exactly 0 is masked (a causal model's future keys: softmax gives no allowed key an
 * exact 0), so it is transparent and the page's mask hatch shows, as in the full heatmap. With
 * the first token left out (`scale.hatchFirst`) the tile's first output column is transparent
 * when the tile starts at key 0: the canvas hatches it.
 */
export function tileToRgba(
  values: Float32Array,
  tile: AttentionTile,
  scale: CellScale,
  lut: Uint8ClampedArray,
): Uint8ClampedArray {
  const { outRows, outCols } = tile;
  const lutSize = lut.length / 3;
  const out = new Uint8ClampedArray(outRows * outCols * 4);
  const skipFirst = scale.hatchFirst && tile.cols[0] === 0;
  for (let r = 0; r < outRows; r++) {
    for (let c = skipFirst ? 1 : 0; c < outCols; c++) {
      const i = r * outCols + c;
      const v = values[i]!;
      if (v === 0) continue;
      const j = scaleLutIndex(scale, Number.isFinite(v) ? v : 0, lutSize) * 3;
      out[i * 4] = lut[j]!;
      out[i * 4 + 1] = lut[j + 1]!;
      out[i * 4 + 2] = lut[j + 2]!;
      out[i * 4 + 3] = 255;
    }
  }
  return out;
}

/** Where a tile's image goes on the canvas under viewport `v`, CSS px. */
export function tileRect(
  tile: Pick<AttentionTile, 'rows' | 'cols'>,
  v: Viewport,
): { x: number; y: number; width: number; height: number } {
  return {
    x: (tile.cols[0] - v.x) * v.scale,
    y: (tile.rows[0] - v.y) * v.scale,
    width: (tile.cols[1] - tile.cols[0]) * v.scale,
    height: (tile.rows[1] - tile.rows[0]) * v.scale,
  };
}

/** The canvas rectangle of the hatched first column (null when it is off-screen or not hatched). */
export function sinkRect(
  tile: AttentionTile,
  v: Viewport,
  hatchFirst: boolean,
): { x: number; y: number; width: number; height: number } | null {
  if (!hatchFirst || tile.cols[0] !== 0) return null;
  const rect = tileRect(tile, v);
  // The first output column: one cell when exact, the first pooled block otherwise.
  const [, end] = blockRange(0, tile.cols[1] - tile.cols[0], tile.outCols);
  return { x: rect.x, y: rect.y, width: end * v.scale, height: rect.height };
}

/** What the pointer reads at a cell: its exact weight, or the pooled block holding it. */
export type Readout =
  | { exact: true; query: number; key: number; weight: number }
  | {
      exact: false;
      /** Half-open query and key ranges of the block. */
      rows: [number, number];
      cols: [number, number];
      max: number;
      mean: number;
    };

/** The readout of cell (query, key) from head `h` of the tile, or null outside the tile. */
export function readoutAt(
  tile: AttentionTile,
  h: number,
  query: number,
  key: number,
): Readout | null {
  const [r0, r1] = tile.rows;
  const [c0, c1] = tile.cols;
  if (query < r0 || query >= r1 || key < c0 || key >= c1) return null;
  const max = tile.max[h];
  const mean = tile.mean[h];
  if (!max || !mean) return null;
  const n = r1 - r0;
  const m = c1 - c0;
  const i = blockOf(query - r0, n, tile.outRows);
  const j = blockOf(key - c0, m, tile.outCols);
  const at = i * tile.outCols + j;
  if (isExactTile(tile)) return { exact: true, query, key, weight: max[at]! };
  const [a, b] = blockRange(i, n, tile.outRows);
  const [c, d] = blockRange(j, m, tile.outCols);
  return {
    exact: false,
    rows: [r0 + a, r0 + b],
    cols: [c0 + c, c0 + d],
    max: max[at]!,
    mean: mean[at]!,
  };
}

/** Whether a tile has masked blocks (an exact 0 largest weight, see `tileToRgba`). */
export function hasMasked(tile: AttentionTile, h: number): boolean {
  return tile.max[h]?.includes(0) ?? false;
}

/** The pooling of a tile: how many rows × columns one pixel covers at most; null when exact. */
export function poolingOf(tile: AttentionTile): { rows: number; cols: number } | null {
  if (isExactTile(tile)) return null;
  return {
    rows: widestBlock(tile.rows[1] - tile.rows[0], tile.outRows),
    cols: widestBlock(tile.cols[1] - tile.cols[0], tile.outCols),
  };
}

/**
 * The top of the colour scale from a tile's maxima: its largest value, leaving out the first output
 * column when the first token is left out and the tile starts at key 0. 0 when nothing is positive.
 */
export function tileTop(tile: AttentionTile, h: number, skipFirst: boolean): number {
  const values = tile.max[h];
  if (!values) return 0;
  const skip = skipFirst && tile.cols[0] === 0 ? 1 : 0;
  let top = 0;
  for (let r = 0; r < tile.outRows; r++)
    for (let c = skip; c < tile.outCols; c++) {
      const v = values[r * tile.outCols + c]!;
      if (v > top && v !== Infinity) top = v;
    }
  return top;
}

/** One axis label of the zoomable heatmap. */
export interface ZoomLabel {
  index: number;
  text: string;
  full: string;
  /** Centre of the token's row or column, CSS px from the canvas's edge. */
  center: number;
}

/**
 * The labels of the visible tokens along one axis: every token once cells are a line of text tall,
 * else every n-th (n a round step, so labels do not jump while panning); each at its cell's centre.
 */
export function axisLabels(
  tokens: readonly string[],
  origin: number,
  scale: number,
  extent: number,
  fontSize = 11,
  maxChars = 12,
): ZoomLabel[] {
  const raw = labelStep(scale, fontSize);
  const step = raw <= 1 ? 1 : niceStep(raw);
  const first = Math.max(0, Math.ceil(Math.floor(origin) / step) * step);
  const last = Math.min(tokens.length, Math.ceil(origin + extent / scale));
  const out: ZoomLabel[] = [];
  for (let i = first; i < last; i += step) {
    const full = tokens[i] ?? '';
    const center = (i + 0.5 - origin) * scale;
    // A label too close to the edge would be cut (half a line of text from it at least).
    if (center < fontSize / 2 || center > extent - fontSize / 2) continue;
    out.push({ index: i, full, text: shortenLabel(full, maxChars), center });
  }
  return out;
}

/** The smallest of 1, 2, 5, 10, 20, 50, … at least `n`. */
export function niceStep(n: number): number {
  let p = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * p >= n) return m * p;
    p *= 10;
  }
}

/** The tile size to ask for: one output pixel per device pixel of the canvas, at most. */
export function tileBudget(size: CanvasSize, dpr: number): { maxRows: number; maxCols: number } {
  return {
    maxRows: Math.max(1, Math.round(size.height * dpr)),
    maxCols: Math.max(1, Math.round(size.width * dpr)),
  };
}
