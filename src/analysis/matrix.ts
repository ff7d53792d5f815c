/** Small pure helpers over row-major matrices held in Float32Arrays. No tfjs, no DOM. */

/** The largest finite value of `values` (0 for an empty array or one with no finite value). */
export function matrixMax(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && v > max) max = v;
  }
  return max === -Infinity ? 0 : max;
}

/**
 * One head's [queryLength][keyLength] matrix out of a layer's [heads][queryLength][keyLength] array.
 * Returns a view (no copy).
 */
export function headMatrix(
  layerWeights: Float32Array,
  head: number,
  queryLength: number,
  keyLength: number,
): Float32Array {
  const size = queryLength * keyLength;
  return layerWeights.subarray(head * size, (head + 1) * size);
}
