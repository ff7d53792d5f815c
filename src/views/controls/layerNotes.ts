/**
 * What the layer and head pickers say about a model whose heads share keys (grouped-query
 * attention) or whose layers differ (sliding-window and global): pure, so it is tested alone.
 */
import type { LayerAttentionType } from '../../engine';

/** The 1-based query heads that share head `head`'s keys and values, and its group. */
export interface KvGroup {
  first: number;
  last: number;
  group: number;
  groups: number;
}

/** Query head h (0-based) reads kv head ⌊h / (heads / kvHeads)⌋, as the engine computes it. */
export function kvGroupOf(head: number, heads: number, kvHeads: number): KvGroup | null {
  if (kvHeads >= heads || kvHeads < 1 || heads % kvHeads !== 0) return null;
  const size = heads / kvHeads;
  const group = Math.floor(head / size);
  return { first: group * size + 1, last: (group + 1) * size, group: group + 1, groups: kvHeads };
}

/** How layer `layer` attends, when the model's layers differ; null when they do not. */
export function layerNote(
  layer: number,
  layerTypes: readonly LayerAttentionType[] | undefined,
  slidingWindow: number | undefined,
): { kind: LayerAttentionType; layer: number; before: number } | null {
  const kind = layerTypes?.[layer];
  if (!kind || slidingWindow === undefined) return null;
  return { kind, layer: layer + 1, before: slidingWindow - 1 };
}
