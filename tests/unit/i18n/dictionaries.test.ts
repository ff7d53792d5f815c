import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { teachEn } from '../../../src/i18n/features/teach.en';
import { teachZh } from '../../../src/i18n/features/teach.zh';
import { trainEn } from '../../../src/i18n/features/train.en';
import { trainZh } from '../../../src/i18n/features/train.zh';
import { detectLanguage } from '../../../src/i18n/language';
import { format, translate } from '../../../src/i18n/translate';
import { zh } from '../../../src/i18n/zh';

type Dictionary = Record<string, string>;
const FEATURES = path.resolve(import.meta.dirname, '../../../src/i18n/features');
/** Each feature dictionary file (eager or lazy): name → its one exported object. */
const features = new Map<string, Dictionary>();

beforeAll(async () => {
  for (const file of readdirSync(FEATURES).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(path.join(FEATURES, file))) as Record<string, Dictionary>;
    const values = Object.values(module);
    expect(values, file).toHaveLength(1);
    features.set(file, values[0]!);
  }
});

/** The whole app's strings: the first page's and the lazy teaching views'. */
const allEn: Dictionary = { ...en, ...teachEn, ...trainEn };
const allZh: Dictionary = { ...zh, ...teachZh, ...trainZh };

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('dictionaries', () => {
  it('English and Chinese have exactly the same keys, on the first page and in all', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(allZh).sort()).toEqual(Object.keys(allEn).sort());
  });

  it('every feature dictionary has a Chinese twin with exactly the same keys', () => {
    const english = [...features.keys()].filter((f) => f.endsWith('.en.ts'));
    expect(english.length).toBeGreaterThanOrEqual(5);
    expect(features.size).toBe(english.length * 2);
    for (const file of english) {
      const twin = features.get(file.replace(/\.en\.ts$/, '.zh.ts'));
      expect(twin, file).toBeDefined();
      expect(Object.keys(twin!).sort(), file).toEqual(Object.keys(features.get(file)!).sort());
    }
  });

  it('leaves the teaching strings out of the first page, apart from the tab labels', () => {
    const eager = new Set(Object.keys(en));
    expect(Object.keys(teachEn).filter((key) => eager.has(key))).toEqual([]);
    expect(Object.keys(teachEn).length).toBeGreaterThan(200);
    expect([...eager].filter((k) => k.startsWith('tab.teach.'))).toHaveLength(12);
  });

  it('no string is empty', () => {
    for (const dict of [allEn, allZh])
      for (const [key, value] of Object.entries(dict)) expect(value.trim(), key).not.toBe('');
  });

  it('each key uses the same placeholders in both languages', () => {
    for (const key of Object.keys(allEn)) {
      expect(placeholders(allZh[key]!), key).toEqual(placeholders(allEn[key]!));
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
