/**
 * Averages of a stack and the two ways of following attention through the layers of Abnar &
 * Zuidema (2020), "Quantifying Attention Flow in Transformers":
 *
 * - attention rollout: per layer Â_l = (1 − α)·Ā_l + α·I (Ā_l = the layer's mean over heads,
 *   α = 0.5 by default for the residual connection), rows renormalised to sum 1, and
 *   rollout = Â_{L−1} ··· Â_1 · Â_0 (layer 0 is the first layer, applied first). Entry [i][j] says
 *   how much of output position i comes from input token j. O(L·H·T² + (L − 1)·T³) time (zero spans
 *   of causal rows are skipped, about a sixth of the work), O(T²) memory: 12 layers at 512 tokens
 *   take about a second in Node.
 * - attention flow: the same Â_l as capacities of a layered graph (the input tokens at the bottom,
 *   one level per layer output), and flow[i][j] = the maximum flow from output position i on the top
 *   level to input token j at the bottom. Exact but expensive: T² max-flow problems on a graph of
 *   (L + 1)·T nodes and L·T² edges (see maxflow.ts), so inputs are capped at `MAX_FLOW_TOKENS`.
 *
 * All of these need self-attention stacks (queryLength === keyLength = T) except the averages.
 */
import { LayeredFlowNetwork } from './maxflow';
import { checkSquare, checkStack, type AttentionStackLike } from './types';

/** The mean over heads of every layer: [layers][queryLength][keyLength]. */
export function averageHeads(stack: AttentionStackLike): Float32Array {
  checkStack(stack);
  const { layers, heads, queryLength, keyLength, weights } = stack;
  const size = queryLength * keyLength;
  const out = new Float32Array(layers * size);
  if (heads === 0) return out;
  const acc = new Float64Array(size);
  for (let l = 0; l < layers; l++) {
    meanOf(weights, l * heads * size, heads, size, size, acc);
    out.set(acc, l * size);
  }
  return out;
}

/** The mean over layers of every head: [heads][queryLength][keyLength]. */
export function averageLayers(stack: AttentionStackLike): Float32Array {
  checkStack(stack);
  const { layers, heads, queryLength, keyLength, weights } = stack;
  const size = queryLength * keyLength;
  const out = new Float32Array(heads * size);
  if (layers === 0) return out;
  const acc = new Float64Array(size);
  for (let h = 0; h < heads; h++) {
    meanOf(weights, h * size, layers, heads * size, size, acc);
    out.set(acc, h * size);
  }
  return out;
}

/** The mean over all layers and heads: [queryLength][keyLength]. */
export function averageAll(stack: AttentionStackLike): Float32Array {
  checkStack(stack);
  const { layers, heads, queryLength, keyLength, weights } = stack;
  const size = queryLength * keyLength;
  const acc = new Float64Array(size);
  const count = layers * heads;
  if (count > 0) meanOf(weights, 0, count, size, size, acc);
  return Float32Array.from(acc);
}

/** acc = mean of `count` blocks of `size` values starting at `start`, `stride` apart. */
function meanOf(
  weights: Float32Array,
  start: number,
  count: number,
  stride: number,
  size: number,
  acc: Float64Array,
): void {
  acc.fill(0);
  for (let c = 0; c < count; c++) {
    const base = start + c * stride;
    for (let i = 0; i < size; i++) acc[i]! += weights[base + i]!;
  }
  const inv = 1 / count;
  for (let i = 0; i < size; i++) acc[i]! *= inv;
}

/** Options of rollout and flow. */
export interface RolloutOptions {
  /**
   * α, the weight of the identity (the residual connection) in Â = (1 − α)·Ā + α·I, in [0, 1].
   * Default 0.5, as in Abnar & Zuidema.
   */
  residual?: number;
}

function residualOf(options: RolloutOptions): number {
  const alpha = options.residual ?? 0.5;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`residual must be in [0, 1], got ${alpha}`);
  return alpha;
}

/**
 * Â of one layer into `out` ([T][T], float64): (1 − α)·mean over heads + α·I, each row divided by
 * its sum (rows summing to 0 stay 0).
 */
function layerHat(
  stack: AttentionStackLike,
  layer: number,
  alpha: number,
  out: Float64Array,
): void {
  const { heads, keyLength: t, weights } = stack;
  const size = t * t;
  if (heads > 0) meanOf(weights, layer * heads * size, heads, size, size, out);
  else out.fill(0);
  const keep = 1 - alpha;
  for (let i = 0; i < t; i++) {
    const row = i * t;
    let sum = 0;
    for (let j = 0; j < t; j++) {
      const v = keep * out[row + j]! + (i === j ? alpha : 0);
      out[row + j] = v;
      sum += v;
    }
    if (sum > 0) {
      const inv = 1 / sum;
      for (let j = 0; j < t; j++) out[row + j]! *= inv;
    }
  }
}

