/**
 * Why scores are divided by √d_k: sample random queries and keys with unit-variance entries and
 * watch the softmax of q·k sharpen as d_k grows (its variance is d_k), and stay put once scaled.
 * Also: re-softmax a real head's scores with any scale factor (the temperature slider).
 */
import { gaussian, mulberry32 } from '../../lib/random';
import { entropy, softmax } from './attention';

// The PRNGs live in src/lib so the engine and the page draw the same samples from one copy.
export { gaussian, mulberry32 };

/** d_k = 1, 2, 4, … up to `max` (powers of two, for a log axis). */
export function powersOfTwo(max: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= max; d *= 2) out.push(d);
  return out;
}

export interface SharpnessOptions {
  /** The head sizes to sample. */
  dks: readonly number[];
  /** Keys per query (the softmax's length). */
  keys: number;
  /** Random (q, K) draws per d_k. */
  samples: number;
  seed: number;
}

export interface SharpnessPoint {
  dk: number;
  /** Mean entropy (nats) of softmax(q·K), unscaled; ln(keys) is uniform, 0 is one-hot. */
  entropyRaw: number;
  /** The same with the scores × 1/√d_k. */
  entropyScaled: number;
  /** Mean largest weight, unscaled and scaled. */
  maxRaw: number;
  maxScaled: number;
  /** Standard deviation of the raw scores q·k over all draws (≈ √d_k). */
  scoreStd: number;
}

/**
 * For each d_k: draw q and `keys` keys with N(0, 1) entries, `samples` times; average the entropy
 * and the largest weight of softmax(q·k) without and with the 1/√d_k factor. Both use the same
 * draws, so the two curves differ only by the scaling. Same seed, same numbers.
 */
export function sampleSharpness(options: SharpnessOptions): SharpnessPoint[] {
  const { keys, samples } = options;
  return options.dks.map((dk, index) => {
    const normal = gaussian(mulberry32((options.seed + index * 7919) >>> 0));
    const q = new Float64Array(dk);
    const raw = new Float64Array(keys);
    const scaled = new Float64Array(keys);
    const inv = 1 / Math.sqrt(dk);
    let hRaw = 0;
    let hScaled = 0;
    let mRaw = 0;
    let mScaled = 0;
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < samples; s++) {
      for (let i = 0; i < dk; i++) q[i] = normal();
      for (let j = 0; j < keys; j++) {
        let d = 0;
        for (let i = 0; i < dk; i++) d += q[i]! * normal();
        raw[j] = d;
        scaled[j] = d * inv;
        sum += d;
        sumSq += d * d;
      }
      const pRaw = softmax(raw);
      const pScaled = softmax(scaled);
      hRaw += entropy(pRaw);
      hScaled += entropy(pScaled);
      mRaw += Math.max(...pRaw);
      mScaled += Math.max(...pScaled);
    }
    const n = samples * keys;
    const mean = sum / n;
    return {
      dk,
      entropyRaw: hRaw / samples,
      entropyScaled: hScaled / samples,
      maxRaw: mRaw / samples,
      maxScaled: mScaled / samples,
      scoreStd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    };
  });
}

/** One head's scores as the engine returned them (row-major [rows][cols]). */
export interface HeadScores {
  rows: number;
  cols: number;
  /** Q·Kᵀ. */
  raw: ArrayLike<number>;
  /** raw × scale (+ ALiBi bias). */
  scaled: ArrayLike<number>;
  /** scaled with masked entries at −∞. */
  masked: ArrayLike<number>;
  /** The scale the engine applied. */
  scale: number;
}

/**
 * The head's weights recomputed with another factor: softmax(raw × factor + bias) per row, where
 * bias = scaled − raw × scale (ALiBi; 0 otherwise) and the head's mask is kept.
 * With factor = scale this gives back the engine's weights.
 */
export function rescaleHead(head: HeadScores, factor: number): Float64Array {
  const { rows, cols } = head;
  const out = new Float64Array(rows * cols);
  const row = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (head.masked[i] === -Infinity) {
        row[c] = -Infinity;
        continue;
      }
      const raw = head.raw[i]!;
      const bias = head.scaled[i]! - raw * head.scale;
      row[c] = raw * factor + bias;
    }
    out.set(softmax(row), r * cols);
  }
  return out;
}

/** Mean entropy (nats) of the rows of a [rows][cols] probability matrix, skipping empty rows. */
export function meanRowEntropy(weights: ArrayLike<number>, rows: number, cols: number): number {
  let h = 0;
  let n = 0;
  for (let r = 0; r < rows; r++) {
    let total = 0;
    const row = new Float64Array(cols);
    for (let c = 0; c < cols; c++) {
      row[c] = weights[r * cols + c]!;
      total += row[c]!;
    }
    if (total <= 0) continue;
    h += entropy(row);
    n++;
  }
  return n > 0 ? h / n : 0;
}
