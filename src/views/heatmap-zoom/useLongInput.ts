/** Hooks that let the sentence panel's pieces follow the zoomable heatmap. */
import { useCallback, useMemo, type SyntheticEvent } from 'react';
import { useAppStore } from '../../store';
import { pickBlock } from '../../store/selectors';
import type { SentenceSlot } from '../../store/types';
import { isLongRun, isZoomBlock } from './longInput';
import { tokenSpans, tokensInSelection } from './textSpans';
import { useZoomLink } from './zoomLink';

/** Whether the sentence's chosen block is drawn by the zoomable heatmap. */
export function useZoomed(slot: SentenceSlot): boolean {
  return useAppStore((s) => {
    const run = s.runs[slot];
    const block = pickBlock(run.blocks, s.kind);
    // While a long input's new run starts, keep the zoomable view (no full heatmap meanwhile).
    return block ? isZoomBlock(block) : isLongRun(run.tokens.length);
  });
}

/**
 * The text box's `onSelect` for a zoomed sentence: selecting some text zooms the heatmap to the
 * tokens it touches. Undefined when the sentence is not zoomed.
 */
export function useSelectionZoom(
  slot: SentenceSlot,
): ((e: SyntheticEvent<HTMLTextAreaElement>) => void) | undefined {
  const zoomed = useZoomed(slot);
  const tokens = useAppStore((s) => s.runs[slot].tokens);
  const text = useAppStore((s) => s.sentences[slot]);
  const focusRange = useZoomLink((s) => s.focusRange);
  const spans = useMemo(() => (zoomed ? tokenSpans(text, tokens) : []), [zoomed, text, tokens]);
  const onSelect = useCallback(
    (e: SyntheticEvent<HTMLTextAreaElement>) => {
      const el = e.currentTarget;
      const range = tokensInSelection(spans, el.selectionStart, el.selectionEnd);
      if (range) focusRange(slot, range[0], range[1]);
    },
    [spans, focusRange, slot],
  );
  return zoomed ? onSelect : undefined;
}
