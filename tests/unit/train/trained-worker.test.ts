/**
 * The engine worker's side of trained models (src/worker/trained-model.ts) in Node on tfjs-wasm:
 * a run tokenizes in the task's vocabulary (unknown symbols marked, the length limit applied),
 * streams every layer of the right block, and the built model is kept per key: another key frees
 * the previous model's tensors, and repeated runs leave tfjs' tensor count where it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensorCount } from '../../../src/engine';
import { TrainRun } from '../../../src/engine/train/run';
import { trainedModelOf } from '../../../src/engine/train/trained';
import { DEFAULT_TRAIN_SETTINGS } from '../../../src/analysis/trainSettings';
import type { TrainedModel } from '../../../src/analysis/trainedModel';
import { createTrainedWorker } from '../../../src/worker/trained-model';
import type { RunRequest, WorkerResponse } from '../../../src/worker/protocol';
import { ensureBackend, of, postDoneInto } from '../worker/harness';

beforeAll(async () => {
  await ensureBackend('wasm');
});

function trained(task: 'reverse' | 'brackets', seed: number): TrainedModel {
  const run = new TrainRun(
    { ...DEFAULT_TRAIN_SETTINGS, task, layers: 2, heads: 2, dModel: 16, batchSize: 8, seed },
    { heldOut: 8 },
  );
  run.trainStep();
  const model = trainedModelOf(run, null);
  run.dispose();
  return model;
}

function makeWorker() {
  const posted: WorkerResponse[] = [];
  const worker = createTrainedWorker({
    post: (m) => posted.push(m),
    ensureBackend,
    checkSize: () => {},
    runExtras: () => undefined,
    postDone: postDoneInto(posted),
  });
  return { worker, posted };
}

const request = (text: string, model: TrainedModel): RunRequest => ({
  slot: 'A',
  text,
  model: { kind: 'trained', model },
  mask: { kind: 'none' },
  backend: 'wasm',
  maxTokens: 64,
});

describe('trained models in the engine worker', () => {
  it("reads the task's symbols, marks others and streams every layer", async () => {
    const { worker, posted } = makeWorker();
    const model = trained('reverse', 1);
    await worker.execute(
      1,
      request('3 1 4 x 5 9 2 6 5 3', model),
      { kind: 'trained', model },
      new AbortController().signal,
    );
    const [tokens] = of(posted, 'tokens');
    expect(tokens?.tokens.map((t) => [t.text, t.unknown])).toEqual([
      ['3', false],
      ['1', false],
      ['4', false],
      ['x', true],
      ['5', false],
      ['9', false],
      ['2', false],
      ['6', false],
    ]);
    expect([tokens?.dropped, tokens?.maxTokens]).toEqual([2, 8]);
    const [start] = of(posted, 'start');
    expect(start?.blocks).toEqual([
      { kind: 'encoder-self', layers: 2, heads: 2, queryLength: 8, keyLength: 8 },
    ]);
    const layers = of(posted, 'layer');
    expect(layers.map((l) => l.layer.layer)).toEqual([0, 1]);
    // Every row of every head is a distribution.
    const w = layers[0]!.layer.weights;
    for (let row = 0; row < 2 * 8; row++) {
      const sum = w.subarray(row * 8, row * 8 + 8).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(of(posted, 'done')).toHaveLength(1);
    worker.disposeBuilt();
  });

  it('runs a look-back task as a causal decoder', async () => {
    const { worker, posted } = makeWorker();
    const model = trained('brackets', 2);
    await worker.execute(
      2,
      request('(())', model),
      { kind: 'trained', model },
      new AbortController().signal,
    );
    expect(of(posted, 'start')[0]?.blocks[0]?.kind).toBe('decoder-self');
    const w = of(posted, 'layer')[0]!.layer.weights; // [H][4][4]
    expect(w[0 * 4 + 3]).toBe(0); // query 0 never sees key 3
    const [done] = of(posted, 'done');
    expect(done?.masks[0]?.mask.allowed[3]).toBe(0);
    worker.disposeBuilt();
  });

  it('keeps one built model per key and frees it on another key or dispose', async () => {
    const { worker } = makeWorker();
    const a = trained('reverse', 3);
    const b = trained('reverse', 4);
    const before = liveTensorCount();
    const signal = new AbortController().signal;
    await worker.execute(1, request('1 2 3', a), { kind: 'trained', model: a }, signal);
    const withA = liveTensorCount();
    expect(withA).toBeGreaterThan(before);
    for (let i = 0; i < 3; i++)
      await worker.execute(2 + i, request('4 5 6 7', a), { kind: 'trained', model: a }, signal);
    expect(liveTensorCount()).toBe(withA);
    await worker.execute(9, request('1 2', b), { kind: 'trained', model: b }, signal);
    expect(liveTensorCount()).toBe(withA); // a freed, b built: the same shapes
    worker.disposeBuilt();
    expect(liveTensorCount()).toBe(before);
  });
});
