import type { StateCreator } from 'zustand';
import { DEFAULT_MASK, DEFAULT_MODEL } from './defaults';
import { kindsOf, normalizePlayground } from './model';
import { scheduleRun } from './scheduler';
import type { AppState, ModelSlice, SentenceSlot } from './types';

const SLOTS: SentenceSlot[] = ['A', 'B'];

export const createModelSlice: StateCreator<AppState, [], [], ModelSlice> = (set, get) => {
  /** Re-runs both sentences after the debounce pause (settings change in bursts while typing). */
  const rerunBoth = (): void => {
    for (const slot of SLOTS) {
      if (get().sentences[slot].trim() === '') continue; // stays empty
      get().markPending(slot);
      scheduleRun(slot, () => get().runSentence(slot));
    }
  };
  return {
    playground: { ...DEFAULT_MODEL },
    mask: { ...DEFAULT_MASK },
    backend: 'wasm',
    backendStatus: null,
    setPlayground: (patch) => {
      const s = get();
      const playground = normalizePlayground({ ...s.playground, ...patch });
      if (JSON.stringify(playground) === JSON.stringify(s.playground)) return;
      const kinds = kindsOf(playground.architecture);
      set({
        playground,
        layer: Math.min(s.layer, playground.layers - 1),
        head: Math.min(s.head, playground.heads - 1),
        kind: kinds.includes(s.kind) ? s.kind : (kinds[0] ?? 'encoder-self'),
        hover: null,
      });
      rerunBoth();
    },
    setMask: (patch) => {
      const mask = { ...get().mask, ...patch };
      if (JSON.stringify(mask) === JSON.stringify(get().mask)) return;
      set({ mask });
      rerunBoth();
    },
    setBackend: (backend) => {
      if (backend === get().backend) return;
      set({ backend, backendStatus: null });
      get().runAll();
    },
  };
};
