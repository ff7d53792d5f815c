import { describe, expect, it } from 'vitest';
import { sharedWords } from '../../../src/analysis/compare';
import { isHanToken, sharedWordSpans, wordSpans } from '../../../src/analysis/focusWords';

/** The Chinese words the built-in translators' lexicon knows (one-character ones add nothing). */
const WORDS = ['我', '苹果', '他', '河岸', '银行', '钱'];
/** One token per character, as the Chinese → English translator reads Chinese. */
const chars = (s: string) => [...s];

describe('isHanToken', () => {
  it('is true for Han characters only', () => {
    expect(isHanToken('银')).toBe(true);
    expect(isHanToken('▁银行')).toBe(true);
    expect(isHanToken('。')).toBe(false);
    expect(isHanToken('bank')).toBe(false);
    expect(isHanToken('银a')).toBe(false);
    expect(isHanToken('')).toBe(false);
  });
});

describe('wordSpans', () => {
  it('groups known Chinese words and leaves other characters alone', () => {
    expect(wordSpans(chars('他把钱存进了银行。'), WORDS).map((s) => s.word)).toEqual([
      '他',
      '把',
      '钱',
      '存',
      '进',
      '了',
      '银行',
    ]);
    const bank = wordSpans(chars('他坐在河岸上。'), WORDS).find((s) => s.word === '河岸');
    expect(bank).toEqual({ word: '河岸', start: 3, end: 5 });
  });

  it('takes the longest known word first', () => {
    expect(wordSpans(chars('河岸'), ['河', '河岸']).map((s) => s.word)).toEqual(['河岸']);
    expect(wordSpans(chars('河岸'), ['河', '岸']).map((s) => s.word)).toEqual(['河', '岸']);
  });

  it('never joins across punctuation, special tokens or Latin tokens', () => {
    expect(wordSpans(['银', '。', '行'], WORDS).map((s) => s.word)).toEqual(['银', '行']);
    expect(wordSpans(['银', '</s>', '行'], WORDS).map((s) => s.word)).toEqual(['银', '行']);
    expect(wordSpans(['银', 'x', '行'], WORDS).map((s) => s.word)).toEqual(['银', 'x', '行']);
  });

  it('reads a word spelt by tokens of several characters', () => {
    expect(wordSpans(['银行', '里'], WORDS)).toEqual([
      { word: '银行', start: 0, end: 1 },
      { word: '里', start: 1, end: 2 },
    ]);
  });

  it('skips punctuation and special tokens', () => {
    expect(wordSpans(['<s>', 'The', 'bank', '.', '</s>']).map((s) => s.start)).toEqual([1, 2]);
  });
});

describe('sharedWordSpans', () => {
  it('河岸 and 银行 share no word (only 他)', () => {
    const shared = sharedWordSpans(chars('他坐在河岸上。'), chars('他把钱存进了银行。'), WORDS);
    expect(shared).toEqual([{ word: '他', indicesA: [0], indicesB: [0] }]);
  });

  it('a character inside a known word is not the same word as that character alone', () => {
    // 行 of 银行 in A, 行 alone in B.
    expect(sharedWordSpans(chars('我去银行'), chars('不行'), WORDS)).toEqual([]);
    // Without the word list, the characters match one by one.
    expect(sharedWordSpans(chars('我去银行'), chars('不行')).map((w) => w.word)).toEqual(['行']);
  });

  it('gives the first character of each occurrence of a shared word', () => {
    expect(sharedWordSpans(chars('银行和银行'), chars('去银行'), WORDS)).toEqual([
      { word: '银行', indicesA: [0, 3], indicesB: [1] },
    ]);
  });

  it('finds the English "bank" both Chinese → English translations write', () => {
    const a = ['He', 'sat', 'on', 'the', 'river', 'bank', '.', '</s>'];
    const b = ['He', 'deposited', 'the', 'money', 'in', 'the', 'bank', '.', '</s>'];
    const shared = sharedWordSpans(a, b, WORDS);
    expect(shared.map((w) => w.word)).toEqual(['he', 'the', 'bank']);
    expect(shared.find((w) => w.word === 'bank')).toEqual({
      word: 'bank',
      indicesA: [5],
      indicesB: [6],
    });
  });

  it('gives what sharedWords gives when no token is Chinese', () => {
    const a = ['[CLS]', 'the', 'bank', 'is', 'near', 'the', 'river', '.', '[SEP]'];
    const b = ['[CLS]', 'i', 'deposited', 'money', 'in', 'the', 'bank', '##s', '.', '[SEP]'];
    expect(sharedWordSpans(a, b, WORDS)).toEqual(sharedWords(a, b));
    const g1 = ['ĠThe', 'Ġbank', 'Ġis', 'Ġnear'];
    const g2 = ['▁the', '▁Bank', '▁was', '▁near', '▁near'];
    expect(sharedWordSpans(g1, g2)).toEqual(sharedWords(g1, g2));
  });
});
