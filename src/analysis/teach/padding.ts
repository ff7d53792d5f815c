/**
 * What a padded run shows a learner, read off its numbers: the weight [PAD] keys got, how far the
 * real rows are from the unpadded run's, and where the [PAD] queries' weight went.
 */

/** Largest weight any row gives a [PAD] key (keys ≥ validKeys) of a [rows][cols] matrix. */
export function padKeyWeightMax(
  weights: ArrayLike<number>,
  rows: number,
  cols: number,
  validKeys: number,
): number {
  let max = 0;
  for (let q = 0; q < rows; q++)
    for (let k = validKeys; k < cols; k++) max = Math.max(max, Math.abs(weights[q * cols + k]!));
  return max;
}

/**
 * Largest |padded − unpadded| over the real rows and real keys: `padded` is [rows][cols], the
 * unpadded matrix [realRows][realCols] (its top-left corner). NaN when a value is not finite in
 * one and finite in the other (they disagree on a mask).
 */
export function realRowsMaxDiff(
  padded: ArrayLike<number>,
  cols: number,
  unpadded: ArrayLike<number>,
  realRows: number,
  realCols: number,
): number {
  let max = 0;
  for (let q = 0; q < realRows; q++)
    for (let k = 0; k < realCols; k++) {
      const a = padded[q * cols + k]!;
      const b = unpadded[q * realCols + k]!;
      if (a === b) continue; // also −∞ = −∞ (masked in both)
      const d = Math.abs(a - b);
      if (!Number.isFinite(d)) return Number.NaN;
      max = Math.max(max, d);
    }
  return max;
}

/**
 * The [PAD] query rows (rows ≥ validRows): the smallest and largest share of each row's weight
 * on the real keys (keys < validKeys). Null when there is no [PAD] row.
 */
export function padRowsRealShare(
  weights: ArrayLike<number>,
  rows: number,
  cols: number,
  validRows: number,
  validKeys: number,
): { min: number; max: number } | null {
  if (validRows >= rows) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let q = validRows; q < rows; q++) {
    let share = 0;
    for (let k = 0; k < Math.min(validKeys, cols); k++) share += weights[q * cols + k]!;
    min = Math.min(min, share);
    max = Math.max(max, share);
  }
  return { min, max };
}
