/**
 * The unit tests' fake `fetchTile`: a tile computed from a layer in hand ([heads][rows][cols]) by
 * the contract's pooling rule, written out as plain loops (independent of src/analysis/pooling.ts).
 */
import { blockRange } from '../../../../src/views/heatmap-zoom/tile';
import type { AttentionTile, TileWindowRequest } from '../../../../src/views/heatmap-zoom/tile';

export function tileFromLayer(
  layer: Float32Array,
  rows: number,
  cols: number,
  req: TileWindowRequest,
): AttentionTile {
  const r0 = Math.max(0, Math.min(rows, req.rows[0]));
  const r1 = Math.max(r0, Math.min(rows, req.rows[1]));
  const c0 = Math.max(0, Math.min(cols, req.cols[0]));
  const c1 = Math.max(c0, Math.min(cols, req.cols[1]));
  const n = r1 - r0;
  const m = c1 - c0;
  const outRows = Math.min(n, Math.max(1, Math.floor(req.maxRows)));
  const outCols = Math.min(m, Math.max(1, Math.floor(req.maxCols)));
  const max: Float32Array[] = [];
  const mean: Float32Array[] = [];
  for (const h of req.heads) {
    const base = h * rows * cols;
    const mx = new Float32Array(outRows * outCols);
    const mn = new Float32Array(outRows * outCols);
    for (let i = 0; i < outRows; i++) {
      const [a, b] = blockRange(i, n, outRows);
      for (let j = 0; j < outCols; j++) {
        const [c, d] = blockRange(j, m, outCols);
        let top = 0;
        let sum = 0;
        for (let r = r0 + a; r < r0 + b; r++) {
          const row = base + r * cols;
          for (let k = c0 + c; k < c0 + d; k++) {
            const v = layer[row + k]!;
            sum += v;
            if (v > top) top = v;
          }
        }
        mx[i * outCols + j] = top;
        mn[i * outCols + j] = sum / ((b - a) * (d - c));
      }
    }
    max.push(mx);
    mean.push(mn);
  }
  return { rows: [r0, r1], cols: [c0, c1], outRows, outCols, max, mean };
}