/**
 * The residual-augmented, row-normalised attention Â of every layer (see the module comment):
 * [layers][T][T]. Needs a self-attention stack; throws a RangeError otherwise.
 */
export function residualAttention(
  stack: AttentionStackLike,
  options: RolloutOptions = {},
): Float32Array {
  checkSquare(stack);
  const alpha = residualOf(options);
  const t = stack.keyLength;
  const out = new Float32Array(stack.layers * t * t);
  const hat = new Float64Array(t * t);
  for (let l = 0; l < stack.layers; l++) {
    layerHat(stack, l, alpha, hat);
    out.set(hat, l * t * t);
  }
  return out;
}

/** Scratch buffers of `multiply` for [t][t] matrices, allocated once per rollout. */
interface Scratch {
  /** bᵀ, so that every entry of the product is a dot product of two contiguous rows. */
  bt: Float64Array;
  /** Per row of a (and of bᵀ): the first non-zero index and one past the last (t, 0 if none). */
  aLo: Int32Array;
  aHi: Int32Array;
  bLo: Int32Array;
  bHi: Int32Array;
}

function scratchFor(t: number): Scratch {
  return {
    bt: new Float64Array(t * t),
    aLo: new Int32Array(t),
    aHi: new Int32Array(t),
    bLo: new Int32Array(t),
    bHi: new Int32Array(t),
  };
}

/** lo[i]/hi[i] = the non-zero span of row i of the [t][t] matrix m. */
function spans(m: Float64Array, t: number, lo: Int32Array, hi: Int32Array): void {
  for (let i = 0; i < t; i++) {
    const row = i * t;
    let first = 0;
    while (first < t && m[row + first] === 0) first++;
    let last = t;
    while (last > first && m[row + last - 1] === 0) last--;
    lo[i] = first < t ? first : t;
    hi[i] = first < t ? last : 0;
  }
}

/**
 * out = a · b for [t][t] matrices. Each entry is a dot product of a row of a and a row of bᵀ,
 * computed 2 rows × 4 columns at a time with the eight sums in registers (index clamping at the
 * edges recomputes the last row/column instead of needing remainder loops), and only over the
 * overlap of the rows' non-zero spans: with causal attention (lower-triangular a and b) that is
 * about a sixth of the t³ work.
 */
function multiply(
  a: Float64Array,
  b: Float64Array,
  t: number,
  out: Float64Array,
  s: Scratch,
): void {
  const { bt, aLo, aHi, bLo, bHi } = s;
  for (let i = 0; i < t; i++) for (let j = 0; j < t; j++) bt[j * t + i] = b[i * t + j]!;
  spans(a, t, aLo, aHi);
  spans(bt, t, bLo, bHi);
  const last = t - 1;
  for (let i = 0; i < t; i += 2) {
    const i1 = i < last ? i + 1 : last;
    const r0 = i * t;
    const r1 = i1 * t;
    const rowLo = Math.min(aLo[i]!, aLo[i1]!);
    const rowHi = Math.max(aHi[i]!, aHi[i1]!);
    for (let j = 0; j < t; j += 4) {
      const j1 = j + 1 < last ? j + 1 : last;
      const j2 = j + 2 < last ? j + 2 : last;
      const j3 = j + 3 < last ? j + 3 : last;
      const c0 = j * t;
      const c1 = j1 * t;
      const c2 = j2 * t;
      const c3 = j3 * t;
      const from = Math.max(rowLo, Math.min(bLo[j]!, bLo[j1]!, bLo[j2]!, bLo[j3]!));
      const to = Math.min(rowHi, Math.max(bHi[j]!, bHi[j1]!, bHi[j2]!, bHi[j3]!));
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = from; k < to; k++) {
        const y0 = bt[c0 + k]!;
        const y1 = bt[c1 + k]!;
        const y2 = bt[c2 + k]!;
        const y3 = bt[c3 + k]!;
        let x = a[r0 + k]!;
        s00 += x * y0;
        s01 += x * y1;
        s02 += x * y2;
        s03 += x * y3;
        x = a[r1 + k]!;
        s10 += x * y0;
        s11 += x * y1;
        s12 += x * y2;
        s13 += x * y3;
      }
      out[r0 + j] = s00;
      out[r0 + j1] = s01;
      out[r0 + j2] = s02;
      out[r0 + j3] = s03;
      out[r1 + j] = s10;
      out[r1 + j1] = s11;
      out[r1 + j2] = s12;
      out[r1 + j3] = s13;
    }
  }
}

/**
 * Runs the rollout, calling `each(l, R_l)` with R_l = Â_l ··· Â_0 after each layer (the buffer is
 * reused: copy it). Identity for a stack with no layers (each is then not called).
 */
