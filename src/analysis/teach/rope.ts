/**
 * RoPE (rotary position embedding) on plain numbers: each pair (x₂ᵢ, x₂ᵢ₊₁) of a query or key is
 * rotated by the angle position·θᵢ, θᵢ = base^(−2i/d). Rotations compose, so the score between a
 * query at m and a key at n depends only on m − n. (The paper's interleaved pairs; the engine uses
 * the equivalent "rotate half" layout.)
 */
import { dot } from './attention';

/** Rotates the 2-D point (x, y) by `angle` radians counter-clockwise. */
export function rotatePair(x: number, y: number, angle: number): [number, number] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return [x * c - y * s, x * s + y * c];
}

/** θᵢ = base^(−2i/d) for pair i of a d-dimensional vector. */
export function ropeTheta(pair: number, dim: number, base = 10000): number {
  return Math.pow(base, (-2 * pair) / dim);
}

/** The vector rotated for `position`: pair i turned by position·θᵢ. d must be even. */
export function ropeRotate(vector: ArrayLike<number>, position: number, base = 10000): number[] {
  const d = vector.length;
  const out = new Array<number>(d).fill(0);
  for (let i = 0; i + 1 < d; i += 2) {
    const [x, y] = rotatePair(vector[i]!, vector[i + 1]!, position * ropeTheta(i / 2, d, base));
    out[i] = x;
    out[i + 1] = y;
  }
  if (d % 2 === 1) out[d - 1] = vector[d - 1]!; // an odd last entry is left as it is
  return out;
}

/** RoPE score of query q at position m with key k at position n: rot(q, m) · rot(k, n). */
export function ropeScore(
  q: ArrayLike<number>,
  k: ArrayLike<number>,
  m: number,
  n: number,
  base = 10000,
): number {
  return dot(ropeRotate(q, m, base), ropeRotate(k, n, base));
}

/** Scores of q at every position m against k at every position n, row-major [positions][positions]. */
export function ropeScoreMatrix(
  q: ArrayLike<number>,
  k: ArrayLike<number>,
  positions: number,
  base = 10000,
): Float64Array {
  const rq = Array.from({ length: positions }, (_, m) => ropeRotate(q, m, base));
  const rk = Array.from({ length: positions }, (_, n) => ropeRotate(k, n, base));
  const out = new Float64Array(positions * positions);
  for (let m = 0; m < positions; m++)
    for (let n = 0; n < positions; n++) out[m * positions + n] = dot(rq[m]!, rk[n]!);
  return out;
}

/**
 * Largest spread of the scores along each diagonal m − n = const of a [p][p] score matrix: 0 (up
 * to rounding) when the score depends only on m − n.
 */
export function diagonalSpread(scores: ArrayLike<number>, positions: number): number {
  let worst = 0;
  for (let offset = -(positions - 1); offset < positions; offset++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let m = 0; m < positions; m++) {
      const n = m - offset;
      if (n < 0 || n >= positions) continue;
      const v = scores[m * positions + n]!;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    worst = Math.max(worst, hi - lo);
  }
  return worst;
}
