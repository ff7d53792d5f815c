/**
 * Attention on demand in the worker: keeps each sentence's last on-demand run (the engine's probes,
 * the heads' thumbnails pooled while the forward ran) and answers the page's tile requests from
 * them, computing the rows in chunks so at most CHUNK_FLOATS weights per head are live.
 */
import {
  METRIC_NAMES,
  createPooler,
  poolWindow,
  stackMetrics,
  type MetricName,
  type MetricOptions,
  type PooledWindow,
  type StackMetrics,
} from '../analysis';
import type { AttentionKind, AttentionProbe } from '../engine';
import type { RunSlot, WorkerResponse } from './protocol';
import { THUMBNAIL_CELLS, type TileAnswer, type TileQuery } from './tileProtocol';
import { readableError } from './readableError';

/** Weights per head computed at once while a window is pooled (1 Mi floats: 256 rows at 4096). */
const CHUNK_FLOATS = 2 ** 20;

/** What an on-demand forward leaves: per block, metrics and thumbnails gathered head by head. */
export interface HeadCollector {
  /** Call with each head's [Tq][Tk] weights as the forward computes it (used at once, not kept). */
  onHead(kind: AttentionKind, layer: number, head: number, weights: Float32Array): void;
  /** The block's head metrics, [layers][heads] (heads never seen stay 0). */
  metrics(kind: AttentionKind): StackMetrics | null;
  readonly thumbnails: Map<string, PooledWindow>;
}

export interface BlockShape {
  kind: AttentionKind;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  /** What the metrics need besides the weights (the page's metricOptions for the same block). */
  options: MetricOptions;
}

const thumbKey = (kind: AttentionKind, layer: number, head: number): string =>
  `${kind} ${layer} ${head}`;

export function createCollector(blocks: BlockShape[]): HeadCollector {
  const metrics = new Map<AttentionKind, Record<MetricName, Float64Array>>();
  const thumbnails = new Map<string, PooledWindow>();
  for (const b of blocks) {
    const arrays = {} as Record<MetricName, Float64Array>;
    for (const name of METRIC_NAMES) arrays[name] = new Float64Array(b.layers * b.heads);
    metrics.set(b.kind, arrays);
  }
  return {
    thumbnails,
    onHead(kind, layer, head, weights) {
      const b = blocks.find((x) => x.kind === kind);
      const out = metrics.get(kind);
      if (!b || !out) return;
      const { queryLength, keyLength } = b;
      const one = stackMetrics({ layers: 1, heads: 1, queryLength, keyLength, weights }, b.options);
      for (const name of METRIC_NAMES) out[name][layer * b.heads + head] = one[name][0]!;
      thumbnails.set(
        thumbKey(kind, layer, head),
        poolWindow(weights, queryLength, keyLength, THUMBNAIL_CELLS, THUMBNAIL_CELLS),
      );
    },
    metrics(kind) {
      const b = blocks.find((x) => x.kind === kind);
      const out = metrics.get(kind);
      return b && out ? { layers: b.layers, heads: b.heads, ...out } : null;
    },
  };
}

interface Kept {
  run: number;
  probes: AttentionProbe[];
  thumbnails: Map<string, PooledWindow>;
}

export interface TileServer {
  /** Keeps a finished on-demand run of `slot` (releasing the slot's previous one). */
  keep(
    slot: RunSlot,
    run: number,
    probes: AttentionProbe[],
    thumbnails: Map<string, PooledWindow>,
  ): void;
  /** Releases what `slot` keeps (a new run of it started). */
  release(slot: RunSlot): void;
  /** Releases everything (another model, another backend). */
  releaseAll(): void;
  /** A tile; throws an Error a person can read when the run is gone or the window is wrong. */
  answer(query: TileQuery): TileAnswer;
  /**
   * Answers a tile request with `attention-tile` or `attention-tile-error`: thumbnails pooled during
   * the forward at once (they need no tensors, so the heads grid never waits behind a long tile),
   * anything else on the run queue (tensors are used one task at a time).
   */
  serve(
    requestId: number,
    query: TileQuery,
    post: (message: WorkerResponse, transfer?: Transferable[]) => void,
    enqueue: (task: () => Promise<void>) => Promise<void>,
  ): void;
}

