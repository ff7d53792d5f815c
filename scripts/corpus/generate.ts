/**
 * Deterministic English→Chinese corpus for a tiny encoder–decoder translator.
 *
 * `generateCorpus(seed)` samples template families (general sentences, context-dependent words,
 * the "it" family) with a seeded PRNG until it has enough distinct English sentences, checks
 * every pair (length, punctuation, ambiguity cues, one Chinese per English), leaves out the demo
 * sentences, and splits the rest into train / valid / test by English sentence.
 */
import { splitWords } from '../../src/engine/tokenize/words.ts';
import { AMBIGUOUS_FORMS, SENSES, bankNearRiver, depositSentence } from './ambiguous.ts';
import { FEELINGS, findIVerb, intransitiveSentence, lovesDoing } from './general.ts';
import { GROUPS } from './grammar.ts';
import { findNoun } from './lexicon.ts';
import { SUBJ_PRONOUNS, buildNP, npSubj, type AmbiguityTag, type Built } from './phrases.ts';
import { CROSS_VERB_DIDNT, crossSentence, findWay } from './pronoun.ts';
import { chineseDecides, recorded } from './chinese-decides.ts';
import { Rng } from './rng.ts';

export type { AmbiguityTag } from './phrases.ts';

export interface Pair {
  readonly en: string;
  readonly zh: string;
  readonly ambiguous?: readonly AmbiguityTag[];
  readonly pronoun?: { readonly referent: string };
}

export interface Corpus {
  readonly train: Pair[];
  readonly valid: Pair[];
  readonly test: Pair[];
}

export const SPLIT_SIZES = { train: 58_000, valid: 1_000, test: 2_500 } as const;

export const MIN_WORDS = 3;
export const MAX_WORDS = 20;

/**
 * The app's demo sentences. They are held out of every split, but each of their words occurs in
 * train, and their Chinese follows the grammar's own rules (see `demoFromGrammar`).
 */
export const DEMO_SENTENCES: readonly Pair[] = [
  {
    en: 'The bank is near the river.',
    zh: '河岸在河附近。',
    ambiguous: [{ word: 'bank', sense: 'river', chinese: '河岸', cue: 'river' }],
  },
  {
    en: 'I deposited money in the bank.',
    zh: '我把钱存进了银行。',
    ambiguous: [{ word: 'bank', sense: 'finance', chinese: '银行', cue: 'deposited' }],
  },
  { en: 'The cat sat on the mat.', zh: '猫坐在垫子上。' },
  {
    en: "The animal didn't cross the street because it was too tired.",
    zh: '动物没有穿过街道，因为它太累了。',
    pronoun: { referent: 'animal' },
  },
  { en: 'I love eating apples.', zh: '我爱吃苹果。' },
];

/** The demo sentences as the grammar itself builds them; must equal DEMO_SENTENCES. */
export function demoFromGrammar(): Built[] {
  const i = SUBJ_PRONOUNS[0]!;
  const cat = npSubj(new Rng(0), buildNP(findNoun('cat'), 'the'));
  return [
    bankNearRiver(),
    depositSentence(i, { en: 'money', zh: '钱' }),
    intransitiveSentence(
      cat,
      findIVerb('sit'),
      'past',
      false,
      'on',
      buildNP(findNoun('mat'), 'the'),
    ),
    crossSentence(
      { en: 'the animal', zh: '动物', noun: 'animal' },
      CROSS_VERB_DIDNT,
      findWay('street'),
      { en: 'tired', zh: '累' },
      true,
    ),
    lovesDoing(i, FEELINGS[0]!, false, { en: 'eating', zh: '吃' }, { en: 'apples', zh: '苹果' }),
  ];
}

const WORD = /[\p{L}\p{N}]/u;

/** Lowercase word tokens of an English sentence, punctuation dropped (the app's tokenizer). */
export function englishWords(en: string): string[] {
  return splitWords(en)
    .filter((t) => WORD.test(t))
    .map((t) => t.toLowerCase());
}

/** Case- and punctuation-insensitive key used for de-duplication and held-out checks. */
export function normalizeEnglish(en: string): string {
  return englishWords(en).join(' ');
}

const DEMO_KEYS: ReadonlySet<string> = new Set(DEMO_SENTENCES.map((d) => normalizeEnglish(d.en)));

