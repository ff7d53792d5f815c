/** Corpus loading, vocabularies and padded batches for training the built-in translator. */
import { existsSync, readFileSync } from 'node:fs';
import {
  DIRECTIONS,
  SPECIAL_TOKENS,
  SPLITTERS,
  type Splitter,
  type TranslationDirection,
  type TranslationVocab,
} from '../../src/engine/tokenize/vocab-tokenizer.ts';
import type { Seq2SeqBatch } from '../../src/engine/train/seq2seq.ts';
import { mulberry32 } from '../../src/lib/random.ts';
import type { Pair } from '../corpus/generate.ts';

/** A corpus pair as the generator writes it (one JSON object per line). */
export type CorpusPair = Pair;

export function readJsonl(path: string): CorpusPair[] {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run corpus\` first`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusPair);
}

const SPECIALS = [SPECIAL_TOKENS.pad, SPECIAL_TOKENS.unk, SPECIAL_TOKENS.bos, SPECIAL_TOKENS.eos];

/** One side of a pair as a translator going `direction` reads or writes it. */
interface Side {
  text: (p: CorpusPair) => string;
  splitter: Splitter;
}

/** Source and target of a pair for `direction` (en-zh: English words → characters; zh-en the reverse). */
export function directionSides(direction: TranslationDirection): { source: Side; target: Side } {
  const d = DIRECTIONS[direction];
  const side = (s: (typeof d)['source']): Side => ({
    text: s.language === 'en' ? (p) => p.en : (p) => p.zh,
    splitter: SPLITTERS[s.split],
  });
  return { source: side(d.source), target: side(d.target) };
}

/** The tokens (vocabulary keys) of one side of a pair. */
export function sideTokens(side: Side, p: CorpusPair): string[] {
  return side.splitter.split(side.text(p)).map(side.splitter.key);
}

/** Vocabularies from the training split only, most frequent first (ties alphabetical): deterministic. */
export function buildVocab(
  pairs: CorpusPair[],
  direction: TranslationDirection = 'en-zh',
): TranslationVocab {
  const sides = directionSides(direction);
  const count = (pieces: Iterable<string>, into: Map<string, number>): void => {
    for (const p of pieces) into.set(p, (into.get(p) ?? 0) + 1);
  };
  const src = new Map<string, number>();
  const tgt = new Map<string, number>();
  for (const p of pairs) {
    count(sideTokens(sides.source, p), src);
    count(sideTokens(sides.target, p), tgt);
  }
  const order = (m: Map<string, number>): string[] =>
    [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([t]) => t);
  return { source: [...SPECIALS, ...order(src)], target: [...SPECIALS, ...order(tgt)] };
}

export interface EncodedPair {
  source: number[];
  target: number[]; // without BOS/EOS
}

export function encodePairs(
  pairs: CorpusPair[],
  vocab: TranslationVocab,
  direction: TranslationDirection = 'en-zh',
): EncodedPair[] {
  const sides = directionSides(direction);
  const s = new Map(vocab.source.map((t, i) => [t, i]));
  const t = new Map(vocab.target.map((x, i) => [x, i]));
  const unk = 1;
  return pairs.map((p) => ({
    source: sideTokens(sides.source, p).map((w) => s.get(w) ?? unk),
    target: sideTokens(sides.target, p).map((c) => t.get(c) ?? unk),
  }));
}

const BOS = 2;
const EOS = 3;

/** Pads a list of pairs into one batch: targetIn = BOS y…, targetOut = y… EOS. */
export function makeBatch(items: EncodedPair[]): Seq2SeqBatch {
  const b = items.length;
  const s = Math.max(...items.map((p) => p.source.length));
  const t = Math.max(...items.map((p) => p.target.length)) + 1;
  const source = new Int32Array(b * s);
  const targetIn = new Int32Array(b * t);
  const targetOut = new Int32Array(b * t);
  items.forEach((p, i) => {
    source.set(p.source, i * s);
    targetIn.set([BOS, ...p.target], i * t);
    targetOut.set([...p.target, EOS], i * t);
  });
  return {
    size: b,
    sourceLength: s,
    targetLength: t,
    source,
    sourceLengths: items.map((p) => p.source.length),
    targetIn,
    targetOut,
    targetLengths: items.map((p) => p.target.length + 1),
  };
}

/**
 * One epoch of batches: shuffle (seeded), sort within pools of 50 batches by length so each batch
 * has similar lengths (less padding), then shuffle the batch order.
 */
export function epochBatches(
  pairs: EncodedPair[],
  batchSize: number,
  seed: number,
): Seq2SeqBatch[] {
  const rand = mulberry32(seed);
  const idx = pairs.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  const pool = batchSize * 50;
  const batches: EncodedPair[][] = [];
  for (let start = 0; start < idx.length; start += pool) {
    const chunk = idx.slice(start, start + pool).map((i) => pairs[i]!);
    chunk.sort((a, b) => a.source.length - b.source.length || a.target.length - b.target.length);
    for (let k = 0; k < chunk.length; k += batchSize) batches.push(chunk.slice(k, k + batchSize));
  }
  for (let i = batches.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [batches[i], batches[j]] = [batches[j]!, batches[i]!];
  }
  return batches.map(makeBatch);
}
