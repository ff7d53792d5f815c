/**
 * What the analysis views read from the store: one sentence's attention block of the chosen kind,
 * with its row (query) and column (key) tokens, and whether every layer has arrived.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { headMatrix } from '../../analysis';
import { shownBlock, useAppStore } from '../../store';
import { pickBlock } from '../../store/selectors';
import { isOnDemand } from '../heatmap-zoom/longInput';
import type { AppState, BlockResult, RunState, SentenceSlot } from '../../store/types';

/** A block ready to analyse: every layer has streamed in and the labels match its shape. */
export interface BlockView {
  block: BlockResult;
  /** Query tokens, [queryLength]. */
  rowTokens: string[];
  /** Key tokens, [keyLength]. */
  colTokens: string[];
  /** Per layer: [heads][queryLength][keyLength] (all non-null). */
  data: Float32Array[];
  /** Whether rows and columns are the same tokens (self-attention over one sequence). */
  sameTokens: boolean;
}

export interface AnalysisSource {
  state: RunState;
  error: string | null;
  /** Null until every layer of the chosen block has arrived (or when there is nothing to show). */
  view: BlockView | null;
  /**
   * The chosen block is served on demand (a long input): its weights never arrive, so views that
   * need all of them say so instead of waiting. Its query length is `tokens`.
   */
  onDemand?: boolean;
  tokens?: number;
}

/** Builds the view of a block, or null while layers are missing or labels do not fit. */
export function toBlockView(
  block: BlockResult | undefined,
  runTokens: readonly string[],
): BlockView | null {
  if (!block || block.layers === 0 || block.heads === 0) return null;
  const rowTokens = block.rowTokens ?? [...runTokens];
  const colTokens = block.colTokens ?? [...runTokens];
  if (rowTokens.length !== block.queryLength || colTokens.length !== block.keyLength) return null;
  if (block.queryLength === 0 || block.keyLength === 0) return null;
  const data: Float32Array[] = [];
  const size = block.heads * block.queryLength * block.keyLength;
  for (const layer of block.data) {
    if (!layer || layer.length !== size) return null;
    data.push(layer);
  }
  const sameTokens =
    block.queryLength === block.keyLength &&
    (block.rowTokens === block.colTokens ||
      (block.rowTokens === undefined && block.colTokens === undefined) ||
      rowTokens.every((t, i) => t === colTokens[i]));
  return { block, rowTokens, colTokens, data, sameTokens };
}

const weightedViews = new WeakMap<BlockView, BlockView>();

/**
 * The view with every layer value-weighted (α_ij·‖f(x_j)‖, from the block's value norms); the view
 * itself when the block has no norms. The same view gives the same result (cached).
 */
export function weightedView(view: BlockView): BlockView {
  const hit = weightedViews.get(view);
  if (hit) return hit;
  const block = shownBlock(view.block, 'value');
  const data = block.data.filter((d): d is Float32Array => d !== null);
  const out =
    block === view.block || data.length !== view.data.length ? view : { ...view, block, data };
  weightedViews.set(view, out);
  return out;
}

/** One head's [queryLength][keyLength] matrix (a view, no copy). */
export function headOf(view: BlockView, layer: number, head: number): Float32Array | null {
  const data = view.data[layer];
  if (!data || head < 0 || head >= view.block.heads) return null;
  return headMatrix(data, head, view.block.queryLength, view.block.keyLength);
}

const selectSource = (slot: SentenceSlot) => (s: AppState) => {
  const run = s.runs[slot];
  return {
    state: run.state,
    error: run.error,
    tokens: run.tokens,
    block: pickBlock(run.blocks, s.kind),
  };
};

/** The chosen kind's block of a sentence, ready to analyse (see `AnalysisSource`). */
export function useAnalysisSource(slot: SentenceSlot): AnalysisSource {
  const { state, error, tokens, block } = useAppStore(useShallow(selectSource(slot)));
  const view = useMemo(
    () =>
      toBlockView(
        block,
        tokens.map((t) => t.text),
      ),
    [block, tokens],
  );
  return { state, error, view, onDemand: isOnDemand(block), tokens: block?.queryLength ?? 0 };
}