/** The arrays of a tile, to transfer. */
const buffersOf = (tile: TileAnswer): ArrayBuffer[] =>
  [...tile.max, ...tile.mean].map((a) => a.buffer as ArrayBuffer);

export function createTileServer(): TileServer {
  const kept = new Map<RunSlot, Kept>();
  /** Whether every head of `q` is a whole-head thumbnail of its live run. */
  const fromThumbnails = (q: TileQuery): boolean => {
    const entry = kept.get(q.slot);
    const probe = entry?.run === q.run ? entry.probes.find((p) => p.kind === q.kind) : undefined;
    return (
      probe !== undefined &&
      q.maxRows === THUMBNAIL_CELLS &&
      q.maxCols === THUMBNAIL_CELLS &&
      q.rows[0] === 0 &&
      q.cols[0] === 0 &&
      q.rows[1] === probe.queryLength &&
      q.cols[1] === probe.keyLength &&
      q.heads.every((h) => entry!.thumbnails.has(thumbKey(q.kind, q.layer, h)))
    );
  };
  const release = (slot: RunSlot): void => {
    for (const p of kept.get(slot)?.probes ?? []) p.dispose();
    kept.delete(slot);
  };
  return {
    keep(slot, run, probes, thumbnails) {
      release(slot);
      kept.set(slot, { run, probes, thumbnails });
    },
    release,
    serve(requestId, query, post, enqueue) {
      const send = (): void => {
        try {
          const tile = this.answer(query);
          post({ type: 'attention-tile', requestId, tile }, buffersOf(tile));
        } catch (error) {
          post({ type: 'attention-tile-error', requestId, message: readableError(error) });
        }
      };
      if (fromThumbnails(query)) send();
      else
        void enqueue(() => {
          send();
          return Promise.resolve();
        });
    },
    releaseAll() {
      for (const slot of [...kept.keys()]) release(slot);
    },
    answer(q) {
      const entry = kept.get(q.slot);
      if (!entry || entry.run !== q.run)
        throw new Error('This attention belongs to an earlier run and was released: run it again');
      const probe = entry.probes.find((p) => p.kind === q.kind);
      if (!probe) throw new Error(`This run has no ${q.kind} attention`);
      const [r0, r1] = q.rows;
      const [c0, c1] = q.cols;
      const rows = r1 - r0;
      const cols = c1 - c0;
      const whole = r0 === 0 && c0 === 0 && r1 === probe.queryLength && c1 === probe.keyLength;
      const max: Float32Array[] = [];
      const mean: Float32Array[] = [];
      let size: { outRows: number; outCols: number } | null = null;
      for (const head of q.heads) {
        const thumb = entry.thumbnails.get(thumbKey(q.kind, q.layer, head));
        // A copy of the thumbnail: the answer's arrays are transferred to the page.
        const pooled =
          whole && thumb && q.maxRows === THUMBNAIL_CELLS && q.maxCols === THUMBNAIL_CELLS
            ? { ...thumb, max: thumb.max.slice(), mean: thumb.mean.slice() }
            : pooledHead(probe, q, head, rows, cols);
        size = pooled;
        max.push(pooled.max);
        mean.push(pooled.mean);
      }
      return {
        rows: [r0, r1],
        cols: [c0, c1],
        outRows: size?.outRows ?? Math.min(rows, q.maxRows),
        outCols: size?.outCols ?? Math.min(cols, q.maxCols),
        max,
        mean,
      };
    },
  };
}

/** One head's window pooled chunk by chunk of rows (each chunk's softmax over all keys). */
function pooledHead(
  probe: AttentionProbe,
  q: TileQuery,
  head: number,
  rows: number,
  cols: number,
): PooledWindow {
  const pooler = createPooler(rows, cols, q.maxRows, q.maxCols);
  const step = Math.max(1, Math.floor(CHUNK_FLOATS / probe.keyLength));
  for (let from = q.rows[0]; from < q.rows[1]; from += step) {
    const to = Math.min(q.rows[1], from + step);
    const [chunk] = probe.tile(q.layer, [head], [from, to], q.cols);
    pooler.add(chunk!, from - q.rows[0], to - from);
  }
  return pooler.result();
}
