/** Messages between the Aggregates tab and its worker (plain data; typed arrays are transferred). */

export interface AggregateRequest {
  id: number;
  /** 'rollout': rolloutLayers ([layers][T][T]); 'flow': attention flow through all layers ([T][T]). */
  kind: 'rollout' | 'flow';
  layers: number;
  t: number;
  /** Head-averaged attention, [layers][T][T]. */
  weights: Float32Array;
  /** α of Â = (1 − α)·Ā + α·I. */
  residual: number;
}

export type AggregateReply =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'done'; result: Float32Array }
  | { id: number; type: 'error'; message: string };
