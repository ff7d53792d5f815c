/**
 * Comparing attention across heads and across sentences: Jensen–Shannon divergence, the
 * focus-word comparison of two sentences (where does the word "bank" look, here and there?), the
 * heads ranked by how differently they treat it, the words two sentences share, and the difference
 * of two equally shaped matrices.
 */
import { isPunctuation, isSpecialToken, normalizeToken } from './tokens';
import { checkSquare, type AttentionStackLike } from './types';

/**
 * Jensen–Shannon divergence in bits, in [0, 1]: JSD(P, Q) = ½·KL(P‖M) + ½·KL(Q‖M), M = ½(P + Q),
 * with log base 2. 0 iff P = Q; 1 iff their supports are disjoint; symmetric.
 * `p` and `q` are non-negative weights of equal length, each normalised to sum 1 first.
 * Returns NaN when either has no (finite, positive) mass: there is no distribution to compare.
 * Throws a RangeError when the lengths differ.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannon: lengths differ (${p.length} vs ${q.length})`);
  }
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!;
    sq += q[i]!;
  }
  if (!(sp > 0 && sq > 0 && Number.isFinite(sp) && Number.isFinite(sq))) return NaN;
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const m = 0.5 * (a + b);
    if (a > 0) sum += a * Math.log2(a / m);
    if (b > 0) sum += b * Math.log2(b / m);
  }
  const jsd = 0.5 * sum;
  return jsd < 0 ? 0 : jsd > 1 ? 1 : jsd;
}

/** One sentence's side of a focus-word comparison. */
export interface FocusSide {
  /** The sentence's tokens (key tokens), [T]. */
  tokens: readonly string[];
  /** Index of the focus token in `tokens`. */
  focus: number;
  /** The focus token's attention row, [T]: its weights over the keys `tokens`. */
  row: ArrayLike<number>;
}

/**
 * The two focus rows mapped onto common buckets: one per context word both sentences contain
 * (`shared`), plus a last "other" bucket pooling every unshared context token. Context = every
 * token except the focus token itself, whose own weight is dropped; each side is renormalised to
 * sum 1 over its context (all zeros when it has no context mass).
 */
export interface FocusAlignment {
  /** The shared context words (normalised, see `normalizeToken`), in order of first use in A. */
  shared: string[];
  /** Sentence A's distribution over [...shared, other], [shared.length + 1]. */
  p: Float64Array;
  /** Sentence B's distribution over [...shared, other], [shared.length + 1]. */
  q: Float64Array;
}

/** Token → bucket maps of both sentences (bucket `shared.length` = other; −1 = the focus token). */
interface Buckets {
  shared: string[];
  a: Int32Array;
  b: Int32Array;
}

function checkFocus(tokens: readonly string[], focus: number, side: string): void {
  if (!Number.isInteger(focus) || focus < 0 || focus >= tokens.length) {
    throw new RangeError(`sentence ${side}: focus ${focus} is outside its ${tokens.length} tokens`);
  }
}

function buckets(
  tokensA: readonly string[],
  focusA: number,
  tokensB: readonly string[],
  focusB: number,
): Buckets {
  checkFocus(tokensA, focusA, 'A');
  checkFocus(tokensB, focusB, 'B');
  const keysA = tokensA.map(normalizeToken);
  const keysB = tokensB.map(normalizeToken);
  const contextB = new Set(keysB.filter((_, i) => i !== focusB));
  const index = new Map<string, number>();
  const shared: string[] = [];
  keysA.forEach((key, i) => {
    if (i !== focusA && contextB.has(key) && !index.has(key)) {
      index.set(key, shared.length);
      shared.push(key);
    }
  });
  const other = shared.length;
  const map = (keys: string[], focus: number) =>
    Int32Array.from(keys, (key, i) => (i === focus ? -1 : (index.get(key) ?? other)));
  return { shared, a: map(keysA, focusA), b: map(keysB, focusB) };
}

