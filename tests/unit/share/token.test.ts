/**
 * The Hugging Face access token stays in the page's memory: it goes with the load request to the
 * worker, and never into a share link (snapshot, fragment) or the store's saved preferences.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, setEngineClient, useAppStore } from '../../../src/store';
import { encodeShareFragment, snapshotShareState } from '../../../src/share';
import type { HfLoadHandlers } from '../../../src/worker/client';
import type { HfLoadRequest, HfModelInfo } from '../../../src/worker/protocol';
import { FakeClient } from '../store/fakeClient';

class FakeHubClient extends FakeClient {
  loads: { request: HfLoadRequest; handlers: HfLoadHandlers }[] = [];
  loadHf(request: HfLoadRequest, handlers: HfLoadHandlers): number {
    this.loads.push({ request, handlers });
    return 1000 + this.loads.length;
  }
}

const TOKEN = 'hf_SeCrEtToKeN0123456789';
const GATED: HfModelInfo = {
  key: 'hub:|google/gemma-3-270m@main',
  name: 'google/gemma-3-270m',
  source: 'hub',
  revision: 'main',
  modelType: 'gemma3_text',
  family: 'gemma',
  architecture: 'decoder',
  layers: 2,
  heads: 4,
  dModel: 32,
  vocabSize: 94,
  maxTokens: 48,
  supportsPairs: false,
  parameters: 25_000,
  bytesRead: 106_000,
  fromCache: false,
  dtypes: ['BF16'],
  kvHeads: 1,
  predicts: true,
  fillsMask: false,
};

let client: FakeHubClient;
const state = () => useAppStore.getState();

beforeEach(() => {
  resetAppStore();
  client = new FakeHubClient();
  setEngineClient(client);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
});

describe('access token', () => {
  it('goes with the Hub load request (trimmed), and not when empty', () => {
    state().setHubId('google/gemma-3-270m');
    state().loadHubModel();
    expect(client.loads[0]?.request.source).not.toHaveProperty('token');
    state().setHubToken(`  ${TOKEN} `);
    state().loadHubModel();
    expect(client.loads[1]?.request.source).toMatchObject({ kind: 'hub', token: TOKEN });
  });

  it('never appears in a share link snapshot or fragment', async () => {
    state().setHubToken(TOKEN);
    state().setHubId('google/gemma-3-270m');
    state().loadHubModel();
    client.loads[0]?.handlers.onLoaded(GATED);
    useAppStore.setState({ model: 'hf' });
    expect(state().hub.token).toBe(TOKEN);
    const snapshot = snapshotShareState(state());
    expect(snapshot.hf).toEqual({ id: 'google/gemma-3-270m', revision: 'main', pair: false });
    expect(JSON.stringify(snapshot)).not.toContain(TOKEN);
    expect(JSON.stringify(snapshot)).not.toContain('token');
    const fragment = await encodeShareFragment(snapshot);
    expect(fragment).not.toContain(TOKEN);
  });

  it('is dropped by a store reset (session memory only)', () => {
    state().setHubToken(TOKEN);
    resetAppStore();
    expect(state().hub.token).toBe('');
  });
});
