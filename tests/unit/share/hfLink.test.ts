/**
 * Hugging Face checkpoints in shared links: the Hub id and revision travel (schema round trip,
 * invalid ids fall back with an issue), local-file models do not (with a note), and opening a link
 * loads the checkpoint first, then runs the link's sentences once at the link's layer and head.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  COLOR_MAPS,
  LIMITS,
  resetAppStore,
  setEngineClient,
  startApp,
  useAppStore,
} from '../../../src/store';
import {
  decodeShareFragment,
  encodeShareFragment,
  sharedModelNote,
  snapshotShareState,
  validateSharedState,
  type ShareContext,
  type SharedState,
} from '../../../src/share';
import type { HfLoadHandlers } from '../../../src/worker/client';
import type { HfLoadRequest, HfModelInfo } from '../../../src/worker/protocol';
import { FakeClient } from '../store/fakeClient';

/** The run fake, plus Hugging Face loads answered by hand. */
class FakeHubClient extends FakeClient {
  loads: { request: HfLoadRequest; handlers: HfLoadHandlers }[] = [];
  loadHf(request: HfLoadRequest, handlers: HfLoadHandlers): number {
    this.loads.push({ request, handlers });
    return 1000 + this.loads.length;
  }
}

const BERT: HfModelInfo = {
  key: 'hub:|tiny-bert@v1',
  name: 'tiny-bert',
  source: 'hub',
  revision: 'v1',
  modelType: 'bert',
  family: 'bert',
  architecture: 'encoder',
  layers: 2,
  heads: 4,
  dModel: 32,
  vocabSize: 94,
  maxTokens: 48,
  supportsPairs: true,
  parameters: 25_000,
  bytesRead: 106_000,
  fromCache: true,
  dtypes: ['F32'],
  kvHeads: 2,
  predicts: false,
  fillsMask: false,
};

const TABS = ['attention', 'heads'];
let client: FakeHubClient;
const state = () => useAppStore.getState();
const ctx = (): ShareContext => ({
  defaults: { ...snapshotShareState(state()), focus: null },
  tabs: TABS,
  colorMaps: COLOR_MAPS,
  limits: LIMITS,
});
const requested = () => client.runs.map((r) => [r.request.slot, r.request.text]);

beforeEach(() => {
  resetAppStore();
  client = new FakeHubClient();
  setEngineClient(client);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
});

/** A link made by a page that shows `info` (loaded from the Hub or from files). */
async function linkOf(info: HfModelInfo, patch: Partial<SharedState> = {}): Promise<string> {
  const shown = {
    ...state(),
    model: 'hf' as const,
    hub: { ...state().hub, info, pair: true },
  };
  return `#${await encodeShareFragment({ ...snapshotShareState(shown), ...patch })}`;
}

describe('schema', () => {
  it('a Hub checkpoint round-trips with its id, revision and pair mode', async () => {
    const fragment = await linkOf({ ...BERT, name: 'google-bert/bert-base-uncased' });
    const result = await decodeShareFragment(fragment, ctx());
    expect(result.ok && result.state.model).toBe('hf');
    expect(result.ok && result.state.hf).toEqual({
      id: 'google-bert/bert-base-uncased',
      revision: 'v1',
      pair: true,
    });
    expect(result.ok && result.issues).toEqual([]);
  });

  it('a checkpoint opened from files does not travel: the translator, and a note says why', () => {
    const shown = { ...state(), model: 'hf' as const };
    const files = { ...shown, hub: { ...shown.hub, info: { ...BERT, source: 'files' as const } } };
    expect(snapshotShareState(files)).toMatchObject({ model: 'translator', hf: null });
    expect(sharedModelNote(files)).toBe('files');
    expect(sharedModelNote(shown)).toBe('notLoaded');
    const hub = { ...shown, hub: { ...shown.hub, info: BERT } };
    expect(sharedModelNote(hub)).toBeNull();
    expect(sharedModelNote(state())).toBeNull();
  });

  it.each([
    ['a missing checkpoint', undefined],
    ['a path in the id', { id: '../../etc/passwd', revision: 'main' }],
    ['a URL as id', { id: 'https://evil.example/model', revision: 'main' }],
    ['a bad revision', { id: 'bert-base-uncased', revision: '../main' }],
    ['an id that is not text', { id: 42, revision: 'main' }],
  ])('%s falls back to the default model, with an issue', (_, hf) => {
    const result = validateSharedState({ v: 1, model: 'hf', hf, layer: 1 }, ctx());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.model).toBe('translator');
    expect(result.state.hf).toBeNull();
    expect(result.state.layer).toBe(1);
    expect(result.issues).toEqual([{ field: 'hf', code: 'invalid' }]);
  });

  it('older links without the field still open (hf: null); a missing revision means main', () => {
    const old = validateSharedState({ v: 1, model: 'playground' }, ctx());
    expect(old.ok && old.state).toMatchObject({ model: 'playground', hf: null });
    const noRev = validateSharedState({ v: 1, model: 'hf', hf: { id: 'gpt2' } }, ctx());
    expect(noRev.ok && noRev.state.hf).toEqual({ id: 'gpt2', revision: 'main', pair: false });
    // The field is ignored for other models.
    const other = validateSharedState({ v: 1, model: 'translator', hf: { id: 'gpt2' } }, ctx());
    expect(other.ok && other.state.hf).toBeNull();
  });
});

