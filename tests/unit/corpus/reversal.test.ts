/**
 * The ZH→EN model reads its own rewrite of the corpus (scripts/corpus/chinese-decides.ts,
 * scripts/train/data.ts with direction 'zh-en'). Reversal must keep every pair aligned: the i-th
 * encoded pair is the i-th corpus pair, its source is that pair's Chinese (one token per character,
 * punctuation included) and its target that pair's English (words, case kept). The en-zh side must
 * stay exactly as the shipped en-zh model was trained. (The full ZH→EN corpus, about 50 s to
 * generate, is checked against the shipped zh-en vocabulary in tests/unit/model/translator-zh-en.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus, generatePairs } from '../../../scripts/corpus/generate.ts';
import { buildVocab, encodePairs } from '../../../scripts/train/data.ts';
import { translationTokenizers } from '../../../src/engine/index.ts';

const corpus = generateCorpus(1234);
const enZh = buildVocab(corpus.train, 'en-zh');
/** The first 6,000 pairs the ZH→EN generator makes (the full corpus draws 61,500). */
const zhEnPairs = generatePairs(1234, 6000, { chineseDecides: true });
const zhEn = buildVocab(zhEnPairs, 'zh-en');
/** Every k-th pair: a fixed sample. */
const sample = zhEnPairs.filter((_, i) => i % 5 === 0);
const shippedZhEn = JSON.parse(readFileSync('public/models/zh-en-tiny/vocab.json', 'utf8')) as {
  source: string[];
  target: string[];
};

describe('corpus reversal (zh-en)', () => {
  it('keeps en-zh vocabularies exactly as the shipped en-zh model has them', () => {
    const shipped = JSON.parse(readFileSync('public/models/en-zh-tiny/vocab.json', 'utf8')) as {
      source: string[];
      target: string[];
    };
    expect(buildVocab(corpus.train)).toEqual(shipped);
    expect(enZh).toEqual(shipped);
  });

  it('swaps the sides: zh-en reads characters and writes English words, case kept', () => {
    expect(zhEn.source.slice(0, 4)).toEqual(['<pad>', '<unk>', '<s>', '</s>']);
    expect(zhEn.target.slice(0, 4)).toEqual(['<pad>', '<unk>', '<s>', '</s>']);
    expect(zhEn.source.slice(4).every((c) => Array.from(c).length === 1)).toBe(true);
    for (const punctuation of ['。', '，', '？']) expect(zhEn.source).toContain(punctuation);
    for (const cased of ['I', 'The', 'He', 'the']) expect(zhEn.target).toContain(cased);
    // The same characters as the EN→ZH model writes, and English the EN→ZH model reads.
    const enZhTarget = new Set(enZh.target);
    expect(zhEn.source.filter((c) => !enZhTarget.has(c))).toEqual([]);
    const enZhSource = new Set(enZh.source);
    const lower = zhEn.target.map((t) => (t.startsWith('<') ? t : t.toLowerCase()));
    expect(lower.filter((w) => !enZhSource.has(w))).toEqual([]);
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
      } else unknownTrain++;
      // The same ids as the tokenizers the app uses.
      expect(source.encode(pair.zh).map((t) => t.id)).toEqual(e.source);
      expect(target.encode(pair.en).map((t) => t.id)).toEqual(e.target);
    });
    expect(unknownTrain).toBe(0); // the vocabulary was built from these pairs
  });

  it('keeps each pair’s Chinese as the EN→ZH grammar wrote it: the rewrite changes English only', () => {
    const enZhPairs = generatePairs(1234, 6000);
    const chinese = new Set(enZhPairs.map((p) => p.zh));
    // Same seed: most sentences come out with the same Chinese in both corpora.
    expect(sample.filter((p) => chinese.has(p.zh)).length / sample.length).toBeGreaterThan(0.5);
  });

  it('has the app default sentences’ patterns, every character in the shipped vocabulary', () => {
    const source = translationTokenizers(shippedZhEn, 'zh-en').source;
    for (const zh of ['我爱吃苹果。', '他坐在河岸上。', '他把钱存进了银行。'])
      expect(source.encode(zh).filter((t) => t.unknown)).toEqual([]);
    // 我爱吃苹果。 is a held-out demo sentence; "X love eating apples." trains it.
    expect(zhEnPairs.some((p) => p.zh === '我爱吃苹果。')).toBe(false);
    expect(
      zhEnPairs.some((p) => /爱吃苹果。$/.test(p.zh) && / love eating apples\.$/.test(p.en)),
    ).toBe(true);
    // 他坐在河岸上。: "… sat on the river bank." / "… on the bank of the river."
    expect(zhEnPairs.filter((p) => /坐在河岸上。$/.test(p.zh)).map((p) => p.en)).toContainEqual(
      expect.stringMatching(/ sat on the (river bank|bank of the river)\.$/),
    );
    // X把钱存进了银行。: the Chinese says nothing of "the", so the likelier "money" is written.
    const deposit = zhEnPairs.filter((p) => /把钱存进了银行。$/.test(p.zh)).map((p) => p.en);
    expect(deposit.length).toBeGreaterThan(0);
    for (const en of deposit) expect(en).toMatch(/ deposited money in the bank\b/);
  });
});
