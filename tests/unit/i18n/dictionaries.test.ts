import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { detectLanguage } from '../../../src/i18n/language';
import { format, translate } from '../../../src/i18n/translate';
import { zh } from '../../../src/i18n/zh';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('dictionaries', () => {
  it('English and Chinese have exactly the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('no string is empty', () => {
    for (const dict of [en, zh])
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
  });

  it('each key uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('keeps the strings the browser tests rely on', () => {
    expect(en['input.sentenceA']).toBe('Sentence A');
    expect(en['input.sentenceB']).toBe('Sentence B');
    expect(en['view.layer']).toBe('Layer');
    expect(en['view.head']).toBe('Head');
    expect(en['heatmap.empty']).toBe('Type a sentence to see its attention.');
    expect(translate('en', 'heatmap.label', { name: 'Sentence A', layer: 1, head: 2 })).toBe(
      'Sentence A, layer 1, head 2',
    );
    expect(translate('en', 'tokens.listLabel', { name: 'Sentence A' })).toBe(
      'Tokens of Sentence A',
    );
    expect(translate('en', 'truncated.notice', { max: 512, dropped: 37 })).toBe(
      'Showing the first 512 tokens; 37 dropped.',
    );
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(format('no params')).toBe('no params');
    expect(format('{x}{x}', { x: 'y' })).toBe('yy');
  });
});

describe('detectLanguage', () => {
  it('picks Chinese for any zh tag, English otherwise', () => {
    expect(detectLanguage('zh-CN')).toBe('zh');
    expect(detectLanguage('zh-Hant-TW')).toBe('zh');
    expect(detectLanguage(['fr-FR', 'zh'])).toBe('zh');
    expect(detectLanguage(['en-GB', 'zh'])).toBe('en');
    expect(detectLanguage('de')).toBe('en');
    expect(detectLanguage(undefined)).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });
});
