/** Small matrix helpers for the teaching views: masking, row softmax, mask cost, position dots. */
import { dot, softmax } from './attention';

/** scores where `allowed` is 1, −∞ elsewhere (row-major, same length). */
export function applyMask(scores: ArrayLike<number>, allowed: ArrayLike<number>): Float64Array {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = allowed[i] ? scores[i]! : -Infinity;
  return out;
}

/** Softmax of every row of a row-major [rows][cols] matrix (masked −∞ entries give 0). */
export function softmaxRows(scores: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, (_, c) => scores[r * cols + c]!);
    out.set(softmax(row), r * cols);
  }
  return out;
}

export interface MaskCost {
  /** Attended (query, key) pairs. */
  pairs: number;
  /** rows × cols: the cost of full attention. */
  full: number;
  /** pairs / full (0 for an empty matrix). */
  fraction: number;
}

export function maskCost(allowed: ArrayLike<number>, rows: number, cols: number): MaskCost {
  let pairs = 0;
  for (let i = 0; i < rows * cols; i++) if (allowed[i]) pairs++;
  const full = rows * cols;
  return { pairs, full, fraction: full > 0 ? pairs / full : 0 };
}

/**
 * `values` ([rows][cols]) placed in the top-left of a [size][size] matrix; the rest is `fill`
 * (the padded positions of a shorter sentence in a batch).
 */
export function padSquare(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  size: number,
  fill = Number.NaN,
): Float64Array {
  const out = new Float64Array(size * size).fill(fill);
  for (let r = 0; r < Math.min(rows, size); r++)
    for (let c = 0; c < Math.min(cols, size); c++) out[r * size + c] = values[r * cols + c]!;
  return out;
}

/** The dot product of row i of a [rows][cols] table with every row (PE(i)·PE(j) for all j). */
export function rowDots(
  table: ArrayLike<number>,
  rows: number,
  cols: number,
  i: number,
): Float64Array {
  const out = new Float64Array(rows);
  const a = Array.from({ length: cols }, (_, c) => table[i * cols + c]!);
  for (let j = 0; j < rows; j++)
    out[j] = dot(
      a,
      Array.from({ length: cols }, (_, c) => table[j * cols + c]!),
    );
  return out;
}

/** Column j of a [rows][cols] table (one dimension over all positions). */
export function columnOf(
  table: ArrayLike<number>,
  rows: number,
  cols: number,
  j: number,
): number[] {
  return Array.from({ length: rows }, (_, r) => table[r * cols + j] ?? 0);
}

/** Smallest and largest finite value (NaN and ±∞ skipped); [0, 0] when there is none. */
export function finiteExtent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 0] : [lo, hi];
}
