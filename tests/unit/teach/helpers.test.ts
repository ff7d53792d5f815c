import { describe, expect, it } from 'vitest';
import {
  attendAll,
  attendQuery,
  CAT_MAT_EXAMPLE,
  DICTIONARY_EXAMPLE,
  diagonalSpread,
  entropy,
  flashAttention,
  fullAttention,
  maskCost,
  maxAbsDiff,
  memoryGrowth,
  mulberry32,
  gaussian,
  padSquare,
  rescaleHead,
  ropeRotate,
  ropeScore,
  ropeScoreMatrix,
  rotatePair,
  rowDots,
  sampleSharpness,
  scoresForWeights,
  softLookup,
  softmax,
  softmaxRows,
  weightedSum,
} from '../../../src/analysis/teach';

const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);

describe('worked examples', () => {
  it('the dictionary example gives 8', () => {
    const { weights, values } = DICTIONARY_EXAMPLE;
    expect(softLookup(weights, values)).toBeCloseTo(8, 12);
    // Softmax of log-weights (chair masked) gives back 0.6 / 0.4 / 0, and the same answer.
    const steps = softmax(scoresForWeights(weights));
    expect(steps[0]).toBeCloseTo(0.6, 12);
    expect(steps[1]).toBeCloseTo(0.4, 12);
    expect(steps[2]).toBe(0);
    expect(
      weightedSum(
        steps,
        values.map((v) => [v]),
      )[0],
    ).toBeCloseTo(8, 12);
  });

  it('"The cat sat on the mat": every softmax row sums to 1', () => {
    const rows = CAT_MAT_EXAMPLE.vectors.map((v) => [...v]);
    const all = attendAll(rows, rows, rows);
    expect(all).toHaveLength(6);
    for (const step of all) {
      expect(step.scale).toBe(0.5); // 1/√4
      expect(sum(step.weights)).toBeCloseTo(1, 12);
    }
  });

  it('"cat" attends most to "mat" (largest dot product), with the numbers worked by hand', () => {
    const rows = CAT_MAT_EXAMPLE.vectors.map((v) => [...v]);
    const cat = attendQuery(rows[1]!, rows, rows);
    expect(cat.dots.map((d) => Number(d.toFixed(2)))).toEqual([0.7, 1.74, 2.78, 3.82, 0.7, 4.86]);
    expect(cat.scaled[5]).toBeCloseTo(2.43, 12);
    expect(cat.weights.indexOf(Math.max(...cat.weights))).toBe(5);
    // Output dimensions differ by 0.1, as the vectors do.
    expect(cat.output[1]! - cat.output[0]!).toBeCloseTo(0.1, 12);
  });

  it('a masked key gets exactly 0 and the rest still sum to 1', () => {
    const rows = CAT_MAT_EXAMPLE.vectors.map((v) => [...v]);
    const cat = attendQuery(rows[1]!, rows, rows, { allowed: [1, 1, 0, 0, 0, 0] });
    expect(cat.masked[2]).toBe(-Infinity);
    expect(cat.weights.slice(2)).toEqual([0, 0, 0, 0]);
    expect(sum(cat.weights)).toBeCloseTo(1, 12);
  });

  it('softmax of an all-masked row is all zeros, not NaN', () => {
    expect(softmax([-Infinity, -Infinity])).toEqual([0, 0]);
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
  });
});

describe('why √d_k (seeded sampling)', () => {
  const points = sampleSharpness({ dks: [4, 16, 64, 256], keys: 16, samples: 150, seed: 7 });

  it('without scaling, mean entropy decreases as d_k grows', () => {
    for (let i = 1; i < points.length; i++)
      expect(points[i]!.entropyRaw).toBeLessThan(points[i - 1]!.entropyRaw);
    expect(points[points.length - 1]!.maxRaw).toBeGreaterThan(0.7); // nearly one-hot
  });

  it('with 1/√d_k, mean entropy stays roughly flat', () => {
    const hs = points.map((p) => p.entropyScaled);
    expect(Math.max(...hs) - Math.min(...hs)).toBeLessThan(0.15);
    expect(Math.min(...hs)).toBeGreaterThan(1.5); // far from one-hot (ln 16 ≈ 2.77)
  });

  it('raw score spread grows like √d_k, and the same seed gives the same numbers', () => {
    for (const p of points) expect(p.scoreStd / Math.sqrt(p.dk)).toBeGreaterThan(0.85);
    for (const p of points) expect(p.scoreStd / Math.sqrt(p.dk)).toBeLessThan(1.15);
    const again = sampleSharpness({ dks: [4, 16, 64, 256], keys: 16, samples: 150, seed: 7 });
    expect(again).toEqual(points);
  });

  it('rescaling a head with its own scale gives back its weights; ALiBi bias and mask kept', () => {
    const rows = 3;
    const cols = 3;
    const raw = [1, 2, 3, 0, 1, 0, 2, 2, 1];
    const scale = 0.5;
    const bias = [0, -1, -2, -1, 0, -1, -2, -1, 0];
    const scaled = raw.map((r, i) => r * scale + bias[i]!);
    const masked = scaled.map((s, i) => (i === 2 ? -Infinity : s));
    const weights = softmaxRows(masked, rows, cols);
    const head = { rows, cols, raw, scaled, masked, scale };
    expect(maxAbsDiff(rescaleHead(head, scale), weights)).toBeLessThan(1e-12);
    const sharp = rescaleHead(head, 10);
    expect(sharp[2]).toBe(0);
    expect(sharp[1]).toBeGreaterThan(weights[1]!);
  });
});

