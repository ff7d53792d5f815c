import type { StateCreator } from 'zustand';
import { browserLanguage } from '../i18n/language';
import { EXAMPLE_SENTENCES } from './defaults';
import { masksClearedByEdit } from './fillerSlice';
import { hubPairActive } from './hubSlice';
import { scheduleRun } from './scheduler';
import type { AppState, InputSlice } from './types';

export const createInputSlice: StateCreator<AppState, [], [], InputSlice> = (set, get) => ({
  sentences: { ...EXAMPLE_SENTENCES },
  language: browserLanguage(),
  setSentence: (slot, text) => {
    if (get().sentences[slot] === text) return;
    // A masked token belongs to the text it was chosen in (B's edit changes A's pair too).
    set((s) => ({ sentences: { ...s.sentences, [slot]: text }, ...masksClearedByEdit(s, slot) }));
    if (slot === 'B' && hubPairActive(get())) {
      // Sentence B is the second half of A's sentence-pair run: re-run A.
      get().markPending('A');
      scheduleRun('A', () => get().runSentence('A'));
      return;
    }
    if (text.trim() === '') {
      get().runSentence(slot); // nothing to compute: show the empty state at once
      return;
    }
    get().markPending(slot);
    scheduleRun(slot, () => get().runSentence(slot));
  },
  setLanguage: (language) => set({ language }),
});
