/**
 * The store's one way for views to get attention to draw, whichever path served the run: a window
 * of one layer's heads pooled to at most maxRows × maxCols (src/analysis/pooling.ts's rule). Runs
 * whose weights are in the store answer from them; on-demand runs (long inputs) ask the worker.
 */
import { poolWindow } from '../analysis';
import type { TileAnswer, TileQuery } from '../worker/tileProtocol';
import { getEngineClient } from './engineClient';
import type { AppState, BlockResult, SentenceSlot } from './types';
import { pageUrlOptions } from './urlParams';

/** Whole-head tiles of this size come from thumbnails the worker pooled during the forward. */
export { THUMBNAIL_CELLS } from '../worker/tileProtocol';

/** Runs with more tokens than this are served on demand (`?ondemand=N` overrides it). */
export const ON_DEMAND_ABOVE = 512;

/** The threshold this page uses: `?ondemand=N`, or ON_DEMAND_ABOVE. */
export function onDemandThreshold(): number {
  return pageUrlOptions().onDemandAbove ?? ON_DEMAND_ABOVE;
}

/**
 * A window of one layer's heads of a sentence's run: the worker's TileQuery less the run's id,
 * which the store fills in. Ranges are half-open [r0, r1) / [c0, c1), clamped to the block;
 * maxRows / maxCols bound the output (device pixels, at least 1).
 */
export type AttentionTileRequest = Omit<TileQuery, 'run' | 'slot'> & { slot: SentenceSlot };

/** Per requested head, row-major [outRows][outCols]: each block's largest weight and its mean. */
export type AttentionTile = TileAnswer;

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** The request checked against the block and clamped to it; throws a readable Error otherwise. */
function checked(block: BlockResult, req: AttentionTileRequest): AttentionTileRequest {
  if (!Number.isInteger(req.layer) || req.layer < 0 || req.layer >= block.layers)
    throw new Error(`There is no layer ${req.layer + 1} (the model has ${block.layers})`);
  for (const h of req.heads)
    if (!Number.isInteger(h) || h < 0 || h >= block.heads)
      throw new Error(`There is no head ${h + 1} (the model has ${block.heads})`);
  const r0 = clamp(Math.floor(req.rows[0]), 0, block.queryLength);
  const r1 = clamp(Math.ceil(req.rows[1]), r0, block.queryLength);
  const c0 = clamp(Math.floor(req.cols[0]), 0, block.keyLength);
  const c1 = clamp(Math.ceil(req.cols[1]), c0, block.keyLength);
  if (r1 === r0 || c1 === c0) throw new Error('The window holds no attention weights');
  return {
    ...req,
    rows: [r0, r1],
    cols: [c0, c1],
    maxRows: Math.max(1, Math.floor(req.maxRows)),
    maxCols: Math.max(1, Math.floor(req.maxCols)),
  };
}

/** A tile from a layer the store holds, row-major [heads][queryLength][keyLength]. */
export function tileFromLayer(
  layer: Float32Array,
  queryLength: number,
  keyLength: number,
  req: Pick<AttentionTileRequest, 'heads' | 'rows' | 'cols' | 'maxRows' | 'maxCols'>,
): AttentionTile {
  const [r0, r1] = req.rows;
  const [c0, c1] = req.cols;
  const n = r1 - r0;
  const m = c1 - c0;
  const max: Float32Array[] = [];
  const mean: Float32Array[] = [];
  let out = { outRows: Math.min(n, req.maxRows), outCols: Math.min(m, req.maxCols) };
  for (const h of req.heads) {
    const window = new Float32Array(n * m);
    for (let i = 0; i < n; i++) {
      const at = (h * queryLength + r0 + i) * keyLength + c0;
      window.set(layer.subarray(at, at + m), i * m);
    }
    const pooled = poolWindow(window, n, m, req.maxRows, req.maxCols);
    out = pooled;
    max.push(pooled.max);
    mean.push(pooled.mean);
  }
  return { rows: [r0, r1], cols: [c0, c1], outRows: out.outRows, outCols: out.outCols, max, mean };
}

/** The store action (RunSlice.requestAttentionTile). */
export async function requestAttentionTile(
  get: () => AppState,
  request: AttentionTileRequest,
): Promise<AttentionTile> {
  const run = get().runs[request.slot];
  const block = run.blocks.find((b) => b.kind === request.kind);
  if (!block) throw new Error(`This run has no ${request.kind} attention`);
  const req = checked(block, request);
  if (!block.onDemand) {
    const data = block.data[req.layer];
    if (!data) throw new Error(`Layer ${req.layer + 1} has not been computed yet`);
    return tileFromLayer(data, block.queryLength, block.keyLength, req);
  }
  const runId = run.attentionRun;
  if (run.state !== 'ready' || runId === undefined || runId === null)
    throw new Error('This attention is still being computed');
  const client = getEngineClient();
  if (!client.requestTile) throw new Error('This engine cannot compute attention on demand');
  const tile = await client.requestTile({
    slot: req.slot,
    run: runId,
    kind: req.kind,
    layer: req.layer,
    heads: req.heads,
    rows: req.rows,
    cols: req.cols,
    maxRows: req.maxRows,
    maxCols: req.maxCols,
  });
  if (get().runs[req.slot].attentionRun !== runId)
    throw new Error('This attention belongs to an earlier run: it was replaced');
  return tile;
}
