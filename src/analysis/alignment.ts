/**
 * Word alignment from cross-attention (the a_ij picture of attention-based translation): for each
 * token the decoder writes (row i), the source token j with the largest weight a_ij, for one head
 * or for the weights averaged over heads; and how often that choice hits a known word pair.
 *
 * Shapes (row-major): a layer of cross-attention is [heads][rows][cols], rows = written tokens,
 * cols = source tokens; each row sums to 1 over the source tokens.
 */

/** Written token `target` looks most at source token `source`, with weight `weight` (a_ij). */
export interface AlignmentLink {
  target: number;
  source: number;
  weight: number;
}

/** One head (0-based) or the mean over all heads. */
export type AlignmentHead = number | 'mean';

/** The weights averaged over heads: [heads][rows][cols] -> [rows][cols]. */
export function meanOverHeads(
  layer: Float32Array,
  heads: number,
  rows: number,
  cols: number,
): Float32Array {
  const size = rows * cols;
  if (layer.length < heads * size)
    throw new RangeError('layer is smaller than heads × rows × cols');
  const out = new Float32Array(size);
  for (let h = 0; h < heads; h++) {
    const base = h * size;
    for (let k = 0; k < size; k++) out[k]! += layer[base + k]!;
  }
  if (heads > 0) for (let k = 0; k < size; k++) out[k]! /= heads;
  return out;
}

/**
 * The argmax source of every row of one [rows][cols] matrix (the first of equal maxima; NaN never
 * wins). A row whose weights are all NaN or empty gets no link.
 */
export function argmaxLinks(matrix: Float32Array, rows: number, cols: number): AlignmentLink[] {
  const links: AlignmentLink[] = [];
  for (let i = 0; i < rows; i++) {
    let best = -1;
    let weight = -Infinity;
    for (let j = 0; j < cols; j++) {
      const w = matrix[i * cols + j]!;
      if (w > weight) {
        weight = w;
        best = j;
      }
    }
    if (best >= 0) links.push({ target: i, source: best, weight });
  }
  return links;
}

/** The alignment of one head of a [heads][rows][cols] layer, or of its mean over heads. */
export function alignLayer(
  layer: Float32Array,
  heads: number,
  rows: number,
  cols: number,
  head: AlignmentHead,
): AlignmentLink[] {
  if (head === 'mean') return argmaxLinks(meanOverHeads(layer, heads, rows, cols), rows, cols);
  if (!Number.isInteger(head) || head < 0 || head >= heads)
    throw new RangeError(`head ${head} outside 0…${heads - 1}`);
  const size = rows * cols;
  return argmaxLinks(layer.subarray(head * size, (head + 1) * size), rows, cols);
}

/** A written token and the source tokens that translate it (any of them counts as right). */
export interface GoldPair {
  target: number;
  sources: readonly number[];
}

/** A word pair of a bilingual lexicon: `target` is written for `source` (words, not tokens). */
export interface LexiconEntry {
  source: string;
  target: string;
}

/** Lower case, no spaces: "Apples" and "apples", "苹 果" and "苹果" match. */
const squash = (text: string): string => text.toLowerCase().replace(/\s+/g, '');

/**
 * Start indices of the runs of consecutive tokens that spell `word` (tokens joined without
 * spaces, case ignored): one token ("apples") or several ("苹", "果").
 */
export function findSpans(tokens: readonly string[], word: string): number[][] {
  const goal = squash(word);
  const spans: number[][] = [];
  if (goal === '') return spans;
  for (let start = 0; start < tokens.length; start++) {
    let text = '';
    for (let end = start; end < tokens.length; end++) {
      text += squash(tokens[end]!);
      if (text === goal) {
        spans.push(Array.from({ length: end - start + 1 }, (_, k) => start + k));
        break;
      }
      if (!goal.startsWith(text)) break;
    }
  }
  return spans;
}

/**
 * The gold pairs of a sentence: for every lexicon entry whose source word and target word each
 * occur exactly once (a repeated word would make the pair ambiguous), each written token of the
 * target word pairs with the source word's tokens.
 */
