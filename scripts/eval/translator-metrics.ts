/**
 * How well a built-in translator does on held-out pairs, through the app's own path
 * (engine model + greedy decoding): exact match, sense accuracy on ambiguous words, and an
 * attention probe of the encoder's heads on "bank" sentences. Shared by the evaluation script
 * and the CI tests, so both measure the same thing. Works for both directions: en-zh reads each
 * pair's English and is checked against its Chinese, zh-en the other way round.
 */
import {
  createModel,
  DIRECTIONS,
  greedyTranslate,
  splitWords,
  translationTokenizers,
  type AttentionModel,
  type TranslationDirection,
  type VocabTokenizer,
} from '../../src/engine/index.ts';
import { goldPairs, type AlignmentItem, type LexiconEntry } from '../../src/analysis/alignment.ts';
import { ALL_NOUNS, NAMES } from '../corpus/lexicon.ts';
import type { TranslatorBundle } from '../../src/loader/translator.ts';
import type { Pair } from '../corpus/generate.ts';
import type { CorpusPair } from '../train/data.ts';

export interface Translator {
  model: AttentionModel;
  source: VocabTokenizer;
  target: VocabTokenizer;
  maxTargetLength: number;
  direction: TranslationDirection;
}

export function makeTranslator(bundle: TranslatorBundle): Translator {
  return {
    model: createModel(bundle.config, bundle.weights),
    ...translationTokenizers(bundle.vocab, bundle.direction),
    maxTargetLength: bundle.maxTargetLength,
    direction: bundle.direction,
  };
}

/** The text a translator going `direction` reads from a pair, and the text it should write. */
export function pairSides(
  pair: CorpusPair,
  direction: TranslationDirection,
): { source: string; target: string } {
  const d = DIRECTIONS[direction];
  const text = (language: 'en' | 'zh'): string => (language === 'en' ? pair.en : pair.zh);
  return { source: text(d.source.language), target: text(d.target.language) };
}

/**
 * ZH→EN: the sense is right when the ambiguous English word itself is written ("bank" for both
 * 河岸 and 银行): the Chinese names the sense, the model has to find the one English word for it.
 */
export function englishSenseCorrect(output: string, word: string): boolean {
  return englishWordsOf(output).includes(word.toLowerCase());
}

const englishWordsOf = (text: string): string[] =>
  (text.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.toLowerCase());

/** Chinese sentence → every English sentence the corpus gives for it (Chinese has no tense…). */
export function englishRenderings(pairs: CorpusPair[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of pairs) {
    const set = out.get(p.zh) ?? new Set<string>();
    set.add(p.en);
    out.set(p.zh, set);
  }
  return out;
}

export interface PairOutcome {
  pair: CorpusPair;
  output: string;
  exact: boolean;
  /** One entry per ambiguous word in the pair: was the right sense's Chinese produced? */
  senses: boolean[];
  /** Encoder-self weights of the last forward, [L][H][T][T], and the source tokens. */
  encoder?: { layers: number; heads: number; tokens: string[]; weights: Float32Array };
  /**
   * Cross-attention of the last forward, [L][H][queries][keys]: row i is the step that wrote
   * output token i (as the app labels it), the last row the step that wrote </s>; keys are the
   * source tokens. `outputTokens` are the written tokens.
   */
  cross?: {
    layers: number;
    heads: number;
    queries: number;
    keys: number;
    outputTokens: string[];
    weights: Float32Array;
  };
}

/** The sense is right when its Chinese appears and no other sense's rendering of that word does. */
export function senseCorrect(output: string, chinese: string, otherRenderings: string[]): boolean {
  return (
    output.includes(chinese) &&
    otherRenderings.every((o) => o === chinese || chinese.includes(o) || !output.includes(o))
  );
}

/** All Chinese renderings each ambiguous word has in a set of pairs: word -> set of renderings. */
export function senseRenderings(pairs: CorpusPair[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of pairs)
    for (const a of p.ambiguous ?? []) {
      const set = out.get(a.word) ?? new Set<string>();
      set.add(a.chinese);
      out.set(a.word, set);
    }
  return out;
}

export async function translatePair(
  t: Translator,
  pair: CorpusPair,
  renderings: Map<string, Set<string>>,
  keepEncoder = false,
): Promise<PairOutcome> {
  const sides = pairSides(pair, t.direction);
  const tokens = t.source.encode(sides.source);
  const result = await greedyTranslate(
    t.model,
    tokens.map((x) => x.id),
    { bos: t.target.ids.bos, eos: t.target.ids.eos, maxLength: t.maxTargetLength },
  );
  const output = t.target.decode(result.output);
  const senses = (pair.ambiguous ?? []).map((a) =>
    t.direction === 'zh-en'
      ? englishSenseCorrect(output, a.word)
      : senseCorrect(output, a.chinese, [...(renderings.get(a.word) ?? [])]),
  );
  const enc = result.forward.stacks.find((s) => s.kind === 'encoder-self')!;
  const cross = result.forward.stacks.find((s) => s.kind === 'cross');
  return {
    pair,
    output,
    exact: output === sides.target,
    senses,
    cross:
      keepEncoder && cross
        ? {
            layers: cross.layers,
            heads: cross.heads,
            queries: result.output.length + 1,
            keys: tokens.length,
            outputTokens: result.output.map((id) => t.target.tokens[id] ?? ''),
            weights: cross.weights,
          }
        : undefined,
    encoder: keepEncoder
      ? {
          layers: enc.layers,
          heads: enc.heads,
          tokens: tokens.map((x) => x.text.toLowerCase()),
          weights: enc.weights,
        }
      : undefined,
  };
}

