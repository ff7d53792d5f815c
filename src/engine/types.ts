/**
 * Public, tensor-free types of the attention engine. Everything here is plain data (typed arrays
 * and numbers) so it can cross a Web Worker boundary and be tested without a browser.
 */

/** How positions enter the model. */
export type PositionalKind = 'none' | 'sinusoidal' | 'learned' | 'rope' | 'alibi';

/** How the attention scores QKᵀ are scaled before the mask and softmax. */
export type ScaleSpec =
  | { kind: 'default' } // 1/√d_k (d_k = head size)
  | { kind: 'none' } // scores used as they are
  | { kind: 'custom'; factor: number }; // scores × factor

/**
 * A mask recipe. Every recipe is turned into an explicit boolean matrix by `buildMask`
 * (masks.ts); `true` means "the query row may attend to this key column".
 */
export type MaskSpec =
  | { kind: 'none' }
  | { kind: 'causal' }
  /** Keys at positions ≥ validLength are padding (a sentence padded up to a batch's length). */
  | { kind: 'padding'; validLength: number }
  /** |q − k| ≤ radius (a window of width 2·radius+1). */
  | { kind: 'window'; radius: number }
  /** Every `dilation`-th key within radius·dilation of the query (dilated sliding window). */
  | { kind: 'dilated'; radius: number; dilation: number }
  /** Longformer: window plus global tokens that attend to and are attended by everyone. */
  | { kind: 'global-window'; radius: number; globalTokens: number[] }
  /** BigBird: window + global tokens + `randomPerRow` random keys per row, drawn from `seed`. */
  | { kind: 'bigbird'; radius: number; globalTokens: number[]; randomPerRow: number; seed: number }
  /** Any matrix: `allowed` is row-major [size][size], 1 = may attend. */
  | { kind: 'custom'; size: number; allowed: Uint8Array };

/** A boolean mask as a matrix: `allowed[q * cols + k]` is 1 where query q may attend key k. */
export interface MaskMatrix {
  rows: number;
  cols: number;
  allowed: Uint8Array;
}

/** The three kinds of attention of the classic Transformer. */
export type AttentionKind = 'encoder-self' | 'decoder-self' | 'cross';

/** Model families the engine can build. */
export type ArchitectureKind = 'encoder' | 'decoder' | 'encoder-decoder';

/** Hyper-parameters of a Transformer the engine builds. */
export interface TransformerConfig {
  architecture: ArchitectureKind;
  vocabSize: number;
  /** Target-side vocabulary (encoder-decoder only); defaults to vocabSize. */
  targetVocabSize?: number;
  dModel: number;
  numHeads: number;
  /** Encoder layers (encoder, encoder-decoder) or decoder layers (decoder-only). */
  numLayers: number;
  /** Decoder layers of an encoder-decoder model. */
  numDecoderLayers?: number;
  dFF: number;
  maxPositions: number;
  positional: PositionalKind;
  /** Base of the sinusoidal table and of RoPE's frequencies (10000 in the papers). */
  positionalBase: number;
  norm: 'pre' | 'post';
  /**
   * 'gelu' is the exact erf form (BERT); 'gelu_tanh' the tanh approximation (GPT-2, Gemma);
   * 'silu' is x·σ(x) (Llama's SwiGLU gate).
   */
  activation: 'relu' | 'gelu' | 'gelu_tanh' | 'silu';
  layerNormEps: number;
  scale: ScaleSpec;
  /** Multiply token embeddings by √d_model before adding positions (Vaswani et al.). */
  scaleEmbeddings: boolean;
  /** Learned positions start at this row of the table (RoBERTa: 2); default 0. */
  positionOffset?: number;
  /** Token-type (segment) embeddings, BERT's sentence A / B; absent when 0 or undefined. */
  typeVocabSize?: number;
  /** A LayerNorm over the summed embeddings (BERT, RoBERTa, DistilBERT). */
  embeddingLayerNorm?: boolean;
  /** Whether decoder models have an output head (`output.w/b`); default true. */
  outputHead?: boolean;

  // ---- Modern decoder blocks (Llama, Qwen, Mistral, Gemma, GPT-NeoX). All optional: absent
  // means the classic block above. Hugging Face families map onto these in src/loader/hf. ----

