/**
 * The heads grid of an on-demand block (a long input whose run kept no weights): every head of
 * every layer pooled to at most POOLED_SIDE × POOLED_SIDE by the store's tile action (each pixel:
 * the largest weight of the cells it covers), shaped as a BlockView so the grid draws it as is.
 * Its rows are blocks of queries, labelled by their first token and range.
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { classifyStack } from '../../analysis';
import { useAppStore } from '../../store';
import { pickBlock } from '../../store/selectors';
import type { AppState, BlockResult, SentenceSlot } from '../../store/types';
import { isOnDemand } from '../heatmap-zoom/longInput';
import { blockRange } from '../heatmap-zoom/tile';
import { requestTile } from '../heatmap-zoom/tileSource';
import type { BlockMetrics } from './headOrder';
import type { BlockView } from './source';

/**
 * Pooled thumbnail side, cells: the worker's THUMBNAIL_CELLS, whose whole-head tiles it pooled
 * during the forward and answers at once (other sizes recompute the head).
 */
export const POOLED_SIDE = 64;

export interface PooledHeads {
  view: BlockView | null;
  /** The worker's metrics of the full weights (sorting, filters, pattern labels), when sent. */
  metrics: BlockMetrics | null;
  /** Tokens of the full block (the pooled view's rows are blocks of them). */
  tokens: number;
  error: string | null;
}

/** Labels of the pooled rows: "first token (a–b)", 1-based. */
export function pooledLabels(tokens: readonly string[], out: number): string[] {
  return Array.from({ length: out }, (_, i) => {
    const [a, b] = blockRange(i, tokens.length, out);
    return b - a === 1 ? (tokens[a] ?? '') : `${tokens[a] ?? ''} (${a + 1}–${b})`;
  });
}

/** Joins per-layer tiles (every head) into a [heads][outRows][outCols] layer. */
export function joinHeads(max: readonly Float32Array[]): Float32Array {
  const size = max[0]?.length ?? 0;
  const out = new Float32Array(max.length * size);
  max.forEach((m, h) => out.set(m, h * size));
  return out;
}

const selectBlock = (slot: SentenceSlot) => (s: AppState) => ({
  state: s.runs[slot].state,
  tokens: s.runs[slot].tokens,
  block: pickBlock(s.runs[slot].blocks, s.kind),
});

/** The pooled heads of the sentence's on-demand block, or a null view (not on demand, or not yet). */
export function usePooledHeads(slot: SentenceSlot): PooledHeads {
  const { state, tokens, block } = useAppStore(useShallow(selectBlock(slot)));
  const onDemand = isOnDemand(block) && state === 'ready';
  const [done, setDone] = useState<{ block: BlockResult; view: BlockView } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const labels = useMemo(() => {
    if (!block) return null;
    const rows = block.rowTokens ?? tokens.map((t) => t.text);
    const cols = block.colTokens ?? tokens.map((t) => t.text);
    return rows.length === block.queryLength && cols.length === block.keyLength
      ? { rows, cols }
      : null;
  }, [block, tokens]);

  useEffect(() => {
    if (!onDemand || !block || !labels) return;
    let live = true;
    const heads = Array.from({ length: block.heads }, (_, h) => h);
    const layers = Array.from({ length: block.layers }, (_, l) =>
      requestTile(slot, block, {
        layer: l,
        heads,
        rows: [0, block.queryLength],
        cols: [0, block.keyLength],
        maxRows: POOLED_SIDE,
        maxCols: POOLED_SIDE,
      }),
    );
    Promise.all(layers).then(
      (tiles) => {
        if (!live) return;
        const first = tiles[0];
        if (!first) return;
        const pooledBlock: BlockResult = {
          ...block,
          queryLength: first.outRows,
          keyLength: first.outCols,
          rowTokens: pooledLabels(labels.rows, first.outRows),
          colTokens: pooledLabels(labels.cols, first.outCols),
          data: tiles.map((t) => joinHeads(t.max)),
          // The mask and norms are the full block's: the pooled picture has neither.
          mask: null,
          layerMasks: null,
          valueNorms: null,
        };
        setDone({
          block,
          view: {
            block: pooledBlock,
            rowTokens: pooledBlock.rowTokens!,
            colTokens: pooledBlock.colTokens!,
            data: pooledBlock.data as Float32Array[],
            sameTokens: block.queryLength === block.keyLength,
          },
        });
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [onDemand, block, labels, slot]);

  const headMetrics = onDemand ? block?.headMetrics : null;
  const metrics = useMemo(
    (): BlockMetrics | null =>
      headMetrics
        ? {
            layers: headMetrics.layers,
            heads: headMetrics.heads,
            metrics: headMetrics,
            patterns: classifyStack(headMetrics),
          }
        : null,
    [headMetrics],
  );

  return {
    view: onDemand && done && done.block === block ? done.view : null,
    metrics,
    tokens: block?.queryLength ?? 0,
    error: onDemand ? error : null,
  };
}
