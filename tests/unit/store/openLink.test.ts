/** The page's first run: a link's state is applied before it, so a link means one run, the link's. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EXAMPLE_SENTENCES,
  resetAppStore,
  setEngineClient,
  startApp,
  useAppStore,
} from '../../../src/store';
import { encodeShareFragment, snapshotShareState } from '../../../src/share';
import { FakeClient } from './fakeClient';

const TABS = ['attention', 'heads', 'compare'];
let client: FakeClient;
const state = () => useAppStore.getState();

beforeEach(() => {
  resetAppStore();
  client = new FakeClient();
  setEngineClient(client);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
});

/** What the engine was asked to run, in order. */
const requested = () => client.runs.map((r) => [r.request.slot, r.request.text]);

describe('startApp', () => {
  it('opening a link runs each sentence once, with the link’s text (never the defaults first)', async () => {
    const fragment = await encodeShareFragment({
      ...snapshotShareState(state()),
      sentences: { A: 'The river bank is muddy.', B: 'I paid at the bank.' },
      tab: 'compare',
      layer: 1,
      head: 2,
    });
    const started = startApp(useAppStore, `#${fragment}`, TABS);
    // Nothing runs while the link is being decoded.
    expect(client.runs).toHaveLength(0);
    const result = await started;
    expect(result?.ok).toBe(true);
    expect(requested()).toEqual([
      ['A', 'The river bank is muddy.'],
      ['B', 'I paid at the bank.'],
    ]);
    expect([state().tab, state().layer, state().head]).toEqual(['compare', 1, 2]);
    expect(state().shareNotices).toEqual([]);
  });

  it('a playground link runs the playground at once, once', async () => {
    const fragment = await encodeShareFragment({
      ...snapshotShareState(state()),
      model: 'playground',
      sentences: { A: 'alpha beta', B: 'gamma' },
    });
    await startApp(useAppStore, `#${fragment}`, TABS);
    expect(requested()).toEqual([
      ['A', 'alpha beta'],
      ['B', 'gamma'],
    ]);
    expect(client.runs.every((r) => r.request.model.kind === 'playground')).toBe(true);
  });

  it('no link: the default sentences run at once (synchronously)', () => {
    void startApp(useAppStore, '', TABS);
    expect(requested()).toEqual([
      ['A', EXAMPLE_SENTENCES.A],
      ['B', EXAMPLE_SENTENCES.B],
    ]);
  });

  it('an unreadable link: the defaults run once, and the page says why', async () => {
    const result = await startApp(useAppStore, '#s=bm90LWEtcmVhbC1saW5r', TABS);
    expect(result).toEqual({ ok: false, reason: 'corrupt' });
    expect(requested()).toEqual([
      ['A', EXAMPLE_SENTENCES.A],
      ['B', EXAMPLE_SENTENCES.B],
    ]);
    expect(state().shareNotices).toEqual([{ kind: 'unreadable', reason: 'corrupt' }]);
  });
});
