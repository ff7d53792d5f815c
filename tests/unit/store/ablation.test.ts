/** Switched-off heads in the store: toggles, requests, re-runs, dropping, and the share link. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeadRef } from '../../../src/engine';
import {
  decodeShareFragment,
  encodeShareFragment,
  MAX_SHARED_ABLATED_HEADS,
  snapshotShareState,
  validateSharedState,
  type ShareContext,
} from '../../../src/share';
import {
  COLOR_MAPS,
  LIMITS,
  modelHeadShape,
  resetAppStore,
  setDebounceMs,
  setEngineClient,
  totalHeads,
  useAppStore,
} from '../../../src/store';
import { answer, answerTranslation, FakeClient, TRANSLATOR_INFO } from './fakeClient';

let client: FakeClient;
const state = () => useAppStore.getState();
const ctx = (): ShareContext => ({
  defaults: { ...snapshotShareState(state()), focus: null },
  tabs: ['attention', 'heads'],
  colorMaps: COLOR_MAPS,
  limits: LIMITS,
});
const enc = (layer: number, head: number): HeadRef => ({ kind: 'encoder-self', layer, head });

/** Opens the playground (4 layers × 4 heads, encoder) and answers both sentences. */
function playground(): void {
  state().setModel('playground');
  answer(client.last('A'), state().sentences.A, 4, 4);
  answer(client.last('B'), state().sentences.B, 4, 4);
}

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

