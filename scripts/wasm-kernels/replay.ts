/**
 * The wasm kernels' arithmetic replayed in JavaScript, every step rounded to float32 as the SIMD
 * lanes round it (float64 then Math.fround gives the correctly rounded float32 result for +, −, ×,
 * ÷ and √). The erf fit reports its error with this; the kernels' tests check the kernels give
 * exactly these numbers.
 */
export const SPLIT = 1;
export const TOP = 4;

const f32 = Math.fround;

export interface ErfCoefficients {
  /** |x| < SPLIT: erf = x + x·S(x²); lowest power first. */
  s: number[];
  /** |x| ≥ SPLIT: erf = 1 − P(u)/Q(u), u = min(|x|, TOP) − SPLIT; lowest power first. */
  p: number[];
  q: number[];
}

/**
 * The constants of each accumulator's Horner steps in erf-gelu.wat ($s0, $p0, $q0: the first of
 * the three lane groups, which the other two repeat).
 */
export function readWatCoefficients(wat: string): ErfCoefficients {
  const steps = { s: [] as number[], p: [] as number[], q: [] as number[] };
  const line =
    /\(local\.set \$([spq])0 \(f32x4\.(?:splat|add) .*\(f32\.const (-?[\d.e+-]+)\)\)+\s*$/gm;
  for (const [, name, value] of wat.matchAll(line))
    steps[name as 's' | 'p' | 'q'].push(Number(value));
  // Horner starts from the highest power.
  return { s: steps.s.reverse(), p: steps.p.reverse(), q: steps.q.reverse() };
}

/** Horner in float32: every product and sum rounded. */
const horner32 = (c: number[], x: number): number =>
  c.reduceRight((acc, k) => f32(f32(acc * x) + f32(k)), 0);

/** erf(x) as the kernel computes it. */
export function erf32(x: number, { s, p, q }: ErfCoefficients): number {
  const ax = f32(Math.abs(x));
  if (Number.isNaN(ax)) return NaN;
  let y: number;
  if (ax < SPLIT) y = f32(ax + f32(ax * horner32(s, f32(ax * ax))));
  else {
    const u = f32(Math.min(ax, TOP) - SPLIT);
    y = f32(1 - f32(horner32(p, u) / horner32(q, u)));
  }
  return x < 0 || Object.is(x, -0) ? -y : y;
}

/** h·(1 + erf(h)) as the kernel computes it. */
export const erfGelu32 = (h: number, c: ErfCoefficients): number => f32(h * f32(1 + erf32(h, c)));

/**
 * layer-norm.wat on a row-major [rows, cols] matrix: four lane-wise partial sums in column order,
 * added as (l0 + l1) + (l2 + l3); then ((x − mean)·r)·γ + β with r = 1/√(var + eps).
 */
export function layerNorm32(
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  rows: number,
  cols: number,
  eps: number,
): Float32Array {
  const out = new Float32Array(rows * cols);
  const lanesSum = (l: number[]): number => f32(f32(l[0]! + l[1]!) + f32(l[2]! + l[3]!));
  for (let i = 0; i < rows; i++) {
    const row = x.subarray(i * cols, (i + 1) * cols);
    const sums = [0, 0, 0, 0];
    for (let j = 0; j < cols; j++) sums[j % 4] = f32(sums[j % 4]! + row[j]!);
    const mean = f32(lanesSum(sums) / cols);
    const squares = [0, 0, 0, 0];
    for (let j = 0; j < cols; j++) {
      const d = f32(row[j]! - mean);
      squares[j % 4] = f32(squares[j % 4]! + f32(d * d));
    }
    const variance = f32(lanesSum(squares) / cols);
    const r = f32(1 / f32(Math.sqrt(f32(variance + f32(eps)))));
    for (let j = 0; j < cols; j++)
      out[i * cols + j] = f32(f32(f32(f32(row[j]! - mean) * r) * gamma[j]!) + beta[j]!);
  }
  return out;
}