/** Adds `row` into `out` by bucket (skipping −1) and renormalises `out` to sum 1 (if it can). */
function pool(row: ArrayLike<number>, offset: number, map: Int32Array, out: Float64Array): void {
  out.fill(0);
  for (let k = 0; k < map.length; k++) {
    const bucket = map[k]!;
    if (bucket >= 0) out[bucket]! += row[offset + k]!;
  }
  let sum = 0;
  for (let i = 0; i < out.length; i++) sum += out[i]!;
  if (sum > 0 && Number.isFinite(sum)) for (let i = 0; i < out.length; i++) out[i]! /= sum;
}

function checkRow(side: FocusSide, name: string): void {
  if (side.row.length !== side.tokens.length) {
    throw new RangeError(
      `sentence ${name}: the row has ${side.row.length} weights for ${side.tokens.length} tokens`,
    );
  }
}

/**
 * Aligns two focus rows on the context words the sentences share (see `FocusAlignment`). Tokens are
 * matched by `normalizeToken` (case-insensitive, subword word-start markers ignored); repeated words
 * pool into one bucket. Throws a RangeError if a focus index or a row length does not fit.
 */
export function alignFocusRows(a: FocusSide, b: FocusSide): FocusAlignment {
  const map = buckets(a.tokens, a.focus, b.tokens, b.focus);
  checkRow(a, 'A');
  checkRow(b, 'B');
  const p = new Float64Array(map.shared.length + 1);
  const q = new Float64Array(map.shared.length + 1);
  pool(a.row, 0, map.a, p);
  pool(b.row, 0, map.b, q);
  return { shared: map.shared, p, q };
}

/**
 * How differently the focus word attends to its context in sentences A and B: the Jensen–Shannon
 * divergence (bits, [0, 1]) of the two aligned, renormalised rows (see `alignFocusRows`). NaN when
 * either focus token puts no weight on its context (e.g. the first token under a causal mask).
 */
export function focusDivergence(a: FocusSide, b: FocusSide): number {
  const { p, q } = alignFocusRows(a, b);
  return jensenShannon(p, q);
}

/** One sentence's side of a head ranking: a self-attention stack, its tokens and the focus index. */
export interface FocusStackSide {
  /** Self-attention weights [layers][heads][T][T] with T = tokens.length. */
  stack: AttentionStackLike;
  tokens: readonly string[];
  focus: number;
}

/** One head's focus divergence. */
export interface HeadDivergence {
  layer: number;
  head: number;
  /** Jensen–Shannon divergence in bits, [0, 1]; NaN when undefined (see `focusDivergence`). */
  divergence: number;
}

/**
 * `focusDivergence` for every layer × head, [layers][heads] row-major. The stacks may have
 * different lengths but must have the same layers and heads.
 * Throws a RangeError if the shapes, tokens or focus indices do not fit.
 */
export function focusDivergenceGrid(a: FocusStackSide, b: FocusStackSide): Float64Array {
  checkSquare(a.stack, 'stack A');
  checkSquare(b.stack, 'stack B');
  if (a.stack.layers !== b.stack.layers || a.stack.heads !== b.stack.heads) {
    throw new RangeError(
      `the stacks differ in shape: ${a.stack.layers}×${a.stack.heads} vs ` +
        `${b.stack.layers}×${b.stack.heads} layers×heads`,
    );
  }
  for (const [side, name] of [
    [a, 'A'],
    [b, 'B'],
  ] as const) {
    if (side.tokens.length !== side.stack.keyLength) {
      throw new RangeError(
        `sentence ${name}: ${side.tokens.length} tokens for a stack of length ${side.stack.keyLength}`,
      );
    }
  }
  const map = buckets(a.tokens, a.focus, b.tokens, b.focus);
  const count = a.stack.layers * a.stack.heads;
  const ta = a.stack.keyLength;
  const tb = b.stack.keyLength;
  const p = new Float64Array(map.shared.length + 1);
  const q = new Float64Array(map.shared.length + 1);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    pool(a.stack.weights, (i * ta + a.focus) * ta, map.a, p);
    pool(b.stack.weights, (i * tb + b.focus) * tb, map.b, q);
    out[i] = jensenShannon(p, q);
  }
  return out;
}