describe('FlashAttention tiling', () => {
  const rows = 7;
  const cols = 11;
  const dh = 5;
  const normal = gaussian(mulberry32(3));
  const scores = Array.from({ length: rows * cols }, () => normal() * 3);
  // A causal mask on top, so some tiles are fully masked for early rows.
  for (let r = 0; r < rows; r++)
    for (let c = r + 2; c < cols; c++) scores[r * cols + c] = -Infinity;
  const values = Array.from({ length: cols * dh }, () => normal());
  const full = fullAttention(scores, values, rows, cols, dh);

  it.each([1, 2, 3, 4, 5, 8, 11, 64])(
    'tile size %i equals the full softmax within 1e-6',
    (tile) => {
      const flash = flashAttention(scores, values, rows, cols, dh, tile);
      expect(flash.tiles).toBe(Math.ceil(cols / tile));
      expect(maxAbsDiff(flash.weights, full.weights)).toBeLessThan(1e-6);
      expect(maxAbsDiff(flash.output, full.output)).toBeLessThan(1e-6);
    },
  );

  it('the running max never decreases and the last running sum normalises the row', () => {
    const flash = flashAttention(scores, values, rows, cols, dh, 3);
    for (const steps of flash.trace) {
      for (let i = 1; i < steps.length; i++)
        expect(steps[i]!.runningMax).toBeGreaterThanOrEqual(steps[i - 1]!.runningMax);
    }
    const row = 4;
    const last = flash.trace[row]!.at(-1)!;
    const direct = sum(
      Array.from({ length: cols }, (_, c) => scores[row * cols + c]!)
        .filter((s) => s > -Infinity)
        .map((s) => Math.exp(s - last.runningMax)),
    );
    expect(last.runningSum).toBeCloseTo(direct, 10);
    expect(flash.memory.fullScores).toBe(rows * cols);
    expect(flash.memory.tileScores).toBe(9);
  });
});

describe('RoPE demo', () => {
  it('rotating a pair keeps its length', () => {
    const [x, y] = rotatePair(3, 4, 1.234);
    expect(Math.hypot(x, y)).toBeCloseTo(5, 12);
    expect(rotatePair(1, 0, Math.PI / 2)[1]).toBeCloseTo(1, 12);
  });

  it('the score depends only on m − n', () => {
    const normal = gaussian(mulberry32(11));
    const q = Array.from({ length: 8 }, () => normal());
    const k = Array.from({ length: 8 }, () => normal());
    for (const [m, n] of [
      [5, 2],
      [3, 7],
      [0, 0],
    ] as const)
      for (const shift of [1, 4, 17, 100])
        expect(ropeScore(q, k, m + shift, n + shift)).toBeCloseTo(ropeScore(q, k, m, n), 9);
    const matrix = ropeScoreMatrix(q, k, 12);
    expect(diagonalSpread(matrix, 12)).toBeLessThan(1e-9);
    // …and it really changes with the distance.
    expect(Math.abs(ropeScore(q, k, 0, 0) - ropeScore(q, k, 3, 0))).toBeGreaterThan(1e-3);
    // Position 0 is not rotated.
    expect(ropeRotate(q, 0)).toEqual(q);
  });
});

describe('matrix helpers', () => {
  it('mask cost counts attended pairs against N²', () => {
    expect(maskCost([1, 0, 1, 1], 2, 2)).toEqual({ pairs: 3, full: 4, fraction: 0.75 });
  });

  it('pads a matrix into the top-left of a square', () => {
    const p = padSquare([1, 2, 3, 4], 2, 2, 3);
    expect(Array.from(p.slice(0, 2))).toEqual([1, 2]);
    expect(Number.isNaN(p[2]!)).toBe(true);
  });

  it('sinusoid-like rows: dot products with every row', () => {
    const table = [1, 0, 0, 1, 1, 1];
    expect(Array.from(rowDots(table, 3, 2, 0))).toEqual([1, 0, 1]);
  });
});

describe('memory as N grows', () => {
  it('full attention grows as N², the tiles only linearly', () => {
    const rows = memoryGrowth(64, [128, 512, 2048]);
    expect(rows).toEqual([
      { n: 128, full: 16384, tiled: 64 * 64 + 256 },
      { n: 512, full: 262144, tiled: 64 * 64 + 1024 },
      { n: 2048, full: 4194304, tiled: 64 * 64 + 4096 },
    ]);
    // A tile larger than the sequence is just the sequence.
    expect(memoryGrowth(64, [16])).toEqual([{ n: 16, full: 256, tiled: 256 + 32 }]);
  });
});