  /** 'rms': x / √(mean(x²) + eps) · gamma, no mean, no beta (Llama). Default 'layer'. */
  normKind?: NormKind;
  /** 'gated': (act(x·W1 + b1) ⊙ (x·W3 + b3))·W2 + b2 (SwiGLU, GeGLU). Default 'plain'. */
  mlpKind?: 'plain' | 'gated';
  /**
   * Key/value heads (grouped-query attention): query head h reads kv head
   * ⌊h / (numHeads / numKvHeads)⌋. Default numHeads.
   */
  numKvHeads?: number;
  /** Head size when it is not dModel / numHeads (Gemma, Qwen3). */
  headSize?: number;
  /** RoPE turns only the first rotaryDim dims of each head (GPT-NeoX rotary_pct). Default headSize. */
  rotaryDim?: number;
  /** How RoPE's frequencies are rescaled for long contexts (default: not at all). */
  ropeScaling?: RopeScaling;
  /** RoPE base of the 'sliding' layers when it differs (Gemma 3 rope_local_base_freq); unscaled. */
  ropeLocalBase?: number;
  /** RMSNorm of each head's q and k over the head size before RoPE (Qwen3, Gemma 3). */
  qkNorm?: boolean;
  /** Attention scores ← cap · tanh(scores / cap) after scaling, before the mask (Gemma 2). */
  attnSoftcap?: number;
  /** Next-token logits ← cap · tanh(logits / cap) (Gemma 2). */
  finalSoftcap?: number;
  /** Norms on the attention and MLP outputs before each residual add (Gemma 2 and 3). */
  sandwichNorm?: boolean;
  /** x + Attn(ln1(x)) + FFN(ln2(x)) in one step (GPT-NeoX use_parallel_residual). */
  parallelResidual?: boolean;
  /** Attention kind of each layer (default all 'full'). 'sliding' layers use slidingWindow. */
  layerTypes?: LayerAttentionType[];
  /** On 'sliding' layers a query q sees keys k with q − slidingWindow < k ≤ q. */
  slidingWindow?: number;
  /**
   * Next-token logits of a language model: x·embed.tokensᵀ ('tied') or x·lm.headᵀ ('separate',
   * lm.head stored [vocab][d] as nn.Linear keeps it). Only asked-for rows are projected.
   */
  lmHead?: 'tied' | 'separate';
  /**
   * A masked LM's head before that projection (BERT family): LN(act(x·mlm.dense.w + b))·Eᵀ +
   * mlm.bias, for the rows asked for (the masked tokens). With lmHead 'tied'.
   */
  mlmHead?: boolean;
}

export type NormKind = 'layer' | 'rms';
export type LayerAttentionType = 'full' | 'sliding';

/** RoPE frequency rescaling (Hugging Face `rope_scaling`; 'default' is no entry at all). */
export type RopeScaling =
  /** Positions divided by factor (inverse frequencies ÷ factor). */
  | { kind: 'linear'; factor: number }
  /** Llama 3.1's piecewise rescaling by wavelength. */
  | {
      kind: 'llama3';
      factor: number;
      lowFreqFactor: number;
      highFreqFactor: number;
      originalMaxPositions: number;
    };

/**
 * Attention weights of one attention block for every layer and head.
 * `weights` is row-major [layers][heads][queryLength][keyLength].
 */
export interface AttentionStack {
  kind: AttentionKind;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  weights: Float32Array;
  /** The mask every layer used, [queryLength][keyLength] (the 'full' layers' one, see layerMasks). */
  mask: MaskMatrix;
  /** One mask per layer, present only when layers differ (sliding-window and global layers). */
  layerMasks?: MaskMatrix[];
  /** Key/value heads when fewer than `heads` (GQA): query heads h share kv head ⌊h·kvHeads/heads⌋. */
  kvHeads?: number;
  /**
   * When the run asked for them (RunInput.valueNorms): ‖f(x_j)‖ = ‖(x_j·W_V + b_V)·W_O^h‖ for
   * every layer, head and key j, row-major [layers][heads][keyLength] (W_O^h: head h's rows of the
   * output projection). Value-weighted attention (Kobayashi et al. 2020) is ‖α_ij f(x_j)‖ =
   * α_ij · ‖f(x_j)‖, since α_ij ≥ 0.
   */
  valueNorms?: Float32Array;
}

