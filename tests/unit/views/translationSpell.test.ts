/** How written pieces spell a translation: Chinese with no gaps, English words with spaces. */
import { describe, expect, it } from 'vitest';
import { spellGaps } from '../../../src/views/translation/spell';

describe('spellGaps', () => {
  it('joins Chinese characters with nothing', () => {
    expect(spellGaps(['银', '行', '。'], '银行。')).toEqual(['', '', '']);
  });

  it('finds the spaces between English words and none before attached punctuation', () => {
    expect(spellGaps(['I', 'love', 'eating', 'apples', '.'], 'I love eating apples.')).toEqual([
      '',
      ' ',
      ' ',
      ' ',
      '',
    ]);
  });

  it('gives null when the pieces do not spell the text', () => {
    expect(spellGaps(['I', '<unk>', 'apples'], 'I apples')).toBeNull();
    expect(spellGaps(['I', 'love'], 'I love it')).toBeNull();
    expect(spellGaps(['I', ''], 'I')).toBeNull();
  });
});
