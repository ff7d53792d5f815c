/**
 * The store's Hugging Face slice with a fake engine client: loading by id or files (progress,
 * cancel, errors, superseded loads), the runs of the loaded checkpoint (sentence pairs included),
 * the view choices it gives, and the `?hf=` / `?hub=` URL options.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  readUrlOptions,
  resetAppStore,
  setDebounceMs,
  setEngineClient,
  useAppStore,
} from '../../../src/store';
import { HF_NOT_LOADED, hubPairActive } from '../../../src/store/hubSlice';
import { selectViewChoices } from '../../../src/store/selectors';
import { createEngineClient, type HfLoadHandlers } from '../../../src/worker/client';
import type {
  HfLoadRequest,
  HfModelInfo,
  HfProgressInfo,
  ModelRequest,
  WorkerRequest,
  WorkerResponse,
} from '../../../src/worker/protocol';
import { answer, FakeClient } from './fakeClient';

interface FakeLoad {
  requestId: number;
  request: HfLoadRequest;
  handlers: HfLoadHandlers;
  cancelled: boolean;
}

/** The run fake, plus Hugging Face loads driven by hand. */
class FakeHubClient extends FakeClient {
  loads: FakeLoad[] = [];
  private loadId = 1000;

  loadHf(request: HfLoadRequest, handlers: HfLoadHandlers): number {
    const requestId = ++this.loadId;
    this.loads.push({ requestId, request, handlers, cancelled: false });
    return requestId;
  }

  override cancel(requestId: number): void {
    const load = this.loads.find((l) => l.requestId === requestId);
    if (load) load.cancelled = true;
    else super.cancel(requestId);
  }

  lastLoad(): FakeLoad {
    const load = this.loads[this.loads.length - 1];
    if (!load) throw new Error('no load');
    return load;
  }
}

const BERT: HfModelInfo = {
  key: 'hub:|tiny-bert@main',
  name: 'tiny-bert',
  source: 'hub',
  revision: 'main',
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
  fromCache: false,
  dtypes: ['F32'],
  kvHeads: 2,
  predicts: false,
  fillsMask: false,
};

const GPT2: HfModelInfo = {
  ...BERT,
  key: 'hub:|tiny-gpt2@main',
  name: 'tiny-gpt2',
  modelType: 'gpt2',
  family: 'gpt2',
  architecture: 'decoder',
  layers: 3,
  heads: 2,
  maxTokens: 32,
  supportsPairs: false,
};

const progress = (loaded: number, total: number, weightsPercent: number): HfProgressInfo => ({
  stage: 'weights',
  file: 'model.safetensors',
  loaded,
  total,
  bytesLoaded: loaded + 5000,
  weightsPercent,
  part: 1,
  parts: 1,
  fromCache: false,
});

let client: FakeHubClient;
const state = () => useAppStore.getState();
const hfModel = (slot: 'A' | 'B'): ModelRequest => client.last(slot).request.model;

/** Loads `info` by id through the fake and answers it. */
function loadModel(info: HfModelInfo = BERT): FakeLoad {
  state().setHubId(info.name);
  state().loadHubModel();
  const load = client.lastLoad();
  load.handlers.onLoaded(info);
  return load;
}

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  client = new FakeHubClient();
  setEngineClient(client);
  setDebounceMs(0);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
  vi.useRealTimers();
});

describe('hub slice: initial state', () => {
  it('has no model, revision main, no Hub override, pair off', () => {
    const { hub } = state();
    expect(hub.id).toBe('');
    expect(hub.revision).toBe('main');
    expect(hub.baseUrl).toBeNull();
    expect(hub.pair).toBe(false);
    expect(hub.load.state).toBe('idle');
    expect(hub.info).toBeNull();
  });
});

