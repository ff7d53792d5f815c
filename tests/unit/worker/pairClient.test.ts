import { describe, expect, it, vi } from 'vitest';
import type { TrainedModel } from '../../../src/analysis/trainedModel';
import { DEFAULT_MODEL } from '../../../src/store';
import { engineWorkerCount } from '../../../src/store/engineClient';
import type {
  EngineClient,
  HfLoadHandlers,
  ImportanceHandlers,
  RunHandlers,
} from '../../../src/worker/client';
import { createLazyClient } from '../../../src/worker/lazyClient';
import { createPairClient, DEFAULT_MIRROR_BUDGET_BYTES } from '../../../src/worker/pairClient';
import type {
  HfLoadRequest,
  HfModelInfo,
  ModelRequest,
  RunRequest,
  RunSlot,
} from '../../../src/worker/protocol';
import type { TileAnswer, TileQuery } from '../../../src/worker/tileProtocol';

/** A client that records every call; its ids start at `base` so translations show. */
function fakeClient(base: number) {
  let nextId = base;
  const runs: { id: number; request: RunRequest; handlers: RunHandlers }[] = [];
  const loads: { id: number; request: HfLoadRequest; handlers: HfLoadHandlers }[] = [];
  const measures: { id: number; handlers: ImportanceHandlers }[] = [];
  const cancelled: number[] = [];
  const tiles: TileQuery[] = [];
  const lost: ((backend: 'webgl' | 'wasm' | 'cpu' | 'webgpu') => void)[] = [];
  const client = {
    run: vi.fn((request: RunRequest, handlers: RunHandlers) => {
      runs.push({ id: ++nextId, request, handlers });
      return nextId;
    }),
    loadHf: vi.fn((request: HfLoadRequest, handlers: HfLoadHandlers) => {
      loads.push({ id: ++nextId, request, handlers });
      return nextId;
    }),
    measureImportance: vi.fn((_request: unknown, handlers: ImportanceHandlers) => {
      measures.push({ id: ++nextId, handlers });
      return nextId;
    }),
    requestTile: vi.fn((query: TileQuery) => {
      tiles.push(query);
      return Promise.resolve({ rows: query.rows, cols: query.cols } as TileAnswer);
    }),
    onBackendLost: vi.fn((listener: (typeof lost)[number]) => lost.push(listener)),
    loseWebglContext: vi.fn(),
    cancel: vi.fn((id: number) => cancelled.push(id)),
    dispose: vi.fn(),
  } satisfies EngineClient;
  return { client, runs, loads, measures, cancelled, tiles, lost };
}

const PLAYGROUND: ModelRequest = { kind: 'playground', options: DEFAULT_MODEL };

const run = (slot: RunSlot, model: ModelRequest = PLAYGROUND): RunRequest => ({
  slot,
  text: `text of ${slot}`,
  model,
  mask: { kind: 'none' },
  backend: 'wasm',
  maxTokens: 512,
});

const handlers = (): RunHandlers => ({
  onTokens: vi.fn(),
  onProgress: vi.fn(),
  onTranslation: vi.fn(),
  onStart: vi.fn(),
  onLayer: vi.fn(),
  onDone: vi.fn(),
  onError: vi.fn(),
});

const loadHandlers = () => ({
  onProgress: vi.fn<HfLoadHandlers['onProgress']>(),
  onLoaded: vi.fn<HfLoadHandlers['onLoaded']>(),
  onSaved: vi.fn<NonNullable<HfLoadHandlers['onSaved']>>(),
  onError: vi.fn<HfLoadHandlers['onError']>(),
});

const FILES: HfLoadRequest = { source: { kind: 'files', files: [] }, backend: 'wasm' };
const HUB: HfLoadRequest = {
  source: { kind: 'hub', id: 'org/model', revision: 'main' },
  backend: 'wasm',
};

