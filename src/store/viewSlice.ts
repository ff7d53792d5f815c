import type { StateCreator } from 'zustand';
import { viewChoices } from './model';
import type { AppState, ViewSlice } from './types';

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  tab: 'attention',
  setTab: (tab) => set({ tab, hover: null }),
  kind: 'encoder-self',
  layer: 0,
  head: 0,
  hover: null,
  // Changing what is shown never re-runs: every layer and head is already in the store.
  setKind: (kind) => {
    // The translator's encoder and decoder may differ in depth: keep the layer inside the new kind.
    const choices = viewChoices({ ...get(), kind });
    set({ kind, hover: null, layer: Math.min(get().layer, choices.layers - 1) });
  },
  setLayer: (layer) =>
    set({ layer: Math.max(0, Math.min(viewChoices(get()).layers - 1, Math.floor(layer))) }),
  setHead: (head) =>
    set({ head: Math.max(0, Math.min(viewChoices(get()).heads - 1, Math.floor(head))) }),
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