describe('hub slice: loading by id', () => {
  beforeEach(() => state().setModel('hf'));

  it('sends the id (trimmed), the revision and the backend; shows loading and progress', () => {
    state().setHubId('  bert-base-uncased ');
    state().setHubRevision('v1.0');
    state().loadHubModel();
    const load = client.lastLoad();
    expect(load.request).toEqual({
      source: { kind: 'hub', id: 'bert-base-uncased', revision: 'v1.0' },
      backend: 'wasm',
    });
    expect(state().hub.load).toMatchObject({
      state: 'loading',
      label: 'bert-base-uncased',
      source: 'hub',
      requestId: load.requestId,
      progress: null,
    });

    load.handlers.onProgress(progress(500, 1000, 50));
    expect(state().hub.load.progress?.weightsPercent).toBe(50);
    load.handlers.onProgress(progress(1000, 1000, 100));
    expect(state().hub.load.progress?.loaded).toBe(1000);
  });

  it('an empty revision means main; an empty id loads nothing', () => {
    state().loadHubModel();
    expect(client.loads).toHaveLength(0);
    state().setHubId('gpt2');
    state().setHubRevision('  ');
    state().loadHubModel();
    expect(client.lastLoad().request.source).toEqual({ kind: 'hub', id: 'gpt2', revision: 'main' });
  });

  it('loaded: keeps the info and runs both sentences with it', () => {
    const runsBefore = client.runs.length;
    loadModel(BERT);
    expect(state().hub.load.state).toBe('ready');
    expect(state().hub.load.requestId).toBeNull();
    expect(state().hub.info).toEqual(BERT);
    const runs = client.runs.slice(runsBefore);
    expect(runs.map((r) => r.request.slot)).toEqual(['A', 'B']);
    expect(hfModel('A')).toEqual({ kind: 'hf', key: BERT.key });
    expect(client.last('A').request.maxTokens).toBe(48);
    expect(state().runs.A.state).toBe('loading');
    answer(client.last('A'), '[CLS] the bank [SEP]', 2, 4);
    expect(state().runs.A.state).toBe('ready');
  });

  it('says when the offline copy is kept; a newer load forgets it', () => {
    const load = loadModel(BERT);
    expect(state().hub.load.saved).toBe(false);
    load.handlers.onSaved?.();
    expect(state().hub.load.saved).toBe(true);
    const next = loadModel(GPT2);
    expect(state().hub.load.saved).toBe(false);
    load.handlers.onSaved?.(); // the earlier load's late answer
    expect(state().hub.load.saved).toBe(false);
    next.handlers.onSaved?.();
    expect(state().hub.load.saved).toBe(true);
  });

  it('cancel stops the load, says so, and ignores late answers', () => {
    state().setHubId('bert-base-uncased');
    state().loadHubModel();
    const load = client.lastLoad();
    state().cancelHubLoad();
    expect(load.cancelled).toBe(true);
    expect(state().hub.load).toMatchObject({
      state: 'idle',
      cancelled: true,
      label: 'bert-base-uncased',
      requestId: null,
    });
    load.handlers.onProgress(progress(10, 100, 10));
    load.handlers.onLoaded(BERT);
    expect(state().hub.load.state).toBe('idle');
    expect(state().hub.load.progress).toBeNull();
    expect(state().hub.info).toBeNull();
  });

  it('a new load supersedes the one in flight', () => {
    state().setHubId('bert-base-uncased');
    state().loadHubModel();
    const first = client.lastLoad();
    state().setHubId('gpt2');
    state().loadHubModel();
    const second = client.lastLoad();
    expect(first.cancelled).toBe(true);
    first.handlers.onError('late failure', 'network');
    expect(state().hub.load.state).toBe('loading');
    second.handlers.onLoaded(GPT2);
    expect(state().hub.info?.name).toBe('tiny-gpt2');
  });

  it('an error is readable, keeps its code, and leaves the previous model running', () => {
    loadModel(BERT);
    state().setHubId('no-such-model');
    state().loadHubModel();
    const message = 'no-such-model: config.json not found (HTTP 404) — is the model id right?';
    client.lastLoad().handlers.onError(message, 'not-found');
    expect(state().hub.load).toMatchObject({
      state: 'error',
      error: message,
      code: 'not-found',
      requestId: null,
      source: 'hub',
    });
    expect(state().hub.info).toEqual(BERT);
    state().runSentence('A');
    expect(hfModel('A')).toEqual({ kind: 'hf', key: BERT.key });
  });

  it('a cancelled answer from the worker is not shown as an error', () => {
    state().setHubId('gpt2');
    state().loadHubModel();
    client.lastLoad().handlers.onError('Loading was cancelled', 'cancelled');
    expect(state().hub.load.state).toBe('loading');
  });

  it('loads chosen files', () => {
    const files = [new File(['{}'], 'config.json'), new File([''], 'model.safetensors')];
    state().loadHubFiles(files);
    const load = client.lastLoad();
    expect(load.request.source).toEqual({ kind: 'files', files });
    expect(state().hub.load).toMatchObject({
      state: 'loading',
      source: 'files',
      label: 'config.json, model.safetensors',
    });
    load.handlers.onLoaded({ ...BERT, key: 'files:1', name: 'tiny-distilbert', source: 'files' });
    expect(state().hub.load.label).toBe('tiny-distilbert');
    expect(hfModel('A')).toEqual({ kind: 'hf', key: 'files:1' });
    state().loadHubFiles([]);
    expect(client.loads).toHaveLength(1);
  });

  it('an engine without loadHf says so', () => {
    setEngineClient(new FakeClient());
    state().setHubId('gpt2');
    state().loadHubModel();
    expect(state().hub.load.state).toBe('error');
    expect(state().hub.load.code).toBe('other');
  });
});