const info = (key: string, parameters: number, fromCache = false): HfModelInfo => ({
  key,
  name: 'model',
  source: 'files',
  revision: null,
  modelType: 'bert',
  family: 'bert',
  architecture: 'encoder',
  layers: 2,
  heads: 2,
  dModel: 8,
  vocabSize: 10,
  maxTokens: 512,
  supportsPairs: true,
  parameters,
  bytesRead: 4 * parameters,
  fromCache,
  dtypes: ['F32'],
  kvHeads: 2,
  predicts: false,
  fillsMask: false,
});

const SMALL = 1_000_000; // 4 MB of float32 weights

function setup() {
  const first = fakeClient(100);
  const second = fakeClient(200);
  const pair = createPairClient(first.client, second.client, { startWarm: true });
  return { first, second, pair };
}

describe('createPairClient: routing', () => {
  it('sends B slots to the second client and every other slot to the first', () => {
    const { first, second, pair } = setup();
    const slots: RunSlot[] = [
      'A',
      'B',
      'teach-A',
      'teach-B',
      'teach-mask',
      'teach-pad-A',
      'teach-pad-B',
    ];
    for (const slot of slots) pair.run(run(slot), handlers());
    expect(first.runs.map((r) => r.request.slot)).toEqual([
      'A',
      'teach-A',
      'teach-mask',
      'teach-pad-A',
    ]);
    expect(second.runs.map((r) => r.request.slot)).toEqual(['B', 'teach-B', 'teach-pad-B']);
  });

  it('lets the second client serve self-contained models (translator, trained)', () => {
    const { first, second, pair } = setup();
    const translator: ModelRequest = { kind: 'translator', url: 'http://x/models/t/' };
    const trained: ModelRequest = { kind: 'trained', model: { key: 't1' } as TrainedModel };
    pair.run(run('B', translator), handlers());
    pair.run(run('B', trained), handlers());
    pair.run(run('A', translator), handlers());
    expect(second.runs.map((r) => r.request.model.kind)).toEqual(['translator', 'trained']);
    expect(first.runs.map((r) => r.request.model.kind)).toEqual(['translator']);
    // The request reaches the worker unchanged.
    expect(second.runs[0]!.request).toEqual(run('B', translator));
  });

  it('keeps B runs of a Hugging Face checkpoint on the first client until the second has it', () => {
    const { first, second, pair } = setup();
    pair.run(run('B', { kind: 'hf', key: 'files:1' }), handlers());
    expect(first.runs).toHaveLength(1);
    expect(second.runs).toHaveLength(0);
  });

  it('measures importance on the first client', () => {
    const { first, second, pair } = setup();
    const h = { onProgress: vi.fn(), onDone: vi.fn(), onError: vi.fn() };
    const id = pair.measureImportance!(
      { slot: 'B', text: 'x', model: PLAYGROUND, backend: 'wasm', maxTokens: 8, mode: 'zero' },
      h,
    );
    expect(first.measures).toHaveLength(1);
    expect(second.client.measureImportance).not.toHaveBeenCalled();
    first.measures[0]!.handlers.onProgress(1, 4);
    expect(h.onProgress).toHaveBeenCalledWith(1, 4);
    pair.cancel(id);
    expect(first.cancelled).toEqual([first.measures[0]!.id]);
  });
});

