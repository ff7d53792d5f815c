import { describe, expect, it, vi, type Mock } from 'vitest';
import { createEngineClient, type RunHandlers } from '../../../src/worker/client';
import type { RunRequest, WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';
import { DEFAULT_MODEL } from '../../../src/store';

/** A stand-in for the Worker: records posted requests, lets the test send responses. */
function fakePort() {
  const posted: WorkerRequest[] = [];
  const listeners: {
    message: ((e: MessageEvent<WorkerResponse>) => void)[];
    error: ((e: ErrorEvent) => void)[];
  } = {
    message: [],
    error: [],
  };
  const port = {
    postMessage: (m: WorkerRequest) => posted.push(m),
    addEventListener: (type: 'message' | 'error', listener: never) =>
      listeners[type].push(listener),
    terminate: vi.fn(),
  };
  return {
    port: port as Parameters<typeof createEngineClient>[0],
    posted,
    send: (data: WorkerResponse) =>
      listeners.message.forEach((l) => l({ data } as MessageEvent<WorkerResponse>)),
    crash: (message: string) =>
      listeners.error.forEach((l) => l({ message, preventDefault() {} } as ErrorEvent)),
    terminate: port.terminate,
  };
}

const request = (slot: 'A' | 'B'): RunRequest => ({
  slot,
  text: 'hello world',
  model: { kind: 'playground', options: DEFAULT_MODEL },
  mask: { kind: 'none' },
  backend: 'wasm',
  maxTokens: 512,
});

const handlers = (): { [K in keyof RunHandlers]-?: Mock<NonNullable<RunHandlers[K]>> } => ({
  onTokens: vi.fn<RunHandlers['onTokens']>(),
  onProgress: vi.fn<RunHandlers['onProgress']>(),
  onTranslation: vi.fn<RunHandlers['onTranslation']>(),
  onStart: vi.fn<RunHandlers['onStart']>(),
  onLayer: vi.fn<RunHandlers['onLayer']>(),
  onDone: vi.fn<RunHandlers['onDone']>(),
  onError: vi.fn<RunHandlers['onError']>(),
  onRunProgress: vi.fn<NonNullable<RunHandlers['onRunProgress']>>(),
  onPredictions: vi.fn<NonNullable<RunHandlers['onPredictions']>>(),
  onHeadMetrics: vi.fn<NonNullable<RunHandlers['onHeadMetrics']>>(),
});

describe('engine client', () => {
  it('posts runs with increasing request ids and routes answers by id', () => {
    const f = fakePort();
    const client = createEngineClient(f.port);
    const ha = handlers();
    const hb = handlers();
    const a = client.run(request('A'), ha);
    const b = client.run(request('B'), hb);
    expect(b).toBeGreaterThan(a);
    expect(f.posted).toMatchObject([
      { type: 'run', requestId: a, slot: 'A', text: 'hello world' },
      { type: 'run', requestId: b, slot: 'B' },
    ]);
    f.send({
      type: 'tokens',
      requestId: b,
      tokens: [],
      totalTokens: 0,
      dropped: 0,
      maxTokens: 512,
    });
    expect(hb.onTokens).toHaveBeenCalledOnce();
    expect(ha.onTokens).not.toHaveBeenCalled();
  });

  it('drops messages of a run superseded by a newer run of the same slot', () => {
    const f = fakePort();
    const client = createEngineClient(f.port);
    const old = handlers();
    const fresh = handlers();
    const first = client.run(request('A'), old);
    const second = client.run(request('A'), fresh);
    f.send({ type: 'done', requestId: first, masks: [], elapsedMs: 1 });
    f.send({ type: 'done', requestId: second, masks: [], elapsedMs: 2 });
    expect(old.onDone).not.toHaveBeenCalled();
    expect(fresh.onDone).toHaveBeenCalledWith([], 2);
    // After done, further messages for that id are ignored too.
    f.send({ type: 'error', requestId: second, message: 'late', stage: 'run' });
    expect(fresh.onError).not.toHaveBeenCalled();
  });

  it('cancel tells the worker and silences the run', () => {
    const f = fakePort();
    const client = createEngineClient(f.port);
    const h = handlers();
    const id = client.run(request('A'), h);
    client.cancel(id);
    expect(f.posted.at(-1)).toEqual({ type: 'cancel', requestId: id });
    f.send({ type: 'error', requestId: id, message: 'aborted', stage: 'run' });
    expect(h.onError).not.toHaveBeenCalled();
  });

  it('routes progress, translation and start (with labels and translator info) by id', () => {
    const f = fakePort();
    const client = createEngineClient(f.port);
    const h = handlers();
    const id = client.run(
      { ...request('A'), model: { kind: 'translator', url: 'http://x/m/' } },
      h,
    );
    expect(f.posted[0]).toMatchObject({ model: { kind: 'translator', url: 'http://x/m/' } });
    f.send({
      type: 'progress',
      requestId: id,
      file: 'model.safetensors',
      loadedBytes: 5,
      totalBytes: 10,
    });
    expect(h.onProgress).toHaveBeenCalledWith('model.safetensors', 5, 10);
    const y = [{ text: '银', id: 5, special: false, unknown: false }];
    f.send({ type: 'translation', requestId: id, text: '银', targetTokens: y, finished: true });
    expect(h.onTranslation).toHaveBeenCalledWith('银', y, true);
    const block = {
      kind: 'cross' as const,
      layers: 1,
      heads: 1,
      queryLength: 2,
      keyLength: 1,
      rowTokens: ['银', '</s>'],
      colTokens: ['bank'],
    };
    const info = {
      name: 'm',
      encoderLayers: 1,
      decoderLayers: 1,
      heads: 1,
      dModel: 8,
      sourceVocab: 4,
      targetVocab: 4,
      maxSourceTokens: 16,
      maxTargetTokens: 15,
    };
    f.send({
      type: 'start',
      requestId: id,
      backend: { name: 'wasm', requested: 'wasm' },
      blocks: [block],
      translator: info,
    });
    expect(h.onStart).toHaveBeenCalledWith({ name: 'wasm', requested: 'wasm' }, [block], info);
    f.send({ type: 'error', requestId: id, message: 'model.safetensors: bad', stage: 'load' });
    expect(h.onError).toHaveBeenCalledWith('model.safetensors: bad', 'load');
  });

  it('a worker crash fails every live run with a readable message', () => {
    const f = fakePort();
    const client = createEngineClient(f.port);
    const ha = handlers();
    const hb = handlers();
    client.run(request('A'), ha);
    client.run(request('B'), hb);
    f.crash('boom');
    expect(ha.onError).toHaveBeenCalledWith('boom', 'run');
    expect(hb.onError).toHaveBeenCalledWith('boom', 'run');
    client.dispose();
    expect(f.terminate).toHaveBeenCalled();
  });
});
