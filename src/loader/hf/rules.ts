/** How one checkpoint tensor becomes engine weights: shared by every family's name map. */
import type { NamedArray } from '../../engine/weights';

/** One checkpoint tensor the engine needs: its expected shape and how it becomes engine weights. */
export interface Rule {
  shape: number[];
  convert(data: Float32Array): [string, NamedArray][];
}

/** Same layout. */
export const copy = (target: string, shape: number[]): Rule => ({
  shape,
  convert: (data) => [[target, { shape: [...shape], data }]],
});

/** nn.Linear weight [out][in] → engine [in][out]. */
export const linear = (target: string, out: number, inp: number): Rule => ({
  shape: [out, inp],
  convert: (data) => [[target, { shape: [inp, out], data: transpose(data, out, inp) }]],
});

/** Side of the tiles a transpose walks: both tiles stay in cache, unlike a row-by-column walk. */
const TILE = 32;

/** [rows][cols] → [cols][rows], tile by tile. */
export function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(rows * cols);
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(cols, c0 + TILE);
      for (let r = r0; r < r1; r++)
        for (let c = c0; c < c1; c++) t[c * rows + r] = data[r * cols + c]!; // [r][c] -> [c][r]
    }
  }
  return t;
}
