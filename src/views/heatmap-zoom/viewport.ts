/**
 * The zoomable heatmap's viewport, as pure functions: which part of a [rows][cols] matrix a canvas
 * of `size` CSS px shows. Cells stay square: `scale` CSS px per cell on both axes, the first visible
 * column `x` and row `y` (fractional: panning moves by pixels, not by whole cells). The reset view
 * fits the whole matrix; zooming keeps the cell under the pointer in place; every change is clamped
 * so the matrix never leaves the canvas.
 */

export interface MatrixDims {
  rows: number;
  cols: number;
}

export interface CanvasSize {
  /** CSS px. */
  width: number;
  height: number;
}

export interface Viewport {
  /** CSS px per cell (the same on both axes). */
  scale: number;
  /** First visible column (key), in cells; may be fractional. */
  x: number;
  /** First visible row (query), in cells; may be fractional. */
  y: number;
}

/** Largest zoom: a cell this many CSS px wide (room for its label and readout). */
export const MAX_CELL_PX = 48;
/** Zoom factor of one keyboard step (+/−) and of one wheel notch (100 px of deltaY). */
export const ZOOM_STEP = 1.5;
/** Arrow keys pan by this fraction of the visible span. */
export const PAN_FRACTION = 0.25;

/** The scale at which the whole matrix fits the canvas. */
export function fitScale(dims: MatrixDims, size: CanvasSize): number {
  if (dims.rows <= 0 || dims.cols <= 0 || size.width <= 0 || size.height <= 0) return 1;
  return Math.min(size.width / dims.cols, size.height / dims.rows);
}

/** The scale range: from "everything fits" to MAX_CELL_PX per cell (never below the fit). */
export function scaleLimits(dims: MatrixDims, size: CanvasSize): [number, number] {
  const fit = fitScale(dims, size);
  return [fit, Math.max(fit, MAX_CELL_PX)];
}

/** The reset view: the whole matrix, from its top-left corner. */
export function resetView(dims: MatrixDims, size: CanvasSize): Viewport {
  return { scale: fitScale(dims, size), x: 0, y: 0 };
}

/** How many cells (fractional) the canvas shows along each axis at `scale`. */
export function visibleSpan(scale: number, size: CanvasSize): { cols: number; rows: number } {
  return { cols: size.width / scale, rows: size.height / scale };
}

/**
 * The viewport moved back inside its limits: scale within `scaleLimits`, and the window inside the
 * matrix (a matrix smaller than the canvas along an axis sits at 0 on that axis).
 */
export function clampView(v: Viewport, dims: MatrixDims, size: CanvasSize): Viewport {
  const [lo, hi] = scaleLimits(dims, size);
  const scale = Number.isFinite(v.scale) ? Math.min(hi, Math.max(lo, v.scale)) : lo;
  const span = visibleSpan(scale, size);
  const clampAxis = (p: number, n: number, shown: number): number =>
    Number.isFinite(p) ? Math.min(Math.max(0, n - shown), Math.max(0, p)) : 0;
  return {
    scale,
    x: clampAxis(v.x, dims.cols, span.cols),
    y: clampAxis(v.y, dims.rows, span.rows),
  };
}

/**
 * Zooms by `factor` (> 1: in) about the point (px, py), in CSS px from the canvas's top-left: the
 * matrix point under it stays under it (unless the clamp has to move it).
 */
export function zoomAt(
  v: Viewport,
  factor: number,
  px: number,
  py: number,
  dims: MatrixDims,
  size: CanvasSize,
): Viewport {
  const [lo, hi] = scaleLimits(dims, size);
  const scale = Math.min(hi, Math.max(lo, v.scale * factor));
  // The matrix point under the pointer, in cells: keep it at the same pixel.
  const cx = v.x + px / v.scale;
  const cy = v.y + py / v.scale;
  return clampView({ scale, x: cx - px / scale, y: cy - py / scale }, dims, size);
}

/** Pans by a drag of (dx, dy) CSS px: the matrix follows the pointer. */
export function panBy(
  v: Viewport,
  dx: number,
  dy: number,
  dims: MatrixDims,
  size: CanvasSize,
): Viewport {
  return clampView({ scale: v.scale, x: v.x - dx / v.scale, y: v.y - dy / v.scale }, dims, size);
}

