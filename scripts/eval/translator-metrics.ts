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
  translationTokenizers,
  type AttentionModel,
  type TranslationDirection,
  type VocabTokenizer,
} from '../../src/engine/index.ts';
import type { AlignmentItem } from '../../src/analysis/alignment.ts';
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

/** The app's default ZH→EN sentences that are not demo sentences of the corpus. */
export const ZH_EN_APP_SENTENCES: readonly Pair[] = [
  {
    en: 'He sat on the river bank.',
    zh: '他坐在河岸上。',
    ambiguous: [{ word: 'bank', sense: 'river', chinese: '河岸', cue: 'river' }],
  },
  {
    en: 'He deposited the money in the bank.',
    zh: '他把钱存进了银行。',
    ambiguous: [{ word: 'bank', sense: 'finance', chinese: '银行', cue: 'deposited' }],
  },
];

/** Word pairs (ambiguous word ↔ its Chinese) found once on each side of a translation. */
export function alignmentItems(outcomes: PairOutcome[]): AlignmentItem[] {
  return outcomes.flatMap((o) => {
    const c = o.cross;
    if (!c) return [];
    const chars = Array.from(o.pair.zh);
    const words = c.outputTokens.map((t) => t.toLowerCase());
    return (o.pair.ambiguous ?? []).flatMap((a) => {
      const row = words.indexOf(a.word);
      const at = o.pair.zh.indexOf(a.chinese);
      if (row < 0 || words.lastIndexOf(a.word) !== row) return [];
      if (at < 0 || o.pair.zh.lastIndexOf(a.chinese) !== at) return [];
      const start = Array.from(o.pair.zh.slice(0, at)).length;
      const cols = Array.from(a.chinese, (_, i) => start + i).filter((i) => i < chars.length);
      return [{ ...c, rows: [row], cols }];
    });
  });
}