describe('hub slice: runs and views', () => {
  it('before a model has loaded, the sentences say so and nothing runs', () => {
    const before = client.runs.length;
    state().setModel('hf');
    expect(client.runs.length).toBe(before);
    expect(state().runs.A).toMatchObject({
      state: 'error',
      errorStage: 'load',
      error: HF_NOT_LOADED,
    });
  });

  it('a model loaded while another model is chosen waits for the picker', () => {
    expect(state().model).toBe('translator');
    const before = client.runs.length;
    loadModel(GPT2);
    expect(state().hub.info).toEqual(GPT2);
    expect(state().model).toBe('translator');
    expect(client.runs.length).toBe(before);
    state().setModel('hf');
    expect(state().kind).toBe('decoder-self');
    expect(hfModel('B')).toEqual({ kind: 'hf', key: GPT2.key });
  });

  it('the view choices follow the model: encoder self-attention or causal decoder', () => {
    state().setModel('hf');
    loadModel(BERT);
    expect(selectViewChoices(state())).toEqual({ layers: 2, heads: 4, kinds: ['encoder-self'] });
    expect(state().kind).toBe('encoder-self');
    state().setLayer(9);
    state().setHead(9);
    expect([state().layer, state().head]).toEqual([1, 3]);

    loadModel(GPT2);
    expect(selectViewChoices(state())).toEqual({ layers: 3, heads: 2, kinds: ['decoder-self'] });
    expect(state().kind).toBe('decoder-self');
    expect(state().head).toBe(1);
  });

  it('switching back to the translator runs the translator again', () => {
    state().setModel('hf');
    loadModel(BERT);
    state().setModel('translator');
    expect(hfModel('A')).toMatchObject({ kind: 'translator' });
    expect(state().hub.info).toEqual(BERT); // kept for when the choice comes back
  });
});

describe('hub slice: sentence pairs', () => {
  beforeEach(() => {
    state().setModel('hf');
    loadModel(BERT);
  });

  it('one run of A with B as its pair; B has no run of its own', () => {
    const before = client.runs.length;
    state().setHubPair(true);
    expect(hubPairActive(state())).toBe(true);
    const runs = client.runs.slice(before);
    expect(runs.map((r) => r.request.slot)).toEqual(['A']);
    expect(hfModel('A')).toEqual({
      kind: 'hf',
      key: BERT.key,
      pair: state().sentences.B,
    });
    expect(state().runs.B.state).toBe('empty');
    expect(state().runs.B.tokens).toEqual([]);
  });

  it('typing in B re-runs A’s pair; an empty B runs A alone', () => {
    state().setHubPair(true);
    const before = client.runs.length;
    state().setSentence('B', 'the river');
    expect(client.runs.slice(before).map((r) => r.request.slot)).toEqual(['A']);
    expect(hfModel('A')).toMatchObject({ pair: 'the river' });
    state().setSentence('B', '   ');
    expect(hfModel('A')).toEqual({ kind: 'hf', key: BERT.key });
  });

  it('segments of the pair run reach the block', () => {
    state().setHubPair(true);
    const run = client.last('A');
    run.handlers.onStart({ name: 'wasm', requested: 'wasm' }, [
      {
        kind: 'encoder-self',
        layers: 2,
        heads: 4,
        queryLength: 5,
        keyLength: 5,
        segments: [0, 0, 0, 1, 1],
      },
    ]);
    expect(state().runs.A.blocks[0]?.segments).toEqual([0, 0, 0, 1, 1]);
  });

  it('off again: both sentences run alone', () => {
    state().setHubPair(true);
    const before = client.runs.length;
    state().setHubPair(false);
    expect(client.runs.slice(before).map((r) => r.request.slot)).toEqual(['A', 'B']);
    expect(hfModel('A')).toEqual({ kind: 'hf', key: BERT.key });
  });

  it('a model that reads one text ignores the pair switch', () => {
    state().setHubPair(true);
    loadModel(GPT2);
    expect(hubPairActive(state())).toBe(false);
    expect(hfModel('A')).toEqual({ kind: 'hf', key: GPT2.key });
    expect(hfModel('B')).toEqual({ kind: 'hf', key: GPT2.key });
  });

  it('the teaching views run the same checkpoint', () => {
    state().requestTeach('A');
    const run = client.runs[client.runs.length - 1]!;
    expect(run.request.slot).toBe('teach-A');
    expect(run.request.model).toEqual({ kind: 'hf', key: BERT.key });
    expect(run.request.intermediates).toEqual({ kind: 'encoder-self', layer: 0, head: 0 });
  });
});

