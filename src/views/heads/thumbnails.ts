/**
 * Pure helpers of the heads grid: where each thumbnail goes, how a head's [Tq][Tk] matrix is
 * reduced to the thumbnail's pixels (max-pooling, so thin diagonals survive), how pooled values
 * become RGBA pixels of one shared atlas image, and where a token's row lies in a thumbnail.
 * The component only paints what these compute.
 */
import { VIRIDIS_LUT, lutIndex } from '../heatmap/color';
import { scaleLutIndex, type CellScale } from '../heatmap/colorScale';

export interface ThumbGridOptions {
  /** Space between thumbnails, CSS px. Default 10. */
  gap?: number;
  /** Height of the caption line under each thumbnail ("L3 H7"), CSS px. Default 18. */
  labelHeight?: number;
  /** Smallest thumbnail side, CSS px (below this the grid scrolls sideways). Default 44. */
  minThumb?: number;
  /** Largest thumbnail side, CSS px. Default 168. */
  maxThumb?: number;
}

/** Where one thumbnail is drawn, in CSS px from the grid's top-left corner. */
export interface ThumbRect {
  /** Top-left corner of the thumbnail's square box. */
  x: number;
  y: number;
  /** Side of the square box. */
  size: number;
}

export interface ThumbGridLayout {
  columns: number;
  rows: number;
  /** Side of every thumbnail box, CSS px. */
  thumb: number;
  gap: number;
  labelHeight: number;
  /** Width and height of the whole grid, CSS px. */
  width: number;
  height: number;
  /** One box per thumbnail, in drawing order (row by row). */
  rects: ThumbRect[];
}

/**
 * Lays out `count` square thumbnails in rows of `columns` (the heads of a layer share a row when
 * `columns` = heads), each as large as `availableWidth` allows within [minThumb, maxThumb].
 */
export function thumbGridLayout(
  count: number,
  columns: number,
  availableWidth: number | undefined,
  options: ThumbGridOptions = {},
): ThumbGridLayout {
  const gap = options.gap ?? 10;
  const labelHeight = options.labelHeight ?? 18;
  const minThumb = options.minThumb ?? 44;
  const maxThumb = Math.max(minThumb, options.maxThumb ?? 168);
  const cols = Math.max(1, Math.floor(columns));
  const fit =
    availableWidth === undefined
      ? maxThumb
      : Math.floor((availableWidth - (cols - 1) * gap) / cols);
  const thumb = Math.max(minThumb, Math.min(maxThumb, fit));
  const rows = count > 0 ? Math.ceil(count / cols) : 0;
  const cellHeight = thumb + labelHeight;
  const rects: ThumbRect[] = [];
  for (let i = 0; i < count; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    rects.push({ x: c * (thumb + gap), y: r * (cellHeight + gap), size: thumb });
  }
  const usedCols = Math.min(cols, Math.max(count, 1));
  return {
    columns: cols,
    rows,
    thumb,
    gap,
    labelHeight,
    width: usedCols * thumb + (usedCols - 1) * gap,
    height: rows > 0 ? rows * cellHeight + (rows - 1) * gap : 0,
    rects,
  };
}

/**
 * How many cells one thumbnail pixel pools along each axis: 1 (one pixel per cell) when the
 * longer side fits in `maxPixels`, else the smallest factor that makes it fit.
 */
export function poolFactor(rows: number, cols: number, maxPixels: number): number {
  const longest = Math.max(rows, cols, 1);
  const limit = Math.max(1, Math.floor(maxPixels));
  return longest <= limit ? 1 : Math.ceil(longest / limit);
}

/** Pooled length of an axis of `n` cells with factor `f`. */
export function pooledLength(n: number, f: number): number {
  return Math.ceil(n / Math.max(1, f));
}

/**
 * Max-pools one head's row-major [rows][cols] matrix, read from `src` at `offset`, by `f` × `f`
 * cells into `out` ([ceil(rows/f)][ceil(cols/f)]). Returns the largest value (0 if none).
 * NaN, negative and infinite values count as 0. One pass over the matrix, no division per cell
 * (37.7M weights of 12 × 12 heads at 512 tokens are read in a few tens of milliseconds).
 */
