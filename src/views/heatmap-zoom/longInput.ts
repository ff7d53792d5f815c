/**
 * When a sentence's attention is shown by the zoomable views: its block is served on demand (the
 * run kept no weights), or it is long enough that a one-pixel-per-cell picture, token chips for
 * every token and the per-cell views stop being usable.
 */
import { onDemandThreshold } from '../../store/attentionTiles';
import type { BlockResult } from '../../store/types';

/** Above this many tokens a side the Attention tab shows the zoomable heatmap (the engine's default). */
export const LONG_INPUT_TOKENS = 512;

/**
 * The threshold in force: the store's (`?ondemand=N` lowers it, so browser tests force the
 * long-input views on a tiny model with ~60 tokens), so views and engine switch at one length.
 */
const THRESHOLD = onDemandThreshold();

/** Whether the run kept no weights for this block (the contract's `onDemand`). */
export function isOnDemand(block: BlockResult | undefined): boolean {
  return block?.onDemand === true;
}

/** Whether a block is drawn by the zoomable heatmap instead of the full one. */
export function isZoomBlock(
  block: BlockResult | undefined,
  threshold: number = THRESHOLD,
): boolean {
  if (!block) return false;
  return isOnDemand(block) || block.queryLength > threshold || block.keyLength > threshold;
}

/** Whether a run of `tokens` tokens counts as long (before its block is known). */
export function isLongRun(tokens: number, threshold: number = THRESHOLD): boolean {
  return tokens > threshold;
}
