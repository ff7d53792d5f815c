/**
 * The symmetric domain of signed matrices (differences B − A): [−maxAbs, +maxAbs], so that 0 is
 * always the neutral middle colour of the app's diverging map (see heatmap/colormaps.ts).
 */

/** The symmetric domain's half-width: maxAbs, or 1 when there is no difference at all. */
export function symmetricMax(maxAbs: number): number {
  return maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
}

/** The largest finite |value| of a matrix (0 if none). */
export function maxAbsOf(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]!);
    if (v > m && Number.isFinite(v)) m = v;
  }
  return m;
}

/** Ticks of a diverging legend: −max, 0, +max. */
export function divergingTicks(maxAbs: number): [number, number, number] {
  const m = symmetricMax(maxAbs);
  return [-m, 0, m];
}
