/**
 * What the zoomable heatmap shares with its siblings in a sentence panel, per sentence: the cell
 * window it shows (the token chips show those tokens) and the last "zoom to these tokens" request
 * (a selection in the text or the chips). View-only state that changes at every frame of a pan, so
 * it lives in its own small store: the app store (runs, links) never sees it.
 */
import { create } from 'zustand';
import type { SentenceSlot } from '../../store/types';
import type { CellWindow } from './viewport';

/** A request to fit tokens [start, end); `seq` makes two equal requests distinct. */
export interface FocusRequest {
  start: number;
  end: number;
  seq: number;
}

interface ZoomLinkState {
  windows: Record<SentenceSlot, CellWindow | null>;
  focus: Record<SentenceSlot, FocusRequest | null>;
  setWindow: (slot: SentenceSlot, window: CellWindow | null) => void;
  focusRange: (slot: SentenceSlot, start: number, end: number) => void;
}

let seq = 0;

export const useZoomLink = create<ZoomLinkState>()((set) => ({
  windows: { A: null, B: null },
  focus: { A: null, B: null },
  setWindow: (slot, window) =>
    set((s) => {
      const old = s.windows[slot];
      // Only whole-cell changes matter to the chips: sub-cell pans do not re-render them.
      if (
        old &&
        window &&
        old.rows[0] === window.rows[0] &&
        old.rows[1] === window.rows[1] &&
        old.cols[0] === window.cols[0] &&
        old.cols[1] === window.cols[1]
      )
        return s;
      return { windows: { ...s.windows, [slot]: window } };
    }),
  focusRange: (slot, start, end) =>
    set((s) => ({ focus: { ...s.focus, [slot]: { start, end, seq: ++seq } } })),
}));
