/**
 * Attention for one query, step by step, in float64 plain loops: the numbers a learner follows
 * (q·k, ÷√d_k, mask, softmax, weighted sum of V). Pure: no tfjs, no DOM.
 */

/** A row-major matrix given as rows of numbers. */
export type Rows = readonly (readonly number[])[];

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Softmax of one row. −Infinity entries (masked) get exactly 0; a row with nothing finite gets all
 * zeros (nothing to attend to) instead of NaN.
 */
export function softmax(scores: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!;
  const out = new Array<number>(scores.length).fill(0);
  if (max === -Infinity || Number.isNaN(max)) return out;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = scores[i] === -Infinity ? 0 : Math.exp(scores[i]! - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}

/** Shannon entropy in nats of a probability row (0·log 0 = 0). ln(n) for a uniform row of n. */
export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) h -= p[i]! * Math.log(p[i]!);
  return h;
}

/** Σᵢ wᵢ·valuesᵢ: the weighted sum of value rows (the attention output of one query). */
export function weightedSum(weights: ArrayLike<number>, values: Rows): number[] {
  const dim = values[0]?.length ?? 0;
  const out = new Array<number>(dim).fill(0);
  for (let i = 0; i < weights.length; i++) {
    const row = values[i];
    if (!row || weights[i] === 0) continue;
    for (let j = 0; j < dim; j++) out[j] = out[j]! + weights[i]! * row[j]!;
  }
  return out;
}

export interface QueryStepOptions {
  /** Factor applied to q·k; default 1/√d_k (d_k = length of q). */
  scale?: number;
  /** Per key: false/0 means masked (score → −∞). Default: every key allowed. */
  allowed?: ArrayLike<boolean | number>;
  /** Added to the scaled scores before masking (ALiBi's distance bias). */
  bias?: ArrayLike<number>;
}

/** Every intermediate of one query's attention, in the order a learner computes them. */
export interface QuerySteps {
  /** q·kⱼ for every key j. */
  dots: number[];
  /** The factor that was applied. */
  scale: number;
  /** dots × scale (+ bias). */
  scaled: number[];
  /** scaled, with masked keys at −∞. */
  masked: number[];
  /** softmax(masked): sums to 1 unless every key is masked. */
  weights: number[];
  /** Σⱼ weightsⱼ·vⱼ. */
  output: number[];
}

/** One query attending over keys K and values V (rows of equal length). */
export function attendQuery(
  q: readonly number[],
  keys: Rows,
  values: Rows,
  options: QueryStepOptions = {},
): QuerySteps {
  const scale = options.scale ?? 1 / Math.sqrt(Math.max(1, q.length));
  const dots = keys.map((k) => dot(q, k));
  const scaled = dots.map((d, j) => d * scale + (options.bias?.[j] ?? 0));
  const masked = scaled.map((s, j) => (options.allowed && !options.allowed[j] ? -Infinity : s));
  const weights = softmax(masked);
  return { dots, scale, scaled, masked, weights, output: weightedSum(weights, values) };
}

/** Every query of Q at once: one `QuerySteps` per row. */
export function attendAll(
  queries: Rows,
  keys: Rows,
  values: Rows,
  options: Omit<QueryStepOptions, 'allowed'> & { allowed?: Rows } = {},
): QuerySteps[] {
  return queries.map((q, i) =>
    attendQuery(q, keys, values, {
      scale: options.scale,
      bias: options.bias,
      allowed: options.allowed?.[i],
    }),
  );
}

/** Row `row` of a row-major [rows][cols] typed matrix, as plain numbers. */
export function rowOf(data: ArrayLike<number>, row: number, cols: number): number[] {
  const out = new Array<number>(cols);
  for (let c = 0; c < cols; c++) out[c] = data[row * cols + c] ?? 0;
  return out;
}

/** A row-major [rows][cols] typed matrix as rows of plain numbers. */
export function toRows(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => rowOf(data, r, cols));
}

/** Largest |a − b| over two equally long arrays (−∞ matches −∞). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
  }
  return d;
}

/** Cosine similarity of two vectors (0 when either is zero). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = Math.sqrt(dot(a, a));
  const nb = Math.sqrt(dot(b, b));
  return na > 0 && nb > 0 ? dot(a, b) / (na * nb) : 0;
}

// ---- worked examples --------------------------------------------------------------------------

/**
 * "The cat sat on the mat" with 4-dimensional vectors, as in the tutorial the learners read:
 * Q = K = V = these rows, and the query is "cat" (row 1). Softmax rows sum to 1; d_k = 4, so the
 * scores are divided by √4 = 2.
 */
export const CAT_MAT_EXAMPLE = {
  tokens: ['The', 'cat', 'sat', 'on', 'the', 'mat'],
  vectors: [
    [0.1, 0.2, 0.3, 0.4],
    [0.5, 0.6, 0.7, 0.8],
    [0.9, 1.0, 1.1, 1.2],
    [1.3, 1.4, 1.5, 1.6],
    [0.1, 0.2, 0.3, 0.4],
    [1.7, 1.8, 1.9, 2.0],
  ],
  query: 1,
} as const;

/**
 * The dictionary example: the query "fruit" looks up keys apple, banana, chair whose values are
 * 10, 5 and 2, with weights 0.6, 0.4 and 0: the answer is 0.6·10 + 0.4·5 + 0·2 = 8.
 */
export const DICTIONARY_EXAMPLE = {
  query: 'fruit',
  keys: ['apple', 'banana', 'chair'],
  values: [10, 5, 2],
  weights: [0.6, 0.4, 0],
} as const;

/** A soft dictionary lookup: Σ weightᵢ·valueᵢ. */
export function softLookup(weights: ArrayLike<number>, values: ArrayLike<number>): number {
  return dot(weights, values);
}

/**
 * Scores that give `weights` through softmax: log(w) (−∞ for a weight of 0, i.e. a masked key).
 * Shows that the dictionary weights are what softmax would produce from these scores.
 */
export function scoresForWeights(weights: ArrayLike<number>): number[] {
  return Array.from(weights, (w) => (w > 0 ? Math.log(w) : -Infinity));
}