describe('createPairClient: warming the second client up', () => {
  it("runs B's first run in the first client, replays it quietly in the second, then moves B there", () => {
    const first = fakeClient(100);
    const second = fakeClient(200);
    const pair = createPairClient(first.client, second.client);
    const h = handlers();
    pair.run(run('B'), h);
    expect(first.runs.map((r) => r.request.slot)).toEqual(['B']);
    expect(second.runs).toHaveLength(0); // the cold start pays for one worker
    first.runs[0]!.handlers.onDone([], 3);
    expect(h.onDone).toHaveBeenCalledTimes(1);
    expect(second.runs).toHaveLength(1);
    expect(second.runs[0]!.request).toEqual(run('B'));

    // Until the warm-up is done, B stays on the first; its answers reach no one.
    pair.run(run('B'), handlers());
    expect(first.runs).toHaveLength(2);
    const warmUp = second.runs[0]!.handlers;
    warmUp.onTokens([], 0, 0, 512);
    warmUp.onDone([], 9);
    expect(h.onTokens).not.toHaveBeenCalled();
    expect(h.onDone).toHaveBeenCalledTimes(1);

    pair.run(run('B'), handlers());
    pair.run(run('teach-B'), handlers());
    expect(second.runs.map((r) => r.request.slot)).toEqual(['B', 'B', 'teach-B']);
    // One warm-up only, even after more B runs end in the first.
    first.runs[1]!.handlers.onDone([], 3);
    expect(second.runs).toHaveLength(3);
  });

  it('keeps B on the first when the warm-up fails, and tries again after the next B run', () => {
    const first = fakeClient(100);
    const second = fakeClient(200);
    const pair = createPairClient(first.client, second.client);
    pair.run(run('B'), handlers());
    first.runs[0]!.handlers.onDone([], 3);
    second.runs[0]!.handlers.onError('no translator', 'load');
    pair.run(run('B'), handlers());
    expect(first.runs).toHaveLength(2);
    first.runs[1]!.handlers.onDone([], 3);
    expect(second.runs).toHaveLength(2);
  });

  it('does not warm up on sentence A or on Hugging Face B runs', () => {
    const first = fakeClient(100);
    const second = fakeClient(200);
    const pair = createPairClient(first.client, second.client);
    pair.run(run('A'), handlers());
    pair.run(run('B', { kind: 'hf', key: 'files:1' }), handlers());
    for (const r of first.runs) r.handlers.onDone([], 1);
    expect(second.runs).toHaveLength(0);
  });
});