function rolloutSteps(
  stack: AttentionStackLike,
  options: RolloutOptions,
  each: (layer: number, product: Float64Array) => void,
): Float64Array {
  checkSquare(stack);
  const alpha = residualOf(options);
  const t = stack.keyLength;
  let product = new Float64Array(t * t);
  for (let i = 0; i < t; i++) product[i * t + i] = 1;
  let next = new Float64Array(t * t);
  const hat = new Float64Array(t * t);
  const scratch = scratchFor(t);
  for (let l = 0; l < stack.layers; l++) {
    layerHat(stack, l, alpha, hat);
    if (l === 0) {
      product.set(hat); // Â_0 · I
    } else {
      multiply(hat, product, t, next, scratch);
      [product, next] = [next, product];
    }
    each(l, product);
  }
  return product;
}

/**
 * Attention rollout (Abnar & Zuidema 2020): Â_{L−1} ··· Â_0 as [T][T], row i = output position i of
 * the last layer, column j = input token j; rows sum to 1. The identity for a stack with no layers.
 * Needs a self-attention stack (throws a RangeError otherwise). O(L·T³).
 */
export function rollout(stack: AttentionStackLike, options: RolloutOptions = {}): Float32Array {
  return Float32Array.from(rolloutSteps(stack, options, () => {}));
}

/**
 * The rollout after every layer: [layers][T][T], entry l = Â_l ··· Â_0 (so entry 0 = Â_0 and the
 * last entry = `rollout`). Needs a self-attention stack (throws a RangeError otherwise).
 */
export function rolloutLayers(
  stack: AttentionStackLike,
  options: RolloutOptions = {},
): Float32Array {
  checkSquare(stack);
  const t = stack.keyLength;
  const out = new Float32Array(stack.layers * t * t);
  rolloutSteps(stack, options, (l, product) => out.set(product, l * t * t));
  return out;
}

/**
 * The most tokens `attentionFlow` and `attentionFlowFrom` accept. One row of flow is T max-flow
 * problems on (L + 1)·T nodes and L·T² edges; the whole matrix is T² of them. At 64 tokens and
 * 12 layers (49k edges) a row takes about 0.1 s in Node and the whole matrix about 1 s (causal)
 * to 5 s (bidirectional), growing roughly as T⁴·L: run it off the main thread, prefer
 * `attentionFlowFrom` for the one output the user picked, and use `rollout` beyond the cap.
 */
export const MAX_FLOW_TOKENS = 64;

function flowNetwork(stack: AttentionStackLike, options: RolloutOptions): LayeredFlowNetwork {
  checkSquare(stack);
  const t = stack.keyLength;
  if (t > MAX_FLOW_TOKENS) {
    throw new RangeError(
      `attention flow is limited to ${MAX_FLOW_TOKENS} tokens (got ${t}): it solves T² max-flow ` +
        'problems; use rollout for longer inputs',
    );
  }
  const alpha = residualOf(options);
  const capacities: Float64Array[] = [];
  for (let l = 0; l < stack.layers; l++) {
    const hat = new Float64Array(t * t);
    layerHat(stack, l, alpha, hat);
    capacities.push(hat);
  }
  return new LayeredFlowNetwork(capacities, t);
}

/**
 * Attention flow (Abnar & Zuidema 2020) from one output position: [T], entry j = the maximum flow
 * from `output` on the last layer to input token j, with capacities Â (see the module comment).
 * Each entry is ≤ 1 (all of the output's capacity) and is positive only where a path of positive
 * capacity joins the two, i.e. where the exact rollout is positive.
 * With no layers, the indicator of `output`. Throws a RangeError for more than `MAX_FLOW_TOKENS`
 * tokens, a non-self-attention stack or an output outside [0, T).
 */
export function attentionFlowFrom(
  stack: AttentionStackLike,
  output: number,
  options: RolloutOptions = {},
): Float64Array {
  checkSquare(stack);
  const t = stack.keyLength;
  if (!Number.isInteger(output) || output < 0 || output >= t) {
    throw new RangeError(`output ${output} is outside [0, ${t})`);
  }
  if (stack.layers === 0) {
    const out = new Float64Array(t);
    out[output] = 1;
    return out;
  }
  const network = flowNetwork(stack, options);
  const out = new Float64Array(t);
  for (let j = 0; j < t; j++) out[j] = network.maxFlow(output, j);
  return out;
}

/**
 * Attention flow (Abnar & Zuidema 2020) for every output position: [T][T], row i = output
 * position i, column j = input token j (see `attentionFlowFrom`). T² max-flow problems; throws a
 * RangeError for more than `MAX_FLOW_TOKENS` tokens or a non-self-attention stack.
 */
export function attentionFlow(
  stack: AttentionStackLike,
  options: RolloutOptions = {},
): Float32Array {
  checkSquare(stack);
  const t = stack.keyLength;
  if (stack.layers === 0) {
    const out = new Float32Array(t * t);
    for (let i = 0; i < t; i++) out[i * t + i] = 1;
    return out;
  }
  const network = flowNetwork(stack, options);
  const out = new Float32Array(t * t);
  for (let i = 0; i < t; i++) {
    for (let j = 0; j < t; j++) out[i * t + j] = network.maxFlow(i, j);
  }
  return out;
}
