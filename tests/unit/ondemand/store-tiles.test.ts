/**
 * The store action requestAttentionTile: a run the store holds answers from its weights, an
 * on-demand run (`?ondemand=N`) asks the worker; both give the same tiles for the same text. The
 * worker runs in process (hf-model.ts + attention-tiles.ts behind the real engine client), so the
 * test covers the client's tile messages and the run slice's head metrics too.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend, type BackendName } from '../../../src/engine';
import { resetAppStore, setEngineClient, useAppStore } from '../../../src/store';
import { ON_DEMAND_ABOVE, onDemandThreshold } from '../../../src/store/attentionTiles';
import { readUrlOptions, refusedUrlParams } from '../../../src/store/urlParams';
import { createTileServer } from '../../../src/worker/attention-tiles';
import { createEngineClient } from '../../../src/worker/client';
import { createHfWorker } from '../../../src/worker/hf-model';
import type {
  BackendStatus,
  HfModelInfo,
  WorkerRequest,
  WorkerResponse,
} from '../../../src/worker/protocol';
import { fixtureFiles } from '../hf/helpers';

let backend: Promise<BackendStatus> | null = null;
const ensureBackend = (requested: BackendName): Promise<BackendStatus> => {
  backend ??= initBackend({ preferred: ['wasm'] }).then((i) => ({ name: i.name, requested }));
  return backend;
};

/** The engine client over an in-process worker that runs Hugging Face checkpoints. */
function inProcessEngine() {
  const listeners: ((event: MessageEvent<WorkerResponse>) => void)[] = [];
  const post = (data: WorkerResponse): void =>
    listeners.forEach((l) => l({ data } as MessageEvent<WorkerResponse>));
  const tiles = createTileServer();
  let queue: Promise<void> = Promise.resolve();
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const done = queue.then(task);
    queue = done.then(
      () => {},
      () => {},
    );
    return done;
  };
  const hf = createHfWorker({
    post,
    ensureBackend,
    enqueue,
    checkSize: () => {},
    runExtras: () => undefined,
    postDone: (requestId, stacks) =>
      post({
        type: 'done',
        requestId,
        masks: stacks.map((s) => ({ kind: s.kind, mask: s.mask })),
        elapsedMs: 1,
      }),
    tiles,
  });
  const client = createEngineClient({
    postMessage(msg: WorkerRequest) {
      if (msg.type === 'run' && msg.model.kind === 'hf') {
        const { requestId, type: _type, ...request } = msg;
        const model = msg.model;
        void enqueue(() => hf.execute(requestId, request, model, new AbortController().signal));
      } else if (msg.type === 'hf-load') {
        const { requestId, type: _type, ...request } = msg;
        void hf.load(requestId, request, new AbortController().signal);
      } else if (msg.type === 'attention-tile') {
        const { requestId, type: _type, ...query } = msg;
        void enqueue(() => {
          try {
            post({ type: 'attention-tile', requestId, tile: tiles.answer(query) });
          } catch (error) {
            post({ type: 'attention-tile-error', requestId, message: (error as Error).message });
          }
          return Promise.resolve();
        });
      }
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      if (type === 'message') listeners.push(listener);
    },
  });
  return { hf, client, tiles };
}

const TEXT = 'The bank is near the river. I deposited money at the bank.';

let lastInfo: HfModelInfo | null = null;

async function runToEnd(): Promise<void> {
  useAppStore.getState().runSentence('A');
  for (let i = 0; i < 400 && useAppStore.getState().runs.A.state === 'loading'; i++)
    await new Promise((r) => setTimeout(r, 5));
  const run = useAppStore.getState().runs.A;
  if (run.state !== 'ready') throw new Error(`run ended ${run.state}: ${run.error}`);
}

beforeAll(async () => {
  await ensureBackend('wasm');
});

afterEach(() => {
  vi.unstubAllGlobals();
  setEngineClient(null);
  resetAppStore();
});

