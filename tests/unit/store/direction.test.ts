/**
 * The translator's direction: the pure swap rule for example sentences, and the store action that
 * loads only the chosen direction's folder, swaps untouched examples, keeps typed text, and the
 * share link that carries the direction (older links open English → Chinese).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DIRECTION_SENTENCES,
  EXAMPLE_SENTENCES,
  resetAppStore,
  sentencesAfterSwitch,
  setDebounceMs,
  setEngineClient,
  TRANSLATOR_URLS,
  useAppStore,
} from '../../../src/store';
import { snapshotShareState, validateSharedState, type ShareContext } from '../../../src/share';
import { COLOR_MAPS, LIMITS } from '../../../src/store';
import { FakeClient } from './fakeClient';

let client: FakeClient;
const state = () => useAppStore.getState();
const urlOf = (slot: 'A' | 'B'): string => {
  const model = client.last(slot).request.model;
  return model.kind === 'translator' ? model.url : model.kind;
};

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  client = new FakeClient();
  setEngineClient(client);
  setDebounceMs(150);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
  vi.useRealTimers();
});

describe('sentencesAfterSwitch', () => {
  it('swaps each slot that still holds the other direction’s example, and only those', () => {
    const zh = DIRECTION_SENTENCES['zh-en'];
    expect(sentencesAfterSwitch(EXAMPLE_SENTENCES, 'en-zh', 'zh-en')).toEqual(zh);
    expect(sentencesAfterSwitch(zh, 'zh-en', 'en-zh')).toEqual(EXAMPLE_SENTENCES);
    const typed = { A: 'My own sentence.', B: EXAMPLE_SENTENCES.B };
    expect(sentencesAfterSwitch(typed, 'en-zh', 'zh-en')).toEqual({
      A: 'My own sentence.',
      B: zh.B,
    });
    // An empty box stays empty; the same direction changes nothing.
    expect(sentencesAfterSwitch({ A: '', B: '' }, 'en-zh', 'zh-en')).toEqual({ A: '', B: '' });
    expect(sentencesAfterSwitch(EXAMPLE_SENTENCES, 'en-zh', 'en-zh')).toEqual(EXAMPLE_SENTENCES);
  });

  it('gives Chinese → English the article’s example in sentence A', () => {
    expect(DIRECTION_SENTENCES['zh-en'].A).toBe('我爱吃苹果。');
    expect(DIRECTION_SENTENCES['en-zh']).toEqual(EXAMPLE_SENTENCES);
  });
});

describe('setDirection', () => {
  it('starts English → Chinese and loads only that folder', () => {
    expect(state().direction).toBe('en-zh');
    state().runAll();
    expect(urlOf('A')).toMatch(/\/models\/en-zh-tiny\/$/);
    expect(client.runs.some((r) => JSON.stringify(r.request.model).includes('zh-en-tiny'))).toBe(
      false,
    );
  });

  it('switches the folder, the examples and re-runs both at once; back restores English', () => {
    state().runAll();
    const before = client.runs.length;
    state().setDirection('zh-en');
    expect(state().direction).toBe('zh-en');
    expect(state().translatorUrl).toBe(TRANSLATOR_URLS['zh-en']);
    expect(state().translatorInfo).toBeNull();
    expect(state().sentences).toEqual(DIRECTION_SENTENCES['zh-en']);
    expect(client.runs.length).toBe(before + 2);
    expect(urlOf('A')).toMatch(/\/models\/zh-en-tiny\/$/);
    expect(client.last('A').request.text).toBe('我爱吃苹果。');
    // The old runs were cancelled: their answers belong to the other model.
    expect(client.runs.slice(0, before).every((r) => r.cancelled)).toBe(true);

    state().setDirection('en-zh');
    expect(state().sentences).toEqual(EXAMPLE_SENTENCES);
    expect(urlOf('B')).toMatch(/\/models\/en-zh-tiny\/$/);
  });

  it('keeps a sentence the person typed', () => {
    state().setSentence('A', '他很高兴。');
    state().setDirection('zh-en');
    state().setDirection('en-zh');
    expect(state().sentences.A).toBe('他很高兴。');
    expect(state().sentences.B).toBe(EXAMPLE_SENTENCES.B);
  });

  it('picks the translator when another model is in use', () => {
    state().setModel('playground');
    state().setDirection('zh-en');
    expect(state().model).toBe('translator');
    expect(urlOf('A')).toMatch(/zh-en-tiny/);
    // Choosing the same direction again from the playground also returns to the translator.
    state().setModel('playground');
    state().setDirection('zh-en');
    expect(state().model).toBe('translator');
  });
});

describe('share links', () => {
  const ctx = (): ShareContext => ({
    defaults: { ...snapshotShareState(state()), focus: null },
    tabs: ['attention'],
    colorMaps: COLOR_MAPS,
    limits: LIMITS,
  });

  it('writes the direction only for Chinese → English', () => {
    expect('direction' in snapshotShareState(state())).toBe(false);
    state().setDirection('zh-en');
    expect(snapshotShareState(state()).direction).toBe('zh-en');
  });

  it('an old link (no direction) opens English → Chinese even on a Chinese → English page', () => {
    state().setDirection('zh-en');
    const { direction: _unused, ...old } = snapshotShareState(state());
    const decoded = validateSharedState(old, ctx());
    expect(decoded.ok && decoded.state.direction).toBeUndefined();
    if (!decoded.ok) throw new Error('refused');
    state().restoreShared(decoded);
    expect(state().direction).toBe('en-zh');
    expect(urlOf('A')).toMatch(/en-zh-tiny/);
  });

  it('a Chinese → English link restores the direction and its folder; a bad value is reported', () => {
    const link = {
      ...snapshotShareState(state()),
      direction: 'zh-en',
      sentences: { A: '我爱吃苹果。', B: '' },
    };
    const decoded = validateSharedState(link, ctx());
    if (!decoded.ok) throw new Error('refused');
    state().restoreShared(decoded);
    expect(state().direction).toBe('zh-en');
    expect(state().translatorUrl).toBe(TRANSLATOR_URLS['zh-en']);
    expect(urlOf('A')).toMatch(/zh-en-tiny/);

    const bad = validateSharedState({ ...link, direction: 'fr-de' }, ctx());
    expect(bad.ok && bad.issues).toEqual([{ field: 'direction', code: 'unknown' }]);
    expect(bad.ok && bad.state.direction).toBeUndefined();
  });
});
