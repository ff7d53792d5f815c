/**
 * Alignment from cross-attention on hand-built matrices: argmax per written token (one head and
 * the mean over heads), gold pairs found from a lexicon in both directions, accuracy, and the
 * probe-set shares per head and per layer.
 */
import { describe, expect, it } from 'vitest';
import {
  addScores,
  alignLayer,
  alignmentAccuracy,
  alignmentShares,
  argmaxLinks,
  findSpans,
  goldPairs,
  meanOverHeads,
} from '../../../src/analysis/alignment';

/** Two heads over 3 written × 4 source tokens, rows summing to 1. */
const LAYER = new Float32Array([
  // head 0: rows look at 0, 1, 3
  0.7, 0.1, 0.1, 0.1, 0.1, 0.6, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6,
  // head 1: rows look at 0, 2, 2
  0.5, 0.2, 0.2, 0.1, 0.1, 0.1, 0.7, 0.1, 0.0, 0.1, 0.5, 0.4,
]);

describe('argmax alignment', () => {
  it('links each written token to its heaviest source token, per head', () => {
    expect(alignLayer(LAYER, 2, 3, 4, 0).map((l) => l.source)).toEqual([0, 1, 3]);
    expect(alignLayer(LAYER, 2, 3, 4, 1).map((l) => l.source)).toEqual([0, 2, 2]);
    const [first] = alignLayer(LAYER, 2, 3, 4, 1);
    expect(first!.target).toBe(0);
    expect(first!.weight).toBeCloseTo(0.5, 6);
  });

  it('averages the heads before the argmax (not a vote of argmaxes)', () => {
    const mean = meanOverHeads(LAYER, 2, 3, 4);
    expect(Array.from(mean.subarray(8, 12)).map((x) => +x.toFixed(3))).toEqual([
      0.05, 0.1, 0.35, 0.5,
    ]);
    const links = alignLayer(LAYER, 2, 3, 4, 'mean');
    expect(links.map((l) => l.source)).toEqual([0, 2, 3]);
    expect(links[1]!.weight).toBeCloseTo(0.45, 6);
    expect(links[2]!.weight).toBeCloseTo(0.5, 6);
  });

  it('takes the first of equal maxima, skips NaN and refuses a head outside the layer', () => {
    const m = new Float32Array([0.5, 0.5, NaN, 0.2, NaN, NaN]);
    expect(argmaxLinks(m, 2, 3)).toEqual([
      { target: 0, source: 0, weight: 0.5 },
      { target: 1, source: 0, weight: expect.closeTo(0.2, 6) as number },
    ]);
    expect(argmaxLinks(new Float32Array([NaN, NaN]), 1, 2)).toEqual([]);
    expect(() => alignLayer(LAYER, 2, 3, 4, 2)).toThrow(RangeError);
  });
});

describe('gold pairs and accuracy', () => {
  const LEXICON = [
    { source: '我', target: 'I' },
    { source: '爱', target: 'love' },
    { source: '吃', target: 'eating' },
    { source: '苹果', target: 'apples' },
  ];

  it('finds single- and multi-token spans, case ignored', () => {
    expect(findSpans(['我', '爱', '苹', '果', '。'], '苹果')).toEqual([[2, 3]]);
    expect(findSpans(['I', 'love', 'apples', '.'], 'i')).toEqual([[0]]);
    expect(findSpans(['a', 'b', 'a'], 'a')).toEqual([[0], [2]]);
    expect(findSpans(['a'], '')).toEqual([]);
  });

  it('pairs English words with Chinese characters (zh → en)', () => {
    const written = ['I', 'love', 'eating', 'apples', '.', '</s>'];
    const source = ['我', '爱', '吃', '苹', '果', '。', '</s>'];
    expect(goldPairs(written, source, LEXICON)).toEqual([
      { target: 0, sources: [0] },
      { target: 1, sources: [1] },
      { target: 2, sources: [2] },
      { target: 3, sources: [3, 4] },
    ]);
  });

  it('pairs each written Chinese character with the English word (en → zh)', () => {
    const flipped = LEXICON.map((e) => ({ source: e.target, target: e.source }));
    const written = ['我', '爱', '吃', '苹', '果', '。', '</s>'];
    const source = ['i', 'love', 'eating', 'apples', '.', '</s>'];
    expect(goldPairs(written, source, flipped)).toEqual([
      { target: 0, sources: [0] },
      { target: 1, sources: [1] },
      { target: 2, sources: [2] },
      { target: 3, sources: [3] },
      { target: 4, sources: [3] },
    ]);
  });

  it('leaves out words that occur twice or not at all', () => {
    expect(goldPairs(['I', 'love', 'I'], ['我', '爱'], LEXICON)).toEqual([
      { target: 1, sources: [1] },
    ]);
    expect(goldPairs(['love'], ['我'], LEXICON)).toEqual([]);
  });

  it('counts a pair right when the link lands on any of its source tokens', () => {
    const links = [
      { target: 0, source: 0, weight: 0.9 },
      { target: 1, source: 2, weight: 0.6 },
      { target: 3, source: 4, weight: 0.5 },
    ];
    const gold = [
      { target: 0, sources: [0] },
      { target: 1, sources: [1] },
      { target: 2, sources: [2] }, // no link: wrong
      { target: 3, sources: [3, 4] },
    ];
    expect(alignmentAccuracy(links, gold)).toEqual({ correct: 2, total: 4 });
    expect(alignmentAccuracy(links, [])).toEqual({ correct: 0, total: 0 });
    expect(
      addScores([
        { correct: 2, total: 4 },
        { correct: 3, total: 3 },
      ]),
    ).toEqual({ correct: 5, total: 7 });
  });
});

describe('alignmentShares (probe set)', () => {
  it('scores every head and each layer’s mean over heads', () => {
    // 2 layers; layer 0 is LAYER, layer 1 copies head 1 into both heads.
    const layer1 = new Float32Array(24);
    layer1.set(LAYER.subarray(12, 24), 0);
    layer1.set(LAYER.subarray(12, 24), 12);
    const weights = new Float32Array(48);
    weights.set(LAYER, 0);
    weights.set(layer1, 24);
    const item = { layers: 2, heads: 2, queries: 3, keys: 4, weights, rows: [1, 2], cols: [1, 3] };
    const result = alignmentShares([item]);
    expect(result.pairs).toBe(2);
    // Rows 1 and 2 → head 0: 1, 3 (both right); head 1: 2, 2 (both wrong); mean: 2, 3.
    expect(result.perHead).toEqual([
      { layer: 0, head: 0, share: 1 },
      { layer: 0, head: 1, share: 0 },
      { layer: 1, head: 0, share: 0 },
      { layer: 1, head: 1, share: 0 },
    ]);
    expect(result.averaged).toEqual([
      { layer: 0, share: 0.5 },
      { layer: 1, share: 0 },
    ]);
    expect(result.best).toEqual({ layer: 0, head: 0, share: 1 });
    expect(alignmentShares([]).pairs).toBe(0);
  });
});
