/**
 * FlashAttention's idea, simulated on plain numbers: walk K and V in tiles, keep for each query row
 * only a running max m, a running sum l and an unnormalised output o, and rescale them when a new
 * tile raises the max. The result equals softmax(S)·V without ever holding a full row of S.
 */
import { softmax } from './attention';

/** What one query row holds after a tile. */
export interface FlashTileStep {
  tile: number;
  /** Keys [start, end) of this tile. */
  start: number;
  end: number;
  /** Largest score inside the tile (−∞ when all are masked). */
  tileMax: number;
  /** Running max m after the tile. */
  runningMax: number;
  /** Running sum l = Σ exp(s − m) over the keys seen so far, after the tile. */
  runningSum: number;
  /** exp(m_old − m_new): how much the earlier sum and output were scaled down (1: max unchanged). */
  rescale: number;
  /** Unnormalised output o after the tile (divide by runningSum for the current estimate). */
  output: number[];
}

export interface FlashResult {
  /** softmax(S)·V computed tile by tile, [rows][dh]. */
  output: Float64Array;
  /** Final weights exp(s − m)/l, [rows][cols] (what the full softmax would give). */
  weights: Float64Array;
  /** Per row: the state after every tile. */
  trace: FlashTileStep[][];
  tiles: number;
  /** Floats of the full score matrix (rows × cols) vs. one tile of scores (tile × tile). */
  memory: { fullScores: number; tileScores: number; runningStats: number };
}

/**
 * Tiled (online-softmax) attention over precomputed scores. `scores` is row-major [rows][cols]
 * with masked entries at −∞ (already scaled); `values` is [cols][dh].
 */
export function flashAttention(
  scores: ArrayLike<number>,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  dh: number,
  tileSize: number,
): FlashResult {
  const size = Math.max(1, Math.floor(tileSize));
  const tiles = Math.ceil(cols / size);
  const output = new Float64Array(rows * dh);
  const weights = new Float64Array(rows * cols);
  const trace: FlashTileStep[][] = [];
  for (let r = 0; r < rows; r++) {
    let m = -Infinity;
    let l = 0;
    const o = new Float64Array(dh);
    const steps: FlashTileStep[] = [];
    for (let t = 0; t < tiles; t++) {
      const start = t * size;
      const end = Math.min(cols, start + size);
      let tileMax = -Infinity;
      for (let c = start; c < end; c++) tileMax = Math.max(tileMax, scores[r * cols + c]!);
      const mNew = Math.max(m, tileMax);
      // Before any finite score, there is nothing to rescale (and exp(−∞ − −∞) would be NaN).
      const rescale = m === -Infinity ? (mNew === -Infinity ? 1 : 0) : Math.exp(m - mNew);
      l *= rescale;
      for (let j = 0; j < dh; j++) o[j] = o[j]! * rescale;
      if (mNew > -Infinity) {
        for (let c = start; c < end; c++) {
          const s = scores[r * cols + c]!;
          if (s === -Infinity) continue;
          const p = Math.exp(s - mNew);
          l += p;
          for (let j = 0; j < dh; j++) o[j] = o[j]! + p * values[c * dh + j]!;
        }
      }
      m = mNew;
      steps.push({
        tile: t,
        start,
        end,
        tileMax,
        runningMax: m,
        runningSum: l,
        rescale,
        output: Array.from(o),
      });
    }
    for (let j = 0; j < dh; j++) output[r * dh + j] = l > 0 ? o[j]! / l : 0;
    for (let c = 0; c < cols; c++) {
      const s = scores[r * cols + c]!;
      weights[r * cols + c] = l > 0 && s !== -Infinity ? Math.exp(s - m) / l : 0;
    }
    trace.push(steps);
  }
  return {
    output,
    weights,
    trace,
    tiles,
    memory: {
      fullScores: rows * cols,
      tileScores: Math.min(size, rows) * Math.min(size, cols),
      runningStats: 2 * rows,
    },
  };
}

/** The reference: the full softmax of every row, then weights·V. */
export function fullAttention(
  scores: ArrayLike<number>,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  dh: number,
): { weights: Float64Array; output: Float64Array } {
  const weights = new Float64Array(rows * cols);
  const output = new Float64Array(rows * dh);
  for (let r = 0; r < rows; r++) {
    const p = softmax(Array.from({ length: cols }, (_, c) => scores[r * cols + c]!));
    weights.set(p, r * cols);
    for (let c = 0; c < cols; c++) {
      if (p[c] === 0) continue;
      for (let j = 0; j < dh; j++)
        output[r * dh + j] = output[r * dh + j]! + p[c]! * values[c * dh + j]!;
    }
  }
  return { weights, output };
}

/** Score-memory of full attention against FlashAttention's tiles for one head, as N grows. */
export interface MemoryRow {
  /** Sequence length (queries = keys = N). */
  n: number;
  /** Numbers held for the full N × N score matrix. */
  full: number;
  /** Numbers held at once by the tiled version: one tile plus a running max and sum per query. */
  tiled: number;
}

export function memoryGrowth(tileSize: number, lengths: readonly number[]): MemoryRow[] {
  return lengths.map((n) => {
    const tile = Math.min(tileSize, n);
    return { n, full: n * n, tiled: tile * tile + 2 * n };
  });
}
