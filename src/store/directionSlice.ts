/**
 * The built-in translator's direction (English → Chinese or Chinese → English). Choosing one picks
 * the translator, points it at that direction's folder (so the other direction's model is never
 * downloaded until chosen) and swaps the example sentences that are still the other direction's.
 */
import type { StateCreator } from 'zustand';
import {
  directionOfUrl,
  sentencesAfterSwitch,
  TRANSLATOR_URLS,
  type TranslatorDirection,
} from './direction';
import { IDLE_LOAD } from './modelSlice';
import type { AppState, SentenceRun } from './types';
import { pageUrlOptions } from './urlParams';

export interface DirectionSlice {
  /** Which way the built-in translator translates; 'en-zh' unless chosen (or opened by a link). */
  direction: TranslatorDirection;
  /**
   * Uses the built-in translator in `direction`: switches the model to it when another model is
   * in use, loads that direction's files, swaps untouched example sentences, and re-runs both.
   */
  setDirection: (direction: TranslatorDirection) => void;
}

/**
 * The store fields a direction sets: the folder, and no knowledge of the other direction's model.
 * Also used when a shared link restores a direction.
 */
export function directionFields(
  direction: TranslatorDirection,
): Pick<AppState, 'direction' | 'translatorUrl' | 'translatorInfo' | 'translatorLoad'> {
  return {
    direction,
    translatorUrl: TRANSLATOR_URLS[direction],
    translatorInfo: null,
    translatorLoad: IDLE_LOAD,
  };
}

/** A run of the other direction's model: its tokens, heatmaps and translation mean nothing now. */
const forget = (run: SentenceRun): SentenceRun => ({
  ...run,
  tokens: [],
  totalTokens: 0,
  dropped: 0,
  blocks: [],
  translation: null,
  error: null,
  errorStage: null,
  elapsedMs: null,
});

export const createDirectionSlice: StateCreator<AppState, [], [], DirectionSlice> = (set, get) => ({
  // The folder the page starts with (a `?translator=` link to the zh-en folder opens zh-en).
  direction: directionOfUrl(pageUrlOptions().translatorUrl ?? TRANSLATOR_URLS['en-zh']),
  setDirection: (direction) => {
    const s = get();
    if (direction !== s.direction) {
      set({
        ...directionFields(direction),
        sentences: sentencesAfterSwitch(s.sentences, s.direction, direction),
        hover: null,
        runs: { A: forget(s.runs.A), B: forget(s.runs.B) },
      });
      // setModel runs both sentences; with the translator already chosen, run them here.
      if (s.model === 'translator') {
        get().runAll();
        return;
      }
    }
    get().setModel('translator');
  },
});