/** One head of one attention block. */
export interface HeadRef {
  kind: AttentionKind;
  layer: number;
  head: number;
}

/**
 * Heads switched off in a run (an intervention): 'zero' removes the head's output (its context
 * vectors w·v become zeros before the output projection); 'mean' replaces them by their mean over
 * the sentence's positions. The heads' own attention weights are still computed and returned.
 */
export interface HeadAblation {
  heads: HeadRef[];
  mode: 'zero' | 'mean';
}

/** Weights of a single layer of one attention block, as streamed while a forward runs. */
export interface LayerAttention {
  kind: AttentionKind;
  layer: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  /** Row-major [heads][queryLength][keyLength]. */
  weights: Float32Array;
}

/**
 * What a teacher needs to follow one head of one layer step by step.
 * Matrices are row-major; Tq = queries, Tk = keys, dh = head size.
 */
export interface HeadIntermediates {
  kind: AttentionKind;
  layer: number;
  head: number;
  queryLength: number;
  keyLength: number;
  headSize: number;
  /** [Tq][dh], after RoPE when the model uses it. */
  q: Float32Array;
  /** [Tk][dh], after RoPE when the model uses it. */
  k: Float32Array;
  /** [Tk][dh] */
  v: Float32Array;
  /** Q·Kᵀ, [Tq][Tk]. */
  rawScores: Float32Array;
  /** raw × scale (+ ALiBi bias when used), [Tq][Tk]. */
  scaledScores: Float32Array;
  /** scaled with masked entries set to −Infinity, [Tq][Tk]. */
  maskedScores: Float32Array;
  /** softmax of the masked scores, [Tq][Tk]. */
  weights: Float32Array;
  /** weights·V, this head's output before the output projection, [Tq][dh]. */
  output: Float32Array;
  /** The scale factor that was applied. */
  scale: number;
}

/** Which head's intermediates a run should return. */
export interface IntermediatesRequest {
  kind: AttentionKind;
  layer: number;
  head: number;
}

/** Everything one forward returns. */
export interface ForwardResult {
  /** One stack per attention block the model has (encoder-self; decoder-self and cross). */
  stacks: AttentionStack[];
  intermediates?: HeadIntermediates;
  /** Final hidden states of the last block, [T][dModel] (decoder side for encoder-decoder). */
  hidden: Float32Array;
  /** Logits of the output head when the model has one, [T][vocab]. */
  logits?: Float32Array;
  /** Language models (lmHead): logits of the rows asked for in `logitsAt`, [n][vocab]. */
  positionLogits?: Float32Array;
  /**
   * When the run asked for `keepAttention`: one probe per attention block (in `stacks` order, which
   * is then empty) that regenerates any head's weights on request. The caller disposes them.
   */
  probes?: AttentionProbe[];
}

/**
 * Attention on demand: what one block kept of a forward (per layer, post-RoPE queries of every
 * head, keys of every kv head, the layer's mask, scale and soft-cap: O(layers·heads·T·dh) floats
 * instead of O(layers·heads·T²)) to compute any head's weights again, exactly as the forward did.
 * Holds tensors inside the engine; call dispose() when done (safe to call twice).
 */
export interface AttentionProbe {
  readonly kind: AttentionKind;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly queryLength: number;
  readonly keyLength: number;
  /** The mask every layer used (the 'full' layers' one). */
  readonly mask: MaskMatrix;
  /** One mask per layer, when layers differ (sliding-window layers). */
  readonly layerMasks?: MaskMatrix[];
  /** Bytes of tensors held. */
  readonly bytes: number;
  /**
   * The weights of `heads` of `layer` for query rows [r0, r1) and key columns [c0, c1): each row's
   * softmax is computed over all keys (then the columns are cut), so the values equal the full
   * forward's. Per requested head, row-major [r1 − r0][c1 − c0]. Throws a RangeError on a range or
   * head outside the block, and an Error once disposed.
   */
  tile(
    layer: number,
    heads: readonly number[],
    rows: readonly [number, number],
    cols: readonly [number, number],
  ): Float32Array[];
  dispose(): void;
}

