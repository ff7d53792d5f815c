/**
 * Pure helpers of the Compare tab: which focus word to propose, the focus word's attention row as
 * the analysis module's `FocusSide`, the heads ranked by Jensen–Shannon divergence, the rows of the
 * ranking table and of the small bar charts.
 */
import {
  focusDivergence,
  type FocusSide,
  type HeadDivergence,
  type HeadPattern,
  type SharedWord,
} from '../../analysis';
import { headLabel } from '../heads/thumbnails';

/**
 * What the ranking needs of a sentence's block (a `BlockView` fits): its shape, key tokens, every
 * layer's [heads][queryLength][keyLength] weights, and whether rows and keys are one sequence.
 */
export interface FocusInput {
  block: { layers: number; heads: number; queryLength: number; keyLength: number };
  colTokens: readonly string[];
  data: readonly Float32Array[];
  sameTokens: boolean;
}

/**
 * The focus word proposed first: the longest shared word (the most specific one: "bank" before
 * "the"), the first in sentence A among equals. Undefined when nothing is shared.
 */
export function proposeFocus(words: readonly SharedWord[]): SharedWord | undefined {
  let best: SharedWord | undefined;
  for (const w of words) if (!best || [...w.word].length > [...best.word].length) best = w;
  return best;
}

/** The focus word in use: the chosen one while the sentences still share it, else the proposal. */
export function resolveFocus(
  words: readonly SharedWord[],
  chosen: string | null,
): SharedWord | undefined {
  return (
    (chosen !== null ? words.find((w) => w.word === chosen) : undefined) ?? proposeFocus(words)
  );
}

/** Stands for the focus query among the keys when the query is not itself a key (see below). */
const FOCUS_SENTINEL = '\u0000focus';

/**
 * Head `head` of layer `layer`: the attention row of query `focus` as a `FocusSide`. In
 * self-attention over one sequence the focus token is also a key, and its weight on itself is left
 * out of the comparison (the analysis module's rule). When the rows are other tokens than the keys
 * (cross-attention; the translator's decoder, whose keys are shifted by one), the query is not among
 * the keys: a placeholder key of weight 0 stands for it, so every real key counts.
 */
export function focusSide(
  input: FocusInput,
  layer: number,
  head: number,
  focus: number,
): FocusSide {
  const { queryLength: tq, keyLength: tk } = input.block;
  const data = input.data[layer];
  if (!data) throw new RangeError(`layer ${layer} is missing`);
  const row = data.subarray((head * tq + focus) * tk, (head * tq + focus + 1) * tk);
  if (input.sameTokens) return { tokens: input.colTokens, focus, row };
  const padded = new Float64Array(tk + 1);
  padded.set(row);
  return { tokens: [...input.colTokens, FOCUS_SENTINEL], focus: tk, row: padded };
}

/**
 * Every layer × head ranked by the Jensen–Shannon divergence (bits) of the focus word's attention in
 * A and in B, aligned on the words both sentences share; most different first, undefined (NaN)
 * divergences last, ties in layer-then-head order. Empty when the blocks differ in layers or heads.
 */
export function rankFocusHeads(
  a: FocusInput,
  focusA: number,
  b: FocusInput,
  focusB: number,
): HeadDivergence[] {
  if (a.block.layers !== b.block.layers || a.block.heads !== b.block.heads) return [];
  if (focusA < 0 || focusA >= a.block.queryLength || focusB < 0 || focusB >= b.block.queryLength)
    return [];
  const out: HeadDivergence[] = [];
  for (let layer = 0; layer < a.block.layers; layer++) {
    for (let head = 0; head < a.block.heads; head++) {
      const divergence = focusDivergence(
        focusSide(a, layer, head, focusA),
        focusSide(b, layer, head, focusB),
      );
      out.push({ layer, head, divergence });
    }
  }
  const key = (d: number) => (Number.isNaN(d) ? -Infinity : d);
  return out.sort((x, y) => key(y.divergence) - key(x.divergence) || 0);
}

/** One row of the ranking table. */
export interface RankingRow {
  /** 1-based rank. */
  rank: number;
  layer: number;
  head: number;
  /** "L3 H7". */
  label: string;
  /** Bits, [0, 1]; NaN when undefined. */
  divergence: number;
  /** Share of the largest divergence in the table, [0, 1] (bar length); 0 for NaN. */
  bar: number;
  patternA: HeadPattern | null;
  patternB: HeadPattern | null;
}

/** The ranking table's rows (the first `limit`), with each head's pattern in A and in B. */
export function buildRankingRows(
  ranking: readonly HeadDivergence[],
  heads: number,
  patternsA: readonly HeadPattern[] | null,
  patternsB: readonly HeadPattern[] | null,
  limit = Infinity,
): RankingRow[] {
  let top = 0;
  for (const r of ranking)
    if (Number.isFinite(r.divergence) && r.divergence > top) top = r.divergence;
  return ranking.slice(0, limit).map((r, i) => {
    const index = r.layer * heads + r.head;
    return {
      rank: i + 1,
      layer: r.layer,
      head: r.head,
      label: headLabel(r.layer, r.head),
      divergence: r.divergence,
      bar: Number.isFinite(r.divergence) && top > 0 ? r.divergence / top : 0,
      patternA: patternsA?.[index] ?? null,
      patternB: patternsB?.[index] ?? null,
    };
  });
}

/** One bar of a focus-row bar chart. */
export interface FocusBar {
  /** Key index in the sentence. */
  index: number;
  token: string;
  weight: number;
  /** Whether this key is the focus token itself. */
  isFocus: boolean;
}

/**
 * The bars of one focus row, in sentence order: every key up to `maxBars` keys, else the
 * `maxBars` heaviest (still in sentence order). `focusKey` is the focus token's key index, or −1
 * when it is not a key.
 */
export function focusBars(
  row: ArrayLike<number>,
  tokens: readonly string[],
  focusKey: number,
  maxBars = 24,
): FocusBar[] {
  const all: FocusBar[] = Array.from({ length: Math.min(row.length, tokens.length) }, (_, i) => ({
    index: i,
    token: tokens[i]!,
    weight: Number.isFinite(row[i]!) ? row[i]! : 0,
    isFocus: i === focusKey,
  }));
  if (all.length <= maxBars) return all;
  return [...all]
    .sort((x, y) => y.weight - x.weight || x.index - y.index)
    .slice(0, maxBars)
    .sort((x, y) => x.index - y.index);
}

/**
 * Axis labels of a difference of two equally long sentences: the token where both agree, else
 * "a/b" (e.g. "river/money").
 */
export function mergeLabels(a: readonly string[], b: readonly string[]): string[] {
  return a.map((x, i) => {
    const y = b[i] ?? '';
    return x === y ? x : `${x}/${y}`;
  });
}
