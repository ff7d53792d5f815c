/**
 * Pooling an attention window to at most maxRows × maxCols cells (heatmaps of long inputs, the
 * heads grid's thumbnails). The rule: output row i covers rows [floor(i·n/outRows),
 * floor((i+1)·n/outRows)) of the window's n rows, with outRows = min(n, maxRows); columns alike.
 * Each cell keeps the largest weight of its block and the block's mean. A window that fits is exact:
 * one cell per weight, max = mean = the weight.
 */

/** A pooled window: per cell of the row-major [outRows][outCols] grid, its block's max and mean. */
export interface PooledWindow {
  outRows: number;
  outCols: number;
  max: Float32Array;
  mean: Float32Array;
}

/** The out + 1 edges of `out` bands over `n` items: edges[i] = floor(i·n/out). */
export function bandEdges(n: number, out: number): Int32Array {
  const edges = new Int32Array(out + 1);
  for (let i = 0; i <= out; i++) edges[i] = Math.floor((i * n) / out);
  return edges;
}

/** For each of n items, the band (0…out−1) it falls in under bandEdges(n, out). */
function bandOf(n: number, out: number): Int32Array {
  const edges = bandEdges(n, out);
  const band = new Int32Array(n);
  for (let b = 0; b < out; b++) band.fill(b, edges[b], edges[b + 1]);
  return band;
}

function checkSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, not ${value}`);
}

/**
 * Pools a window of `rows` × `cols` weights that arrives in chunks of whole rows, in any order (so
 * at most one chunk of rows is held at a time): add() each chunk, then result().
 */
export interface WindowPooler {
  /** Rows [first, first + count) of the window, row-major [count][cols]. */
  add(chunk: Float32Array, first: number, count: number): void;
  result(): PooledWindow;
}

export function createPooler(
  rows: number,
  cols: number,
  maxRows: number,
  maxCols: number,
): WindowPooler {
  for (const [name, v] of [
    ['rows', rows],
    ['cols', cols],
    ['maxRows', maxRows],
    ['maxCols', maxCols],
  ] as const)
    checkSize(name, v);
  const outRows = Math.min(rows, maxRows);
  const outCols = Math.min(cols, maxCols);
  const rowBand = bandOf(rows, outRows);
  const colBand = bandOf(cols, outCols);
  const rowEdges = bandEdges(rows, outRows);
  const colEdges = bandEdges(cols, outCols);
  const sum = new Float64Array(outRows * outCols);
  const max = new Float32Array(outRows * outCols).fill(Number.NEGATIVE_INFINITY);
  return {
    add(chunk, first, count) {
      if (!Number.isInteger(first) || first < 0 || first + count > rows)
        throw new RangeError(`rows [${first}, ${first + count}) are outside the window`);
      if (chunk.length !== count * cols)
        throw new RangeError(`a chunk of ${count} rows needs ${count * cols} values`);
      for (let r = 0; r < count; r++) {
        const base = rowBand[first + r]! * outCols;
        const offset = r * cols;
        for (let c = 0; c < cols; c++) {
          const v = chunk[offset + c]!;
          const cell = base + colBand[c]!;
          sum[cell]! += v;
          if (v > max[cell]!) max[cell] = v;
        }
      }
    },
    result() {
      const mean = new Float32Array(outRows * outCols);
      for (let i = 0; i < outRows; i++) {
        const h = rowEdges[i + 1]! - rowEdges[i]!;
        for (let j = 0; j < outCols; j++) {
          const cell = i * outCols + j;
          mean[cell] = sum[cell]! / (h * (colEdges[j + 1]! - colEdges[j]!));
        }
      }
      return { outRows, outCols, max: max.slice(), mean };
    },
  };
}

/** Pools a whole row-major [rows][cols] window (see the module's rule). */
export function poolWindow(
  values: Float32Array,
  rows: number,
  cols: number,
  maxRows: number,
  maxCols: number,
): PooledWindow {
  const pooler = createPooler(rows, cols, maxRows, maxCols);
  pooler.add(values, 0, rows);
  return pooler.result();
}
