/** Hand-built attention matrices and stacks for the analysis tests. */
import type { AttentionStackLike } from '../../../src/analysis';

/** The project's seeded PRNG (mulberry32), for the analysis tests' random stacks. */
export { mulberry32 } from '../../../src/lib/random';

/** A [rows][cols] Float32Array from `weight(q, k)`. */
export function matrix(
  rows: number,
  cols: number,
  weight: (q: number, k: number) => number,
): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let q = 0; q < rows; q++) for (let k = 0; k < cols; k++) out[q * cols + k] = weight(q, k);
  return out;
}

/** One-hot on the previous token; row 0 on itself. */
export const previousTokenHead = (t: number) =>
  matrix(t, t, (q, k) => (k === Math.max(q - 1, 0) ? 1 : 0));
/** One-hot on the next token; the last row on itself. */
export const nextTokenHead = (t: number) =>
  matrix(t, t, (q, k) => (k === Math.min(q + 1, t - 1) ? 1 : 0));
/** Uniform over all keys. */
export const uniformHead = (t: number) => matrix(t, t, () => 1 / t);
/** The identity: every token on itself. */
export const diagonalHead = (t: number) => matrix(t, t, (q, k) => (q === k ? 1 : 0));
/** Everything on the first token. */
export const sinkHead = (t: number) => matrix(t, t, (_q, k) => (k === 0 ? 1 : 0));
/** Uniform over the allowed keys of a causal mask (k ≤ q). */
export const causalUniformHead = (t: number) => matrix(t, t, (q, k) => (k <= q ? 1 / (q + 1) : 0));

/** A stack from its heads, `heads[layer][head]` each a [t][t] (or [tq][tk]) matrix. */
export function stackOf(
  heads: Float32Array[][],
  queryLength: number,
  keyLength = queryLength,
): AttentionStackLike {
  const layers = heads.length;
  const perLayer = heads[0]?.length ?? 0;
  const size = queryLength * keyLength;
  const weights = new Float32Array(layers * perLayer * size);
  heads.forEach((layer, l) => {
    if (layer.length !== perLayer) throw new Error('ragged stack');
    layer.forEach((m, h) => {
      if (m.length !== size) throw new Error(`head ${l}.${h} has ${m.length} values`);
      weights.set(m, (l * perLayer + h) * size);
    });
  });
  return { layers, heads: perLayer, queryLength, keyLength, weights };
}

/**
 * A random row-stochastic stack [layers][heads][tq][tk]: each row's weights are uniform draws
 * normalised to sum 1, over k ≤ q when `causal`. `sparsity` is the chance a weight is zeroed (the
 * largest weight of a row is kept so that every row has mass).
 */
export function randomStack(
  rand: () => number,
  layers: number,
  heads: number,
  tq: number,
  tk = tq,
  { causal = false, sparsity = 0 }: { causal?: boolean; sparsity?: number } = {},
): AttentionStackLike {
  const weights = new Float32Array(layers * heads * tq * tk);
  const rows = layers * heads * tq;
  for (let r = 0; r < rows; r++) {
    const q = r % tq;
    const base = r * tk;
    const allowed = causal ? Math.min(q + 1, tk) : tk;
    let sum = 0;
    let best = 0;
    for (let k = 0; k < allowed; k++) {
      const v = rand();
      weights[base + k] = v;
      if (v > weights[base + best]!) best = k;
    }
    for (let k = 0; k < allowed; k++) {
      if (k !== best && sparsity > 0 && rand() < sparsity) weights[base + k] = 0;
      sum += weights[base + k]!;
    }
    if (sum === 0) weights[base] = sum = 1;
    for (let k = 0; k < allowed; k++) weights[base + k]! /= sum;
  }
  return { layers, heads, queryLength: tq, keyLength: tk, weights };
}

/** [t][t] float64 product a · b, the textbook way. */
export function naiveMultiply(a: ArrayLike<number>, b: ArrayLike<number>, t: number): Float64Array {
  const out = new Float64Array(t * t);
  for (let i = 0; i < t; i++) {
    for (let j = 0; j < t; j++) {
      let s = 0;
      for (let k = 0; k < t; k++) s += a[i * t + k]! * b[k * t + j]!;
      out[i * t + j] = s;
    }
  }
  return out;
}

/** Row i of a row-major [rows][cols] array, as a plain array. */
export function rowOf(values: ArrayLike<number>, cols: number, i: number): number[] {
  return Array.from({ length: cols }, (_, k) => values[i * cols + k]!);
}

/** Max |a − b| over two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