describe('switching heads off', () => {
  it('starts with every head on, zero ablation, and runs carry no ablation', () => {
    expect(state().ablation).toEqual({ heads: [], mode: 'zero' });
    playground();
    expect(client.last('A').request.ablation).toBeUndefined();
    expect(client.last('B').request.ablation).toBeUndefined();
  });

  it('a toggle switches a head off (sorted, once), re-runs both sentences, and back on', () => {
    playground();
    const before = client.runs.length;
    state().toggleHeadOff(enc(2, 1));
    state().toggleHeadOff(enc(0, 3));
    expect(state().ablation.heads).toEqual([enc(0, 3), enc(2, 1)]);
    // Each toggle ran A and B at once, with the heads off.
    expect(client.runs.length).toBe(before + 4);
    expect(client.last('A').request.ablation).toEqual({
      heads: [enc(0, 3), enc(2, 1)],
      mode: 'zero',
    });
    expect(client.last('B').request.ablation).toEqual({
      heads: [enc(0, 3), enc(2, 1)],
      mode: 'zero',
    });
    state().toggleHeadOff(enc(2, 1));
    expect(state().ablation.heads).toEqual([enc(0, 3)]);
    expect(client.last('B').request.ablation?.heads).toEqual([enc(0, 3)]);
    state().toggleHeadOff(enc(0, 3));
    expect(state().ablation.heads).toEqual([]);
    expect(client.last('A').request.ablation).toBeUndefined();
    expect(client.last('B').request.ablation).toBeUndefined();
  });

  it('"switch all back on" clears the heads and re-runs; with none off it does nothing', () => {
    playground();
    state().toggleHeadOff(enc(1, 1));
    state().toggleHeadOff(enc(1, 2));
    const before = client.runs.length;
    state().switchAllHeadsOn();
    expect(state().ablation.heads).toEqual([]);
    expect(client.runs.length).toBe(before + 2);
    expect(client.last('A').request.ablation).toBeUndefined();
    state().switchAllHeadsOn();
    expect(client.runs.length).toBe(before + 2);
  });

  it('the mode travels with the heads; changing it re-runs only while a head is off', () => {
    playground();
    let before = client.runs.length;
    state().setAblationMode('mean');
    expect(state().ablation.mode).toBe('mean');
    expect(client.runs.length).toBe(before);
    state().toggleHeadOff(enc(3, 0));
    expect(client.last('A').request.ablation).toEqual({ heads: [enc(3, 0)], mode: 'mean' });
    before = client.runs.length;
    state().setAblationMode('zero');
    expect(client.runs.length).toBe(before + 2);
    expect(client.last('B').request.ablation).toEqual({ heads: [enc(3, 0)], mode: 'zero' });
    state().setAblationMode('zero');
    expect(client.runs.length).toBe(before + 2);
  });

  it('a new sentence runs with the heads still off', () => {
    playground();
    state().toggleHeadOff(enc(0, 0));
    state().setSentence('A', 'another sentence here');
    vi.runAllTimers();
    expect(client.last('A').request.text).toBe('another sentence here');
    expect(client.last('A').request.ablation?.heads).toEqual([enc(0, 0)]);
  });

  it('heads of another model are dropped when it runs', () => {
    playground();
    state().toggleHeadOff(enc(1, 1));
    state().setModel('translator');
    expect(state().ablation.heads).toEqual([]);
    expect(client.last('A').request.ablation).toBeUndefined();
    expect(client.last('B').request.ablation).toBeUndefined();
    // Back to the playground: they stay forgotten.
    state().setModel('playground');
    expect(client.last('A').request.ablation).toBeUndefined();
  });

  it('a smaller playground drops the heads it no longer has; a new seed keeps them', () => {
    playground();
    state().toggleHeadOff(enc(0, 0));
    state().toggleHeadOff(enc(3, 1));
    state().toggleHeadOff(enc(1, 3));
    state().setPlayground({ seed: 7 });
    vi.runAllTimers();
    expect(client.last('A').request.ablation?.heads).toEqual([enc(0, 0), enc(1, 3), enc(3, 1)]);
    state().setPlayground({ layers: 2, heads: 2 });
    vi.runAllTimers();
    expect(state().ablation.heads).toEqual([enc(0, 0)]);
    expect(client.last('A').request.ablation?.heads).toEqual([enc(0, 0)]);
    // An architecture without the encoder block drops its heads (the last one: none off).
    state().setPlayground({ architecture: 'decoder' });
    vi.runAllTimers();
    expect(state().ablation.heads).toEqual([]);
    expect(client.last('B').request.ablation).toBeUndefined();
  });

  it('translator: heads of every block, counted against its shape', () => {
    state().runAll();
    answerTranslation(client.last('A'), state().sentences.A, '河岸');
    answerTranslation(client.last('B'), state().sentences.B, '银行');
    const shape = modelHeadShape(state());
    // 2 encoder + 3 decoder layers of 4 heads; the decoder has self and cross attention.
    expect(shape && totalHeads(shape)).toBe(4 * (2 + 3 + 3));
    state().toggleHeadOff({ kind: 'cross', layer: 2, head: 3 });
    state().toggleHeadOff(enc(1, 0));
    expect(state().ablation.heads).toEqual([enc(1, 0), { kind: 'cross', layer: 2, head: 3 }]);
    expect(client.last('A').request.ablation?.heads).toHaveLength(2);
    expect(client.last('A').request.model).toMatchObject({ kind: 'translator' });
  });
});