/** One forward's input. Ids are vocabulary ids; the target side is for encoder-decoder models. */
export interface RunInput {
  sourceIds: number[];
  /** Decoder input ids (encoder-decoder): usually [BOS, y1, y2, …]. */
  targetIds?: number[];
  /**
   * The mask of `maskedAttention`; decoder self-attention always adds causal to it. A 'padding'
   * mask marks the source's [PAD] positions, so the encoder's self-attention and the
   * cross-attention mask those keys too, whichever attention `maskedAttention` names.
   */
  mask?: MaskSpec;
  /**
   * Which attention `mask` applies to: by default the self-attention over the source (encoder-self;
   * decoder-self for a decoder-only model). An encoder–decoder may name 'decoder-self' ([Tt][Tt],
   * with causal) or 'cross' ([Tt][Ts]: decoder rows × encoder columns). An attention the model
   * does not have is an error.
   */
  maskedAttention?: AttentionKind;
  /** Overrides the config's scale for this run (the "why √d_k" slider). */
  scale?: ScaleSpec;
  /** Ask for one head's intermediates. */
  intermediates?: IntermediatesRequest;
  /** Token types (segment ids) of the source, for models with typeVocabSize; default all 0. */
  tokenTypeIds?: number[];
  /** Skip reading back attention weights (decoding loops only need logits). */
  skipWeights?: boolean;
  /**
   * Language models (config.lmHead): positions whose next-token logits to compute (e.g. the last
   * one); only these rows are projected onto the vocabulary.
   */
  logitsAt?: number[];
  /** Heads whose output is switched off in this run (see HeadAblation). */
  ablation?: HeadAblation;
  /** Also compute each head's value-vector norms ‖f(x_j)‖ (AttentionStack.valueNorms). */
  valueNorms?: boolean;
  /**
   * Attention on demand (long inputs): read no weights back, compute each head in its own scope (so
   * one head's [Tq][Tk] is live at a time), show each to `RunHooks.onHead`, and return
   * `ForwardResult.probes` to compute any of them again. Ignores skipWeights, valueNorms.
   */
  keepAttention?: boolean;
}

/** Callbacks and cancellation for a run. */
export interface RunHooks {
  /** Called as soon as each layer's weights are read back (results stream layer by layer). */
  onLayer?: (layer: LayerAttention) => void;
  /** A run whose signal is aborted stops between layers and rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * keepAttention runs: each head's weights, row-major [queryLength][keyLength], as soon as they are
   * computed. The array is valid only during the call (on wasm it is a view of the engine's heap,
   * not a copy): use it synchronously, or copy what you keep.
   */
  onHead?: (kind: AttentionKind, layer: number, head: number, weights: Float32Array) => void;
}

/** What stays fixed while one source is decoded: everything of a run but the target. */
export type DecodeInput = Omit<RunInput, 'targetIds' | 'skipWeights' | 'intermediates'>;

/**
 * Step-by-step decoding of one source by an encoder–decoder: the encoder runs once (on the first
 * step) and its output is reused by every later step and by the final forward. Returns typed
 * arrays only; the encoder's output stays inside the model until dispose().
 */
export interface DecodeSession {
  /** Logits [V] of the token after `targetIds` ([BOS, …]): only the last row is projected. */
  nextLogits(targetIds: number[], signal?: AbortSignal): Promise<Float32Array>;
  /**
   * The forward over `targetIds` with every attention stack, equal to model.run({ ...input,
   * targetIds }, hooks) (encoder layers stream first, as there). Ends the session.
   */
  finish(targetIds: number[], hooks?: RunHooks): Promise<ForwardResult>;
  /** Frees the cached encoder output; safe to call twice. */
  dispose(): void;
}

/** A model the engine can run. Holds tfjs tensors inside; call dispose() when done. */
export interface AttentionModel {
  readonly config: TransformerConfig;
  run(input: RunInput, hooks?: RunHooks): Promise<ForwardResult>;
  /** Opens a decode session (encoder–decoder models); model.dispose() also ends it. */
  openDecode?(input: DecodeInput): DecodeSession;
  dispose(): void;
}
