/**
 * How much an output changed when heads were switched off (KL divergence, log-probabilities):
 * pure numbers over logits, no tfjs.
 * The worker measures with them (src/worker/importance.ts); the page only shows the result.
 */
import { logSumExp } from './predictions';

/** log softmax of one row of logits, in float64. */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  const lse = logSumExp(logits);
  return Float64Array.from({ length: logits.length }, (_, i) => logits[i]! - lse);
}

/**
 * KL(p‖q) = Σ_i p_i (log p_i − log q_i) in nats, from log-probabilities: how surprised the model
 * with heads off (q) is by what the intact model (p) predicted. 0 when they agree; terms with
 * p_i = 0 add nothing.
 */
export function klDivergence(logP: Float64Array, logQ: Float64Array): number {
  if (logP.length !== logQ.length)
    throw new RangeError(`distributions over ${logP.length} and ${logQ.length} values`);
  let kl = 0;
  for (let i = 0; i < logP.length; i++) {
    const lp = logP[i]!;
    if (lp === -Infinity) continue;
    kl += Math.exp(lp) * (lp - logQ[i]!);
  }
  return Math.max(0, kl); // rounding can leave −1e-17 for identical rows
}

/**
 * log P(y | x) of a sequence under teacher forcing: Σ_t log softmax(row t)[next_t], from the
 * decoder's logits [rows][vocab] and the token each row should predict (`next`, rows long).
 */
export function sequenceLogProb(
  logits: Float32Array,
  vocab: number,
  next: readonly number[],
): number {
  let total = 0;
  for (let t = 0; t < next.length; t++) {
    const row = logits.subarray(t * vocab, (t + 1) * vocab);
    total += row[next[t]!]! - logSumExp(row);
  }
  return total;
}
