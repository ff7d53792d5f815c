/**
 * Pure: the "Which heads tell the two banks apart?" card's reading of a measured head-importance
 * result of the translator. Which Chinese word for "bank" the translation uses, whether switching
 * one head off keeps it, the top heads and the heads to switch off together. The words are data.
 */
import {
  rankImportance,
  type ImportanceEntry,
  type RankedEntry,
} from '../../../analysis/headRanking';

/** The Chinese words for "bank" the card follows, most specific first (河岸 before 岸). */
export const BANK_WORDS: readonly string[] = ['银行', '河岸', '岸'];

/**
 * The word the card follows when the translator writes English (Chinese → English): both 河岸 and
 * 银行 become "bank", so the question is whether a head keeps it, not which of two words it picks.
 */
export const BANK_WORDS_EN: readonly string[] = ['bank'];

/** The words for "bank" in the language the translator writes. */
export function bankWordsFor(direction: 'en-zh' | 'zh-en'): readonly string[] {
  return direction === 'zh-en' ? BANK_WORDS_EN : BANK_WORDS;
}

/** Heads shown in the card's ranked list, and heads switched off together. */
export const BANK_TOP = 5;
export const BANK_TOGETHER = 3;

/** The first of `words` that `text` contains, or null when it contains none. */
export function senseWord(text: string, words: readonly string[] = BANK_WORDS): string | null {
  for (const word of words) if (word !== '' && text.includes(word)) return word;
  return null;
}

/** Whether the word for "bank" survives a change of the translation. */
export interface BankVerdict {
  /**
   * The word followed (found in the baseline), or null when the baseline has none of the words:
   * then the whole translation is compared instead.
   */
  word: string | null;
  /** The output lacks the word (or, with no word, differs from the baseline). */
  changes: boolean;
}

/**
 * The rule: when the baseline (every head on) contains one of `words`, the word for "bank"
 * changes exactly when `output` does not contain that same word; when it contains none, it
 * changes when the output differs from the baseline at all. A missing output changes nothing.
 */
export function bankVerdict(
  baseline: string,
  output: string | undefined,
  words: readonly string[] = BANK_WORDS,
): BankVerdict {
  const word = senseWord(baseline, words);
  if (output === undefined) return { word, changes: false };
  return { word, changes: word !== null ? !output.includes(word) : output !== baseline };
}

/** A ranked head with its verdict. */
export type BankHead<T extends ImportanceEntry = ImportanceEntry> = RankedEntry<T> & {
  verdict: BankVerdict;
};

/** What the card shows for one sentence. */
export interface BankHeadsSummary<T extends ImportanceEntry = ImportanceEntry> {
  /** The word for "bank" in the baseline (null: none of the words). */
  word: string | null;
  /** The `top` heads that matter most, with their verdicts. */
  top: BankHead<T>[];
  /** Every head (of all measured, not only the top) that changes the word on its own. */
  flips: BankHead<T>[];
  /** The `together` heads that matter most (to switch off together). */
  together: RankedEntry<T>[];
  /** How many heads were measured. */
  total: number;
}

/** Ranks the measured heads and reads each one's effect on the word for "bank". */
export function summarizeBankHeads<T extends ImportanceEntry>(
  heads: readonly T[],
  baseline: string,
  options: { words?: readonly string[]; top?: number; together?: number } = {},
): BankHeadsSummary<T> {
  const words = options.words ?? BANK_WORDS;
  const ranked = rankImportance(heads).map((h) => ({
    ...h,
    verdict: bankVerdict(baseline, h.output, words),
  }));
  return {
    word: senseWord(baseline, words),
    top: ranked.slice(0, options.top ?? BANK_TOP),
    flips: ranked.filter((h) => h.verdict.changes),
    together: ranked.slice(0, options.together ?? BANK_TOGETHER),
    total: ranked.length,
  };
}

/** The heads of `wanted` that are not in `off` (same kind, layer and head). */
export function headsToSwitchOff<H extends { kind: string; layer: number; head: number }>(
  wanted: readonly H[],
  off: readonly { kind: string; layer: number; head: number }[],
): H[] {
  return wanted.filter(
    (w) => !off.some((o) => o.kind === w.kind && o.layer === w.layer && o.head === w.head),
  );
}
