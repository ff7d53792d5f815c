/**
 * The tile contract with the store (src/store/attentionTiles.ts): a window of one layer's
 * attention, pooled to at most maxRows × maxCols; and the pooling rule's block arithmetic the
 * heatmap needs to say which cells a pixel covers.
 */
import type { AttentionTile, AttentionTileRequest } from '../../store/attentionTiles';

export type { AttentionTile, AttentionTileRequest };

/** What the heatmap asks for: one head of one layer; the container adds the sentence and kind. */
export type TileWindowRequest = Omit<AttentionTileRequest, 'slot' | 'kind'>;

/** The heatmap's way to get tiles (the store action behind a container, or a fake in tests). */
export type FetchTile = (req: TileWindowRequest) => Promise<AttentionTile>;

/**
 * The cells that output index `i` of an axis covers (the contract's pooling rule): with n cells
 * pooled into `out` outputs, [floor(i·n/out), floor((i+1)·n/out)), relative to the window start.
 */
export function blockRange(i: number, n: number, out: number): [number, number] {
  return [Math.floor((i * n) / out), Math.floor(((i + 1) * n) / out)];
}

/** The output index whose block holds cell `q` (0 ≤ q < n): the inverse of `blockRange`. */
export function blockOf(q: number, n: number, out: number): number {
  // Largest i with floor(i·n/out) ≤ q  ⇔  i < (q + 1)·out / n.
  return Math.min(out - 1, Math.max(0, Math.ceil(((q + 1) * out) / n) - 1));
}

/** The widest block of an axis: how many cells one output pixel covers at most. */
export function widestBlock(n: number, out: number): number {
  return out > 0 ? Math.ceil(n / out) : 0;
}
