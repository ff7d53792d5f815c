import { describe, expect, it } from 'vitest';
import { sharedWords } from '../../../../src/analysis';
import {
  buildRankingRows,
  focusBars,
  focusSide,
  mergeLabels,
  proposeFocus,
  rankFocusHeads,
  resolveFocus,
  type FocusInput,
} from '../../../../src/views/compare/ranking';

const A = ['The', 'bank', 'is', 'near', 'the', 'river', '.'];
const B = ['I', 'deposited', 'money', 'in', 'the', 'bank', '.'];

/** A self-attention input whose heads are given by weight functions (same for every layer). */
function input(
  tokens: string[],
  layers: number,
  heads: ((q: number, k: number) => number)[],
): FocusInput {
  const t = tokens.length;
  const data = Array.from({ length: layers }, () => {
    const d = new Float32Array(heads.length * t * t);
    heads.forEach((w, h) => {
      for (let q = 0; q < t; q++) {
        let sum = 0;
        for (let k = 0; k < t; k++) sum += w(q, k);
        for (let k = 0; k < t; k++) d[(h * t + q) * t + k] = w(q, k) / sum;
      }
    });
    return d;
  });
  return {
    block: { layers, heads: heads.length, queryLength: t, keyLength: t },
    colTokens: tokens,
    data,
    sameTokens: true,
  };
}

describe('focus word', () => {
  it('proposes the longest shared word: "bank" for the default sentences', () => {
    const words = sharedWords(A, B);
    expect(words.map((w) => w.word)).toEqual(['the', 'bank']);
    expect(proposeFocus(words)?.word).toBe('bank');
    expect(proposeFocus([])).toBeUndefined();
  });

  it('keeps a chosen word while it is shared, else falls back to the proposal', () => {
    const words = sharedWords(A, B);
    expect(resolveFocus(words, 'the')?.word).toBe('the');
    expect(resolveFocus(words, 'river')?.word).toBe('bank');
    expect(resolveFocus(words, null)?.indicesB).toEqual([5]);
  });
});

describe('focusSide', () => {
  it('uses the key row as is for self-attention over one sequence', () => {
    const a = input(A, 1, [() => 1]);
    const side = focusSide(a, 0, 0, 1);
    expect(side.focus).toBe(1);
    expect(side.tokens).toBe(A);
    expect(side.row).toHaveLength(7);
  });

  it('adds a zero-weight stand-in for the focus when the rows are not the keys', () => {
    const cross: FocusInput = {
      block: { layers: 1, heads: 1, queryLength: 2, keyLength: 3 },
      colTokens: ['a', 'b', 'c'],
      data: [new Float32Array([0.2, 0.3, 0.5, 1, 0, 0])],
      sameTokens: false,
    };
    const side = focusSide(cross, 0, 0, 0);
    expect(side.tokens).toHaveLength(4);
    expect(side.focus).toBe(3);
    expect(Array.from(side.row, (v) => Math.round(v * 10) / 10)).toEqual([0.2, 0.3, 0.5, 0]);
  });
});

describe('rankFocusHeads', () => {
  // Head 0 attends the same context word in both ("the"); head 1 attends "river" in A but "money"
  // in B (unshared words, pooled together as "other"); head 2 attends "the" in A, "." in B.
  const headsA = [
    (_q: number, k: number) => (A[k] === 'the' ? 5 : 0.01),
    (_q: number, k: number) => (A[k] === 'river' ? 5 : 0.01),
    (_q: number, k: number) => (A[k] === 'the' ? 5 : 0.01),
  ];
  const headsB = [
    (_q: number, k: number) => (B[k] === 'the' ? 5 : 0.01),
    (_q: number, k: number) => (B[k] === 'money' ? 5 : 0.01),
    (_q: number, k: number) => (B[k] === '.' ? 5 : 0.01),
  ];
  const a = input(A, 2, headsA);
  const b = input(B, 2, headsB);

  it('ranks the head whose focus row moves most first, ties in layer-then-head order', () => {
    const ranking = rankFocusHeads(a, 1, b, 5);
    expect(ranking).toHaveLength(6);
    expect(ranking.slice(0, 2).map((r) => `${r.layer}.${r.head}`)).toEqual(['0.2', '1.2']);
    expect(ranking[0]!.divergence).toBeGreaterThan(0.5);
    // heads 0 and 1 look at the same bucket on both sides: near 0
    for (const r of ranking.slice(2)) expect(r.divergence).toBeLessThan(0.05);
    for (let i = 1; i < ranking.length; i++)
      expect(ranking[i]!.divergence).toBeLessThanOrEqual(ranking[i - 1]!.divergence);
  });

  it('is empty when the shapes or focus indices do not fit', () => {
    expect(rankFocusHeads(a, 1, input(B, 1, headsB), 5)).toEqual([]);
    expect(rankFocusHeads(a, 99, b, 5)).toEqual([]);
  });

  it('builds table rows with ranks, labels, bars and patterns', () => {
    const ranking = rankFocusHeads(a, 1, b, 5);
    const patterns = Array.from({ length: 6 }, () => 'broad' as const);
    const rows = buildRankingRows(ranking, 3, patterns, null, 4);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      rank: 1,
      layer: 0,
      head: 2,
      label: 'L1 H3',
      bar: 1,
      patternA: 'broad',
      patternB: null,
    });
    expect(rows[3]!.bar).toBeLessThan(0.1);
    const withNaN = buildRankingRows([{ layer: 0, head: 0, divergence: NaN }], 1, null, null);
    expect(withNaN[0]!.bar).toBe(0);
  });
});

describe('focusBars and labels', () => {
  it('lists every key in order, marking the focus', () => {
    const bars = focusBars([0.1, 0.6, 0.3], ['a', 'b', 'c'], 1);
    expect(bars.map((b) => [b.token, b.isFocus])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
  });

  it('keeps the heaviest keys, still in sentence order, when there are too many', () => {
    const row = [0.05, 0.4, 0.05, 0.3, 0.2];
    const bars = focusBars(row, ['a', 'b', 'c', 'd', 'e'], -1, 3);
    expect(bars.map((b) => b.token)).toEqual(['b', 'd', 'e']);
  });

  it('merges the labels of two equally long sentences', () => {
    expect(mergeLabels(['the', 'bank'], ['the', 'river'])).toEqual(['the', 'bank/river']);
  });
});