/**
 * Every layer × head ranked by focus divergence, most different first; NaN divergences go last, ties
 * keep layer-then-head order. See `focusDivergenceGrid` for the inputs.
 */
export function rankHeadsByFocusDivergence(a: FocusStackSide, b: FocusStackSide): HeadDivergence[] {
  const grid = focusDivergenceGrid(a, b);
  const heads = a.stack.heads;
  const out: HeadDivergence[] = Array.from(grid, (divergence, i) => ({
    layer: Math.floor(i / heads),
    head: i % heads,
    divergence,
  }));
  const key = (d: number) => (Number.isNaN(d) ? -Infinity : d);
  // Array.prototype.sort is stable, so equal divergences keep layer-then-head order.
  return out.sort((x, y) => key(y.divergence) - key(x.divergence) || 0);
}

/** A word both sentences contain, proposed as a focus word. */
export interface SharedWord {
  /** The normalised word (see `normalizeToken`). */
  word: string;
  /** Its token indices in sentence A, ascending. */
  indicesA: number[];
  /** Its token indices in sentence B, ascending. */
  indicesB: number[];
}

/** Whether a token can be proposed as a focus word. */
function isWordToken(text: string): boolean {
  return (
    !isPunctuation(text) &&
    !isSpecialToken(text) &&
    !text.startsWith('##') &&
    normalizeToken(text).length > 0
  );
}

/**
 * The words that occur in both sentences, proposed as focus words (e.g. "bank"), in order of first
 * occurrence in A. Matching is case-insensitive and ignores subword word-start markers
 * (`normalizeToken`); punctuation, special tokens, WordPiece continuations (`##…`) and empty tokens
 * are skipped.
 */
export function sharedWords(tokensA: readonly string[], tokensB: readonly string[]): SharedWord[] {
  const inB = new Map<string, number[]>();
  tokensB.forEach((text, i) => {
    if (!isWordToken(text)) return;
    const key = normalizeToken(text);
    const list = inB.get(key);
    if (list) list.push(i);
    else inB.set(key, [i]);
  });
  const found = new Map<string, SharedWord>();
  tokensA.forEach((text, i) => {
    if (!isWordToken(text)) return;
    const key = normalizeToken(text);
    const indicesB = inB.get(key);
    if (indicesB === undefined) return;
    const entry = found.get(key);
    if (entry) entry.indicesA.push(i);
    else found.set(key, { word: key, indicesA: [i], indicesB: [...indicesB] });
  });
  return [...found.values()];
}

/** The element-wise difference of two equally shaped arrays and its largest magnitude. */
export interface Difference {
  /** B − A, element by element, same shape as the inputs. */
  values: Float32Array;
  /**
   * The largest finite |B − A| (0 if none): use [−maxAbs, +maxAbs] as the domain of a symmetric
   * diverging colour scale, so that 0 sits at its centre.
   */
  maxAbs: number;
}

/**
 * B − A for two arrays of the same shape (any layout: a head [T][T], a layer [heads][T][T], a whole
 * stack), with the max |B − A|. Throws a RangeError if the lengths differ.
 */
export function difference(a: ArrayLike<number>, b: ArrayLike<number>): Difference {
  if (a.length !== b.length) {
    throw new RangeError(`difference: lengths differ (${a.length} vs ${b.length})`);
  }
  const values = new Float32Array(a.length);
  let maxAbs = 0;
  for (let i = 0; i < a.length; i++) {
    values[i] = b[i]! - a[i]!;
    const m = Math.abs(values[i]!);
    if (m > maxAbs && Number.isFinite(m)) maxAbs = m;
  }
  return { values, maxAbs };
}
