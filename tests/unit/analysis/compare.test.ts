/**
 * Jensen–Shannon divergence, the focus-word comparison on the "bank" sentences (divergences
 * computed by hand), the head ranking, shared words and differences.
 */
import { describe, expect, it } from 'vitest';
import {
  alignFocusRows,
  difference,
  focusDivergence,
  focusDivergenceGrid,
  jensenShannon,
  rankHeadsByFocusDivergence,
  sharedWords,
} from '../../../src/analysis';
import { matrix, stackOf } from './helpers';

describe('jensenShannon', () => {
  it('is 0 for identical distributions and 1 for disjoint ones', () => {
    expect(jensenShannon([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
    expect(jensenShannon([0.5, 0.5, 0, 0], [0, 0, 0.25, 0.75])).toBeCloseTo(1, 15);
    expect(jensenShannon([1, 0], [0, 1])).toBe(1);
  });

  it('matches a hand-computed value and is symmetric', () => {
    // M = [3/4, 1/4]: ½·(½·log2(2/3) + ½·log2 2) + ½·log2(4/3) = 0.311278124459…
    expect(jensenShannon([0.5, 0.5], [1, 0])).toBeCloseTo(0.31127812445913283, 14);
    expect(jensenShannon([1, 0], [0.5, 0.5])).toBeCloseTo(0.31127812445913283, 14);
  });

  it('normalises its inputs first', () => {
    expect(jensenShannon([1, 1], [2, 0])).toBeCloseTo(0.31127812445913283, 14);
    expect(jensenShannon(Float32Array.of(3, 3), [7, 7])).toBe(0);
  });

  it('is NaN without mass and throws on different lengths', () => {
    expect(jensenShannon([0, 0], [1, 0])).toBeNaN();
    expect(jensenShannon([], [])).toBeNaN();
    expect(() => jensenShannon([1], [0.5, 0.5])).toThrow(RangeError);
  });
});

// "the bank is near the river ." vs "i deposited money in the bank ." — focus "bank".
const A = ['the', 'bank', 'is', 'near', 'the', 'river', '.'];
const B = ['i', 'deposited', 'money', 'in', 'the', 'bank', '.'];
const FOCUS_A = 1;
const FOCUS_B = 5;

describe('focus-word comparison', () => {
  it('aligns on shared context words (the, .) and pools the rest as "other"', () => {
    const rowA = [0.1, 0.4, 0.1, 0.1, 0.2, 0.05, 0.05];
    const rowB = [0.05, 0.05, 0.1, 0.1, 0.3, 0.3, 0.1];
    const { shared, p, q } = alignFocusRows(
      { tokens: A, focus: FOCUS_A, row: rowA },
      { tokens: B, focus: FOCUS_B, row: rowB },
    );
    expect(shared).toEqual(['the', '.']);
    // A's context mass 0.6: the 0.1 + 0.2, '.' 0.05, other (is, near, river) 0.25.
    expect(Array.from(p)).toEqual([0.5, 1 / 12, 5 / 12].map((v) => expect.closeTo(v, 12)));
    // B's context mass 0.7: the 0.3, '.' 0.1, other (i, deposited, money, in) 0.3.
    expect(Array.from(q)).toEqual([3 / 7, 1 / 7, 3 / 7].map((v) => expect.closeTo(v, 12)));
    // JSD([1/2, 1/12, 5/12], [3/7, 1/7, 3/7]), computed by hand (in float64).
    expect(
      focusDivergence(
        { tokens: A, focus: FOCUS_A, row: rowA },
        { tokens: B, focus: FOCUS_B, row: rowB },
      ),
    ).toBeCloseTo(0.007760896459341827, 12);
  });

  it('gives exactly ½ for half-overlapping contexts', () => {
    // A: 'the' 0.3, '.' 0, other 0.3 → [½, 0, ½]; B: 'the' 0, '.' 0.3, other 0.3 → [0, ½, ½].
    // M = [¼, ¼, ½]: each KL = ½·log2 2 + ½·log2 1 = ½, so JSD = ½.
    const rowA = [0.2, 0.4, 0.1, 0.1, 0.1, 0.1, 0];
    const rowB = [0.1, 0.1, 0.05, 0.05, 0, 0.4, 0.3];
    const jsd = focusDivergence(
      { tokens: A, focus: FOCUS_A, row: rowA },
      { tokens: B, focus: FOCUS_B, row: rowB },
    );
    expect(jsd).toBeCloseTo(0.5, 12);
  });

  it("ignores the focus word's own weight and matches case-insensitively across tokenizers", () => {
    const tokensA = ['ĠThe', 'Ġbank', 'Ġis', 'Ġclosed'];
    const tokensB = ['the', 'bank', 'closed', 'today'];
    const a = { tokens: tokensA, focus: 1, row: [0.25, 0.5, 0, 0.25] };
    const b = { tokens: tokensB, focus: 1, row: [0.1, 0.8, 0.1, 0] };
    const { shared, p, q } = alignFocusRows(a, b);
    expect(shared).toEqual(['the', 'closed']);
    expect(Array.from(p)).toEqual([0.5, 0.5, 0]);
    expect(Array.from(q).map((v) => +v.toFixed(12))).toEqual([0.5, 0.5, 0]);
    expect(focusDivergence(a, b)).toBeCloseTo(0, 12);
  });

  it('is NaN when a focus word has no weight on its context; rejects bad indices', () => {
    const a = { tokens: A, focus: FOCUS_A, row: [0, 1, 0, 0, 0, 0, 0] };
    const b = { tokens: B, focus: FOCUS_B, row: [0.1, 0.1, 0.1, 0.1, 0.1, 0.4, 0.1] };
    expect(focusDivergence(a, b)).toBeNaN();
    expect(() => focusDivergence({ ...a, focus: 7 }, b)).toThrow(RangeError);
    expect(() => focusDivergence({ ...a, row: [1] }, b)).toThrow(RangeError);
  });
});

describe('ranking heads by focus divergence', () => {
  const t = 7;
  /** A head whose focus row is `row` (other rows uniform). */
  const headWith = (focus: number, row: number[]) =>
    matrix(t, t, (q, k) => (q === focus ? row[k]! : 1 / t));
  // Context distributions over [the, ., other]:
  const sameA = [0.1, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1]; // [0.2/0.6·…] = [1/3, 1/6, 1/2]
  const sameB = [0.1, 0.1, 0.05, 0.05, 0.2, 0.4, 0.1]; // [1/3, 1/6, 1/2]
  const disjointA = [0.5, 0.5, 0, 0, 0, 0, 0]; // [1, 0, 0]
  const disjointB = [0, 0, 0, 0, 0, 0.5, 0.5]; // [0, 1, 0]
  const halfA = [0.2, 0.4, 0.1, 0.1, 0.1, 0.1, 0]; // [½, 0, ½]
  const halfB = [0.1, 0.1, 0.05, 0.05, 0, 0.4, 0.3]; // [0, ½, ½]
  const noneA = [0, 1, 0, 0, 0, 0, 0]; // no context mass: NaN

  const stackA = stackOf(
    [
      [headWith(FOCUS_A, sameA), headWith(FOCUS_A, disjointA)],
      [headWith(FOCUS_A, noneA), headWith(FOCUS_A, halfA)],
    ],
    t,
  );
  const stackB = stackOf(
    [
      [headWith(FOCUS_B, sameB), headWith(FOCUS_B, disjointB)],
      [headWith(FOCUS_B, sameB), headWith(FOCUS_B, halfB)],
    ],
    t,
  );
  const sideA = { stack: stackA, tokens: A, focus: FOCUS_A };
  const sideB = { stack: stackB, tokens: B, focus: FOCUS_B };

  it('computes the [layers][heads] grid', () => {
    const grid = focusDivergenceGrid(sideA, sideB);
    expect(grid).toHaveLength(4);
    expect(grid[0]).toBeCloseTo(0, 6);
    expect(grid[1]).toBeCloseTo(1, 6);
    expect(grid[2]).toBeNaN();
    expect(grid[3]).toBeCloseTo(0.5, 6);
  });

  it('ranks most different first, NaN last', () => {
    const ranked = rankHeadsByFocusDivergence(sideA, sideB);
    expect(ranked.map(({ layer, head }) => [layer, head])).toEqual([
      [0, 1],
      [1, 1],
      [0, 0],
      [1, 0],
    ]);
    expect(ranked[0]!.divergence).toBeCloseTo(1, 6);
  });

  it('rejects stacks of different shapes or tokens that do not fit', () => {
    const small = stackOf([[headWith(FOCUS_B, sameB)]], t);
    expect(() => focusDivergenceGrid(sideA, { ...sideB, stack: small })).toThrow(RangeError);
    expect(() => focusDivergenceGrid(sideA, { ...sideB, tokens: B.slice(1) })).toThrow(RangeError);
  });
});

describe('sharedWords', () => {
  it('proposes the words both sentences contain, skipping punctuation', () => {
    expect(sharedWords(A, B)).toEqual([
      { word: 'the', indicesA: [0, 4], indicesB: [4] },
      { word: 'bank', indicesA: [1], indicesB: [5] },
    ]);
  });

  it('is case-insensitive and skips special tokens and word pieces', () => {
    const a = ['[CLS]', 'The', 'Bank', 'play', '##ing', ',', '[SEP]'];
    const b = ['<s>', 'ĠBANK', 'Ġplay', '##ing', 'Ġ,', '[SEP]'];
    expect(sharedWords(a, b).map((w) => w.word)).toEqual(['bank', 'play']);
    expect(sharedWords(a, [])).toEqual([]);
  });
});

describe('difference', () => {
  it('returns B − A and the largest magnitude for a symmetric scale', () => {
    const { values, maxAbs } = difference([0.5, 0.25, 0], Float32Array.of(0.25, 0.5, 0.75));
    expect(Array.from(values)).toEqual([-0.25, 0.25, 0.75]);
    expect(maxAbs).toBe(0.75);
    expect(difference([0.5, 0.5], [1, 0]).maxAbs).toBe(0.5);
  });

  it('is zero for equal inputs, ignores non-finite values for the scale, checks lengths', () => {
    expect(difference([0.1, 0.2], [0.1, 0.2])).toEqual({ values: new Float32Array(2), maxAbs: 0 });
    expect(difference([0, 0], [NaN, -2]).maxAbs).toBe(2);
    expect(() => difference([1], [1, 2])).toThrow(RangeError);
  });
});
