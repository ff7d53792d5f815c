/** The "Which heads tell the two banks apart?" card's pure reading of a measured ranking. */
import { describe, expect, it } from 'vitest';
import {
  BANK_WORDS,
  bankVerdict,
  headsToSwitchOff,
  senseWord,
  summarizeBankHeads,
} from '../../../src/views/teach/sameword/bankHeads';

describe('senseWord', () => {
  it('finds the first word of the list the text contains', () => {
    expect(senseWord('我把钱存进了银行。')).toBe('银行');
    expect(senseWord('河岸就在附近。')).toBe('河岸');
    expect(senseWord('岸边很近。')).toBe('岸');
    expect(senseWord('它在河边。')).toBeNull();
    expect(senseWord('', BANK_WORDS)).toBeNull();
  });
  it('takes its words as data', () => {
    expect(senseWord('the river bank', ['shore', 'bank'])).toBe('bank');
    expect(senseWord('anything', [''])).toBeNull();
  });
});

describe('bankVerdict', () => {
  it('keeps or loses the baseline’s word', () => {
    expect(bankVerdict('我把钱存进了银行。', '我们把钱存进了银行。')).toEqual({
      word: '银行',
      changes: false,
    });
    expect(bankVerdict('河岸在河边。', '河在河边。')).toEqual({ word: '河岸', changes: true });
    // The same word must stay: another sense word counts as a change.
    expect(bankVerdict('我去了银行。', '我去了河岸。')).toEqual({ word: '银行', changes: true });
  });
  it('compares the whole translation when the baseline has none of the words', () => {
    expect(bankVerdict('它很近。', '它很近。')).toEqual({ word: null, changes: false });
    expect(bankVerdict('它很近。', '它在附近。')).toEqual({ word: null, changes: true });
  });
  it('changes nothing without an output', () => {
    expect(bankVerdict('我去了银行。', undefined)).toEqual({ word: '银行', changes: false });
  });
});

describe('summarizeBankHeads', () => {
  const head = (layer: number, h: number, score: number, output: string) => ({
    kind: 'cross',
    layer,
    head: h,
    score,
    output,
    changed: output !== '我把钱存进了银行。',
  });
  const heads = [
    head(0, 0, 0.5, '我把钱存进了银行。'),
    head(0, 1, 7.7, '我们把钱存进了银行。'),
    head(1, 0, 2, '我把钱存进银行。'),
    head(1, 1, 3, '我把钱存进了银行。'),
    head(1, 2, Number.NaN, '我把钱存进了银行。'),
    head(1, 3, 1, '我把钱放进了银行。'),
  ];

  it('ranks, keeps the top and finds no single head that flips the word', () => {
    const s = summarizeBankHeads(heads, '我把钱存进了银行。');
    expect(s.word).toBe('银行');
    expect(s.total).toBe(6);
    expect(s.top.map((h) => [h.layer, h.head, h.rank])).toEqual([
      [0, 1, 1],
      [1, 1, 2],
      [1, 0, 3],
      [1, 3, 4],
      [0, 0, 5],
    ]);
    expect(s.top.every((h) => !h.verdict.changes)).toBe(true);
    expect(s.flips).toEqual([]);
    expect(s.together.map((h) => [h.layer, h.head])).toEqual([
      [0, 1],
      [1, 1],
      [1, 0],
    ]);
  });

  it('finds a head that flips the word, even outside the top', () => {
    const river = [
      head(0, 0, 5, '银行就在河岸附近。'),
      head(0, 1, 0.1, '银行就在河附近。'),
      head(1, 0, 3, '银行就在河岸附近。'),
    ];
    const s = summarizeBankHeads(river, '银行就在河岸附近。', { words: ['河岸'], top: 2 });
    expect(s.word).toBe('河岸');
    expect(s.top).toHaveLength(2);
    expect(s.flips.map((h) => [h.layer, h.head])).toEqual([[0, 1]]);
  });
});

describe('headsToSwitchOff', () => {
  it('leaves out the heads already off', () => {
    const want = [
      { kind: 'cross', layer: 0, head: 1 },
      { kind: 'cross', layer: 1, head: 1 },
      { kind: 'encoder-self', layer: 0, head: 1 },
    ];
    expect(headsToSwitchOff(want, [{ kind: 'cross', layer: 1, head: 1 }])).toEqual([
      want[0],
      want[2],
    ]);
    expect(headsToSwitchOff(want, want)).toEqual([]);
  });
});
