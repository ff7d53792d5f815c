import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttentionTile, TileWindowRequest } from '../../../../src/views/heatmap-zoom/tile';
import { TileRequests } from '../../../../src/views/heatmap-zoom/tileRequests';

const req = (r0: number): TileWindowRequest => ({
  layer: 0,
  heads: [0],
  rows: [r0, r0 + 4],
  cols: [0, 4],
  maxRows: 4,
  maxCols: 4,
});

const tileFor = (r: TileWindowRequest): AttentionTile => ({
  rows: r.rows,
  cols: r.cols,
  outRows: 4,
  outCols: 4,
  max: [new Float32Array(16)],
  mean: [new Float32Array(16)],
});

/** A fetchTile whose answers the test releases one by one, in any order. */
function controlledFetch() {
  const calls: { req: TileWindowRequest; resolve: () => void; reject: (e: Error) => void }[] = [];
  const fetch = vi.fn(
    (r: TileWindowRequest) =>
      new Promise<AttentionTile>((resolve, reject) => {
        calls.push({ req: r, resolve: () => resolve(tileFor(r)), reject });
      }),
  );
  return { fetch, calls };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('tile requests of the zoomable heatmap', () => {
  it('asks once for a burst of views: the last one, after it settles', async () => {
    const { fetch } = controlledFetch();
    const requests = new TileRequests();
    const deliver = vi.fn();
    for (let i = 0; i < 5; i++) {
      requests.ask(fetch, req(i), 60, deliver, vi.fn());
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0].rows).toEqual([4, 8]);
  });

  it('drops an answer that arrives after a newer request', async () => {
    const { fetch, calls } = controlledFetch();
    const requests = new TileRequests();
    const delivered: number[] = [];
    const deliver = (t: AttentionTile) => delivered.push(t.rows[0]);
    requests.ask(fetch, req(0), 0, deliver, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    requests.ask(fetch, req(10), 0, deliver, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    calls[0]!.resolve(); // the stale one: not delivered
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([]);
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([10]);
  });

  it('keeps one request with the engine: views settling meanwhile wait as the latest one', async () => {
    const { fetch, calls } = controlledFetch();
    const requests = new TileRequests();
    const delivered: number[] = [];
    const deliver = (t: AttentionTile) => delivered.push(t.rows[0]);
    requests.ask(fetch, req(0), 0, deliver, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    requests.ask(fetch, req(1), 0, deliver, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    requests.ask(fetch, req(2), 0, deliver, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.req.rows[0])).toEqual([0]); // 1 and 2 wait; 2 replaced 1
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.req.rows[0])).toEqual([0, 2]);
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered).toEqual([2]); // the answer for 0 came after 1 and 2 were asked: dropped
  });

  it('reports only the latest request failure, as a message', async () => {
    const { fetch, calls } = controlledFetch();
    const requests = new TileRequests();
    const fail = vi.fn();
    requests.ask(fetch, req(0), 0, vi.fn(), fail);
    await vi.advanceTimersByTimeAsync(0);
    requests.ask(fetch, req(1), 0, vi.fn(), fail);
    await vi.advanceTimersByTimeAsync(0);
    calls[0]!.reject(new Error('stale run'));
    await vi.advanceTimersByTimeAsync(0); // the waiting request goes now
    calls[1]!.reject(new Error('The window holds no attention weights'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fail).toHaveBeenCalledTimes(1);
    expect(fail).toHaveBeenCalledWith('The window holds no attention weights');
  });

  it('a fetch that throws is a failure, and the next request still goes', async () => {
    const requests = new TileRequests();
    const fail = vi.fn();
    const throwing = vi.fn((): Promise<AttentionTile> => {
      throw new Error('There is no layer 9 (the model has 2)');
    });
    requests.ask(throwing, req(0), 0, vi.fn(), fail);
    await vi.advanceTimersByTimeAsync(0);
    expect(fail).toHaveBeenCalledWith('There is no layer 9 (the model has 2)');
    const { fetch } = controlledFetch();
    requests.ask(fetch, req(1), 0, vi.fn(), vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('cancel drops a request not yet sent; dispose drops one on its way', async () => {
    const { fetch, calls } = controlledFetch();
    const requests = new TileRequests();
    const deliver = vi.fn();
    requests.ask(fetch, req(0), 50, deliver, vi.fn());
    requests.cancel();
    await vi.advanceTimersByTimeAsync(100);
    expect(fetch).not.toHaveBeenCalled();
    requests.ask(fetch, req(0), 0, deliver, vi.fn());
    await vi.advanceTimersByTimeAsync(0);
    requests.dispose();
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(deliver).not.toHaveBeenCalled();
  });
});
