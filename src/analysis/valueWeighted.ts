/**
 * Value-weighted attention (Kobayashi et al. 2020, "Attention is Not Only a Weight"): how much key
 * j really adds to query i's output in one head is ‖α_ij · f(x_j)‖, with f(x_j) = (x_j·W_V + b_V)·W_O^h
 * the key's value vector after the head's slice of the output projection. Since α_ij ≥ 0 this is
 * α_ij · ‖f(x_j)‖: the weights times the size of what they mix. The engine sends the norms
 * ‖f(x_j)‖ per layer, head and key; these functions multiply them in. No tfjs, no DOM.
 */

/**
 * One layer's value-weighted attention: α_ij · n_j for every head, query and key.
 *
 * @param weights the layer's attention, row-major [heads][queryLength][keyLength].
 * @param norms the block's value norms, row-major [layers][heads][keyLength].
 * @param layer which layer of `norms` belongs to `weights` (0-based).
 * @returns a new array [heads][queryLength][keyLength]; NaN weights stay NaN.
 * @throws RangeError when the shapes do not fit.
 */
export function valueWeightedLayer(
  weights: Float32Array,
  norms: Float32Array,
  layer: number,
  heads: number,
  queryLength: number,
  keyLength: number,
): Float32Array {
  const size = queryLength * keyLength;
  if (weights.length !== heads * size)
    throw new RangeError(`weights hold ${weights.length} values, not ${heads}×${size}`);
  const base = layer * heads * keyLength;
  if (layer < 0 || base + heads * keyLength > norms.length)
    throw new RangeError(`value norms hold no layer ${layer} of ${heads}×${keyLength}`);
  const out = new Float32Array(weights.length);
  for (let h = 0; h < heads; h++) {
    const n = base + h * keyLength; // norms[layer][h][·]
    const w = h * size; // weights[h][·][·]
    for (let q = 0; q < queryLength; q++) {
      const row = w + q * keyLength;
      for (let k = 0; k < keyLength; k++) out[row + k] = weights[row + k]! * norms[n + k]!;
    }
  }
  return out;
}

/** One head's value-weighted matrix [queryLength][keyLength] (a new array). */
export function valueWeightedHead(
  headWeights: Float32Array,
  norms: Float32Array,
  layer: number,
  head: number,
  heads: number,
  queryLength: number,
  keyLength: number,
): Float32Array {
  if (head < 0 || head >= heads) throw new RangeError(`no head ${head} of ${heads}`);
  if (headWeights.length !== queryLength * keyLength)
    throw new RangeError(`a head holds ${queryLength}×${keyLength} values`);
  const n = (layer * heads + head) * keyLength;
  if (layer < 0 || n + keyLength > norms.length)
    throw new RangeError(`value norms hold no layer ${layer}, head ${head}`);
  const out = new Float32Array(headWeights.length);
  for (let q = 0; q < queryLength; q++) {
    const row = q * keyLength;
    for (let k = 0; k < keyLength; k++) out[row + k] = headWeights[row + k]! * norms[n + k]!;
  }
  return out;
}

/** Whether `norms` fits a block of `layers` × `heads` with `keyLength` keys. */
export function normsFit(
  norms: Float32Array | null | undefined,
  layers: number,
  heads: number,
  keyLength: number,
): norms is Float32Array {
  return !!norms && norms.length === layers * heads * keyLength;
}

const layerCache = new WeakMap<Float32Array, { norms: Float32Array; out: Float32Array }>();

/**
 * `valueWeightedLayer`, remembered per layer array and norms (the same inputs give the same
 * array back, so views that compare references redraw only when something changed).
 */
export function valueWeightedLayerCached(
  weights: Float32Array,
  norms: Float32Array,
  layer: number,
  heads: number,
  queryLength: number,
  keyLength: number,
): Float32Array {
  const hit = layerCache.get(weights);
  if (hit && hit.norms === norms) return hit.out;
  const out = valueWeightedLayer(weights, norms, layer, heads, queryLength, keyLength);
  layerCache.set(weights, { norms, out });
  return out;
}
