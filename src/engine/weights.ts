/**
 * Weight names and layouts of the engine's Transformer, and the exact computation they take part in.
 * Names follow the checkpoint habit (`wq`, `ln1`, `ffn.w1`) so loading real checkpoints is a name map.
 *
 * Layouts: every projection matrix is stored [in][out] (row-major) and applied as y = x·W + b,
 * so the engine never needs a transposed matmul (the wasm backend's fast path wants none).
 *
 *   embed.tokens                 [vocabSize][d]      source-side (or only) token embedding
 *   embed.positions              [offset+maxPositions][d]   learned positions (positional = 'learned')
 *   embed.types                  [typeVocabSize][d]  token types (BERT segments), when typeVocabSize
 *   embed.ln.gamma|beta          [d]                 embedding LayerNorm, when embeddingLayerNorm
 *   target.tokens                [targetVocab][d]    target-side embedding (encoder-decoder)
 *   target.positions             [maxPositions][d]   learned positions of the target side
 *   {block}.{i}.{attn}.wq|wk|wv|wo   [d][d]          {attn} = self | cross
 *   {block}.{i}.{attn}.bq|bk|bv|bo   [d]
 *   {block}.{i}.ln1|ln2|ln3.gamma|beta  [d]          ln3 only in encoder-decoder decoder layers
 *   {block}.{i}.ffn.w1 [d][dFF], ffn.b1 [dFF], ffn.w2 [dFF][d], ffn.b2 [d]
 *   {block}.lnf.gamma|beta       [d]                 final LayerNorm, pre-norm models only
 *   output.w [d][outVocab], output.b [outVocab]      output head (decoder and encoder-decoder,
 *                                                    unless outputHead is false)
 *
 * {block} is `encoder` or `decoder`. Encoder layers have `self`; decoder layers have `self`
 * (causal) and, in encoder-decoder models, `cross` (queries from the decoder, keys/values from
 * the encoder's final states).
 *
 * Forward (T tokens, d = dModel, H heads, dh = d/H):
 *   x = E[ids] · (√d if scaleEmbeddings) + P (+ embed.types[tokenTypeIds])
 *     P = sinusoid, or learned rows offset..offset+T-1 (positionOffset), else 0;
 *     then x = LN(embed.ln)(x) when embeddingLayerNorm (BERT family)
 *   per head h: q_h = (x·Wq+bq)[:, h·dh:(h+1)·dh], likewise k_h, v_h
 *   RoPE (self-attention only): rotate (q_h, k_h) per position with rotate_half pairs (i, i+dh/2),
 *     angle = pos · base^(−2i/dh)
 *   s_h = q_h·k_hᵀ · scale                          scale = 1/√dh | 1 | custom factor
 *   ALiBi (self-attention only): s_h[q][k] −= slope_h · |q − k|, slopes from alibiSlopes(H)
 *   masked: s_h + (0 where allowed, −1e9 where not); w_h = softmax(masked) row-wise;
 *     a row with no allowed key is all zeros (and so is its output)
 *   o = concat_h(w_h·v_h)·Wo + bo
 *   post-norm layer: x = LN1(x + Self(x)); [x = LN2(x + Cross(x, enc))]; x = LNlast(x + FFN(x))
 *   pre-norm layer:  x = x + Self(LN1(x)); [x = x + Cross(LN2(x), enc)]; x = x + FFN(LNlast(x))
 *     and a final LayerNorm lnf on the block's output
 *   FFN(x) = act(x·W1 + b1)·W2 + b2, act = ReLU or GELU (exact erf, or the tanh approximation for 'gelu_tanh')
 *   LN(x) = (x − mean) / √(var + eps) · gamma + beta   (biased variance over the d features)
 *   logits = x·output.w + output.b
 * Masks: the encoder uses the run's mask (default none); a decoder's self-attention uses the run's
 * mask AND causal; cross-attention uses the source padding mask (all allowed by default).
 */

/**
 * bfloat16 values kept as their 16-bit words (a bfloat16 is the top half of a float32): a
 * checkpoint's BF16 tensors stay this size, as views of the downloaded file, until the engine
 * widens them on upload (in wasm on tfjs-wasm).
 */
export class Bf16Values {
  constructor(readonly words: Uint16Array) {}

  get length(): number {
    return this.words.length;
  }

  /** The values as a new float32 array. */
  toFloat32(): Float32Array {
    const bits = new Uint32Array(this.words.length);
    for (let i = 0; i < bits.length; i++) bits[i] = this.words[i]! << 16;
    return new Float32Array(bits.buffer);
  }
}

/** A weight's values as float32 (bfloat16 ones widened: a copy). */
export const floatValues = (data: Float32Array | Bf16Values): Float32Array =>
  data instanceof Bf16Values ? data.toFloat32() : data;

/** A named weight as plain data. */
export interface NamedArray {
  shape: number[];
  /** Row-major values: float32, or bfloat16 words kept compact (see Bf16Values). */
  data: Float32Array | Bf16Values;
  /**
   * A 2-D weight held as its transpose: `data` is [shape[1]][shape[0]] (a checkpoint's nn.Linear
   * [out][in]) and the engine transposes it on the backend when it uploads it, which is much
   * faster than a transpose in JS.
   */
  transposed?: boolean;
}

export type WeightMap = Map<string, NamedArray>;

export type BlockName = 'encoder' | 'decoder';
export type AttentionName = 'self' | 'cross';

export const attnWeightName = (
  block: BlockName,
  layer: number,
  attn: AttentionName,
  part: 'wq' | 'wk' | 'wv' | 'wo' | 'bq' | 'bk' | 'bv' | 'bo',
): string => `${block}.${layer}.${attn}.${part}`;

export const layerWeightName = (block: BlockName, layer: number, part: string): string =>
  `${block}.${layer}.${part}`;
