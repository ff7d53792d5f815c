/**
 * The engine worker's Hugging Face loads (src/worker/hf-model.ts) build the model while the
 * weights stream in from the Hub: a load gives the model a whole-file build gives (same attention,
 * exactly); a download cut short posts the loader's readable error and leaves no tensor behind;
 * the previous model keeps working.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createModel, liveTensorCount } from '../../../src/engine';
import { loadHfModel } from '../../../src/loader/hf';
import type { HfWorker } from '../../../src/worker/hf-model';
import type { RunRequest, WorkerResponse } from '../../../src/worker/protocol';
import { ensureBackend, makeHfWorker } from '../worker/harness';
import { fixtureDir } from '../hf/helpers';
import { BASE, fakeFetch, type FakeOptions } from './fakeHub';

beforeAll(async () => {
  await ensureBackend('wasm');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const makeWorker = () => makeHfWorker();

const ID = 'tiny-qwen2';
const hubRequest = { kind: 'hub', id: ID, revision: 'main', baseUrl: BASE } as const;

async function load(hf: HfWorker, requestId: number, fake: FakeOptions = {}): Promise<void> {
  vi.stubGlobal('fetch', fakeFetch(fake));
  await hf.load(requestId, { source: hubRequest, backend: 'wasm' }, new AbortController().signal);
}

const run = (key: string): RunRequest => ({
  slot: 'A',
  text: 'The bank by the river',
  model: { kind: 'hf', key },
  mask: { kind: 'none' },
  backend: 'wasm',
  maxTokens: 512,
});

/** Every attention weight of one run, layer after layer. */
function attention(posted: WorkerResponse[], requestId: number): number[] {
  const values: number[] = [];
  for (const m of posted)
    if (m.type === 'layer' && m.requestId === requestId) values.push(...m.layer.weights);
  return values;
}

describe('hf-model: built while the weights stream in', () => {
  it('the same attention as a whole-file build; a cut download leaks nothing', async () => {
    const { hf, posted } = makeWorker();
    const before = liveTensorCount();
    let atLastChunk = -1;
    await load(hf, 1, { onLastChunk: () => (atLastChunk = liveTensorCount()) });
    expect(atLastChunk).toBeGreaterThan(before); // uploads began before the last byte
    const loaded = posted.find((m) => m.type === 'hf-loaded');
    if (loaded?.type !== 'hf-loaded') throw new Error(JSON.stringify(posted.at(-1)));
    const model = { kind: 'hf', key: loaded.info.key } as const;
    await hf.execute(2, run(loaded.info.key), model, new AbortController().signal);
    const streamed = attention(posted, 2);
    expect(streamed.length).toBeGreaterThan(0);

    // The reference: the same files read whole, the model built after.
    const whole = await loadHfModel(
      { kind: 'hub', id: ID, baseUrl: BASE },
      { cache: null, fetch: fakeFetch() },
    );
    const reference = createModel(whole.config, whole.weights);
    const ids = posted.flatMap((m) =>
      m.type === 'tokens' && m.requestId === 2 ? m.tokens.map((t) => t.id) : [],
    );
    const result = await reference.run({ sourceIds: ids });
    reference.dispose();
    expect(streamed).toEqual([...result.stacks[0]!.weights]);

    // A second load of another revision, cut short: the loader's error, no tensor left behind.
    const live = liveTensorCount();
    const size = readFileSync(path.join(fixtureDir(ID), 'model.safetensors')).length;
    const cutAt = Math.floor(size * 0.8);
    vi.stubGlobal('fetch', fakeFetch({ cutAt }));
    await hf.load(
      3,
      { source: { ...hubRequest, revision: 'main', baseUrl: `${BASE}/` }, backend: 'wasm' },
      new AbortController().signal,
    );
    const error = posted.find((m) => m.type === 'hf-error' && m.requestId === 3);
    expect(error).toMatchObject({
      code: 'truncated',
      message: `${ID}: model.safetensors ended after ${cutAt} of ${size} bytes (the download was cut; try again)`,
    });
    expect(liveTensorCount()).toBe(live);
    // The first model still runs.
    await hf.execute(4, run(loaded.info.key), model, new AbortController().signal);
    expect(attention(posted, 4)).toEqual(streamed);
  });
});
