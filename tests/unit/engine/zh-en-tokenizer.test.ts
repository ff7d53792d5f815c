/**
 * The ZH→EN translator's tokenizers: the source is read one character at a time (punctuation
 * included) and round-trips; anything outside the vocabulary (Latin letters, digits, emoji,
 * unseen characters) runs and is marked unknown; English output is written with spaces and
 * attached punctuation, case kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHARACTERS,
  DIRECTIONS,
  joinEnglish,
  splitWords,
  translationTokenizers,
  type TranslationVocab,
} from '../../../src/engine/index.ts';

const SPECIALS = ['<pad>', '<unk>', '<s>', '</s>'];
const CHARS = [...'我爱吃苹果他坐在河岸上把钱存进了银行。，？'];
const vocab: TranslationVocab = {
  source: [...SPECIALS, ...CHARS],
  target: [
    ...SPECIALS,
    'I',
    'He',
    'love',
    'eating',
    'apples',
    'sat',
    'on',
    'the',
    'bank',
    '.',
    ',',
    '?',
    "didn't",
  ],
};
const { source, target } = translationTokenizers(vocab, 'zh-en');

describe('zh-en source: one token per character', () => {
  it('splits 我爱吃苹果。 into its six characters, the full stop included', () => {
    const tokens = source.encode('我爱吃苹果。');
    expect(tokens.map((t) => t.text)).toEqual(['我', '爱', '吃', '苹', '果', '。']);
    expect(tokens.every((t) => !t.unknown && !t.special)).toBe(true);
    expect(tokens.map((t) => t.id)).toEqual(tokens.map((t) => vocab.source.indexOf(t.text)));
  });

  it('round-trips: ids back through the vocabulary give the text without its spaces', () => {
    const chars = fc.constantFrom(...CHARS, ' ', '\n', '\u3000');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const tokens = source.encode(text);
        expect(tokens.map((t) => vocab.source[t.id]).join('')).toBe(text.replace(/\s/g, ''));
        expect(source.decode(tokens.map((t) => t.id))).toBe(text.replace(/\s/g, ''));
        expect(tokens.some((t) => t.unknown)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('any text: every piece is one code point, shown as typed, joined back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const tokens = source.encode(text);
        expect(tokens.map((t) => t.text).join('')).toBe(CHARACTERS.split(text).join(''));
        for (const t of tokens) expect(Array.from(t.text)).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it('runs mixed-script input and marks Latin letters, digits, emoji and unseen characters unknown', () => {
    const tokens = source.encode('我爱吃apple 3个苹果😀！');
    expect(tokens.map((t) => t.text)).toEqual([...'我爱吃apple3个苹果', '😀', '！']);
    const unknown = tokens.filter((t) => t.unknown).map((t) => t.text);
    expect(unknown).toEqual([...'apple3个', '😀', '！']);
    for (const t of tokens)
      expect(t.id).toBe(t.unknown ? source.ids.unk : vocab.source.indexOf(t.text));
  });
});

describe('zh-en target: English words', () => {
  it('writes words with spaces and attaches punctuation', () => {
    const id = (w: string): number => vocab.target.indexOf(w);
    const ids = ['I', 'love', 'eating', 'apples', '.'].map(id);
    expect(target.decode(ids)).toBe('I love eating apples.');
    expect(target.decode([...['He', 'sat', 'on', 'the', 'bank', '.'].map(id), 3, id('I')])).toBe(
      'He sat on the bank.',
    );
  });

  it('keeps case: "I" and "He" are their own tokens, looked up as written', () => {
    const tokens = target.encode("He didn't love the bank, I sat?");
    expect(tokens.map((t) => t.text)).toEqual([
      'He',
      "didn't",
      'love',
      'the',
      'bank',
      ',',
      'I',
      'sat',
      '?',
    ]);
    expect(tokens.every((t) => !t.unknown)).toBe(true);
    expect(target.encode('he')[0]!.unknown).toBe(true);
  });

  it('joinEnglish inverts the English split for corpus-shaped sentences', () => {
    for (const s of [
      'I love eating apples.',
      "The animal didn't cross the street because it was too tired.",
      'The cake is hard, but the bread is soft.',
      'Did he pick a delicious apple?',
    ])
      expect(joinEnglish(splitWords(s))).toBe(s);
    expect(DIRECTIONS['zh-en'].target.join).toBe(joinEnglish);
  });
});

describe('en-zh is unchanged', () => {
  it('reads lower-cased English words and writes characters', () => {
    const v: TranslationVocab = {
      source: [...SPECIALS, 'i', 'love', '.'],
      target: [...SPECIALS, '我', '。'],
    };
    const t = translationTokenizers(v, 'en-zh');
    expect(t.source.encode('I love.').map((x) => x.id)).toEqual([4, 5, 6]);
    expect(t.source.decode([4, 5, 6])).toBe('i love .');
    expect(t.target.decode([4, 5, 3, 4])).toBe('我。');
    expect(translationTokenizers(v).source.name).toBe('English');
  });
});