export function goldPairs(
  targetTokens: readonly string[],
  sourceTokens: readonly string[],
  lexicon: readonly LexiconEntry[],
): GoldPair[] {
  const pairs: GoldPair[] = [];
  const seen = new Set<number>();
  for (const entry of lexicon) {
    const targets = findSpans(targetTokens, entry.target);
    const sources = findSpans(sourceTokens, entry.source);
    if (targets.length !== 1 || sources.length !== 1) continue;
    for (const target of targets[0]!) {
      if (seen.has(target)) continue; // a token already paired by an earlier entry
      seen.add(target);
      pairs.push({ target, sources: sources[0]! });
    }
  }
  return pairs.sort((a, b) => a.target - b.target);
}

export interface AlignmentScore {
  /** Gold pairs whose written token's argmax is one of its source tokens. */
  correct: number;
  /** Gold pairs scored. */
  total: number;
}

/** How many gold pairs the alignment gets right (a pair without a link counts as wrong). */
export function alignmentAccuracy(
  links: readonly AlignmentLink[],
  gold: readonly GoldPair[],
): AlignmentScore {
  const byTarget = new Map(links.map((l) => [l.target, l.source]));
  let correct = 0;
  for (const pair of gold) {
    const source = byTarget.get(pair.target);
    if (source !== undefined && pair.sources.includes(source)) correct++;
  }
  return { correct, total: gold.length };
}

/** Scores added over sentences (a probe set): right pairs over all pairs. */
export function addScores(scores: readonly AlignmentScore[]): AlignmentScore {
  return scores.reduce(
    (sum, s) => ({ correct: sum.correct + s.correct, total: sum.total + s.total }),
    {
      correct: 0,
      total: 0,
    },
  );
}

/**
 * One sentence of an evaluation probe: its whole cross-attention stack and the gold pair(s) as
 * rows (written tokens) and the columns (source tokens) any of which counts as right. Used by
 * scripts/eval (helper scripts measure the built-in models with the same rule as the app).
 */
export interface AlignmentItem {
  layers: number;
  heads: number;
  /** Written tokens (rows) and source tokens (columns) of each head. */
  queries: number;
  keys: number;
  /** [layers][heads][queries][keys]. */
  weights: Float32Array;
  /** Gold rows; each is right when its argmax column is one of `cols`. */
  rows: readonly number[];
  cols: readonly number[];
}

/** A head's (or a layer's averaged) share of gold pairs whose argmax hits the gold columns. */
export interface HeadShare {
  layer: number;
  head: number;
  share: number;
}

export interface AlignmentResult {
  /** Gold pairs scored (rows over all items). */
  pairs: number;
  /** The head with the largest share (the first of equals). */
  best: HeadShare;
  /** Per layer, the share with the weights averaged over heads. */
  averaged: { layer: number; share: number }[];
  /** Every head, layer-major. */
  perHead: HeadShare[];
}

/** Alignment accuracy of every head and of each layer's mean over heads, over a probe set. */
export function alignmentShares(items: readonly AlignmentItem[]): AlignmentResult {
  const layers = Math.max(0, ...items.map((it) => it.layers));
  const heads = Math.max(0, ...items.map((it) => it.heads));
  const pairs = items.reduce((n, it) => n + it.rows.length, 0);
  const score = (layer: number, head: AlignmentHead): number => {
    if (pairs === 0) return 0;
    let right = 0;
    for (const it of items) {
      if (layer >= it.layers || (head !== 'mean' && head >= it.heads)) continue;
      const per = it.heads * it.queries * it.keys;
      const layerData = it.weights.subarray(layer * per, (layer + 1) * per);
      const links = alignLayer(layerData, it.heads, it.queries, it.keys, head);
      const gold = it.rows.map((target) => ({ target, sources: it.cols }));
      right += alignmentAccuracy(links, gold).correct;
    }
    return right / pairs;
  };
  const perHead: HeadShare[] = [];
  const averaged: AlignmentResult['averaged'] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let head = 0; head < heads; head++)
      perHead.push({ layer, head, share: score(layer, head) });
    averaged.push({ layer, share: score(layer, 'mean') });
  }
  const best = perHead.reduce((a, b) => (b.share > a.share ? b : a), {
    layer: 0,
    head: 0,
    share: 0,
  });
  return { pairs, best, averaged, perHead };
}