describe('URL options', () => {
  const page = 'http://127.0.0.1:4173/';

  it('?hf= preselects the Hugging Face choice and its id', () => {
    expect(readUrlOptions('?hf=bert-base-uncased', page)).toEqual({
      model: 'hf',
      hfId: 'bert-base-uncased',
    });
    expect(readUrlOptions('?model=hf', page)).toEqual({ model: 'hf' });
    expect(readUrlOptions('?hf=gpt2&model=playground', page)).toEqual({
      model: 'playground',
      hfId: 'gpt2',
    });
  });

  it('?hub= takes same-origin or http://127.0.0.1 URLs only', () => {
    expect(readUrlOptions('?hub=/hub-test/', page)).toEqual({
      hubBaseUrl: 'http://127.0.0.1:4173/hub-test',
    });
    expect(readUrlOptions('?hub=http://127.0.0.1:9000/mirror/', 'http://localhost:5173/')).toEqual({
      hubBaseUrl: 'http://127.0.0.1:9000/mirror',
    });
    expect(readUrlOptions('?hub=https://evil.example/', page)).toEqual({});
    expect(readUrlOptions('?hub=http://localhost.evil.example/', page)).toEqual({});
  });
});

describe('engine client: Hugging Face loads', () => {
  function port() {
    const posted: WorkerRequest[] = [];
    const message: ((e: MessageEvent<WorkerResponse>) => void)[] = [];
    const error: ((e: ErrorEvent) => void)[] = [];
    const client = createEngineClient({
      postMessage: (m: WorkerRequest) => posted.push(m),
      addEventListener: (type: 'message' | 'error', listener: never) =>
        (type === 'message' ? message : error).push(listener),
    } as Parameters<typeof createEngineClient>[0]);
    const send = (data: WorkerResponse) =>
      message.forEach((l) => l({ data } as MessageEvent<WorkerResponse>));
    const crash = () =>
      error.forEach((l) => l({ message: 'boom', preventDefault() {} } as ErrorEvent));
    return { client, posted, send, crash };
  }
  const handlers = () => ({ onProgress: vi.fn(), onLoaded: vi.fn(), onError: vi.fn() });
  const source = { kind: 'hub', id: 'gpt2', revision: 'main' } as const;

  it('posts hf-load and routes progress, then loaded; later messages are dropped', () => {
    const { client, posted, send } = port();
    const h = handlers();
    const id = client.loadHf!({ source, backend: 'wasm' }, h);
    expect(posted).toEqual([{ type: 'hf-load', requestId: id, source, backend: 'wasm' }]);
    send({ type: 'hf-progress', requestId: id, progress: progress(1, 2, 50) });
    expect(h.onProgress).toHaveBeenCalledWith(progress(1, 2, 50));
    send({ type: 'hf-loaded', requestId: id, info: GPT2 });
    expect(h.onLoaded).toHaveBeenCalledWith(GPT2);
    send({ type: 'hf-error', requestId: id, message: 'late', code: 'other' });
    expect(h.onError).not.toHaveBeenCalled();
  });

  it('errors carry their code; cancel posts cancel and silences the load', () => {
    const { client, posted, send } = port();
    const failing = handlers();
    const a = client.loadHf!({ source, backend: 'wasm' }, failing);
    send({ type: 'hf-error', requestId: a, message: 'gone (HTTP 404)', code: 'not-found' });
    expect(failing.onError).toHaveBeenCalledWith('gone (HTTP 404)', 'not-found');

    const cancelled = handlers();
    const b = client.loadHf!({ source, backend: 'wasm' }, cancelled);
    client.cancel(b);
    expect(posted[posted.length - 1]).toEqual({ type: 'cancel', requestId: b });
    send({ type: 'hf-loaded', requestId: b, info: GPT2 });
    expect(cancelled.onLoaded).not.toHaveBeenCalled();
  });

  it('a worker crash fails the loads in flight', () => {
    const { client, crash } = port();
    const h = handlers();
    client.loadHf!({ source, backend: 'wasm' }, h);
    crash();
    expect(h.onError).toHaveBeenCalledWith('boom', 'other');
  });
});