const EN_SHAPE = /^[A-Z][A-Za-z' ,]*[A-Za-z][.?]$/;
const ZH_SHAPE = /^[\u4e00-\u9fff，]+[。？]$/u;

/** Throws when a generated pair breaks a corpus rule: these are grammar bugs, not data noise. */
export function checkPair(p: Pair): void {
  const fail = (why: string): never => {
    throw new Error(`${why}: ${p.en} | ${p.zh}`);
  };
  if (!EN_SHAPE.test(p.en) || /\s{2}|\s[,.?]/.test(p.en)) fail('bad English shape');
  if (!ZH_SHAPE.test(p.zh)) fail('bad Chinese shape');
  if (p.en.endsWith('?') !== p.zh.endsWith('？')) fail('question mark mismatch');
  const ws = englishWords(p.en);
  if (ws.length < MIN_WORDS || ws.length > MAX_WORDS) fail(`length ${ws.length}`);
  const tokens = new Set(ws);
  const tags = p.ambiguous ?? [];
  for (const w of ws) {
    const base = AMBIGUOUS_FORMS[w];
    if (base && !tags.some((t) => t.word === w)) fail(`untagged ambiguous word "${w}"`);
  }
  for (const t of tags) {
    const base = AMBIGUOUS_FORMS[t.word];
    const senses = base ? SENSES[base] : undefined;
    const sense = senses?.[t.sense];
    if (!senses || !sense) return fail(`unknown sense ${t.word}/${t.sense}`);
    if (!tokens.has(t.word)) fail(`tagged word "${t.word}" not in sentence`);
    if (!tokens.has(t.cue)) fail(`cue "${t.cue}" not in sentence`);
    if (!sense.cues.includes(t.cue)) fail(`"${t.cue}" is not a cue of ${base}/${t.sense}`);
    for (const [other, s] of Object.entries(senses)) {
      if (other === t.sense) continue;
      const clash = s.cues.find((c) => tokens.has(c));
      if (clash) fail(`cue "${clash}" of ${base}/${other} in a ${t.sense} sentence`);
    }
    if (!p.zh.includes(t.chinese)) fail(`Chinese lacks "${t.chinese}"`);
  }
  if (p.pronoun && !tokens.has(p.pronoun.referent)) fail('referent not in sentence');
}

function toPair(b: Built): Pair {
  return {
    en: b.en,
    zh: b.zh,
    ...(b.ambiguous ? { ambiguous: b.ambiguous } : {}),
    ...(b.pronoun ? { pronoun: b.pronoun } : {}),
  };
}

/** Which way the corpus will be read: it decides which side must determine the other. */
export interface CorpusOptions {
  /**
   * For ZH→EN: rewrite each sentence so the Chinese decides the English (chinese-decides.ts), and
   * keep one English per Chinese. Off (EN→ZH), the corpus is exactly as it has always been.
   */
  readonly chineseDecides?: boolean;
}

/** Counts kept by `generatePairs` for the corpus statistics. */
export interface GenerationReport {
  /** Pairs whose English was rewritten so that the Chinese decides it. */
  rewritten: number;
  /** Generated pairs dropped because their Chinese was already in the corpus with other English. */
  sameChinese: number;
}

function keeps(p: Pair): boolean {
  const n = englishWords(p.en).length;
  if (n < MIN_WORDS || n > MAX_WORDS) return false;
  try {
    checkPair(p);
    return true;
  } catch {
    return false;
  }
}

const DEMO_CHINESE: ReadonlySet<string> = new Set(DEMO_SENTENCES.map((d) => d.zh));

/** Distinct, checked pairs in generation order. */
export function generatePairs(
  seed: number,
  count: number,
  options: CorpusOptions = {},
  report: GenerationReport = { rewritten: 0, sameChinese: 0 },
): Pair[] {
  const r = new Rng(seed);
  const weighted = GROUPS.flatMap((g) => {
    const total = g.families.reduce((a, f) => a + f.weight, 0);
    return g.families.map((f) => [f, (g.share * f.weight) / total] as const);
  });
  const seen = new Map<string, string>();
  const pairs: Pair[] = [];
  const maxAttempts = count * 40;
  for (let attempt = 0; pairs.length < count; attempt++) {
    if (attempt > maxAttempts)
      throw new Error(`only ${pairs.length} distinct pairs after ${attempt} attempts`);
    const family = r.weighted(weighted);
    let b: Built | null;
    if (options.chineseDecides) {
      const first = recorded(r, family.gen);
      b = first.value;
      if (b && keeps(toPair(b))) {
        const gen = (x: Rng): Pair | null => {
          const y = family.gen(x);
          return y ? toPair(y) : null;
        };
        const canonical = chineseDecides({ gen, keep: keeps }, toPair(b), first.draws);
        if (canonical.changed > 0) report.rewritten++;
        b = canonical.value;
      }
    } else {
      b = family.gen(r);
    }
    if (!b) continue;
    const p = toPair(b);
    // Some templates can come out too short ("Learn Chinese."): drop those, check the rest.
    const n = englishWords(p.en).length;
    if (n < MIN_WORDS || n > MAX_WORDS) continue;
    checkPair(p);
    if (options.chineseDecides) {
      // One English per Chinese: the first one generated stays.
      const known = seen.get(p.zh);
      if (known !== undefined) {
        if (known !== normalizeEnglish(p.en)) report.sameChinese++;
        continue;
      }
      seen.set(p.zh, normalizeEnglish(p.en));
      if (DEMO_CHINESE.has(p.zh) || DEMO_KEYS.has(normalizeEnglish(p.en))) continue;
      pairs.push(p);
      continue;
    }
    const key = normalizeEnglish(p.en);
    const known = seen.get(key);
    if (known !== undefined) {
      if (known !== p.zh) throw new Error(`two translations for "${p.en}": ${known} / ${p.zh}`);
      continue;
    }
    seen.set(key, p.zh);
    if (DEMO_KEYS.has(key)) continue;
    pairs.push(p);
  }
  return pairs;
}

/** The corpus for `seed`: byte-identical across runs and machines. */
export function generateCorpus(
  seed = 1234,
  options: CorpusOptions = {},
  report?: GenerationReport,
): Corpus {
  const total = SPLIT_SIZES.train + SPLIT_SIZES.valid + SPLIT_SIZES.test;
  const pairs = generatePairs(seed, total, options, report);
  // A separate stream for the split, so changing the split never changes which pairs exist.
  new Rng((seed ^ 0x5bd1e995) >>> 0).shuffle(pairs);
  const test = pairs.slice(0, SPLIT_SIZES.test);
  const valid = pairs.slice(SPLIT_SIZES.test, SPLIT_SIZES.test + SPLIT_SIZES.valid);
  const train = pairs.slice(SPLIT_SIZES.test + SPLIT_SIZES.valid);
  return { train, valid, test };
}

export interface CorpusStats {
  readonly pairs: { train: number; valid: number; test: number };
  readonly englishWords: number;
  readonly englishWordsTrain: number;
  readonly chineseChars: number;
  readonly length: { min: number; max: number; mean: number; histogram: Record<number, number> };
  /** word → sense → number of train pairs. */
  readonly senses: Record<string, Record<string, number>>;
  /** referent → number of train pairs in the "it" family. */
  readonly referents: Record<string, number>;
}

export function corpusStats(c: Corpus): CorpusStats {
  const all = [...c.train, ...c.valid, ...c.test];
  const words = new Set<string>();
  const trainWords = new Set<string>();
  const chars = new Set<string>();
  const histogram: Record<number, number> = {};
  let sum = 0;
  let min = Infinity;
  let max = 0;
  for (const p of all) {
    const ws = englishWords(p.en);
    for (const w of ws) words.add(w);
    for (const ch of p.zh) chars.add(ch);
    histogram[ws.length] = (histogram[ws.length] ?? 0) + 1;
    sum += ws.length;
    min = Math.min(min, ws.length);
    max = Math.max(max, ws.length);
  }
  const senses: Record<string, Record<string, number>> = {};
  for (const [word, s] of Object.entries(SENSES)) {
    senses[word] = Object.fromEntries(Object.keys(s).map((k) => [k, 0]));
  }
  const referents: Record<string, number> = {};
  for (const p of c.train) {
    for (const w of englishWords(p.en)) trainWords.add(w);
    for (const t of p.ambiguous ?? []) {
      const base = AMBIGUOUS_FORMS[t.word] ?? t.word;
      const row = (senses[base] ??= {});
      row[t.sense] = (row[t.sense] ?? 0) + 1;
    }
    if (p.pronoun) referents[p.pronoun.referent] = (referents[p.pronoun.referent] ?? 0) + 1;
  }
  return {
    pairs: { train: c.train.length, valid: c.valid.length, test: c.test.length },
    englishWords: words.size,
    englishWordsTrain: trainWords.size,
    chineseChars: chars.size,
    length: { min, max, mean: sum / all.length, histogram },
    senses,
    referents,
  };
}
