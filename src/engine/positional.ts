/** Positional encodings as plain numbers; the engine turns them into tensors once per length. */
import type { RopeScaling } from './types';

/**
 * Vaswani et al.'s sinusoid table, [positions][d] row-major:
 * PE[pos][2i] = sin(pos / base^(2i/d)), PE[pos][2i+1] = cos(pos / base^(2i/d)).
 */
export function sinusoidalTable(positions: number, d: number, base = 10000): Float32Array {
  const table = new Float32Array(positions * d);
  for (let pos = 0; pos < positions; pos++) {
    for (let j = 0; j < d; j++) {
      const i2 = j - (j % 2); // the 2i of this pair
      const angle = pos / Math.pow(base, i2 / d);
      table[pos * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}

/** RoPE frequencies for a head of size dh: base^(−2i/dh), i = 0 … dh/2 − 1. */
export function ropeInverseFrequencies(headSize: number, base = 10000): Float64Array {
  const half = headSize / 2;
  const freqs = new Float64Array(half);
  for (let i = 0; i < half; i++) freqs[i] = Math.pow(base, (-2 * i) / headSize);
  return freqs;
}

/**
 * RoPE frequencies after a `rope_scaling` rule (Hugging Face modeling_rope_utils):
 * - linear: every frequency ÷ factor (positions stretched by factor);
 * - llama3: wavelengths 2π/f above originalMaxPositions/lowFreqFactor are divided by factor,
 *   those below originalMaxPositions/highFreqFactor kept, and the ones between blended by
 *   s = (originalMaxPositions/wavelength − lowFreqFactor) / (highFreqFactor − lowFreqFactor):
 *   (1 − s)·f/factor + s·f.
 */
export function scaleRopeFrequencies(freqs: Float64Array, scaling?: RopeScaling): Float64Array {
  if (!scaling) return freqs;
  if (scaling.kind === 'linear') return freqs.map((f) => f / scaling.factor);
  const { factor, lowFreqFactor: low, highFreqFactor: high, originalMaxPositions: old } = scaling;
  const lowWavelength = old / low;
  const highWavelength = old / high;
  return freqs.map((f) => {
    const wavelength = (2 * Math.PI) / f;
    if (wavelength > lowWavelength) return f / factor;
    if (wavelength < highWavelength) return f;
    const s = (old / wavelength - low) / (high - low);
    return (1 - s) * (f / factor) + s * f;
  });
}

/**
 * RoPE cos/sin tables in the rotate_half layout, [positions][r] for r rotated dims: column i and
 * i + r/2 share the angle pos · freqs[i] (freqs from ropeInverseFrequencies(r, base), maybe scaled).
 */
export function ropeTablesFromFrequencies(
  positions: number,
  freqs: Float64Array,
): { cos: Float32Array; sin: Float32Array } {
  const half = freqs.length;
  const r = 2 * half;
  const cos = new Float32Array(positions * r);
  const sin = new Float32Array(positions * r);
  for (let pos = 0; pos < positions; pos++) {
    for (let i = 0; i < half; i++) {
      const angle = pos * freqs[i]!;
      for (const col of [i, i + half]) {
        cos[pos * r + col] = Math.cos(angle);
        sin[pos * r + col] = Math.sin(angle);
      }
    }
  }
  return { cos, sin };
}

/**
 * RoPE cos/sin tables in the rotate_half layout, [positions][dh]: column i and i + dh/2 share
 * the angle pos · base^(−2i/dh).
 */
export function ropeTables(
  positions: number,
  headSize: number,
  base = 10000,
): { cos: Float32Array; sin: Float32Array } {
  if (headSize % 2 !== 0) throw new Error(`RoPE needs an even head size; got ${headSize}`);
  return ropeTablesFromFrequencies(positions, ropeInverseFrequencies(headSize, base));
}

/**
 * ALiBi head slopes (Press et al.): a geometric sequence 2^(−8/n), 2^(−16/n), … for n a power
 * of two; otherwise the closest power of two below, then every other slope of twice that many.
 */
export function alibiSlopes(heads: number): number[] {
  const powerOfTwo = (n: number): number[] =>
    Array.from({ length: n }, (_, h) => Math.pow(2, (-8 * (h + 1)) / n));
  const n = Math.pow(2, Math.floor(Math.log2(heads)));
  if (n === heads) return powerOfTwo(heads);
  const extra = powerOfTwo(2 * n).filter((_, i) => i % 2 === 0);
  return [...powerOfTwo(n), ...extra.slice(0, heads - n)];
}

/** ALiBi's bias for one head, [rows][cols]: −slope · |q − k|. */
export function alibiBias(slope: number, rows: number, cols: number): Float32Array {
  const bias = new Float32Array(rows * cols);
  for (let q = 0; q < rows; q++)
    for (let k = 0; k < cols; k++) bias[q * cols + k] = -slope * Math.abs(q - k);
  return bias;
}
