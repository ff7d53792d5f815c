/** The store side of a shared link: restore, clamping with notices, snapshot round trip. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COLOR_MAPS,
  LIMITS,
  resetAppStore,
  setDebounceMs,
  setEngineClient,
  useAppStore,
} from '../../../src/store';
import {
  decodeShareFragment,
  encodeShareFragment,
  snapshotShareState,
  type ShareContext,
} from '../../../src/share';
import { answer, answerTranslation, FakeClient, TRANSLATOR_INFO } from '../store/fakeClient';

let client: FakeClient;
const state = () => useAppStore.getState();
const ctx = (): ShareContext => ({
  defaults: { ...snapshotShareState(state()), focus: null },
  tabs: ['attention', 'heads'],
  colorMaps: COLOR_MAPS,
  limits: LIMITS,
});

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

describe('restoreShared', () => {
  it('a link made from one page restores the same view on a fresh page', async () => {
    useAppStore.setState({
      model: 'playground',
      sentences: { A: 'alpha beta gamma', B: '<script>alert(1)</script>' },
      tab: 'heads',
      layer: 2,
      head: 3,
      mask: { kind: 'window', radius: 1, dilation: 2 },
      playground: { ...state().playground, positional: 'alibi', layers: 5 },
      colorMap: 'cividis',
      colorScale: 'log',
      leaveOutFirst: true,
      weighting: 'value',
      hover: { slot: 'A', query: 1, key: 2 },
    });
    const fragment = await encodeShareFragment(snapshotShareState(state()));

    resetAppStore();
    const result = await decodeShareFragment(fragment, ctx());
    state().restoreShared(result);
    const s = state();
    expect(s.model).toBe('playground');
    expect(s.sentences).toEqual({ A: 'alpha beta gamma', B: '<script>alert(1)</script>' });
    expect([s.tab, s.layer, s.head]).toEqual(['heads', 2, 3]);
    expect(s.mask).toEqual({ kind: 'window', radius: 1, dilation: 2 });
    expect(s.playground.positional).toBe('alibi');
    expect(s.playground.layers).toBe(5);
    expect(s.colorMap).toBe('cividis');
    expect([s.colorScale, s.leaveOutFirst]).toEqual(['log', true]);
    // Value-weighted attention: restored, and the runs ask for the value norms.
    expect(s.weighting).toBe('value');
    expect(client.last('A').request.valueNorms).toBe(true);
    expect(s.hover).toEqual({ slot: 'A', query: 1, key: 2 });
    expect(s.shareNotices).toEqual([]);
    // Both sentences re-run with the restored model.
    expect(client.last('A').request.model).toMatchObject({ kind: 'playground' });
    expect(client.last('B').request.text).toBe('<script>alert(1)</script>');
  });

  it('playground: layer 999 / head 99 are clamped at once, with a notice', async () => {
    const fragment = await encodeShareFragment({
      ...snapshotShareState(state()),
      model: 'playground',
      layer: 998,
      head: 98,
    });
    state().restoreShared(await decodeShareFragment(fragment, ctx()));
    const s = state();
    expect([s.layer, s.head]).toEqual([s.playground.layers - 1, s.playground.heads - 1]);
    expect(s.shareNotices).toEqual([
      { kind: 'clamped', requestedLayer: 998, requestedHead: 98, layer: 3, head: 3 },
    ]);
  });

  it('translator: layer/head wait for its shape, then clamp with a notice', async () => {
    const fragment = await encodeShareFragment({
      ...snapshotShareState(state()),
      model: 'translator',
      kind: 'cross',
      layer: 998,
      head: 1,
    });
    state().restoreShared(await decodeShareFragment(fragment, ctx()));
    expect(state().pendingView).toEqual({ layer: 998, head: 1 });
    expect(state().layer).toBeLessThan(LIMITS.layers.max);
    answerTranslation(client.last('A'), state().sentences.A, '银行');
    const s = state();
    expect(s.pendingView).toBeNull();
    expect([s.kind, s.layer, s.head]).toEqual(['cross', TRANSLATOR_INFO.decoderLayers - 1, 1]);
    expect(s.shareNotices).toEqual([
      {
        kind: 'clamped',
        requestedLayer: 998,
        requestedHead: 1,
        layer: TRANSLATOR_INFO.decoderLayers - 1,
        head: 1,
      },
    ]);
  });

  it('translator: an in-range layer/head is kept silently', async () => {
    const fragment = await encodeShareFragment({
      ...snapshotShareState(state()),
      kind: 'decoder-self',
      layer: 2,
      head: 3,
    });
    state().restoreShared(await decodeShareFragment(fragment, ctx()));
    answerTranslation(client.last('A'), state().sentences.A, '银行');
    expect([state().layer, state().head]).toEqual([2, 3]);
    expect(state().shareNotices).toEqual([]);
  });

  it('a malformed link keeps the defaults and says so', async () => {
    const before = snapshotShareState(state());
    state().restoreShared(await decodeShareFragment('#s=not-a-real-link', ctx()));
    expect(snapshotShareState(state())).toEqual(before);
    expect(state().shareNotices).toEqual([{ kind: 'unreadable', reason: 'corrupt' }]);
    state().dismissShareNotices();
    expect(state().shareNotices).toEqual([]);
  });

  it('invalid fields are listed in one notice; the rest is applied', async () => {
    state().restoreShared({
      ok: true,
      state: { ...snapshotShareState(state()), sentences: { A: 'new A', B: 'new B' } },
      issues: [
        { field: 'model', code: 'unknown' },
        { field: 'tab', code: 'unknown' },
      ],
    });
    expect(state().sentences).toEqual({ A: 'new A', B: 'new B' });
    expect(state().shareNotices).toEqual([{ kind: 'fields', fields: ['model', 'tab'] }]);
  });

  it('heads that do not divide d_model are normalised and reported', () => {
    const shared = snapshotShareState(state());
    state().restoreShared({
      ok: true,
      state: {
        ...shared,
        model: 'playground',
        playground: { ...shared.playground, dModel: 64, heads: 7 },
      },
      issues: [],
    });
    expect(state().playground.heads).toBe(4);
    expect(state().shareNotices).toEqual([{ kind: 'fields', fields: ['playground.heads'] }]);
  });

  it('restoring drops results of the previous state', () => {
    state().setModel('playground');
    answer(client.last('A'), state().sentences.A, 4, 4);
    expect(state().runs.A.blocks.length).toBe(1);
    state().restoreShared({ ok: true, state: snapshotShareState(state()), issues: [] });
    expect(state().runs.A.blocks).toEqual([]);
    expect(state().runs.A.state).toBe('loading');
  });
});

describe('display preferences', () => {
  it('theme and colour map have defaults and setters', () => {
    expect(state().theme).toBe('system');
    expect(state().colorMap).toBe('viridis');
    state().setTheme('dark');
    state().setColorMap('magma');
    expect([state().theme, state().colorMap]).toEqual(['dark', 'magma']);
  });

  it('colour scale and "leave out the first token" have defaults and setters', () => {
    expect([state().colorScale, state().leaveOutFirst]).toEqual(['linear', false]);
    state().setColorScale('log');
    state().setLeaveOutFirst(true);
    expect([state().colorScale, state().leaveOutFirst]).toEqual(['log', true]);
  });
});
