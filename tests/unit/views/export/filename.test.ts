import { describe, expect, it } from 'vitest';
import { contentWords, exportFileName, slug } from '../../../../src/views/export/filename';

const SAFE = /^[\p{L}\p{N}._-]+$/u;

describe('exportFileName', () => {
  it('names what the picture shows', () => {
    expect(
      exportFileName({
        model: 'en-zh-tiny',
        kind: 'encoder-self',
        layer: 2,
        head: 6,
        sentence: 'The bank is near the river.',
        ext: 'png',
      }),
    ).toBe('atlas_en-zh-tiny_enc_L3H7_bank-river.png');
    expect(
      exportFileName({
        model: 'en-zh-tiny',
        kind: 'cross',
        what: 'all-heads',
        sentence: 'I deposited money in the bank.',
        ext: 'zip',
      }),
    ).toBe('atlas_en-zh-tiny_cross_all-heads_deposited-money.zip');
    expect(exportFileName({ model: 'playground', what: 'result', sentence: '', ext: 'JSON' })).toBe(
      'atlas_playground_result_empty.json',
    );
  });

  it('sanitises anything a file system or shell would choke on', () => {
    const nasty = [
      '../../etc/passwd',
      'CON',
      'a/b\\c:d*e?f"g<h>i|j',
      '<script>alert(1)</script>',
      '\u0000\u001f\u202e evil',
      'x'.repeat(500),
      '   ',
    ];
    for (const text of nasty) {
      const name = exportFileName({
        model: text,
        kind: 'decoder-self',
        layer: 0,
        head: 0,
        sentence: text,
        ext: 'p/n\\g',
      });
      expect(name, text).toMatch(SAFE);
      expect(name.startsWith('atlas_')).toBe(true);
      expect(name).not.toContain('..');
      expect(name.length).toBeLessThanOrEqual(120);
    }
  });
});

describe('slug and contentWords', () => {
  it('drops accents, lower-cases, keeps letters of any script', () => {
    expect(slug('Café Déjà-Vu!')).toBe('cafe-deja-vu');
    expect(slug('银行 在 河边')).toBe('银行-在-河边');
    expect(slug('---')).toBe('');
  });

  it('skips stop words, falls back to any word', () => {
    expect(contentWords('The bank is near the river.')).toEqual(['bank', 'river']);
    expect(contentWords("It's the cat's toy")).toEqual(['cats', 'toy']);
    expect(contentWords('the of and')).toEqual(['the', 'of']);
    expect(contentWords('银行在河边。')).toEqual(['银行在河边']);
    expect(contentWords('')).toEqual([]);
  });
});
