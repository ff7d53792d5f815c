import { describe, expect, it } from 'vitest';
import { translate, type TranslateFn } from '../../../../src/i18n';
import { readoutText } from '../../../../src/views/heatmap-zoom/readoutText';

const en: TranslateFn = (key, params) => translate('en', key, params);
const zh: TranslateFn = (key, params) => translate('zh', key, params);
const four = (v: number) => v.toFixed(4);
const tokens = ['<s>', 'The', 'cat', 'sat'];

describe('hover readout words', () => {
  it('names a cell by 1-based positions, both tokens and the exact weight', () => {
    const cell = { exact: true as const, query: 3, key: 1, weight: 0.123456 };
    expect(readoutText(en, cell, tokens, tokens, four)).toBe('#4 sat → #2 The: 0.1235');
    expect(readoutText(zh, cell, tokens, tokens, four)).toBe('#4 sat → #2 The: 0.1235');
  });

  it('names a pooled block by its inclusive 1-based ranges, max and mean', () => {
    const block = {
      exact: false as const,
      rows: [32, 40] as [number, number],
      cols: [16, 24] as [number, number],
      max: 0.5,
      mean: 0.0625,
    };
    expect(readoutText(en, block, tokens, tokens, four)).toBe(
      'Queries 33–40 × keys 17–24: max 0.5000, mean 0.0625',
    );
    expect(readoutText(zh, block, tokens, tokens, four)).toBe(
      '查询 33–40 × 键 17–24：最大 0.5000，平均 0.0625',
    );
    expect(readoutText(en, null, tokens, tokens, four)).toBe('');
  });
});
