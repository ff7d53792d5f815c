/**
 * The Lines view of an on-demand (long) input: a focus window instead of every token. Its queries
 * and keys are the Attention tab's zoomed heatmap window for that sentence (at most FOCUS_TOKENS a
 * side, from the window's start), or the first FOCUS_TOKENS before any zoom. The chosen layer's
 * heads are fetched exactly for that window from the store and shaped as a BlockView whose other
 * layers are empty (this view reads only the chosen layer).
 */
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { pickBlock } from '../../store/selectors';
import type { AppState, BlockResult, SentenceSlot } from '../../store/types';
import { isOnDemand } from '../heatmap-zoom/longInput';
import { requestTile } from '../heatmap-zoom/tileSource';
import type { CellWindow } from '../heatmap-zoom/viewport';
import { useZoomLink } from '../heatmap-zoom/zoomLink';
import { joinHeads } from '../heads/usePooledHeads';
import type { BlockView } from '../heads/source';

/** Most tokens a side of the focus window (Lines draws every line up to 64 tokens a side). */
export const FOCUS_TOKENS = 48;

export interface FocusWindow {
  /** Half-open query and key ranges shown. */
  window: CellWindow;
  view: BlockView | null;
  error: string | null;
}

/** The focus window for a heatmap window (or none yet) over a [rows][cols] block. */
export function focusWindow(zoom: CellWindow | null, rows: number, cols: number): CellWindow {
  const clip = (range: readonly [number, number] | undefined, n: number): [number, number] => {
    const start = range ? Math.max(0, Math.min(n - 1, range[0])) : 0;
    const end = Math.min(n, start + FOCUS_TOKENS, range ? Math.max(range[1], start + 1) : n);
    return [start, end];
  };
  return { rows: clip(zoom?.rows, rows), cols: clip(zoom?.cols, cols) };
}

const select = (slot: SentenceSlot) => (s: AppState) => ({
  state: s.runs[slot].state,
  tokens: s.runs[slot].tokens,
  block: pickBlock(s.runs[slot].blocks, s.kind),
});

/** The focus window of the sentence's on-demand block at `layer`, or null when not on demand. */
export function useFocusWindow(slot: SentenceSlot, layer: number): FocusWindow | null {
  const { state, tokens, block } = useAppStore(useShallow(select(slot)));
  const zoom = useZoomLink((s) => s.windows[slot]);
  const onDemand = isOnDemand(block) && state === 'ready';
  const rows = block?.queryLength ?? 0;
  const cols = block?.keyLength ?? 0;
  // The zoom link keeps one window object per whole-cell window, so this changes only with it.
  const window = useMemo(() => focusWindow(zoom, rows, cols), [zoom, rows, cols]);
  const [done, setDone] = useState<{
    block: BlockResult;
    window: CellWindow;
    layer: number;
    view: BlockView;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!onDemand || !block) return;
    const l = Math.min(layer, block.layers - 1);
    const n = window.rows[1] - window.rows[0];
    const m = window.cols[1] - window.cols[0];
    let live = true;
    requestTile(slot, block, {
      layer: l,
      heads: Array.from({ length: block.heads }, (_, h) => h),
      rows: window.rows,
      cols: window.cols,
      maxRows: n,
      maxCols: m,
    }).then(
      (tile) => {
        if (!live) return;
        const rowTokens = (block.rowTokens ?? tokens.map((t) => t.text)).slice(...window.rows);
        const colTokens = (block.colTokens ?? tokens.map((t) => t.text)).slice(...window.cols);
        const data = Array.from({ length: block.layers }, (_, i) =>
          i === l ? joinHeads(tile.max) : new Float32Array(0),
        );
        const focused: BlockResult = {
          ...block,
          queryLength: n,
          keyLength: m,
          rowTokens,
          colTokens,
          data,
          mask: null,
          layerMasks: null,
          valueNorms: null,
        };
        setDone({
          block,
          window,
          layer: l,
          view: { block: focused, rowTokens, colTokens, data, sameTokens: false },
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
  }, [onDemand, block, layer, window, slot, tokens]);

  if (!onDemand || !block) return null;
  const fresh =
    done &&
    done.block === block &&
    done.window === window &&
    done.layer === Math.min(layer, block.layers - 1);
  return { window, view: fresh ? done.view : null, error };
}