describe('switched-off heads in the share link', () => {
  it('round trip: a fresh page opens with the same heads off and runs with them', async () => {
    playground();
    state().toggleHeadOff(enc(2, 3));
    state().toggleHeadOff(enc(0, 1));
    state().setAblationMode('mean');
    const fragment = await encodeShareFragment(snapshotShareState(state()));

    resetAppStore();
    const result = await decodeShareFragment(fragment, ctx());
    state().restoreShared(result);
    expect(state().ablation).toEqual({ heads: [enc(0, 1), enc(2, 3)], mode: 'mean' });
    expect(state().shareNotices).toEqual([]);
    expect(client.last('A').request.ablation).toEqual({
      heads: [enc(0, 1), enc(2, 3)],
      mode: 'mean',
    });
    expect(client.last('B').request.ablation?.mode).toBe('mean');
  });

  it('a link without switched-off heads opens with every head on, silently', () => {
    const { ablation: _a, ...old } = snapshotShareState(state());
    const result = validateSharedState(old, ctx());
    expect(result.ok && result.state.ablation).toEqual({ heads: [], mode: 'zero' });
    expect(result.ok && result.issues).toEqual([]);
  });

  it('hostile values fall back with issues; bad entries are dropped, duplicates merged', () => {
    const base = { ...snapshotShareState(state()), model: 'playground' as const };
    const check = (ablation: unknown) => {
      const result = validateSharedState({ ...base, ablation }, ctx());
      if (!result.ok) throw new Error('refused');
      return {
        ablation: result.state.ablation,
        issues: result.issues.map((i) => `${i.field}:${i.code}`),
      };
    };
    expect(check('all')).toEqual({
      ablation: { heads: [], mode: 'zero' },
      issues: ['ablation:invalid'],
    });
    expect(check({ heads: 'x', mode: 'half' })).toEqual({
      ablation: { heads: [], mode: 'zero' },
      issues: ['ablation.mode:invalid', 'ablation.heads:invalid'],
    });
    expect(
      check({
        mode: 'mean',
        heads: [
          enc(1, 2),
          enc(1, 2),
          { kind: 'cross', layer: 0, head: 0 }, // not a block of an encoder playground
          { kind: 'encoder-self', layer: -1, head: 0 },
          { kind: 'encoder-self', layer: 1.5, head: 0 },
          { kind: 'encoder-self', layer: 0, head: 1e12 },
          { kind: 'encoder-self', layer: '0', head: 0 },
          null,
          [0, 0],
          { kind: '__proto__', layer: 0, head: 0 },
        ],
      }),
    ).toEqual({
      ablation: { heads: [enc(1, 2)], mode: 'mean' },
      issues: ['ablation.heads:invalid'],
    });
    const many = Array.from({ length: MAX_SHARED_ABLATED_HEADS + 50 }, (_, i) => enc(i, 0));
    const cut = check({ mode: 'zero', heads: many });
    expect(cut.ablation.heads).toHaveLength(MAX_SHARED_ABLATED_HEADS);
    expect(cut.issues).toEqual(['ablation.heads:truncated']);
  });

  it('heads the link’s model lacks are dropped on opening, with a notice', async () => {
    const fragment = await encodeShareFragment({
      ...snapshotShareState(state()),
      model: 'playground',
      ablation: { heads: [enc(0, 0), enc(9, 0), enc(1, 12)], mode: 'zero' },
    });
    const result = await decodeShareFragment(fragment, ctx());
    state().restoreShared(result);
    // The default playground has 4 layers × 4 heads.
    expect(state().ablation.heads).toEqual([enc(0, 0)]);
    expect(state().shareNotices).toEqual([{ kind: 'fields', fields: ['ablation.heads'] }]);
    expect(client.last('A').request.ablation?.heads).toEqual([enc(0, 0)]);
  });

  it('translator not loaded yet: the heads go with the run, and those it lacks are dropped at its start', async () => {
    const fragment = await encodeShareFragment({
      ...snapshotShareState(state()),
      ablation: {
        heads: [enc(1, 1), { kind: 'decoder-self', layer: 7, head: 0 }],
        mode: 'zero',
      },
    });
    state().restoreShared(await decodeShareFragment(fragment, ctx()));
    expect(state().translatorInfo).toBeNull();
    expect(client.last('A').request.ablation?.heads).toHaveLength(2);
    answerTranslation(client.last('A'), state().sentences.A, '河岸', TRANSLATOR_INFO);
    expect(state().ablation.heads).toEqual([enc(1, 1)]);
    state().runAll();
    expect(client.last('B').request.ablation?.heads).toEqual([enc(1, 1)]);
  });

  it('a link made from a model that cannot travel carries no heads', () => {
    const shared = snapshotShareState({
      ...state(),
      model: 'hf',
      ablation: { heads: [enc(0, 0)], mode: 'zero' },
    });
    expect(shared.model).toBe('translator');
    expect(shared.ablation.heads).toEqual([]);
  });
});
