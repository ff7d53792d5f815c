/**
 * Word pairs the built-in translators' synthetic corpus always renders the same way, used as gold
 * alignments for the example sentences (English word ↔ Chinese word). Only pairs whose two words
 * occur once each in a sentence are scored (see goldPairs).
 */
import type { LexiconEntry } from '../../analysis/alignment';
import type { TranslatorDirection } from '../../store';

const PAIRS: readonly { en: string; zh: string }[] = [
  { en: 'I', zh: '我' },
  { en: 'love', zh: '爱' },
  { en: 'eating', zh: '吃' },
  { en: 'apples', zh: '苹果' },
  { en: 'he', zh: '他' },
  { en: 'sat', zh: '坐' },
  { en: 'river', zh: '河' },
  // "bank" is 河岸 by a river and 银行 for money: the sentence decides which one occurs.
  { en: 'bank', zh: '河岸' },
  { en: 'bank', zh: '银行' },
  { en: 'money', zh: '钱' },
  { en: 'deposited', zh: '存' },
];

/** The pairs as (source → written) for a direction. */
export function lexiconFor(direction: TranslatorDirection): LexiconEntry[] {
  return PAIRS.map((p) =>
    direction === 'zh-en' ? { source: p.zh, target: p.en } : { source: p.en, target: p.zh },
  );
}
