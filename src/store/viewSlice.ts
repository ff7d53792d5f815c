import type { StateCreator } from 'zustand';
import type { AppState, ViewSlice } from './types';

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  kind: 'encoder-self',
  layer: 0,
  head: 0,
  hover: null,
  // Changing what is shown never re-runs: every layer and head is already in the store.
  setKind: (kind) => set({ kind, hover: null }),
  setLayer: (layer) =>
    set({ layer: Math.max(0, Math.min(get().playground.layers - 1, Math.floor(layer))) }),
  setHead: (head) =>
    set({ head: Math.max(0, Math.min(get().playground.heads - 1, Math.floor(head))) }),
  setHover: (hover) => {
    const prev = get().hover;
    if (prev === hover) return;
    if (
      prev &&
      hover &&
      prev.slot === hover.slot &&
      prev.query === hover.query &&
      prev.key === hover.key
    )
      return;
    set({ hover });
  },
});