/** The zoom factor of a wheel event's deltaY (pixels; lines count 16 px each): up zooms in. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  // One notch (~100 px) is one ZOOM_STEP; a trackpad's small deltas zoom smoothly.
  const steps = Math.max(-5, Math.min(5, -px / 100));
  return Math.pow(ZOOM_STEP, steps);
}

/**
 * The viewport after a key on the focused canvas: + / = zoom in and − / _ zoom out about the
 * centre, arrows pan by a quarter of the visible span (at least one cell), 0 and Home reset.
 * Null for any other key (the page keeps it).
 */
export function keyStep(
  v: Viewport,
  key: string,
  dims: MatrixDims,
  size: CanvasSize,
): Viewport | null {
  const span = visibleSpan(v.scale, size);
  const stepX = Math.max(1, span.cols * PAN_FRACTION);
  const stepY = Math.max(1, span.rows * PAN_FRACTION);
  switch (key) {
    case '+':
    case '=':
      return zoomAt(v, ZOOM_STEP, size.width / 2, size.height / 2, dims, size);
    case '-':
    case '_':
      return zoomAt(v, 1 / ZOOM_STEP, size.width / 2, size.height / 2, dims, size);
    case 'ArrowLeft':
      return clampView({ ...v, x: v.x - stepX }, dims, size);
    case 'ArrowRight':
      return clampView({ ...v, x: v.x + stepX }, dims, size);
    case 'ArrowUp':
      return clampView({ ...v, y: v.y - stepY }, dims, size);
    case 'ArrowDown':
      return clampView({ ...v, y: v.y + stepY }, dims, size);
    case '0':
    case 'Home':
      return resetView(dims, size);
    default:
      return null;
  }
}

/**
 * The view that shows tokens [start, end) on both axes (self-attention over one sequence: the
 * block on the diagonal), as large as the canvas allows, the range's top-left at the canvas's.
 */
export function fitRange(start: number, end: number, dims: MatrixDims, size: CanvasSize): Viewport {
  const a = Math.max(0, Math.min(start, end));
  const b = Math.max(a + 1, Math.max(start, end));
  const n = b - a;
  const scale = Math.min(size.width / n, size.height / n);
  return clampView({ scale, x: a, y: a }, dims, size);
}

/** Whole cells of a viewport: half-open ranges of the rows and columns it touches. */
export interface CellWindow {
  rows: [number, number];
  cols: [number, number];
}

/** The cells any part of which is visible (the tile to ask for). */
export function visibleWindow(v: Viewport, dims: MatrixDims, size: CanvasSize): CellWindow {
  const span = visibleSpan(v.scale, size);
  const r0 = Math.max(0, Math.floor(v.y));
  const c0 = Math.max(0, Math.floor(v.x));
  // A hair of slack so a window ending exactly on a cell edge does not take the next cell.
  const r1 = Math.min(dims.rows, Math.max(r0 + 1, Math.ceil(v.y + span.rows - 1e-9)));
  const c1 = Math.min(dims.cols, Math.max(c0 + 1, Math.ceil(v.x + span.cols - 1e-9)));
  return { rows: [r0, r1], cols: [c0, c1] };
}

/** Whether every cell of the view shows whole: the canvas is in "single cells" mode. */
export function isCellView(v: Viewport, minCellPx: number): boolean {
  return v.scale >= minCellPx;
}

/** The cell under a point in CSS px from the canvas's top-left, or null outside the matrix. */
export function cellAtPoint(
  v: Viewport,
  px: number,
  py: number,
  dims: MatrixDims,
): { query: number; key: number } | null {
  const key = Math.floor(v.x + px / v.scale);
  const query = Math.floor(v.y + py / v.scale);
  if (px < 0 || py < 0 || key < 0 || query < 0 || key >= dims.cols || query >= dims.rows)
    return null;
  return { query, key };
}

/** Where a cell range starts on the canvas and how long it is, CSS px, along one axis. */
export function axisPixels(start: number, end: number, origin: number, scale: number) {
  return { from: (start - origin) * scale, length: (end - start) * scale };
}