describe('createPairClient: Hugging Face checkpoints in both workers', () => {
  it('loads a small checkpoint quietly into the second client after the first, then runs B there', () => {
    const { first, second, pair } = setup();
    const h = loadHandlers();
    pair.loadHf!(FILES, h);
    expect(first.loads).toHaveLength(1);
    expect(second.loads).toHaveLength(0); // not before the first has it
    first.loads[0]!.handlers.onLoaded(info('files:7', SMALL));
    expect(h.onLoaded).toHaveBeenCalledTimes(1);
    expect(second.loads).toHaveLength(1);
    expect(second.loads[0]!.request).toBe(FILES);

    // While the second loads, B stays on the first.
    pair.run(run('B', { kind: 'hf', key: 'files:7' }), handlers());
    expect(first.runs).toHaveLength(1);

    // The second worker names its copy by its own key; nothing of its load reaches the caller.
    const quiet = second.loads[0]!.handlers;
    quiet.onProgress({ stage: 'weights' } as never);
    quiet.onLoaded(info('files:1', SMALL));
    expect(h.onProgress).not.toHaveBeenCalled();
    expect(h.onLoaded).toHaveBeenCalledTimes(1);

    pair.run(run('B', { kind: 'hf', key: 'files:7', pair: 'second text' }), handlers());
    expect(second.runs).toHaveLength(1);
    expect(second.runs[0]!.request.model).toEqual({
      kind: 'hf',
      key: 'files:1',
      pair: 'second text',
    });
    // Sentence A stays on the first, under the first's key.
    pair.run(run('A', { kind: 'hf', key: 'files:7' }), handlers());
    expect(first.runs.at(-1)!.request.model).toEqual({ kind: 'hf', key: 'files:7' });
  });

  it('keeps a checkpoint over the memory budget in one worker (loader estimate, else weights)', () => {
    const { first, second, pair } = setup();
    pair.loadHf!(FILES, loadHandlers());
    const big = DEFAULT_MIRROR_BUDGET_BYTES + 1;
    first.loads[0]!.handlers.onProgress({ stage: 'weights', size: { engineBytes: big } } as never);
    first.loads[0]!.handlers.onLoaded(info('files:1', SMALL));
    expect(second.loads).toHaveLength(0);

    pair.loadHf!(FILES, loadHandlers());
    first.loads[1]!.handlers.onLoaded(info('files:2', Math.ceil(big / 4)));
    expect(second.loads).toHaveLength(0);

    // A budget of the caller's choosing.
    const a = fakeClient(0);
    const b = fakeClient(50);
    const roomy = createPairClient(a.client, b.client, {
      mirrorBudgetBytes: 10 * big,
      startWarm: true,
    });
    roomy.loadHf!(FILES, loadHandlers());
    a.loads[0]!.handlers.onLoaded(info('files:1', Math.ceil(big / 4)));
    expect(b.loads).toHaveLength(1);
  });

  it('waits for Hub files to be kept in Cache Storage before loading them again', () => {
    const { first, second, pair } = setup();
    const h = loadHandlers();
    pair.loadHf!(HUB, h);
    first.loads[0]!.handlers.onLoaded(info('hub:org/model@main', SMALL));
    expect(second.loads).toHaveLength(0);
    first.loads[0]!.handlers.onSaved!();
    expect(h.onSaved).toHaveBeenCalledTimes(1);
    expect(second.loads).toHaveLength(1);

    // Files that came from the cache: at once.
    pair.loadHf!(HUB, loadHandlers());
    first.loads[1]!.handlers.onLoaded(info('hub:org/other@main', SMALL, true));
    expect(second.loads).toHaveLength(2);
  });

  it('forgets what the second had when a new checkpoint loads, and stops its quiet load', () => {
    const { first, second, pair } = setup();
    pair.loadHf!(FILES, loadHandlers());
    first.loads[0]!.handlers.onLoaded(info('files:1', SMALL));
    second.loads[0]!.handlers.onLoaded(info('files:1', SMALL));
    pair.run(run('B', { kind: 'hf', key: 'files:1' }), handlers());
    expect(second.runs).toHaveLength(1);

    pair.loadHf!(FILES, loadHandlers());
    pair.run(run('B', { kind: 'hf', key: 'files:1' }), handlers());
    expect(first.runs).toHaveLength(1); // no longer the second's

    first.loads[1]!.handlers.onLoaded(info('files:2', SMALL));
    expect(second.loads).toHaveLength(2);
    pair.loadHf!(FILES, loadHandlers()); // before the second finished
    expect(second.cancelled).toContain(second.loads[1]!.id);
    // A late answer of the stopped load changes nothing.
    second.loads[1]!.handlers.onLoaded(info('files:2', SMALL));
    pair.run(run('B', { kind: 'hf', key: 'files:2' }), handlers());
    expect(second.runs).toHaveLength(1);
  });

  it('gets the second copy back when the same checkpoint is loaded again', () => {
    const { first, second, pair } = setup();
    pair.loadHf!(HUB, loadHandlers());
    first.loads[0]!.handlers.onLoaded(info('hub:k', SMALL, true));
    second.loads[0]!.handlers.onLoaded(info('hub:k', SMALL, true));
    pair.loadHf!(HUB, loadHandlers());
    first.loads[1]!.handlers.onLoaded(info('hub:k', SMALL, false));
    pair.run(run('B', { kind: 'hf', key: 'hub:k' }), handlers());
    expect(second.runs).toHaveLength(1);
    expect(second.loads).toHaveLength(1); // not loaded a third time
  });

  it('keeps B on the first when the quiet load fails', () => {
    const { first, second, pair } = setup();
    const h = loadHandlers();
    pair.loadHf!(FILES, h);
    first.loads[0]!.handlers.onLoaded(info('files:1', SMALL));
    second.loads[0]!.handlers.onError('out of memory', 'other');
    expect(h.onError).not.toHaveBeenCalled();
    pair.run(run('B', { kind: 'hf', key: 'files:1' }), handlers());
    expect(first.runs).toHaveLength(1);
    expect(second.runs).toHaveLength(0);
  });
});

