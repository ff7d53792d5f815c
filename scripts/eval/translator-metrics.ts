/**
 * How well the built-in translator does on held-out pairs, through the app's own path
 * (engine model + greedy decoding): exact match, sense accuracy on ambiguous words, and an
 * attention probe of the encoder's heads on "bank" sentences. Shared by the evaluation script
 * and the CI test, so both measure the same thing.
 */
import {
  createModel,
  createVocabTokenizer,
  ENGLISH,
  CHARACTERS,
  greedyTranslate,
  type AttentionModel,
  type VocabTokenizer,
} from '../../src/engine/index.ts';
import type { TranslatorBundle } from '../../src/loader/translator.ts';
import type { CorpusPair } from '../train/data.ts';

export interface Translator {
  model: AttentionModel;
  source: VocabTokenizer;
  target: VocabTokenizer;
  maxTargetLength: number;
}

export function makeTranslator(bundle: TranslatorBundle): Translator {
  return {
    model: createModel(bundle.config, bundle.weights),
    source: createVocabTokenizer('en', bundle.vocab.source, ENGLISH, ' '),
    target: createVocabTokenizer('zh', bundle.vocab.target, CHARACTERS, ''),
    maxTargetLength: bundle.maxTargetLength,
  };
}

export interface PairOutcome {
  pair: CorpusPair;
  output: string;
  exact: boolean;
  /** One entry per ambiguous word in the pair: was the right sense's Chinese produced? */
  senses: boolean[];
  /** Encoder-self weights of the last forward, [L][H][T][T], and the source tokens. */
  encoder?: { layers: number; heads: number; tokens: string[]; weights: Float32Array };
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
  const tokens = t.source.encode(pair.en);
  const result = await greedyTranslate(
    t.model,
    tokens.map((x) => x.id),
    { bos: t.target.ids.bos, eos: t.target.ids.eos, maxLength: t.maxTargetLength },
  );
  const output = t.target.decode(result.output);
  const senses = (pair.ambiguous ?? []).map((a) =>
    senseCorrect(output, a.chinese, [...(renderings.get(a.word) ?? [])]),
  );
  const enc = result.forward.stacks.find((s) => s.kind === 'encoder-self')!;
  return {
    pair,
    output,
    exact: output === pair.zh,
    senses,
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
