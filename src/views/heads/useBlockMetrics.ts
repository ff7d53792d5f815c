/**
 * The metrics and pattern labels of every head of a block, computed off the critical path: after
 * the first paint, a few heads at a time (so hovering stays smooth at 12×12 heads × 512 tokens), and
 * cached per block so every view that asks shares one computation.
 */
import { useEffect, useState } from 'react';
import {
  METRIC_NAMES,
  classifyStack,
  punctuationMask,
  specialTokenMask,
  stackMetrics,
  type MetricName,
  type MetricOptions,
  type StackMetrics,
} from '../../analysis';
import type { BlockMetrics } from './headOrder';
import type { BlockView } from './source';

/** Results per block: keyed by the block's layer list and checked against its mask. */
const cache = new WeakMap<object, { mask: unknown; value: BlockMetrics }>();

/** The metric options of a block: special and punctuation keys from its key tokens, its mask. */
export function metricOptions(view: BlockView): MetricOptions {
  const { block, colTokens } = view;
  const mask =
    block.mask && block.mask.rows === block.queryLength && block.mask.cols === block.keyLength
      ? block.mask
      : undefined;
  return {
    specialKeys: specialTokenMask(colTokens),
    punctuationKeys: punctuationMask(colTokens),
    mask,
  };
}

/** Joins per-head metrics (each a 1 × 1 StackMetrics) into one [layers][heads] StackMetrics. */
export function joinMetrics(
  layers: number,
  heads: number,
  parts: readonly StackMetrics[],
): StackMetrics {
  const out = {} as Record<MetricName, Float64Array>;
  for (const name of METRIC_NAMES) {
    const values = new Float64Array(layers * heads);
    let i = 0;
    for (const part of parts) {
      values.set(part[name], i);
      i += part[name].length;
    }
    out[name] = values;
  }
  return { layers, heads, ...out };
}

/** Metrics of one head of a block. */
function headMetricsOf(view: BlockView, i: number, options: MetricOptions): StackMetrics {
  const { block } = view;
  const layer = Math.floor(i / block.heads);
  const head = i % block.heads;
  const size = block.queryLength * block.keyLength;
  const weights = view.data[layer]!.subarray(head * size, (head + 1) * size);
  return stackMetrics(
    { layers: 1, heads: 1, queryLength: block.queryLength, keyLength: block.keyLength, weights },
    options,
  );
}

/** Metrics of every head at once (synchronous; cached). */
export function blockMetricsNow(view: BlockView): BlockMetrics {
  const hit = cache.get(view.block.data);
  if (hit && hit.mask === view.block.mask) return hit.value;
  const options = metricOptions(view);
  const count = view.block.layers * view.block.heads;
  const parts: StackMetrics[] = [];
  for (let i = 0; i < count; i++) parts.push(headMetricsOf(view, i, options));
  return store(view, parts);
}

function store(view: BlockView, parts: StackMetrics[]): BlockMetrics {
  const { layers, heads } = view.block;
  const metrics = joinMetrics(layers, heads, parts);
  const value: BlockMetrics = { layers, heads, metrics, patterns: classifyStack(metrics) };
  cache.set(view.block.data, { mask: view.block.mask, value });
  return value;
}

/** Time slice of one step of the background computation, ms. */
const SLICE_MS = 8;

/**
 * The block's metrics, or null while they are computed (in slices of a few heads, after paint).
 * A cached result comes back at once.
 */
export function useBlockMetrics(view: BlockView | null): BlockMetrics | null {
  const [done, setDone] = useState<{ view: BlockView; value: BlockMetrics } | null>(null);
  const cached = view ? cache.get(view.block.data) : undefined;
  const hit = view && cached && cached.mask === view.block.mask ? cached.value : null;

  useEffect(() => {
    if (!view || hit) return;
    const options = metricOptions(view);
    const count = view.block.layers * view.block.heads;
    const parts: StackMetrics[] = [];
    let timer = 0;
    const step = (): void => {
      const start = performance.now();
      while (parts.length < count && performance.now() - start < SLICE_MS)
        parts.push(headMetricsOf(view, parts.length, options));
      if (parts.length < count) timer = window.setTimeout(step, 0);
      else setDone({ view, value: store(view, parts) });
    };
    // Start after the next frame, so the first paint of a new result never waits for metrics.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(step, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [view, hit]);

  if (hit) return hit;
  return done && view && done.view === view ? done.value : null;
}
