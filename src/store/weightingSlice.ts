/**
 * What the heatmaps show (issue 16): the attention weights α, or value-weighted attention
 * ‖α_ij · f(x_j)‖ (Kobayashi et al. 2020), which needs each head's value-vector norms from the
 * engine. Choosing 'value' re-runs the sentences whose results lack them (runs then ask for
 * `valueNorms`); choosing 'attention' re-runs nothing.
 */
import type { StateCreator } from 'zustand';
import { normsFit, valueWeightedLayerCached } from '../analysis/valueWeighted';
import type { AppState, BlockResult, SentenceRun, SentenceSlot } from './types';

export const WEIGHTINGS = ['attention', 'value'] as const;
/** 'attention': the weights α · 'value': ‖α·f(x)‖, the weights times the value vectors' norms. */
export type Weighting = (typeof WEIGHTINGS)[number];

export interface WeightingSlice {
  /** What the Attention, Heads and Compare heatmaps draw; 'attention' by default. */
  weighting: Weighting;
  setWeighting: (weighting: Weighting) => void;
}

/** Whether a run shows (or is computing) blocks that lack the value norms. */
export function runLacksNorms(run: SentenceRun): boolean {
  if (run.state === 'loading') return true; // posted before the choice: ask again with norms
  if (run.state !== 'ready') return false;
  return run.blocks.some((b) => !b.valueNorms);
}

export const createWeightingSlice: StateCreator<AppState, [], [], WeightingSlice> = (set, get) => ({
  weighting: 'attention',
  setWeighting: (weighting) => {
    if (get().weighting === weighting) return;
    set({ weighting });
    if (weighting !== 'value') return;
    for (const slot of ['A', 'B'] as SentenceSlot[])
      if (runLacksNorms(get().runs[slot])) get().runSentence(slot);
  },
});

/**
 * One layer of a block as the heatmaps draw it: the attention weights, or under 'value' the
 * value-weighted weights α_ij·‖f(x_j)‖ (the same array back for the same inputs). Null while the
 * layer (or, under 'value', the block's norms) has not arrived.
 */
export function shownLayer(
  block: BlockResult,
  layer: number,
  weighting: Weighting,
): Float32Array | null {
  const data = block.data[layer] ?? null;
  if (!data || weighting === 'attention') return data;
  const norms = block.valueNorms;
  if (!normsFit(norms, block.layers, block.heads, block.keyLength)) return null;
  return valueWeightedLayerCached(
    data,
    norms,
    layer,
    block.heads,
    block.queryLength,
    block.keyLength,
  );
}

/**
 * A block as the heads grid draws it: under 'value' (with norms) every layer value-weighted; else
 * the block itself. Remembered per block object, so the same block gives the same result.
 */
const weightedBlocks = new WeakMap<BlockResult, BlockResult>();
export function shownBlock(block: BlockResult, weighting: Weighting): BlockResult {
  if (weighting === 'attention') return block;
  if (!normsFit(block.valueNorms, block.layers, block.heads, block.keyLength)) return block;
  const hit = weightedBlocks.get(block);
  if (hit) return hit;
  const data = block.data.map((_, l) => shownLayer(block, l, 'value'));
  const out = { ...block, data };
  weightedBlocks.set(block, out);
  return out;
}

/** Whether the block is drawn value-weighted now (the choice is 'value' and its norms are in). */
export function isValueWeighted(block: BlockResult | undefined, weighting: Weighting): boolean {
  return (
    weighting === 'value' &&
    !!block &&
    normsFit(block.valueNorms, block.layers, block.heads, block.keyLength)
  );
}
