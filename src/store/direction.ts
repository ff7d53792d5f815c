/// <reference types="vite/client" />
/**
 * The built-in translator's two directions: which folder each loads from, its example sentences,
 * and the rule that swaps the examples when the direction changes. Pure (no store, no engine).
 */
import { EXAMPLE_SENTENCES } from './defaults';
import type { SentenceSlot } from './types';

/** English → Chinese (the first built-in model) or Chinese → English. */
export type TranslatorDirection = 'en-zh' | 'zh-en';

export const DIRECTIONS: readonly TranslatorDirection[] = ['en-zh', 'zh-en'];

/** Folder of each direction's files, served with the app (loaded only when that direction runs). */
export const TRANSLATOR_URLS: Record<TranslatorDirection, string> = {
  'en-zh': `${import.meta.env.BASE_URL}models/en-zh-tiny/`,
  'zh-en': `${import.meta.env.BASE_URL}models/zh-en-tiny/`,
};

/**
 * Each direction's example sentences. Chinese → English: sentence A is the article's example
 * (我爱吃苹果。 → "I love eating apples."); B is one half of the "bank" pair (河岸 and 银行 are
 * both "bank" in English; `BANK_PAIR_ZH` gives both halves).
 */
export const DIRECTION_SENTENCES: Record<TranslatorDirection, Record<SentenceSlot, string>> = {
  'en-zh': EXAMPLE_SENTENCES,
  'zh-en': { A: '我爱吃苹果。', B: '他把钱存进了银行。' },
};

/** Two Chinese sentences whose different words (河岸 "river bank", 银行 "bank") both become "bank". */
export const BANK_PAIR_ZH: Record<SentenceSlot, string> = {
  A: '他坐在河岸上。',
  B: '他把钱存进了银行。',
};

/** Language tags of the source and of the written text, for `lang` attributes. */
export const DIRECTION_LANGS: Record<TranslatorDirection, { source: string; target: string }> = {
  'en-zh': { source: 'en', target: 'zh-Hans' },
  'zh-en': { source: 'zh-Hans', target: 'en' },
};

/**
 * The sentences after switching from `from` to `to`: a sentence still equal to `from`'s example
 * for its slot becomes `to`'s example; anything the person typed (or an empty box) stays.
 */
export function sentencesAfterSwitch(
  current: Record<SentenceSlot, string>,
  from: TranslatorDirection,
  to: TranslatorDirection,
): Record<SentenceSlot, string> {
  if (from === to) return { ...current };
  const swap = (slot: SentenceSlot): string =>
    current[slot] === DIRECTION_SENTENCES[from][slot]
      ? DIRECTION_SENTENCES[to][slot]
      : current[slot];
  return { A: swap('A'), B: swap('B') };
}

/** The direction whose built-in folder `url` is (a custom `?translator=` folder counts as en-zh). */
export function directionOfUrl(url: string): TranslatorDirection {
  return url === TRANSLATOR_URLS['zh-en'] ? 'zh-en' : 'en-zh';
}

/** Whether a value is a direction (share links, URL parameters). */
export function isDirection(value: unknown): value is TranslatorDirection {
  return value === 'en-zh' || value === 'zh-en';
}
