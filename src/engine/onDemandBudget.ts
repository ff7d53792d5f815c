/**
 * How much memory attention on demand holds for T tokens of a model, and how many tokens fit a
 * budget (plain arithmetic over the config: no tfjs). The estimate counts what grows with T:
 * - the probe: per layer, post-RoPE q of every head and k of every kv head, L·(H + Hkv)·T·dh floats;
 * - one head's [T, T] tensors while the forward computes it (scores, soft-cap, masked, softmax,
 *   the copy read back for metrics and thumbnails): 5 or 7 · T² floats;
 * - each distinct mask's float tensors (allowed, additive) 2·T² floats, and its bytes three times
 *   (engine, message, page): 3·T² bytes; sliding-window models have two masks;
 * - one layer's activations, about T·(6·d + 3·d_ff) floats.
 * Checked against the tab's peak memory in scripts/bench/long.ts.
 */
import { headSizeOf, kvHeadsOf } from './schema';
import type { TransformerConfig } from './types';

/** What the tab may hold for a long input's attention beyond the weights: 1.5 GB. */
export const ON_DEMAND_BUDGET_BYTES = 1.5 * 2 ** 30;

/** Estimated bytes attention on demand holds at T tokens (see the module comment). */
export function onDemandBytes(config: TransformerConfig, tokens: number): number {
  const T = tokens;
  const L = config.numLayers;
  const H = config.numHeads;
  const dh = headSizeOf(config);
  const probe = L * (H + kvHeadsOf(config)) * T * dh * 4;
  const headSquares = config.attnSoftcap !== undefined ? 7 : 5;
  const masks = config.layerTypes?.includes('sliding') ? 2 : 1;
  const square = T * T * (4 * headSquares + masks * (2 * 4 + 3));
  const activations = T * (6 * config.dModel + 3 * config.dFF) * 4;
  return probe + square + activations;
}

/** The most tokens whose estimate stays within `budget` bytes (0 when not even one fits). */
export function tokensThatFit(
  config: TransformerConfig,
  budget: number = ON_DEMAND_BUDGET_BYTES,
): number {
  let lo = 0;
  let hi = 1;
  while (onDemandBytes(config, hi) <= budget && hi < 2 ** 24) hi *= 2;
  // Invariant: lo fits (or is 0), hi does not.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (onDemandBytes(config, mid) <= budget) lo = mid;
    else hi = mid;
  }
  return lo;
}

const mb = (bytes: number): number => Math.ceil(bytes / 2 ** 20);

/**
 * Null when `tokens` fit the budget; otherwise a message a person can act on, saying how many
 * tokens fit.
 */
export function onDemandOverBudget(
  config: TransformerConfig,
  tokens: number,
  budget: number = ON_DEMAND_BUDGET_BYTES,
): string | null {
  const need = onDemandBytes(config, tokens);
  if (need <= budget) return null;
  const fit = tokensThatFit(config, budget);
  return `This input has ${tokens} tokens: showing its attention would take about ${mb(need)} MB, over the ${mb(budget)} MB this page allows, so at most ${fit} tokens fit. Shorten the text to ${fit} tokens or fewer.`;
}
