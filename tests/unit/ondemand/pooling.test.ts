/** The pooling rule of attention tiles (src/analysis/pooling.ts) on hand-built matrices. */
import { describe, expect, it } from 'vitest';
import { bandEdges, createPooler, poolWindow } from '../../../src/analysis/pooling';

const f32 = (values: number[]): Float32Array => Float32Array.from(values);

describe('bandEdges', () => {
  it('splits n items into out bands at floor(i·n/out)', () => {
    expect([...bandEdges(5, 2)]).toEqual([0, 2, 5]);
    expect([...bandEdges(7, 3)]).toEqual([0, 2, 4, 7]);
    expect([...bandEdges(4, 4)]).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('poolWindow', () => {
  it('is exact when the window fits: max = mean = the weight', () => {
    const m = f32([0.1, 0.9, 0.25, 0.75, 0.5, 0.5]); // [2][3]
    const p = poolWindow(m, 2, 3, 4, 3);
    expect([p.outRows, p.outCols]).toEqual([2, 3]);
    expect([...p.max]).toEqual([...m]);
    expect([...p.mean]).toEqual([...m]);
  });

  it('pools a 4×4 matrix into 2×2 blocks (max and mean of each block)', () => {
    // prettier-ignore
    const m = f32([
      1, 2,   3, 4,
      5, 6,   7, 8,
      9, 10,  11, 12,
      13, 14, 15, 16,
    ]);
    const p = poolWindow(m, 4, 4, 2, 2);
    expect([...p.max]).toEqual([6, 8, 14, 16]);
    expect([...p.mean]).toEqual([3.5, 5.5, 11.5, 13.5]);
  });

  it('uneven bands: 5 rows into 2 (rows 0–1 and 2–4), 3 columns into 2 (0 and 1–2)', () => {
    // prettier-ignore
    const m = f32([
      1, 0, 0,
      0, 0, 2,
      0, 3, 0,
      0, 0, 0,
      4, 0, 0,
    ]);
    const p = poolWindow(m, 5, 3, 2, 2);
    expect([p.outRows, p.outCols]).toEqual([2, 2]);
    expect([...p.max]).toEqual([1, 2, 4, 3]);
    // Block sizes: 2×1, 2×2, 3×1, 3×2.
    expect([...p.mean]).toEqual([0.5, 0.5, 4 / 3, 0.5].map((v) => Math.fround(v)));
  });

  it('rejects sizes that are not positive integers and chunks of the wrong length', () => {
    expect(() => poolWindow(f32([1]), 1, 1, 0, 1)).toThrow(RangeError);
    expect(() => poolWindow(f32([1, 2]), 1, 1, 1, 1)).toThrow(/needs 1 values/);
  });
});

describe('createPooler: rows arriving in chunks', () => {
  it('gives the same result as pooling the whole window, whatever the chunks', () => {
    const rows = 13;
    const cols = 11;
    const m = Float32Array.from({ length: rows * cols }, (_, i) => ((i * 37) % 17) / 17);
    const whole = poolWindow(m, rows, cols, 4, 3);
    const pooler = createPooler(rows, cols, 4, 3);
    // Chunks that cut through bands, added out of order.
    for (const [first, count] of [
      [5, 6],
      [0, 5],
      [11, 2],
    ] as const)
      pooler.add(m.subarray(first * cols, (first + count) * cols), first, count);
    const chunked = pooler.result();
    expect([...chunked.max]).toEqual([...whole.max]);
    for (let i = 0; i < whole.mean.length; i++)
      expect(chunked.mean[i]).toBeCloseTo(whole.mean[i]!, 6);
  });

  it('refuses rows outside the window', () => {
    const pooler = createPooler(2, 2, 1, 1);
    expect(() => pooler.add(f32([1, 1]), 2, 1)).toThrow(/outside the window/);
  });
});
