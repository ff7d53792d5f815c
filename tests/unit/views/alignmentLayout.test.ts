/** The alignment picture's geometry and its gold word pairs for both directions. */
import { describe, expect, it } from 'vitest';
import { alignLayer, alignmentAccuracy, goldPairs } from '../../../src/analysis/alignment';
import {
  alignmentLayout,
  alignmentLines,
  LABEL_SIZE,
  labelWidth,
  MIN_OPACITY,
  MIN_STEP,
  shortLabel,
} from '../../../src/views/alignment/layout';
import { lexiconFor } from '../../../src/views/alignment/lexicon';

describe('alignmentLayout', () => {
  it('spreads both rows over the same width, centred, and widens past MIN_STEP per token', () => {
    const l = alignmentLayout(2, 4, 400);
    expect(l.width).toBe(400);
    expect(l.targetX).toEqual([100, 300]);
    expect(l.sourceX).toEqual([50, 150, 250, 350]);
    for (const y of l.targetLabelY) expect(y).toBeLessThan(l.lineTop);
    for (const y of l.sourceLabelY) expect(y).toBeGreaterThan(l.lineBottom);
    // Room for every label: one line of labels each side.
    expect(new Set(l.targetLabelY).size).toBe(1);
    expect(alignmentLayout(20, 3, 100).width).toBe(20 * MIN_STEP);
  });

  it('staggers a row whose labels are wider than its room, and grows only past half the step', () => {
    // 10 written tokens in 500 px: 50 px each, labels need 70: every other label one line out;
    // the 5 source tokens have 100 px each and stay on one line.
    const s = alignmentLayout(10, 5, 500, { target: 70, source: 30 });
    expect(s.width).toBe(500);
    expect(s.targetLabelY[1]).toBeLessThan(s.targetLabelY[0]!);
    expect(s.targetLabelY[2]).toBe(s.targetLabelY[0]);
    expect(new Set(s.sourceLabelY).size).toBe(1);
    const both = alignmentLayout(10, 10, 500, { target: 70, source: 70 });
    expect(both.sourceLabelY[1]).toBeGreaterThan(both.sourceLabelY[0]!);
    // 10 tokens in 300 px: even staggered, 100 px labels need 50 px each: the picture grows.
    expect(alignmentLayout(10, 3, 300, { target: 70, source: 0 }).width).toBe(10 * MIN_STEP);
    expect(alignmentLayout(10, 3, 300, { target: 100, source: 0 }).width).toBe(500);
    // A Han character counts about twice a Latin letter.
    expect(labelWidth('苹果')).toBeCloseTo(2 * LABEL_SIZE, 6);
    expect(labelWidth('apples')).toBeCloseTo(3.6 * LABEL_SIZE, 6);
  });

  it('draws one line per link, opacity = weight (never below MIN_OPACITY)', () => {
    const l = alignmentLayout(2, 2, 200);
    const lines = alignmentLines(l, [
      { target: 0, source: 1, weight: 0.8 },
      { target: 1, source: 0, weight: 0.01 },
      { target: 5, source: 0, weight: 1 }, // outside the rows: left out
    ]);
    expect(lines.map((x) => [x.x1, x.x2, x.opacity])).toEqual([
      [50, 150, 0.8],
      [150, 50, MIN_OPACITY],
    ]);
    expect(shortLabel('internationalization')).toBe('interna…');
    expect(shortLabel('苹果')).toBe('苹果');
  });
});

describe('lexicon gold pairs', () => {
  it('scores 我爱吃苹果。 → I love eating apples. on a perfect diagonal head', () => {
    const written = ['I', 'love', 'eating', 'apples', '.', '</s>'];
    const source = ['我', '爱', '吃', '苹', '果', '。', '</s>'];
    const gold = goldPairs(written, source, lexiconFor('zh-en'));
    expect(gold).toHaveLength(4);
    // One head whose row i looks at source column map[i]: apples → 果 (second character).
    const map = [0, 1, 2, 4, 5, 6];
    const rows = written.length;
    const cols = source.length;
    const layer = new Float32Array(rows * cols);
    map.forEach((j, i) => (layer[i * cols + j] = 1));
    const links = alignLayer(layer, 1, rows, cols, 0);
    expect(alignmentAccuracy(links, gold)).toEqual({ correct: 4, total: 4 });
    // Shift "love" onto 我: one pair wrong.
    layer[1 * cols + 1] = 0;
    layer[1 * cols + 0] = 1;
    expect(alignmentAccuracy(alignLayer(layer, 1, rows, cols, 0), gold)).toEqual({
      correct: 3,
      total: 4,
    });
  });

  it('flips the pairs for English → Chinese, and tells the two "bank"s apart by the sentence', () => {
    const gold = goldPairs(
      ['他', '坐', '在', '河', '岸', '上', '。'],
      ['he', 'sat', 'on', 'the', 'bank'],
      lexiconFor('en-zh'),
    );
    // 他 → he, 坐 → sat, 河 and 岸 → bank (河岸; "river" is absent from the English side).
    expect(gold).toEqual([
      { target: 0, sources: [0] },
      { target: 1, sources: [1] },
      { target: 3, sources: [4] },
      { target: 4, sources: [4] },
    ]);
  });
});