export function poolMax(
  src: Float32Array,
  offset: number,
  rows: number,
  cols: number,
  f: number,
  out: Float32Array,
): number {
  const step = Math.max(1, Math.floor(f));
  const pr = pooledLength(rows, step);
  const pc = pooledLength(cols, step);
  const size = pr * pc;
  out.fill(0, 0, size);
  for (let r = 0, pooledRow = 0, left = step; r < rows; r++) {
    const base = offset + r * cols;
    const o = pooledRow * pc;
    for (let cb = 0, c0 = 0; cb < pc; cb++, c0 += step) {
      const c1 = c0 + step < cols ? c0 + step : cols;
      let m = out[o + cb]!;
      for (let c = base + c0, end = base + c1; c < end; c++) {
        const v = src[c]!;
        if (v > m && v !== Infinity) m = v;
      }
      out[o + cb] = m;
    }
    if (--left === 0) {
      left = step;
      pooledRow++;
    }
  }
  let max = 0;
  for (let i = 0; i < size; i++) if (out[i]! > max) max = out[i]!;
  return max;
}

/**
 * Writes a pooled [pr][pc] thumbnail as opaque RGBA pixels into `target` (an image `targetWidth`
 * pixels wide) with its top-left corner at (x0, y0), on the colour scale [0, max], or on `scale`
 * when given (log, first token left out: see colorScale.ts; `max` is then ignored).
 */
export function paintThumb(
  pooled: Float32Array,
  pr: number,
  pc: number,
  max: number,
  target: Uint8ClampedArray,
  targetWidth: number,
  x0: number,
  y0: number,
  lut: Uint8ClampedArray = VIRIDIS_LUT,
  scale?: CellScale,
): void {
  const lutSize = lut.length / 3;
  const top = max > 0 ? max : 1;
  for (let r = 0; r < pr; r++) {
    let p = ((y0 + r) * targetWidth + x0) * 4;
    for (let c = 0; c < pc; c++) {
      const v = pooled[r * pc + c]!;
      const j = (scale ? scaleLutIndex(scale, v, lutSize) : lutIndex(v, top, lutSize)) * 3;
      target[p] = lut[j]!;
      target[p + 1] = lut[j + 1]!;
      target[p + 2] = lut[j + 2]!;
      target[p + 3] = 255;
      p += 4;
    }
  }
}

/**
 * The drawn image inside a thumbnail's square box for a [rows][cols] matrix: cells stay square, the
 * image is centred, and each cell's side is `cell` CSS px.
 */
export function thumbImageRect(
  rect: ThumbRect,
  rows: number,
  cols: number,
): { x: number; y: number; width: number; height: number; cell: number } {
  const longest = Math.max(rows, cols, 1);
  const cell = rect.size / longest;
  const width = cols * cell;
  const height = rows * cell;
  return {
    x: rect.x + (rect.size - width) / 2,
    y: rect.y + (rect.size - height) / 2,
    width,
    height,
    cell,
  };
}

/**
 * The band of query row `row` in a thumbnail's drawn image (see `thumbImageRect`), CSS px: where the
 * hover highlight goes. With pooling the band covers the pooled pixel row holding that query.
 */
export function rowBand(
  image: { y: number; height: number },
  row: number,
  rows: number,
  f: number,
): { y: number; height: number } {
  const pr = pooledLength(rows, f);
  const band = image.height / Math.max(1, pr);
  const r = Math.min(pr - 1, Math.max(0, Math.floor(row / Math.max(1, f))));
  return { y: image.y + r * band, height: band };
}

/**
 * The two dimmed bands of a thumbnail while query row `row` is highlighted: from the image's top to
 * the row's band, and from below the band to the image's bottom (CSS px; heights ≥ 0).
 */
export function veilBands(
  image: { y: number; height: number },
  row: number,
  rows: number,
  f: number,
): { above: { y: number; height: number }; below: { y: number; height: number } } {
  const band = rowBand(image, row, rows, f);
  const end = band.y + band.height;
  return {
    above: { y: image.y, height: Math.max(0, band.y - image.y) },
    below: { y: end, height: Math.max(0, image.y + image.height - end) },
  };
}

/** A head's short label, e.g. "L3 H7" (1-based). */
export function headLabel(layer: number, head: number): string {
  return `L${layer + 1} H${head + 1}`;
}
