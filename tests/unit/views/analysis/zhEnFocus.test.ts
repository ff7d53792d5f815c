/**
 * Chinese → English in the Compare and Same-word tabs: where the same word lives for each model,
 * direction and attention kind, the "bank" pair, the Chinese words grouped as one focus word, and
 * the word the heads card follows in the English the translator writes.
 */
import { describe, expect, it } from 'vitest';
import { sharedWordSpans } from '../../../../src/analysis/focusWords';
import { BANK_PAIR_ZH, DIRECTION_SENTENCES } from '../../../../src/store/direction';
import {
  CHINESE_WORDS,
  isBankPairZh,
  WRITTEN_BANK,
  zhEnFocus,
} from '../../../../src/views/compare/zhEnFocus';
import {
  BANK_WORDS,
  bankVerdict,
  bankWordsFor,
  summarizeBankHeads,
} from '../../../../src/views/teach/sameword/bankHeads';
import { queriesAreKeys } from '../../../../src/views/teach/sameword/match';

describe('zhEnFocus', () => {
  it('is off unless the translator reads Chinese', () => {
    for (const kind of ['encoder-self', 'decoder-self', 'cross'] as const) {
      expect(zhEnFocus('translator', 'en-zh', kind)).toBe('off');
      expect(zhEnFocus('playground', 'zh-en', kind)).toBe('off');
    }
  });
  it('puts the same word on the Chinese rows of the encoder, on the English rows of the decoder', () => {
    expect(zhEnFocus('translator', 'zh-en', 'encoder-self')).toBe('source');
    expect(zhEnFocus('translator', 'zh-en', 'decoder-self')).toBe('written');
    expect(zhEnFocus('translator', 'zh-en', 'cross')).toBe('written');
  });
});

describe('isBankPairZh', () => {
  it('knows the pair, with spaces around it', () => {
    expect(isBankPairZh(BANK_PAIR_ZH)).toBe(true);
    expect(isBankPairZh({ A: ` ${BANK_PAIR_ZH.A}`, B: `${BANK_PAIR_ZH.B}\n` })).toBe(true);
  });
  it('is false for the direction’s default sentences and for the pair swapped', () => {
    expect(isBankPairZh(DIRECTION_SENTENCES['zh-en'])).toBe(false);
    expect(isBankPairZh({ A: BANK_PAIR_ZH.B, B: BANK_PAIR_ZH.A })).toBe(false);
  });
});

describe('CHINESE_WORDS on the "bank" pair', () => {
  it('groups 河岸 and 银行 so that the pair shares only 他 on the Chinese side', () => {
    expect(CHINESE_WORDS).toEqual(expect.arrayContaining(['河岸', '银行', '苹果']));
    const shared = sharedWordSpans([...BANK_PAIR_ZH.A], [...BANK_PAIR_ZH.B], CHINESE_WORDS);
    expect(shared.map((w) => w.word)).toEqual(['他']);
  });
  it('leaves "bank" shared by the two English translations', () => {
    const a = ['He', 'sat', 'on', 'the', 'river', 'bank', '.'];
    const b = ['He', 'deposited', 'the', 'money', 'in', 'the', 'bank', '.'];
    expect(sharedWordSpans(a, b, CHINESE_WORDS).map((w) => w.word)).toContain(WRITTEN_BANK);
  });
});

describe('bankWordsFor', () => {
  it('follows the Chinese words for en-zh and the English "bank" for zh-en', () => {
    expect(bankWordsFor('en-zh')).toBe(BANK_WORDS);
    expect(bankWordsFor('zh-en')).toEqual(['bank']);
  });
  it('judges an English translation by whether it still writes "bank"', () => {
    const words = bankWordsFor('zh-en');
    const baseline = 'He deposited the money in the bank.';
    expect(bankVerdict(baseline, 'He put the money in the bank.', words)).toEqual({
      word: 'bank',
      changes: false,
    });
    expect(bankVerdict(baseline, 'He deposited the money.', words)).toEqual({
      word: 'bank',
      changes: true,
    });
    // With the Chinese words, an English baseline would have no word at all.
    expect(bankVerdict(baseline, 'He deposited the money.').word).toBeNull();
    const summary = summarizeBankHeads(
      [
        { kind: 'cross', layer: 0, head: 0, score: 2, output: 'He deposited the money.' },
        { kind: 'cross', layer: 0, head: 1, score: 1, output: baseline },
      ],
      baseline,
      { words },
    );
    expect(summary.word).toBe('bank');
    expect(summary.flips.map((h) => h.head)).toEqual([0]);
  });
});

describe('queriesAreKeys', () => {
  it('is true only when the rows are the keys', () => {
    expect(queriesAreKeys(['he', 'sat'], ['he', 'sat'])).toBe(true);
    // Cross-attention: English rows over Chinese keys ("bank" must not mark the key 上).
    expect(queriesAreKeys(['He', 'sat', 'bank'], ['他', '坐', '上'])).toBe(false);
    // The decoder's keys are its rows shifted by one.
    expect(queriesAreKeys(['He', 'sat', '</s>'], ['<s>', 'He', 'sat'])).toBe(false);
    expect(queriesAreKeys(['a'], ['a', 'b'])).toBe(false);
  });
});
