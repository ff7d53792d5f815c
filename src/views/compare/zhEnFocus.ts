/**
 * Pure: where "the same word" of sentences A and B lives when the built-in translator reads Chinese
 * and writes English. 河岸 (river bank) and 银行 (money bank) share no Chinese word; the word the
 * two sentences have in common is the English "bank" the decoder writes, a row of the decoder's
 * attention (cross-attention: its weights over the Chinese characters).
 */
import type { AttentionKind } from '../../engine';
import { BANK_PAIR_ZH, type TranslatorDirection } from '../../store';
import type { ModelChoice, SentenceSlot } from '../../store/types';
import { lexiconFor } from '../alignment/lexicon';

/** The Chinese words matched as one focus word (银行, 河岸, 苹果…): the lexicon's Chinese side. */
export const CHINESE_WORDS: readonly string[] = [
  ...new Set(lexiconFor('zh-en').map((entry) => entry.source)),
];

/** The English word both halves of the Chinese → English "bank" pair are translated to. */
export const WRITTEN_BANK = 'bank';

/**
 * 'off': not the Chinese → English translator (the views read as they always did);
 * 'source': its rows are the Chinese characters read (encoder self-attention), where the two
 * "bank" sentences share no word; 'written': its rows are the English words written (decoder
 * self-attention, cross-attention), where both translations write "bank".
 */
export type ZhEnFocus = 'off' | 'source' | 'written';

export function zhEnFocus(
  model: ModelChoice,
  direction: TranslatorDirection,
  kind: AttentionKind,
): ZhEnFocus {
  if (model !== 'translator' || direction !== 'zh-en') return 'off';
  return kind === 'encoder-self' ? 'source' : 'written';
}

/** Whether the two sentences are the Chinese → English "bank" pair (spaces around them ignored). */
export function isBankPairZh(sentences: Record<SentenceSlot, string>): boolean {
  return sentences.A.trim() === BANK_PAIR_ZH.A && sentences.B.trim() === BANK_PAIR_ZH.B;
}
