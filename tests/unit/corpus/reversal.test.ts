/**
 * The ZH→EN model reads the same corpus the other way round (scripts/train/data.ts with
 * direction 'zh-en'). Reversal must keep every pair aligned: the i-th encoded pair is the i-th
 * corpus pair, its source is that pair's Chinese (one token per character, punctuation included)
 * and its target that pair's English (words, case kept), and it mirrors the en-zh encoding.
 * The en-zh side must stay exactly as the shipped en-zh model was trained.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../scripts/corpus/generate.ts';
import { buildVocab, encodePairs } from '../../../scripts/train/data.ts';
import { translationTokenizers } from '../../../src/engine/index.ts';

const corpus = generateCorpus(1234);
const zhEn = buildVocab(corpus.train, 'zh-en');
const enZh = buildVocab(corpus.train, 'en-zh');
/** Every k-th pair of each split: a fixed sample over the whole corpus. */
const sample = [corpus.train, corpus.valid, corpus.test].flatMap((split) =>
  split.filter((_, i) => i % 10 === 0),
);

describe('corpus reversal (zh-en)', () => {
  it('keeps en-zh vocabularies exactly as the shipped en-zh model has them', () => {
    const shipped = JSON.parse(readFileSync('public/models/en-zh-tiny/vocab.json', 'utf8')) as {
      source: string[];
      target: string[];
    };
    expect(buildVocab(corpus.train)).toEqual(shipped);
    expect(enZh).toEqual(shipped);
  });

  it('swaps the sides: zh-en reads the characters en-zh writes, and writes its English words', () => {
    expect(new Set(zhEn.source)).toEqual(new Set(enZh.target));
    const lower = new Set(zhEn.target.map((t) => (t.startsWith('<') ? t : t.toLowerCase())));
    expect(lower).toEqual(new Set(enZh.source));
    expect(zhEn.source.slice(0, 4)).toEqual(['<pad>', '<unk>', '<s>', '</s>']);
    expect(zhEn.target.slice(0, 4)).toEqual(['<pad>', '<unk>', '<s>', '</s>']);
    for (const punctuation of ['。', '，', '？']) expect(zhEn.source).toContain(punctuation);
    for (const cased of ['I', 'The', 'He', 'the']) expect(zhEn.target).toContain(cased);
  });

  it('encodes pair i from pair i: source decodes to its Chinese, target to its English', () => {
    const encoded = encodePairs(sample, zhEn, 'zh-en');
    const { source, target } = translationTokenizers(zhEn, 'zh-en');
    expect(encoded).toHaveLength(sample.length);
    let unknownTrain = 0;
    encoded.forEach((e, i) => {
      const pair = sample[i]!;
      expect(e.source).toHaveLength(Array.from(pair.zh).length);
      if (!e.source.includes(1) && !e.target.includes(1)) {
        expect(source.decode(e.source)).toBe(pair.zh);
        expect(target.decode(e.target)).toBe(pair.en);
      } else if (i < corpus.train.length / 10) unknownTrain++;
      // The same ids as the tokenizers the app uses.
      expect(source.encode(pair.zh).map((t) => t.id)).toEqual(e.source);
      expect(target.encode(pair.en).map((t) => t.id)).toEqual(e.target);
    });
    expect(unknownTrain).toBe(0); // training pairs are all in their own vocabulary
  });

  it('mirrors en-zh pair by pair (same pieces, sides swapped)', () => {
    const a = encodePairs(sample, enZh, 'en-zh');
    const b = encodePairs(sample, zhEn, 'zh-en');
    a.forEach((e, i) => {
      const zhChars = b[i]!.source.map((id) => zhEn.source[id]);
      expect(e.target.map((id) => enZh.target[id])).toEqual(zhChars);
      const enWords = b[i]!.target.map((id) => zhEn.target[id]!.toLowerCase());
      expect(e.source.map((id) => enZh.source[id])).toEqual(enWords);
    });
  });

  it('has the app default sentences’ patterns, every character in the vocabulary', () => {
    const all = [...corpus.train, ...corpus.valid, ...corpus.test];
    const source = translationTokenizers(zhEn, 'zh-en').source;
    for (const zh of ['我爱吃苹果。', '他坐在河岸上。', '他把钱存进了银行。'])
      expect(source.encode(zh).filter((t) => t.unknown)).toEqual([]);
    // 我爱吃苹果。 is a held-out demo sentence; "X love eating apples." trains it.
    expect(all.some((p) => p.zh === '我爱吃苹果。')).toBe(false);
    expect(
      corpus.train.some((p) => /爱吃苹果。$/.test(p.zh) && / love eating apples\.$/.test(p.en)),
    ).toBe(true);
    expect(corpus.train.some((p) => p.zh === '我们爱吃苹果。')).toBe(true);
    // 他坐在河岸上。: "… sat on the river bank." / "… on the bank of the river."
    expect(corpus.train.filter((p) => /坐在河岸上。$/.test(p.zh)).map((p) => p.en)).toContainEqual(
      expect.stringMatching(/ sat on the (river bank|bank of the river)\.$/),
    );
    // 他把钱存进了银行。 is itself in the corpus, with "bank".
    const deposit = all.filter((p) => p.zh === '他把钱存进了银行。').map((p) => p.en);
    expect(deposit).toContain('He deposited the money in the bank.');
  });
});
