/**
 * The worker side of attention on demand (src/worker/hf-model.ts + attention-tiles.ts) in Node on
 * tfjs wasm with fixture checkpoints: a run above `onDemandAbove` sends no layers but the heads'
 * metrics, and its tiles (exact windows, pooled windows, the heads grid's thumbnails) equal what
 * the full path's weights give under the same pooling rule; stale runs are refused; the memory
 * budget names how many tokens fit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensorCount } from '../../../src/engine';
import {
  onDemandBytes,
  onDemandOverBudget,
  tokensThatFit,
} from '../../../src/engine/onDemandBudget';
import { poolWindow, stackMetrics, specialTokenMask, punctuationMask } from '../../../src/analysis';
import { buildMask } from '../../../src/engine';
import { createTileServer } from '../../../src/worker/attention-tiles';
import { createHfWorker } from '../../../src/worker/hf-model';
import type { RunRequest, WorkerResponse } from '../../../src/worker/protocol';
import { ensureBackend, makeHfWorker, of } from '../worker/harness';
import { THUMBNAIL_CELLS, type TileQuery } from '../../../src/worker/tileProtocol';
import { loadHfModel } from '../../../src/loader/hf';
import { fixtureFiles } from '../hf/helpers';

beforeAll(async () => {
  await ensureBackend('wasm');
});

function makeWorker() {
  const tiles = createTileServer();
  return { ...makeHfWorker({ queue: 'none', tiles }), tiles };
}

const TEXT = 'The bank is near the river. I deposited money at the bank.';
const request = (onDemandAbove?: number): RunRequest => ({
  slot: 'A',
  text: TEXT,
  model: { kind: 'hf', key: '' },
  mask: { kind: 'none' },
  backend: 'wasm',
  maxTokens: 512,
  ...(onDemandAbove !== undefined ? { onDemandAbove } : {}),
});

describe('an on-demand run in the worker', () => {
  for (const name of ['tiny-llama', 'tiny-gemma2', 'tiny-qwen3'] as const)
    it(`${name}: no layers, the heads' metrics, and tiles equal to the full path's`, async () => {
      const { hf, posted, tiles } = makeWorker();
      await hf.load(
        1,
        { source: { kind: 'files', files: fixtureFiles(name) }, backend: 'wasm' },
        new AbortController().signal,
      );
      const info = of(posted, 'hf-loaded')[0]!.info;
      const model = { kind: 'hf' as const, key: info.key };

      // The full path: every layer's weights.
      posted.length = 0;
      await hf.execute(2, request(), model, new AbortController().signal);
      const layers = of(posted, 'layer').map((m) => m.layer);
      const start = of(posted, 'start')[0]!.blocks[0]!;
      expect(start.onDemand).toBeUndefined();
      const T = start.queryLength;
      expect(layers).toHaveLength(info.layers);
      const tensorsBefore = liveTensorCount();

      // The same text on demand (threshold below its length).
      posted.length = 0;
      await hf.execute(3, request(4), model, new AbortController().signal);
      expect(of(posted, 'error')).toEqual([]);
      expect(of(posted, 'layer')).toEqual([]);
      const block = of(posted, 'start')[0]!.blocks[0]!;
      expect(block.onDemand).toBe(true);
      // The bar's figure: each layer once, in order, before the metrics and done.
      const progress = of(posted, 'run-progress');
      expect(progress.map((m) => m.layersDone)).toEqual(
        Array.from({ length: info.layers - 1 }, (_, i) => i + 1),
      );
      expect(progress.every((m) => m.kind === 'decoder-self')).toBe(true);
      expect(posted.indexOf(progress.at(-1)!)).toBeLessThan(posted.indexOf(of(posted, 'done')[0]!));
      expect(of(posted, 'done')[0]!.masks[0]!.mask.rows).toBe(T);

      // Metrics: as the page computes them from the full weights (useBlockMetrics' options).
      const labels = of(posted, 'tokens')[0]!.tokens.map((t) => t.text);
      const weights = new Float32Array(info.layers * info.heads * T * T);
      layers.forEach((l) => weights.set(l.weights, l.layer * info.heads * T * T));
      const expected = stackMetrics(
        { layers: info.layers, heads: info.heads, queryLength: T, keyLength: T, weights },
        {
          specialKeys: specialTokenMask(labels),
          punctuationKeys: punctuationMask(labels),
          mask: buildMask({ kind: 'causal' }, T),
        },
      );
      const sent = of(posted, 'head-metrics')[0]!;
      expect(sent.kind).toBe('decoder-self');
      expect(sent.metrics).toEqual(expected);

      // Tiles against the full path's weights under the same pooling rule.
      const query = (patch: Partial<TileQuery>): TileQuery => ({
        slot: 'A',
        run: 3,
        kind: 'decoder-self',
        layer: 1,
        heads: [0, info.heads - 1],
        rows: [0, T],
        cols: [0, T],
        maxRows: T,
        maxCols: T,
        ...patch,
      });
      const fullHead = (layer: number, head: number, r: [number, number], c: [number, number]) => {
        const data = layers[layer]!.weights;
        const out = new Float32Array((r[1] - r[0]) * (c[1] - c[0]));
        for (let i = r[0]; i < r[1]; i++)
          out.set(
            data.subarray((head * T + i) * T + c[0], (head * T + i) * T + c[1]),
            (i - r[0]) * (c[1] - c[0]),
          );
        return out;
      };
      for (const q of [
        query({}),
        query({ rows: [3, 9], cols: [1, 7] }),
        query({ maxRows: 5, maxCols: 3 }),
        query({ layer: 0, rows: [2, T], cols: [0, T - 1], maxRows: 4, maxCols: 6 }),
        query({ maxRows: THUMBNAIL_CELLS, maxCols: THUMBNAIL_CELLS }),
      ]) {
        const tile = tiles.answer(q);
        expect(tile.rows).toEqual(q.rows);
        q.heads.forEach((h, i) => {
          const n = q.rows[1] - q.rows[0];
          const m = q.cols[1] - q.cols[0];
          const want = poolWindow(fullHead(q.layer, h, q.rows, q.cols), n, m, q.maxRows, q.maxCols);
          expect([tile.outRows, tile.outCols]).toEqual([want.outRows, want.outCols]);
          expect(tile.max[i]).toEqual(want.max);
          expect(tile.mean[i]).toEqual(want.mean);
        });
      }

      // serve(): thumbnails at once, even while the run queue is busy; other tiles wait their turn.
      const served: WorkerResponse[] = [];
      const waiting: (() => Promise<void>)[] = [];
      const busyQueue = (task: () => Promise<void>): Promise<void> => {
        waiting.push(task);
        return new Promise(() => {});
      };
      const thumbs = query({ heads: [0, 1], maxRows: THUMBNAIL_CELLS, maxCols: THUMBNAIL_CELLS });
      tiles.serve(7, thumbs, (m) => served.push(m), busyQueue);
      expect(served.map((m) => m.type)).toEqual(['attention-tile']);
      tiles.serve(8, query({ maxRows: 5, maxCols: 5 }), (m) => served.push(m), busyQueue);
      expect(served).toHaveLength(1);
      await waiting[0]!();
      expect(served.map((m) => m.requestId)).toEqual([7, 8]);
      tiles.serve(
        9,
        query({ layer: 99 }),
        (m) => served.push(m),
        (task) => task(),
      );
      expect(served[2]).toMatchObject({ type: 'attention-tile-error', requestId: 9 });

      // A stale run is refused; a new run releases the kept tensors.
      expect(() => tiles.answer(query({ run: 2 }))).toThrow(/earlier run/);
      expect(liveTensorCount()).toBeGreaterThan(tensorsBefore);
      tiles.release('A');
      expect(liveTensorCount()).toBe(tensorsBefore);
      hf.disposeBuilt();
    });

  it('a full path over the size limit moves on demand when the page allows it', async () => {
    const posted: WorkerResponse[] = [];
    const hf = createHfWorker({
      post: (m) => posted.push(m),
      ensureBackend,
      enqueue: (task) => task(),
      checkSize: () => {
        throw new Error('too large');
      },
      runExtras: () => undefined,
      postDone: () => 0,
    });
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-smollm2') }, backend: 'wasm' },
      new AbortController().signal,
    );
    const key = of(posted, 'hf-loaded')[0]!.info.key;
    await hf.execute(2, request(512), { kind: 'hf', key }, new AbortController().signal);
    expect(of(posted, 'start')[0]!.blocks[0]!.onDemand).toBe(true);
    posted.length = 0;
    // Without onDemandAbove (the teaching views' runs) the limit still refuses.
    await hf.execute(3, request(), { kind: 'hf', key }, new AbortController().signal);
    expect(of(posted, 'error')[0]!.message).toBe('too large');
    hf.disposeBuilt();
  });
});

describe('the memory budget', () => {
  it('grows with T², and names how many tokens fit', async () => {
    const { config } = await loadHfModel({ kind: 'files', files: fixtureFiles('tiny-llama') });
    // A SmolLM2-135M-sized config: 30 layers, 9 heads, 3 kv heads, head size 64, d 576, d_ff 1536.
    const smol = {
      ...config,
      numLayers: 30,
      numHeads: 9,
      numKvHeads: 3,
      dModel: 576,
      dFF: 1536,
      headSize: 64,
    };
    expect(onDemandBytes(smol, 4096)).toBeLessThan(1.5 * 2 ** 30);
    expect(onDemandOverBudget(smol, 4096)).toBeNull();
    const fit = tokensThatFit(smol);
    expect(onDemandBytes(smol, fit)).toBeLessThanOrEqual(1.5 * 2 ** 30);
    expect(onDemandBytes(smol, fit + 1)).toBeGreaterThan(1.5 * 2 ** 30);
    const message = onDemandOverBudget(smol, fit + 1000);
    expect(message).toContain(`${fit + 1000} tokens`);
    expect(message).toContain(`at most ${fit} tokens fit`);
    // A smaller budget fits fewer tokens.
    expect(tokensThatFit(smol, 2 ** 28)).toBeLessThan(fit);
    expect(tokensThatFit(smol, 1)).toBe(0);
  });
});