describe('requestAttentionTile', () => {
  it('gives the same tiles from the store (full path) and from the worker (on demand)', async () => {
    const engine = inProcessEngine();
    engine.client.loadHf!(
      { source: { kind: 'files', files: fixtureFiles('tiny-llama') }, backend: 'wasm' },
      {
        onProgress: () => {},
        onLoaded: (info) => {
          lastInfo = info;
        },
        onError: (message) => {
          throw new Error(message);
        },
      },
    );
    for (let i = 0; i < 400 && !lastInfo; i++) await new Promise((r) => setTimeout(r, 5));
    expect(lastInfo).not.toBeNull();
    setEngineClient(engine.client);
    useAppStore.setState((s) => ({
      model: 'hf',
      hub: { ...s.hub, info: lastInfo },
      sentences: { A: TEXT, B: '' },
    }));

    await runToEnd();
    const full = useAppStore.getState().runs.A;
    expect(full.blocks[0]!.onDemand).toBeUndefined();
    expect(full.blocks[0]!.data.every((d) => d !== null)).toBe(true);
    const T = full.blocks[0]!.queryLength;
    const requests = [
      { layer: 0, heads: [0, 1], rows: [0, T], cols: [0, T], maxRows: T, maxCols: T },
      { layer: 1, heads: [3], rows: [2, 11], cols: [0, 9], maxRows: 4, maxCols: 3 },
      // Clamped to the block: the same as [5, T) × [0, T).
      { layer: 1, heads: [1], rows: [5, T + 50], cols: [-3, T], maxRows: 64, maxCols: 64 },
    ] as const;
    const ask = (r: (typeof requests)[number]) =>
      useAppStore.getState().requestAttentionTile({
        slot: 'A',
        kind: 'decoder-self',
        layer: r.layer,
        heads: [...r.heads],
        rows: [r.rows[0], r.rows[1]],
        cols: [r.cols[0], r.cols[1]],
        maxRows: r.maxRows,
        maxCols: r.maxCols,
      });
    const fromStore = await Promise.all(requests.map(ask));
    expect(fromStore[2]!.rows).toEqual([5, T]);

    vi.stubGlobal('location', { search: '?ondemand=4', href: 'http://localhost/?ondemand=4' });
    expect(onDemandThreshold()).toBe(4);
    await runToEnd();
    const onDemand = useAppStore.getState().runs.A;
    const block = onDemand.blocks[0]!;
    expect(block.onDemand).toBe(true);
    expect(block.data.every((d) => d === null)).toBe(true);
    expect(block.headMetrics?.layers).toBe(block.layers);
    expect(block.mask?.rows).toBe(T);
    const fromWorker = await Promise.all(requests.map(ask));
    expect(fromWorker).toEqual(fromStore);

    // A window outside the block, and a stale run, are readable errors.
    await expect(
      useAppStore.getState().requestAttentionTile({
        slot: 'A',
        kind: 'decoder-self',
        layer: 9,
        heads: [0],
        rows: [0, 1],
        cols: [0, 1],
        maxRows: 1,
        maxCols: 1,
      }),
    ).rejects.toThrow(/no layer 10/);
    engine.tiles.release('A');
    await expect(ask(requests[0])).rejects.toThrow(/earlier run/);
    engine.hf.disposeBuilt();
  });
});

describe('?ondemand=N', () => {
  it('sets the threshold; anything but a whole number from 1 is refused', () => {
    const page = 'http://localhost/';
    expect(readUrlOptions('?ondemand=40', page).onDemandAbove).toBe(40);
    expect(readUrlOptions('', page).onDemandAbove).toBeUndefined();
    for (const bad of ['0', '-3', '2.5', 'many', '99999999'])
      expect(refusedUrlParams(`?ondemand=${bad}`, page)).toEqual(['ondemand']);
    expect(onDemandThreshold()).toBe(ON_DEMAND_ABOVE);
  });
});
