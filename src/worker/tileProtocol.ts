/**
 * Attention on demand between the page and the engine worker: a window of one layer's heads of a
 * run whose weights the worker did not send (long inputs), pooled to at most maxRows × maxCols by
 * src/analysis/pooling.ts's rule. Plain data only.
 */
import type { AttentionKind } from '../engine';
import type { StackMetrics } from '../analysis';
import type { RunSlot } from './protocol';

/** What a tile request names: the run (its request id) and the window. */
export interface TileQuery {
  slot: RunSlot;
  /** The request id of the run whose attention is asked for (stale runs are refused). */
  run: number;
  kind: AttentionKind;
  layer: number;
  heads: number[];
  /** Half-open query range [r0, r1) and key range [c0, c1), inside the block. */
  rows: [number, number];
  cols: [number, number];
  maxRows: number;
  maxCols: number;
}

/** A pooled window: per requested head, row-major [outRows][outCols] block max and mean. */
export interface TileAnswer {
  rows: [number, number];
  cols: [number, number];
  outRows: number;
  outCols: number;
  max: Float32Array[];
  mean: Float32Array[];
}

/**
 * Side length of the thumbnails the forward pools every head to as it goes (heads grid): a
 * whole-head request with maxRows = maxCols = THUMBNAIL_CELLS is answered from them at once.
 */
export const THUMBNAIL_CELLS = 64;

/** page → worker */
export type TileRequestMessage = { type: 'attention-tile'; requestId: number } & TileQuery;

/** worker → page */
export type TileResponseMessage =
  | { type: 'attention-tile'; requestId: number; tile: TileAnswer }
  | { type: 'attention-tile-error'; requestId: number; message: string }
  /**
   * An on-demand run's head metrics ([layers][heads], as the heads grid sorts by), sent before its
   * `done`; the page computes them itself from the weights of other runs.
   */
  | { type: 'head-metrics'; requestId: number; kind: AttentionKind; metrics: StackMetrics }
  /**
   * How far an on-demand run's forward is: its first `layersDone` layers of `kind` are computed
   * (no `layer` messages come to count, and a long input's forward takes minutes).
   */
  | { type: 'run-progress'; requestId: number; kind: AttentionKind; layersDone: number };
