/** Value-weighted attention α_ij·‖f(x_j)‖ (Kobayashi et al. 2020) against plain loops. */
import { describe, expect, it } from 'vitest';
import {
  normsFit,
  valueWeightedHead,
  valueWeightedLayer,
  valueWeightedLayerCached,
} from '../../../src/analysis';

/** ‖α_ij f(x_j)‖ from the vectors themselves (float64): the definition, not the shortcut. */
function reference(
  alpha: number[][][],
  f: number[][][], // [heads][keys][dModel]: f(x_j) per head
): number[][][] {
  return alpha.map((head, h) =>
    head.map((row) =>
      row.map((a, j) => Math.sqrt(f[h]![j]!.reduce((sum, v) => sum + (a * v) ** 2, 0))),
    ),
  );
}

describe('valueWeightedLayer', () => {
  // Layer 1 of a 2-layer block: 2 heads, 2 queries, 3 keys.
  const alpha = [
    [
      [0.5, 0.25, 0.25],
      [0, 1, 0],
    ],
    [
      [1 / 3, 1 / 3, 1 / 3],
      [0.1, 0.2, 0.7],
    ],
  ];
  const f = [
    [
      [3, 4],
      [0, 1],
      [1, 1],
    ],
    [
      [2, 0],
      [0, 0],
      [6, 8],
    ],
  ];
  const norms = new Float32Array(2 * 2 * 3); // [layers][heads][keys]
  f.forEach((head, h) => head.forEach((v, j) => (norms[(1 * 2 + h) * 3 + j] = Math.hypot(...v))));
  const weights = new Float32Array(alpha.flat(2));

  it('equals ‖α_ij f(x_j)‖ of the vectors, for every head, query and key', () => {
    const out = valueWeightedLayer(weights, norms, 1, 2, 2, 3);
    const want = reference(alpha, f).flat(2);
    expect(out).toHaveLength(want.length);
    want.forEach((w, i) => expect(out[i]).toBeCloseTo(w, 6));
    // A key with a zero value vector contributes nothing, however much it is attended.
    expect(out[1 * 6 + 1]).toBe(0);
  });

  it('one head matches the layer', () => {
    const layer = valueWeightedLayer(weights, norms, 1, 2, 2, 3);
    const head = valueWeightedHead(weights.subarray(6, 12), norms, 1, 1, 2, 2, 3);
    expect([...head]).toEqual([...layer.subarray(6, 12)]);
  });

  it('refuses shapes that do not fit', () => {
    expect(() => valueWeightedLayer(weights, norms, 2, 2, 2, 3)).toThrow(RangeError);
    expect(() => valueWeightedLayer(weights.subarray(1), norms, 1, 2, 2, 3)).toThrow(RangeError);
    expect(() => valueWeightedHead(weights.subarray(0, 6), norms, 1, 2, 2, 2, 3)).toThrow(
      RangeError,
    );
    expect(normsFit(norms, 2, 2, 3)).toBe(true);
    expect(normsFit(norms, 3, 2, 3)).toBe(false);
    expect(normsFit(null, 2, 2, 3)).toBe(false);
  });

  it('the cached form gives the same array back for the same inputs, a new one for new norms', () => {
    const a = valueWeightedLayerCached(weights, norms, 1, 2, 2, 3);
    expect(valueWeightedLayerCached(weights, norms, 1, 2, 2, 3)).toBe(a);
    const other = norms.map((v) => v * 2);
    const b = valueWeightedLayerCached(weights, other, 1, 2, 2, 3);
    expect(b).not.toBe(a);
    expect(b[0]).toBeCloseTo(a[0]! * 2, 6);
  });
});
