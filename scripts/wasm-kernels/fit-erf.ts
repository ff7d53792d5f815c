/**
 * Fits the float32 erf that the engine's SIMD GELU kernel (src/engine/wasm-kernels/erf-gelu.wat) uses,
 * and prints its coefficients as WAT constants plus the error the kernel's float32 arithmetic
 * reaches. Run: `npx tsx scripts/wasm-kernels/fit-erf.ts`.
 *
 * Two pieces, chosen so that float32 rounding, not the fit, sets the error:
 *   |x| < 1:  erf(x) = x + x·S(x²)           S a degree-6 polynomial   (erf(x)/x − 1 on [0, 1])
 *   |x| ≥ 1:  erf(x) = 1 − P(u)/Q(u), u = min(|x|, 4) − 1, P and Q degree 6, Q(0) = 1
 * with the sign of x put back. Writing erf as x + (small) and 1 − (small) keeps the rounding of
 * the big part to one operation; the rational piece in the shifted variable u is far better
 * conditioned in float32 than one in x. Beyond 4, erfc < 1.6e-8, under half an ulp of 1, so erf
 * rounds to exactly ±1.
 *
 * Each fit is a weighted linear least-squares problem (Householder QR) refined by Lawson's
 * reweighting towards the minimax error; the rational piece linearises P − f·Q = 0 and reweights by
 * 1/Q of the previous pass (Sanathanan–Koerner). The reference erf is the float64 one of the tests.
 */
import { refErf } from '../../tests/unit/reference/reference';
import { erf32, SPLIT, TOP } from './replay';

const f32 = Math.fround;

/** Least squares min ‖A·c − b‖ by Householder QR; A is rows × cols, rows ≥ cols. */
function leastSquares(A: number[][], b: number[]): number[] {
  const rows = A.length;
  const cols = A[0]!.length;
  const a = A.map((row) => [...row]);
  const y = [...b];
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += a[i]![k]! ** 2;
    norm = Math.sqrt(norm);
    const alpha = a[k]![k]! > 0 ? -norm : norm;
    const v = new Array<number>(rows).fill(0);
    for (let i = k; i < rows; i++) v[i] = a[i]![k]!;
    v[k]! -= alpha;
    let vv = 0;
    for (let i = k; i < rows; i++) vv += v[i]! ** 2;
    if (vv === 0) continue;
    for (let j = k; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += v[i]! * a[i]![j]!;
      const s = (2 * dot) / vv;
      for (let i = k; i < rows; i++) a[i]![j]! -= s * v[i]!;
    }
    let dot = 0;
    for (let i = k; i < rows; i++) dot += v[i]! * y[i]!;
    const s = (2 * dot) / vv;
    for (let i = k; i < rows; i++) y[i]! -= s * v[i]!;
  }
  const c = new Array<number>(cols).fill(0);
  for (let k = cols - 1; k >= 0; k--) {
    let sum = y[k]!;
    for (let j = k + 1; j < cols; j++) sum -= a[k]![j]! * c[j]!;
    c[k] = sum / a[k]![k]!;
  }
  return c;
}

const horner = (c: number[], x: number): number => c.reduceRight((acc, k) => acc * x + k, 0);

function grid(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + ((to - from) * (i + 0.5)) / count);
}

/** erf(x) = x + x·S(x²) on (0, SPLIT]: S has `degree` + 1 coefficients. */
function fitSmall(degree: number, iterations: number): number[] {
  const xs = grid(0, SPLIT, 3000);
  let weights = xs.map(() => 1 / xs.length);
  let coefficients: number[] = [];
  for (let it = 0; it < iterations; it++) {
    const rows = xs.map((x, i) => {
      const w = Math.sqrt(weights[i]!) * x; // abs error in erf = x · (error in S)
      return Array.from({ length: degree + 1 }, (_, k) => w * (x * x) ** k);
    });
    const rhs = xs.map((x, i) => Math.sqrt(weights[i]!) * x * (refErf(x) / x - 1));
    coefficients = leastSquares(rows, rhs);
    const errors = xs.map((x) => Math.abs(x + x * horner(coefficients, x * x) - refErf(x)));
    weights = reweight(weights, errors);
  }
  return coefficients;
}

/** erfc(1 + u) = P(u)/Q(u) on [0, TOP − SPLIT], Q(0) = 1: returns [P, Q]. */
function fitLarge(degree: number, iterations: number): [number[], number[]] {
  const us = grid(0, TOP - SPLIT, 4000);
  const target = us.map((u) => 1 - refErf(SPLIT + u));
  let weights = us.map(() => 1 / us.length);
  let previousQ = us.map(() => 1);
  let p: number[] = [];
  let q: number[] = [];
  for (let it = 0; it < iterations; it++) {
    // P(u) − f·(Q(u) − 1) = f, scaled by √w / Q_previous(u) so the residual is the error P/Q − f.
    const rows = us.map((u, i) => {
      const s = Math.sqrt(weights[i]!) / previousQ[i]!;
      const row = Array.from({ length: degree + 1 }, (_, k) => s * u ** k);
      for (let k = 1; k <= degree; k++) row.push(-s * target[i]! * u ** k);
      return row;
    });
    const rhs = us.map((_, i) => (Math.sqrt(weights[i]!) / previousQ[i]!) * target[i]!);
    const c = leastSquares(rows, rhs);
    p = c.slice(0, degree + 1);
    q = [1, ...c.slice(degree + 1)];
    previousQ = us.map((u) => horner(q, u));
    const errors = us.map((u, i) => Math.abs(horner(p, u) / previousQ[i]! - target[i]!));
    weights = reweight(weights, errors);
  }
  return [p, q];
}

/** Lawson: weight each point by its error, so the largest errors shrink towards equal ripple. */
function reweight(weights: number[], errors: number[]): number[] {
  const next = weights.map((w, i) => w * errors[i]!);
  const sum = next.reduce((a, b) => a + b, 0);
  return sum > 0 ? next.map((w) => w / sum) : weights;
}

function main(): void {
  const s = fitSmall(6, 150).map(f32);
  const [pRaw, qRaw] = fitLarge(6, 150);
  const p = pRaw.map(f32);
  const q = qRaw.map(f32);
  let worst = 0;
  let at = 0;
  for (let i = 0; i <= 400_000; i++) {
    const x = f32((6 * i) / 400_000);
    const e = Math.abs(erf32(x, { s, p, q }) - refErf(x));
    if (e > worst) [worst, at] = [e, x];
  }
  const show = (name: string, c: number[]): void =>
    console.log(`${name}: ${c.map((k) => k.toPrecision(9)).join(' ')}`);
  console.log(`erf for the GELU kernel: split at ${SPLIT}, clamp at ${TOP}`);
  show('S (|x| < 1, x + x·S(x²), lowest power first)', s);
  show('P (|x| ≥ 1, numerator in u = |x| − 1)', p);
  show('Q (denominator, Q(0) = 1)', q);
  console.log(
    `max |erf32 − erf| on [0, 6] in float32 arithmetic: ${worst.toExponential(3)} at ${at}`,
  );
}

main();