describe('createPairClient: ids, supersession, tiles', () => {
  /** A pair whose second client serves checkpoint 'files:1' under the key 'inner:1'. */
  function mirroredPair() {
    const s = setup();
    s.pair.loadHf!(FILES, loadHandlers());
    s.first.loads[0]!.handlers.onLoaded(info('files:1', SMALL));
    return { ...s, ready: () => s.second.loads[0]!.handlers.onLoaded(info('inner:1', SMALL)) };
  }

  it('supersedes a slot run on the other client: cancelled there, its handlers silenced', () => {
    const { first, second, pair, ready } = mirroredPair();
    const old = handlers();
    pair.run(run('B', { kind: 'hf', key: 'files:1' }), old); // on the first: not mirrored yet
    ready();
    const fresh = handlers();
    pair.run(run('B', { kind: 'hf', key: 'files:1' }), fresh); // on the second
    expect(first.cancelled).toEqual([first.runs[0]!.id]);
    // Even if the first still answers, nothing reaches the store.
    first.runs[0]!.handlers.onLayer({} as never);
    first.runs[0]!.handlers.onDone([], 1);
    first.runs[0]!.handlers.onError('late', 'run');
    expect(old.onLayer).not.toHaveBeenCalled();
    expect(old.onDone).not.toHaveBeenCalled();
    expect(old.onError).not.toHaveBeenCalled();
    second.runs[0]!.handlers.onDone([], 5);
    expect(fresh.onDone).toHaveBeenCalledWith([], 5);
  });

  it('lets a client supersede its own runs (no extra cancel) and silences stale ones', () => {
    const { first, second, pair } = setup();
    const old = handlers();
    pair.run(run('B'), old);
    pair.run(run('B'), handlers());
    pair.run(run('A'), handlers());
    expect(second.cancelled).toEqual([]);
    expect(first.cancelled).toEqual([]);
    second.runs[0]!.handlers.onTokens([], 0, 0, 512);
    expect(old.onTokens).not.toHaveBeenCalled();
  });

  it('passes optional handlers only when the caller has them', () => {
    const { second, pair } = setup();
    pair.run(run('B'), handlers());
    expect(second.runs[0]!.handlers.onPredictions).toBeUndefined();
    const h = { ...handlers(), onPredictions: vi.fn(), onHeadMetrics: vi.fn() };
    pair.run(run('B'), h);
    second.runs[1]!.handlers.onPredictions!(null, 'no head');
    second.runs[1]!.handlers.onHeadMetrics!('encoder-self', {} as never);
    expect(h.onPredictions).toHaveBeenCalledWith(null, 'no head');
    expect(h.onHeadMetrics).toHaveBeenCalledTimes(1);
  });

  it('returns its own ids and translates them for cancel', () => {
    const { first, second, pair } = setup();
    const a = pair.run(run('A'), handlers());
    const b = pair.run(run('B'), handlers());
    expect(new Set([a, b]).size).toBe(2);
    expect([a, b]).not.toContain(first.runs[0]!.id);
    pair.cancel(b);
    expect(second.cancelled).toEqual([second.runs[0]!.id]);
    expect(first.cancelled).toEqual([]);
    pair.cancel(a);
    expect(first.cancelled).toEqual([first.runs[0]!.id]);
    pair.cancel(12345); // unknown: nothing
    expect(first.cancelled).toHaveLength(1);
    // A cancelled run no longer supersedes anything on its client.
    pair.run(run('A'), handlers());
    expect(first.cancelled).toHaveLength(1);
  });

  it('cancels a checkpoint load on the first client by its id there', () => {
    const { first, pair } = setup();
    const id = pair.loadHf!(FILES, loadHandlers());
    pair.cancel(id);
    expect(first.cancelled).toEqual([first.loads[0]!.id]);
  });

  it('sends a tile request to the client that ran the run, with its id there', async () => {
    const { first, second, pair } = setup();
    const a = pair.run(run('A'), handlers());
    const b = pair.run(run('B'), handlers());
    const query = (id: number, slot: RunSlot): TileQuery => ({
      slot,
      run: id,
      kind: 'encoder-self',
      layer: 0,
      heads: [0],
      rows: [0, 4],
      cols: [0, 4],
      maxRows: 4,
      maxCols: 4,
    });
    await pair.requestTile!(query(b, 'B'));
    await pair.requestTile!(query(a, 'A'));
    expect(second.tiles).toEqual([query(second.runs[0]!.id, 'B')]);
    expect(first.tiles).toEqual([query(first.runs[0]!.id, 'A')]);
    // A superseded run's tiles are refused with a readable error.
    pair.run(run('B'), handlers());
    await expect(pair.requestTile!(query(b, 'B'))).rejects.toThrow(/run the sentence again/);
  });

  it('forwards backend loss, webgl loss and dispose to both clients', () => {
    const { first, second, pair } = setup();
    const listener = vi.fn();
    pair.onBackendLost!(listener);
    first.lost[0]!('webgl');
    second.lost[0]!('webgl');
    expect(listener).toHaveBeenCalledTimes(2);
    pair.loseWebglContext!();
    expect(first.client.loseWebglContext).toHaveBeenCalledTimes(1);
    expect(second.client.loseWebglContext).toHaveBeenCalledTimes(1);
    pair.dispose();
    expect(first.client.dispose).toHaveBeenCalledTimes(1);
    expect(second.client.dispose).toHaveBeenCalledTimes(1);
  });
});

