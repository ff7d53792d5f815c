/**
 * Pure: the masks a loaded model's layers really used on a sentence, grouped by kind of layer
 * (sliding-window layers, global layers), with their titles. The Masks tab's "This model's masks"
 * card draws one picture per group.
 */
import { countAllowed } from '../../../engine/masks';
import type { LayerAttentionType, MaskMatrix } from '../../../engine/types';
import type { TranslateFn } from '../../../i18n';

export interface ModelMaskInput {
  /** Layers of the block. */
  layers: number;
  /** The block's mask (its global layers', or every layer's when they are alike). */
  mask: MaskMatrix;
  /** One mask per layer when layers differ; absent or null when they are alike. */
  layerMasks?: readonly MaskMatrix[] | null;
  /** Attention of each layer ('sliding' layers see `slidingWindow` keys); absent: all full. */
  layerTypes?: readonly LayerAttentionType[];
  slidingWindow?: number;
}

/** What a group's mask is: a causal sliding window, causal, no mask at all, or something else. */
export type ModelMaskShape = 'sliding' | 'causal' | 'none' | 'other';

export interface ModelMaskGroup {
  /** 1-based layer numbers, ascending. */
  layers: number[];
  shape: ModelMaskShape;
  /** Keys a query of a sliding layer sees (itself and window − 1 before it); null otherwise. */
  window: number | null;
  /** The mask these layers used, row-major [rows][cols], 1 = allowed. */
  mask: MaskMatrix;
  /** Allowed (query, key) pairs, and all rows × cols pairs. */
  allowed: number;
  full: number;
  /** A sliding layer whose window reaches the first token from every row (short sentence): its
   * mask is the same as the global layers'. */
  windowCoversAll: boolean;
}

/** Whether the mask allows exactly the keys k ≤ q of each query q (square masks only). */
function isCausal(mask: MaskMatrix): boolean {
  if (mask.rows !== mask.cols) return false;
  for (let q = 0; q < mask.rows; q++)
    for (let k = 0; k < mask.cols; k++)
      if (mask.allowed[q * mask.cols + k] !== (k <= q ? 1 : 0)) return false;
  return true;
}

function isFull(mask: MaskMatrix): boolean {
  return mask.allowed.every((a) => a === 1);
}

function shapeOf(
  mask: MaskMatrix,
  type: LayerAttentionType,
  window: number | null,
): ModelMaskShape {
  if (type === 'sliding' && window !== null) return 'sliding';
  if (isFull(mask)) return 'none';
  if (isCausal(mask)) return 'causal';
  return 'other';
}

/**
 * The layers grouped by kind and by the mask they used (same kind, same mask: one group), in the
 * order of each group's first layer.
 */
export function modelMaskGroups(input: ModelMaskInput): ModelMaskGroup[] {
  const groups: ModelMaskGroup[] = [];
  const byKey = new Map<string, ModelMaskGroup>();
  for (let layer = 0; layer < input.layers; layer++) {
    const mask = input.layerMasks?.[layer] ?? input.mask;
    const type = input.layerTypes?.[layer] ?? 'full';
    const window = type === 'sliding' ? (input.slidingWindow ?? null) : null;
    const key = `${type}|${mask.rows}x${mask.cols}|${mask.allowed.join('')}`;
    const found = byKey.get(key);
    if (found) {
      found.layers.push(layer + 1);
      continue;
    }
    const shape = shapeOf(mask, type, window);
    const group: ModelMaskGroup = {
      layers: [layer + 1],
      shape,
      window,
      mask,
      allowed: countAllowed(mask),
      full: mask.rows * mask.cols,
      windowCoversAll: shape === 'sliding' && window !== null && window >= mask.rows,
    };
    byKey.set(key, group);
    groups.push(group);
  }
  return groups;
}

/** 1-based layer numbers as text: runs of three or more as a range ("1–5, 7, 9"). */
export function layerList(layers: readonly number[], separator: string): string {
  const parts: string[] = [];
  for (let i = 0; i < layers.length;) {
    let j = i;
    while (j + 1 < layers.length && layers[j + 1] === layers[j]! + 1) j++;
    if (j - i >= 2) {
      parts.push(`${layers[i]}–${layers[j]}`);
      i = j + 1;
    } else {
      parts.push(String(layers[i]));
      i += 1;
    }
  }
  return parts.join(separator);
}

/** What a group's mask is, in words: "sliding window of 4 tokens", "global causal", "causal"… */
export function modelMaskKindText(t: TranslateFn, group: ModelMaskGroup, mixed: boolean): string {
  switch (group.shape) {
    case 'sliding':
      return t('teach.masks.model.sliding', { n: group.window ?? 0 });
    case 'causal':
      return t(mixed ? 'teach.masks.model.globalCausal' : 'teach.masks.model.causal');
    case 'none':
      return t(mixed ? 'teach.masks.model.globalNone' : 'teach.masks.model.none');
    case 'other':
      return t('teach.masks.model.other');
  }
}

/**
 * A group's title: "Layers 1, 3 (sliding window of 4 tokens)", "Layer 2 (global causal)", or,
 * when every layer is in the one group, "Every layer: causal".
 */
export function modelMaskTitle(
  t: TranslateFn,
  group: ModelMaskGroup,
  groups: readonly ModelMaskGroup[],
): string {
  const mixed = groups.length > 1;
  const kind = modelMaskKindText(t, group, mixed);
  if (!mixed) return t('teach.masks.model.every', { kind });
  const list = layerList(group.layers, t('teach.masks.model.listSeparator'));
  return t(group.layers.length === 1 ? 'teach.masks.model.layer' : 'teach.masks.model.layers', {
    list,
    kind,
  });
}

/** Axis labels of a mask picture: the tokens when there are at most `limit`, else none. */
export function maskAxisLabels(tokens: readonly string[], count: number, limit = 24): string[] {
  return count <= limit
    ? Array.from({ length: count }, (_, i) => tokens[i] ?? String(i + 1))
    : Array.from({ length: count }, () => '');
}