export interface ProbeResult {
  sentences: number;
  best: { layer: number; head: number; share: number };
  perHead: { layer: number; head: number; share: number }[];
}

/**
 * For sentences with an ambiguous `word` and its cue: the share in which a head puts more weight
 * from the word on the cue than on any other token (punctuation included, the word itself too).
 * Only pairs where both occur once are counted.
 */
export function attentionProbe(outcomes: PairOutcome[], word: string): ProbeResult {
  const rows = outcomes.flatMap((o) => {
    const amb = o.pair.ambiguous?.find((a) => a.word === word);
    if (!amb || !o.encoder) return [];
    const toks = o.encoder.tokens;
    const q = toks.indexOf(word);
    const k = toks.indexOf(amb.cue.toLowerCase());
    if (
      q < 0 ||
      k < 0 ||
      toks.lastIndexOf(word) !== q ||
      toks.lastIndexOf(amb.cue.toLowerCase()) !== k
    )
      return [];
    return [{ enc: o.encoder, q, k }];
  });
  const first = rows[0]?.enc;
  const perHead: ProbeResult['perHead'] = [];
  if (first)
    for (let l = 0; l < first.layers; l++)
      for (let h = 0; h < first.heads; h++) {
        let hits = 0;
        for (const { enc, q, k } of rows) {
          const t = enc.tokens.length;
          const base = ((l * enc.heads + h) * t + q) * t;
          const cue = enc.weights[base + k]!;
          let others = -Infinity;
          for (let j = 0; j < t; j++)
            if (j !== k) others = Math.max(others, enc.weights[base + j]!);
          if (cue > others) hits++;
        }
        perHead.push({ layer: l, head: h, share: rows.length ? hits / rows.length : 0 });
      }
  const best = perHead.reduce((a, b) => (b.share > a.share ? b : a), {
    layer: 0,
    head: 0,
    share: 0,
  });
  return { sentences: rows.length, best, perHead };
}

/**
 * The app's default ZH→EN sentences that are not demo sentences of the corpus, with the English the
 * ZH→EN corpus gives for their shape (scripts/corpus/chinese-decides.ts): a person who 坐在河岸上
 * "sat on the bank of the river", and 把钱存进了银行 is "deposited money" (the Chinese has no
 * "the"). 他坐在河岸上。 is not itself in the corpus; its grammar writes "X sat on the river bank."
 * for animals, so that counts too (ZH_EN_APP_EQUIVALENTS).
 */
export const ZH_EN_APP_SENTENCES: readonly Pair[] = [
  {
    en: 'He sat on the bank of the river.',
    zh: '他坐在河岸上。',
    ambiguous: [{ word: 'bank', sense: 'river', chinese: '河岸', cue: 'river' }],
  },
  {
    en: 'He deposited money in the bank.',
    zh: '他把钱存进了银行。',
    ambiguous: [{ word: 'bank', sense: 'finance', chinese: '银行', cue: 'deposited' }],
  },
];

/** English the corpus grammar gives for the app's default sentences beyond `en`. */
export const ZH_EN_APP_EQUIVALENTS: Readonly<Record<string, readonly string[]>> = {
  '他坐在河岸上。': ['He sat on the bank of the river.', 'He sat on the river bank.'],
};

/**
 * The corpus lexicon's word pairs for the alignment measure: every noun (singular and plural) and
 * every name, Chinese → English. The ambiguous words come with each pair's own tag.
 */
export function corpusLexicon(): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  for (const n of ALL_NOUNS) {
    entries.push({ source: n.zh, target: n.en });
    if (n.pl && n.pl !== n.en) entries.push({ source: n.zh, target: n.pl });
  }
  for (const n of NAMES) entries.push({ source: n.zh, target: n.en });
  return entries;
}

/**
 * Word pairs of each translation for the cross-attention alignment: its ambiguous word with the
 * Chinese of its tag (kind 'ambiguous'), or every lexicon pair found once on each side ('lexicon',
 * goldPairs' rule). One item per written token of the pair; the columns are the Chinese word's
 * characters.
 */
export function alignmentItems(
  outcomes: PairOutcome[],
  kind: 'ambiguous' | 'lexicon' = 'ambiguous',
  lexicon: readonly LexiconEntry[] = [],
): AlignmentItem[] {
  return outcomes.flatMap((o) => {
    const c = o.cross;
    if (!c) return [];
    const chars = Array.from(o.pair.zh);
    const entries =
      kind === 'lexicon'
        ? lexicon
        : (o.pair.ambiguous ?? []).map((a) => ({ source: a.chinese, target: a.word }));
    return goldPairs(c.outputTokens, chars, entries).map((g) => ({
      ...c,
      rows: [g.target],
      cols: g.sources,
    }));
  });
}

/**
 * Mistakes that differ from the pair's English in exactly one word (same length): often what the
 * Chinese leaves open (is/was, sit/sat, a/the, cake/cakes). Returns "want→got" counts, most first.
 */
export function oneWordDifferences(
  outcomes: PairOutcome[],
  direction: TranslationDirection,
): { total: number; top: [string, number][] } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const o of outcomes) {
    if (o.exact) continue;
    const want = splitWords(pairSides(o.pair, direction).target);
    const got = splitWords(o.output);
    if (want.length !== got.length) continue;
    const diff = want.flatMap((w, i) => (w === got[i] ? [] : [`${w}→${got[i]}`]));
    if (diff.length !== 1) continue;
    total++;
    counts.set(diff[0]!, (counts.get(diff[0]!) ?? 0) + 1);
  }
  return { total, top: [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)) };
}
