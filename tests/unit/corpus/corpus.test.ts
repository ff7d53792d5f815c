import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANIMALS } from '../../../scripts/corpus/lexicon.ts';
import { AMBIGUOUS_FORMS, SENSES } from '../../../scripts/corpus/grammar.ts';
import {
  DEMO_SENTENCES,
  MAX_WORDS,
  MIN_WORDS,
  checkPair,
  demoFromGrammar,
  englishWords,
  generateCorpus,
  normalizeEnglish,
  type Corpus,
  type Pair,
} from '../../../scripts/corpus/generate.ts';

function digest(c: Corpus): string {
  return createHash('sha256').update(JSON.stringify(c)).digest('hex');
}

// One generation shared by all checks (about 2 s); determinism generates once more.
const corpus = generateCorpus(1234);
const all: Pair[] = [...corpus.train, ...corpus.valid, ...corpus.test];
const keys = (ps: readonly Pair[]): Set<string> => new Set(ps.map((p) => normalizeEnglish(p.en)));
const trainKeys = keys(corpus.train);
const trainVocab = new Set(corpus.train.flatMap((p) => englishWords(p.en)));

describe('corpus generation', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    expect(digest(generateCorpus(1234))).toBe(digest(corpus));
    expect(digest(generateCorpus(99))).not.toBe(digest(corpus));
  });

  it('has at least 50,000 distinct training pairs', () => {
    expect(corpus.train.length).toBeGreaterThanOrEqual(50_000);
    expect(trainKeys.size).toBe(corpus.train.length);
  });

  it('has a test split of at least 2,000 and a small valid split, disjoint from train', () => {
    expect(corpus.test.length).toBeGreaterThanOrEqual(2_000);
    expect(corpus.valid.length).toBeGreaterThanOrEqual(500);
    expect(corpus.valid.length).toBeLessThanOrEqual(2_000);
    const validKeys = keys(corpus.valid);
    const testKeys = keys(corpus.test);
    expect(testKeys.size).toBe(corpus.test.length);
    expect(validKeys.size).toBe(corpus.valid.length);
    for (const k of testKeys) {
      expect(trainKeys.has(k)).toBe(false);
      expect(validKeys.has(k)).toBe(false);
    }
    for (const k of validKeys) expect(trainKeys.has(k)).toBe(false);
  });

  it('uses at least 400 distinct English words in train', () => {
    expect(trainVocab.size).toBeGreaterThanOrEqual(400);
  });

  // Loops collect offenders and assert once: 60k expect() calls would dominate the run time.
  it('keeps every sentence between 3 and 20 words', () => {
    const bad = all.filter((p) => {
      const n = englishWords(p.en).length;
      return n < MIN_WORDS || n > MAX_WORDS;
    });
    expect(bad).toEqual([]);
  });

  it('writes Chinese without spaces and with full-width punctuation', () => {
    const bad = all.filter(
      (p) =>
        !/^[\u4e00-\u9fff，]+[。？]$/u.test(p.zh) || p.en.endsWith('?') !== p.zh.endsWith('？'),
    );
    expect(bad).toEqual([]);
  });

  it('maps the same English to one Chinese only', () => {
    const seen = new Map<string, string>();
    const bad: string[] = [];
    for (const p of all) {
      const key = normalizeEnglish(p.en);
      const zh = seen.get(key);
      if (zh !== undefined && zh !== p.zh) bad.push(`${p.en}: ${zh} / ${p.zh}`);
      seen.set(key, p.zh);
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(all.length);
  });

  it('passes the per-pair checks (tags, cues, no clashing cues)', () => {
    const bad: string[] = [];
    for (const p of all) {
      try {
        checkPair(p);
      } catch (e) {
        bad.push((e as Error).message);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('demo sentences', () => {
  it('are built by the grammar itself', () => {
    const built = demoFromGrammar();
    expect(built.map((b) => ({ en: b.en, zh: b.zh }))).toEqual(
      DEMO_SENTENCES.map((d) => ({ en: d.en, zh: d.zh })),
    );
    DEMO_SENTENCES.forEach((d, i) => {
      expect(built[i]?.ambiguous).toEqual(d.ambiguous);
      expect(built[i]?.pronoun).toEqual(d.pronoun);
    });
  });

  it('are held out of every split, while all their words occur in train', () => {
    const everyKey = keys(all);
    for (const d of DEMO_SENTENCES) {
      expect(everyKey.has(normalizeEnglish(d.en))).toBe(false);
      for (const w of englishWords(d.en)) expect(trainVocab.has(w), `${w} in train`).toBe(true);
    }
  });
});

describe('context-dependent words', () => {
  const counts = new Map<string, Map<string, number>>();
  for (const p of corpus.train) {
    for (const t of p.ambiguous ?? []) {
      const word = AMBIGUOUS_FORMS[t.word] ?? t.word;
      const row = counts.get(word) ?? new Map<string, number>();
      row.set(t.sense, (row.get(t.sense) ?? 0) + 1);
      counts.set(word, row);
    }
  }

  it('covers at least six words, each with two or more senses of 200+ train pairs', () => {
    const words = Object.keys(SENSES);
    expect(words.length).toBeGreaterThanOrEqual(6);
    expect(words).toContain('bank');
    for (const word of words) {
      const senses = Object.keys(SENSES[word] ?? {});
      expect(senses.length, word).toBeGreaterThanOrEqual(2);
      for (const sense of senses) {
        expect(counts.get(word)?.get(sense) ?? 0, `${word}/${sense}`).toBeGreaterThanOrEqual(200);
      }
    }
  });

  it('always has its cue word in the sentence and its sense in the Chinese', () => {
    let tagged = 0;
    const bad: string[] = [];
    for (const p of all) {
      const tokens = new Set(englishWords(p.en));
      for (const t of p.ambiguous ?? []) {
        tagged++;
        const cues = SENSES[AMBIGUOUS_FORMS[t.word] ?? '']?.[t.sense]?.cues ?? [];
        const ok =
          tokens.has(t.word) &&
          tokens.has(t.cue) &&
          t.cue !== t.word &&
          p.zh.includes(t.chinese) &&
          cues.includes(t.cue);
        if (!ok) bad.push(`${p.en} ${JSON.stringify(t)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(tagged).toBeGreaterThan(10_000);
  });

  it('places cues both before and after the ambiguous word', () => {
    let before = 0;
    let after = 0;
    for (const p of corpus.train) {
      const ws = englishWords(p.en);
      for (const t of p.ambiguous ?? []) {
        if (ws.indexOf(t.cue) < ws.indexOf(t.word)) before++;
        else after++;
      }
    }
    expect(before).toBeGreaterThan(1_000);
    expect(after).toBeGreaterThan(1_000);
  });
});

describe('pronoun family', () => {
  it('resolves "it" to the animal and to the other noun, each many times', () => {
    const animals = new Set(ANIMALS.map((a) => a.en));
    const pairs = corpus.train.filter((p) => p.pronoun);
    const toAnimal = pairs.filter((p) => animals.has(p.pronoun?.referent ?? ''));
    expect(toAnimal.length).toBeGreaterThan(1_000);
    expect(pairs.length - toAnimal.length).toBeGreaterThan(1_000);
    const bad = pairs.filter((p) => {
      const ws = englishWords(p.en);
      return !ws.includes('it') || !ws.includes(p.pronoun?.referent ?? '');
    });
    expect(bad).toEqual([]);
  });
});