describe('opening a link with a Hub checkpoint', () => {
  it('loads the checkpoint first, then runs the link’s sentences once at its layer and head', async () => {
    const fragment = await linkOf(BERT, {
      sentences: { A: 'the river bank', B: 'the bank' },
      layer: 1,
      head: 3,
    });
    await startApp(useAppStore, fragment, TABS);
    // Loading: nothing runs on a model that is not there yet.
    expect(client.runs).toHaveLength(0);
    expect(client.loads).toHaveLength(1);
    expect(client.loads[0]!.request.source).toEqual({
      kind: 'hub',
      id: 'tiny-bert',
      revision: 'v1',
    });
    expect(state().model).toBe('hf');
    expect(state().hub).toMatchObject({ id: 'tiny-bert', revision: 'v1', pair: true });
    expect(state().runs.A.state).toBe('loading');

    client.loads[0]!.handlers.onLoaded(BERT);
    // Sentence-pair mode: B rides in A's run.
    expect(requested()).toEqual([['A', 'the river bank']]);
    expect(client.runs[0]!.request.model).toEqual({
      kind: 'hf',
      key: BERT.key,
      pair: 'the bank',
    });
    expect([state().layer, state().head]).toEqual([1, 3]);
    expect(state().shareNotices).toEqual([]);
  });

  it('a layer and head the checkpoint does not have are clamped once it has loaded, with a notice', async () => {
    await startApp(useAppStore, await linkOf(BERT, { layer: 7, head: 9 }), TABS);
    client.loads[0]!.handlers.onLoaded(BERT);
    expect([state().layer, state().head]).toEqual([1, 3]);
    expect(state().shareNotices).toEqual([
      { kind: 'clamped', requestedLayer: 7, requestedHead: 9, layer: 1, head: 3 },
    ]);
  });

  it('a failed load stops the waiting: the sentences say no model has loaded', async () => {
    await startApp(useAppStore, await linkOf(BERT), TABS);
    client.loads[0]!.handlers.onError('tiny-bert was not found on the Hub.', 'not-found');
    expect(state().hub.load.state).toBe('error');
    expect(state().runs.A.state).toBe('error');
    expect(state().runs.A.error).toMatch(/No Hugging Face model is loaded/);
    expect(client.runs).toHaveLength(0);
  });

  it('the checkpoint already loaded: no second load, the sentences run at once', async () => {
    useAppStore.setState({ hub: { ...state().hub, info: BERT } });
    await startApp(useAppStore, await linkOf(BERT, { layer: 1, head: 2 }), TABS);
    expect(client.loads).toHaveLength(0);
    expect(client.runs.map((r) => r.request.model)).toContainEqual(
      expect.objectContaining({ kind: 'hf', key: BERT.key }),
    );
    expect([state().layer, state().head]).toEqual([1, 2]);
  });
});