describe('createLazyClient', () => {
  it('makes its client on the first run only, and hands it earlier listeners', () => {
    const inner = fakeClient(0);
    const create = vi.fn(() => inner.client);
    const lazy = createLazyClient(create);
    const listener = vi.fn();
    lazy.onBackendLost!(listener);
    lazy.loseWebglContext!();
    lazy.cancel(3);
    expect(create).not.toHaveBeenCalled();
    expect(lazy.started()).toBe(false);
    const id = lazy.run(run('B'), handlers());
    expect(create).toHaveBeenCalledTimes(1);
    expect(id).toBe(inner.runs[0]!.id);
    inner.lost[0]!('webgl');
    expect(listener).toHaveBeenCalledWith('webgl');
    lazy.run(run('B'), handlers());
    expect(create).toHaveBeenCalledTimes(1);
    lazy.dispose();
    expect(inner.client.dispose).toHaveBeenCalledTimes(1);
  });

  it('never makes a worker just to dispose it', () => {
    const create = vi.fn(() => fakeClient(0).client);
    createLazyClient(create).dispose();
    expect(create).not.toHaveBeenCalled();
  });

  it('starts the second worker of a pair only once sentence B has run in the first', () => {
    const first = fakeClient(0);
    const create = vi.fn(() => fakeClient(50).client);
    const pair = createPairClient(first.client, createLazyClient(create));
    pair.run(run('A'), handlers());
    pair.run(run('B'), handlers());
    pair.onBackendLost!(vi.fn());
    expect(create).not.toHaveBeenCalled();
    first.runs[1]!.handlers.onDone([], 1);
    expect(create).toHaveBeenCalledTimes(1);
    pair.dispose();
  });

  it('never starts the second worker of a pair that only runs sentence A', () => {
    const first = fakeClient(0);
    const create = vi.fn(() => fakeClient(50).client);
    const pair = createPairClient(first.client, createLazyClient(create));
    pair.run(run('A'), handlers());
    first.runs[0]!.handlers.onDone([], 1);
    pair.dispose();
    expect(create).not.toHaveBeenCalled();
  });
});

describe('engineWorkerCount', () => {
  it('uses two workers from two cores up unless the URL says ?workers=1', () => {
    expect(engineWorkerCount(2, '')).toBe(2);
    expect(engineWorkerCount(8, '?lang=en')).toBe(2);
    expect(engineWorkerCount(1, '')).toBe(1);
    expect(engineWorkerCount(undefined, '')).toBe(1);
    expect(engineWorkerCount(4, '?workers=1')).toBe(1);
    expect(engineWorkerCount(4, '?test-hooks&workers=1')).toBe(1);
  });
});
