/**
 * The aggregates of a block: averages (on the page, cached per block) and rollout / flow (in a
 * worker, cancellable; computed on the page when workers are unavailable).
 */
import {
  attentionFlowFrom,
  averageAll,
  averageHeads,
  averageLayers,
  rolloutLayers,
} from '../../analysis';
import type { BlockView } from '../heads/source';
import type { AggregateReply, AggregateRequest } from './protocol';

/** α, the weight of the residual connection in rollout and flow (Abnar & Zuidema's 0.5). */
export const RESIDUAL = 0.5;

const headAverageCache = new WeakMap<object, Float32Array>();

/** Mean over heads of every layer: [layers][queryLength][keyLength] (cached per block). */
export function headAverages(view: BlockView): Float32Array {
  const hit = headAverageCache.get(view.block.data);
  if (hit) return hit;
  const { layers, heads, queryLength, keyLength } = view.block;
  const size = queryLength * keyLength;
  const out = new Float32Array(layers * size);
  view.data.forEach((weights, l) => {
    out.set(averageHeads({ layers: 1, heads, queryLength, keyLength, weights }), l * size);
  });
  headAverageCache.set(view.block.data, out);
  return out;
}

/** Layer `layer`'s mean over heads, [queryLength][keyLength]. */
export function averageOverHeads(view: BlockView, layer: number): Float32Array {
  const size = view.block.queryLength * view.block.keyLength;
  return headAverages(view).subarray(layer * size, (layer + 1) * size);
}

/** Head `head`'s mean over every layer, [queryLength][keyLength]. */
export function averageOverLayers(view: BlockView, head: number): Float32Array {
  const { layers, queryLength, keyLength } = view.block;
  const size = queryLength * keyLength;
  const weights = new Float32Array(layers * size); // [layers][1][Tq][Tk]
  view.data.forEach((layer, l) =>
    weights.set(layer.subarray(head * size, (head + 1) * size), l * size),
  );
  return averageLayers({ layers, heads: 1, queryLength, keyLength, weights });
}

/** Mean over every layer and head, [queryLength][keyLength]. */
export function averageOverAll(view: BlockView): Float32Array {
  const { layers, queryLength, keyLength } = view.block;
  return averageAll({ layers, heads: 1, queryLength, keyLength, weights: headAverages(view) });
}

export interface AggregateTask {
  promise: Promise<Float32Array>;
  cancel: () => void;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<
  number,
  {
    resolve: (result: Float32Array) => void;
    reject: (error: Error) => void;
    onProgress?: (done: number, total: number) => void;
  }
>();

function getWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === 'undefined') return null;
  try {
    worker = new Worker(new URL('./aggregate.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  worker.onmessage = (event: MessageEvent<AggregateReply>) => {
    const reply = event.data;
    const job = pending.get(reply.id);
    if (!job) return;
    if (reply.type === 'progress') job.onProgress?.(reply.done, reply.total);
    else {
      pending.delete(reply.id);
      if (reply.type === 'done') job.resolve(reply.result);
      else job.reject(new Error(reply.message));
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    for (const job of pending.values()) job.reject(new Error(event.message || 'worker error'));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Computes on the page (no worker available): the same functions, one macrotask later. */
function computeHere(request: Omit<AggregateRequest, 'id'>): Float32Array {
  const { kind, layers, t, weights, residual } = request;
  const stack = { layers, heads: 1, queryLength: t, keyLength: t, weights };
  if (kind === 'rollout') return rolloutLayers(stack, { residual });
  const out = new Float32Array(t * t);
  for (let i = 0; i < t; i++) out.set(attentionFlowFrom(stack, i, { residual }), i * t);
  return out;
}

/**
 * Rollout after every layer ([layers][T][T]) or attention flow through the first `layers` layers
 * ([T][T]) of the head-averaged `weights`. Cancelling a running job stops the worker.
 */
export function runAggregate(
  request: Omit<AggregateRequest, 'id'>,
  onProgress?: (done: number, total: number) => void,
): AggregateTask {
  const id = ++nextId;
  const w = getWorker();
  if (!w) {
    let timer = 0;
    let cancelled = false;
    const promise = new Promise<Float32Array>((resolve, reject) => {
      timer = window.setTimeout(() => {
        if (cancelled) return;
        try {
          resolve(computeHere(request));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 0);
    });
    return {
      promise,
      cancel: () => {
        cancelled = true;
        window.clearTimeout(timer);
      },
    };
  }
  const promise = new Promise<Float32Array>((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
  });
  // A copy goes to the worker: the page keeps its own (cached) array.
  const weights = request.weights.slice();
  w.postMessage({ ...request, id, weights } satisfies AggregateRequest, [weights.buffer]);
  return {
    promise,
    cancel: () => {
      if (!pending.has(id)) return;
      pending.delete(id);
      // The worker cannot be interrupted mid-job: stop it; the next job starts a fresh one.
      worker?.terminate();
      worker = null;
      for (const job of pending.values()) job.reject(new Error('cancelled'));
      pending.clear();
    },
  };
}
