/**
 * An independent float64 reference of the Hugging Face causal language models (eval mode, no
 * cache, positions 0..T-1, no padding), written as plain loops DIRECTLY over the checkpoint's own
 * tensor names and config.json's own keys, with the defaults of each family's config class where a
 * key is absent. It uses none of the engine, the loader's name map or its config table, so
 * comparing the engine (fed by the loader) with it tests those too.
 *
 * Written from transformers' modeling_{llama,mistral,qwen2,qwen3,gemma2,gemma3,gpt_neox}.py,
 * configuration_*.py, modeling_rope_utils.py and masking_utils.py. nn.Linear is y = x·Wᵀ + b with
 * W [out][in]. RMSNorm(x) = x·rsqrt(mean(x²) + eps)·w; Gemma's is ·(1 + w). Rotary is the
 * rotate_half form: x·cos + rotate_half(x)·sin, rotate_half([x1, x2]) = [−x2, x1], with
 * cos/sin = cat(freqs, freqs), freqs[t][i] = t·inv_freq[i]. Masks (masking_utils): key k is visible
 * from query q iff k <= q, and on sliding layers also k > q − sliding_window.
 *
 *   llama:   x = embed_tokens[id]; per layer:
 *              h = input_layernorm(x); q, k, v = q_proj(h), k_proj(h), v_proj(h) (GQA: query head h
 *              reads kv head ⌊h / (H / KV)⌋, as repeat_kv does); rotary on q and k;
 *              a = softmax(q·kᵀ·head_dim^−½ + causal) v; x = x + o_proj(a);
 *              x = x + down_proj(silu(gate_proj(h2)) · up_proj(h2)), h2 = post_attention_layernorm(x)
 *            logits = lm_head(norm(x)) (lm_head = embed_tokens when tie_word_embeddings).
 *            attention_bias: q, k, v and o biases; mlp_bias: gate, up and down biases.
 *   mistral: llama, no biases, every layer sliding with sliding_window (null = none).
 *   qwen2:   llama with q, k, v biases (never o); a layer slides only when use_sliding_window and
 *            (layer_types[i] == "sliding_attention", or, without layer_types, i >= max_window_layers).
 *   qwen3:   qwen2's sliding rule, attention_bias for q, k, v, o, explicit head_dim, and
 *            q_norm / k_norm (RMSNorm over head_dim, per head) applied to q and k before rotary.
 *   gemma2:  x = embed_tokens[id]·√hidden_size; Gemma RMSNorm (1 + w) everywhere; per layer:
 *              a = attention(input_layernorm(x)) with scaling query_pre_attn_scalar^−½ and scores
 *              tanh(s / attn_logit_softcapping)·cap taken after scaling and before the mask;
 *              x = x + post_attention_layernorm(o_proj(a));
 *              x = x + post_feedforward_layernorm(down(gelu_tanh(gate(h)) · up(h))),
 *              h = pre_feedforward_layernorm(x);
 *            layer_types, by default sliding on even layers (i + 1 odd) and full on odd ones;
 *            logits = tanh(logits / final_logit_softcapping)·cap; lm_head tied by default.
 *   gemma3_text: gemma2 plus q_norm / k_norm (Gemma RMSNorm over head_dim) before rotary;
 *            layer_types by default sliding unless (i + 1) % sliding_window_pattern == 0; sliding
 *            layers rotate with rope_local_base_freq and no scaling, full layers with rope_theta
 *            and rope_scaling; softcaps null by default.
 *   gpt_neox: x = embed_in[id]; per layer: h = input_layernorm(x) (LayerNorm with bias);
 *              qkv = query_key_value(h), laid out per head: row head·3·dh + part·dh + c, part 0 = q,
 *              1 = k, 2 = v; rotary (rotate_half) on the first rotary_ndims = ⌊dh·rotary_pct⌋ dims
 *              of q and k only; a = dense(softmax(q·kᵀ·dh^−½ + causal) v);
 *              use_parallel_residual: x = x + a + mlp(post_attention_layernorm(x)),
 *              else x = x + a, then x = x + mlp(post_attention_layernorm(x));
 *              mlp = dense_4h_to_h(act(dense_h_to_4h(·))), act = hidden_act (gelu = exact erf);
 *            logits = embed_out(final_layer_norm(x)).
 *
 * RoPE inverse frequencies (modeling_rope_utils): default 1 / θ^(2i/dim) over dim = head_dim ·
 * partial_rotary_factor; linear divides them by factor; llama3 keeps high frequencies (wavelength
 * < original_max / high_freq_factor), divides low ones (wavelength > original_max / low_freq_factor)
 * by factor and blends in between. rope_scaling's kind is read from rope_type or the legacy type;
 * transformers v5's rope_parameters (flat, or per layer type for Gemma 3) is read too.
 */
import { refGelu, refGeluTanh, refRelu } from '../reference/reference';
import { layerNorm, type RefTensor } from './hf-reference';

export interface LlmReferenceResult {
  /** attention[layer][queryHead] = [T][T] row-major (masked entries 0). */
  attention: Float64Array[][];
  /** Next-token logits at the last position, [vocab] (after final softcapping where the config has it). */
  lastLogits: Float64Array;
}

type Config = Record<string, unknown>;
type Family = 'llama' | 'mistral' | 'qwen2' | 'qwen3' | 'gemma2' | 'gemma3_text' | 'gpt_neox';

/**
 * The config classes' defaults for the keys read here (what transformers uses when config.json
 * leaves a key out). An explicit null in config.json stays null: num_key_value_heads and head_dim
 * then fall back to num_attention_heads and hidden_size / num_attention_heads, as the classes do.
 */
const DEFAULTS: Record<Family, Config> = {
  llama: {
    vocab_size: 32000,
    hidden_size: 4096,
    intermediate_size: 11008,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: null,
    head_dim: null,
    hidden_act: 'silu',
    rms_norm_eps: 1e-6,
    rope_theta: 10000,
    rope_scaling: null,
    attention_bias: false,
    mlp_bias: false,
    tie_word_embeddings: false,
  },
  mistral: {
    vocab_size: 32000,
    hidden_size: 4096,
    intermediate_size: 14336,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    head_dim: null,
    hidden_act: 'silu',
    rms_norm_eps: 1e-6,
    rope_theta: 10000,
    rope_scaling: null,
    sliding_window: 4096,
    tie_word_embeddings: false,
  },
  qwen2: {
    vocab_size: 151936,
    hidden_size: 4096,
    intermediate_size: 22016,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 32,
    head_dim: null,
    hidden_act: 'silu',
    rms_norm_eps: 1e-6,
    rope_theta: 10000,
    rope_scaling: null,
    use_sliding_window: false,
    sliding_window: 4096,
    max_window_layers: 28,
    tie_word_embeddings: false,
  },
  qwen3: {
    vocab_size: 151936,
    hidden_size: 4096,
    intermediate_size: 22016,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 32,
    head_dim: 128,
    hidden_act: 'silu',
    rms_norm_eps: 1e-6,
    rope_theta: 10000,
    rope_scaling: null,
    attention_bias: false,
    use_sliding_window: false,
    sliding_window: 4096,
    max_window_layers: 28,
    tie_word_embeddings: false,
  },
  gemma2: {
    vocab_size: 256000,
    hidden_size: 2304,
    intermediate_size: 9216,
    num_hidden_layers: 26,
    num_attention_heads: 8,
    num_key_value_heads: 4,
    head_dim: 256,
    hidden_activation: 'gelu_pytorch_tanh',
    rms_norm_eps: 1e-6,
    rope_theta: 10000,
    rope_scaling: null,
    attention_bias: false,
    query_pre_attn_scalar: 256,
    sliding_window: 4096,
    final_logit_softcapping: 30.0,
    attn_logit_softcapping: 50.0,
    tie_word_embeddings: true,
  },
  gemma3_text: {
    vocab_size: 262208,
    hidden_size: 2304,
    intermediate_size: 9216,
    num_hidden_layers: 26,
    num_attention_heads: 8,
    num_key_value_heads: 4,
    head_dim: 256,
    hidden_activation: 'gelu_pytorch_tanh',
    rms_norm_eps: 1e-6,
    rope_theta: 1_000_000,
    rope_local_base_freq: 10000,
    rope_scaling: null,
    attention_bias: false,
    query_pre_attn_scalar: 256,
    sliding_window: 4096,
    sliding_window_pattern: 6,
    final_logit_softcapping: null,
    attn_logit_softcapping: null,
    tie_word_embeddings: true,
  },
  gpt_neox: {
    vocab_size: 50432,
    hidden_size: 6144,
    intermediate_size: 24576,
    num_hidden_layers: 44,
    num_attention_heads: 64,
    hidden_act: 'gelu',
    rotary_pct: 0.25,
    rotary_emb_base: 10000,
    rope_scaling: null,
    layer_norm_eps: 1e-5,
    use_parallel_residual: true,
    attention_bias: true,
    tie_word_embeddings: false,
  },
};

const FAMILIES = Object.keys(DEFAULTS) as Family[];
const isFamily = (v: unknown): v is Family => FAMILIES.includes(v as Family);
const isObject = (v: unknown): v is Config =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** config.json's value for a key, else the config class default. */
class ConfigReader {
  constructor(
    private readonly config: Config,
    private readonly defaults: Config,
  ) {}

  raw(key: string): unknown {
    return key in this.config ? this.config[key] : this.defaults[key];
  }

  num(key: string): number {
    const v = this.raw(key);
    if (typeof v !== 'number') throw new Error(`llm reference: config ${key} is not a number`);
    return v;
  }

  /** A number or null (absent with no default, or an explicit null). */
  optNum(key: string): number | null {
    const v = this.raw(key);
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number') throw new Error(`llm reference: config ${key} is not a number`);
    return v;
  }

  bool(key: string): boolean {
    const v = this.raw(key);
    if (v === undefined || v === null) return false;
    if (typeof v !== 'boolean') throw new Error(`llm reference: config ${key} is not a boolean`);
    return v;
  }
}

// ---- tensors ----

type TensorGetter = (name: string, shape: number[]) => Float64Array;

/** Looks a tensor up by its exact Hub name and checks its shape. */
/** nn.Linear by its Hub name over `rows` rows: x·Wᵀ (+ b), W stored [out][in]. */
function hubLinear(get: TensorGetter, rows: number) {
  return (x: Float64Array, name: string, inp: number, out: number, bias: boolean): Float64Array =>
    linear(
      x,
      rows,
      inp,
      get(`${name}.weight`, [out, inp]),
      bias ? get(`${name}.bias`, [out]) : null,
      out,
    );
}

/** The embedding rows of `ids` (× scale), [T][d]; an id outside the vocabulary is an error. */
function embedRows(
  table: Float64Array,
  ids: number[],
  V: number,
  d: number,
  scale = 1,
): Float64Array {
  const x = new Float64Array(ids.length * d);
  ids.forEach((id, t) => {
    if (!(id >= 0 && id < V)) throw new Error(`llm reference: token id ${id} outside vocab ${V}`);
    for (let i = 0; i < d; i++) x[t * d + i] = (table[id * d + i] as number) * scale;
  });
  return x;
}

function tensorGetter(tensors: Map<string, RefTensor>): TensorGetter {
  return (name, shape) => {
    const t = tensors.get(name);
    if (!t) throw new Error(`llm reference: no tensor ${name}`);
    if (t.shape.join('x') !== shape.join('x'))
      throw new Error(
        `llm reference: ${name} is ${t.shape.join('x')}, expected ${shape.join('x')}`,
      );
    return t.data;
  };
}

// ---- row helpers: T rows of width n, row-major Float64Array ----

const silu = (x: number): number => x / (1 + Math.exp(-x));

/** ACT2FN names: gelu is the exact erf form; gelu_new / gelu_pytorch_tanh the tanh approximation. */
function activation(name: unknown): (x: number) => number {
  if (name === 'silu' || name === 'swish') return silu;
  if (name === 'gelu') return refGelu;
  if (name === 'gelu_new' || name === 'gelu_pytorch_tanh') return refGeluTanh;
  if (name === 'relu') return refRelu;
  throw new Error(`llm reference: activation ${String(name)}`);
}

/** nn.Linear: y[t][o] = Σ_i x[t][i]·W[o][i] + b[o]; W is [out][in]. */
function linear(
  x: Float64Array,
  rows: number,
  inp: number,
  w: Float64Array,
  b: Float64Array | null,
  out: number,
): Float64Array {
  const y = new Float64Array(rows * out);
  for (let t = 0; t < rows; t++)
    for (let o = 0; o < out; o++) {
      let s = b ? (b[o] as number) : 0;
      for (let i = 0; i < inp; i++) s += (x[t * inp + i] as number) * (w[o * inp + i] as number);
      y[t * out + o] = s;
    }
  return y;
}

/**
 * RMSNorm over rows of width n: x·rsqrt(mean(x²) + eps)·w, or ·(1 + w) for Gemma (whose weights
 * are stored as offsets from one). Rows may be single heads: q_norm / k_norm pass rows = T·heads
 * and n = head_dim, since q is [T][heads][head_dim] contiguous.
 */
export function rmsNorm(
  x: Float64Array,
  rows: number,
  n: number,
  w: Float64Array,
  eps: number,
  gemma = false,
): Float64Array {
  const y = new Float64Array(rows * n);
  for (let t = 0; t < rows; t++) {
    let ms = 0;
    for (let i = 0; i < n; i++) ms += (x[t * n + i] as number) ** 2;
    const inv = 1 / Math.sqrt(ms / n + eps);
    for (let i = 0; i < n; i++) {
      const g = gemma ? 1 + (w[i] as number) : (w[i] as number);
      y[t * n + i] = (x[t * n + i] as number) * inv * g;
    }
  }
  return y;
}

const add = (a: Float64Array, b: Float64Array): Float64Array =>
  a.map((v, i) => v + (b[i] as number));

/** tanh soft cap: cap·tanh(x / cap) (Gemma 2's attention scores and final logits). */
const softcap = (x: number, cap: number): number => cap * Math.tanh(x / cap);

// ---- rotary position embedding ----

/**
 * inv_freq of modeling_rope_utils for rotaryDim = head_dim · partial_rotary_factor:
 * 1 / θ^(2i/rotaryDim), i < rotaryDim/2, then rescaled by rope_scaling's kind (read from rope_type
 * or the legacy type key): default (none), linear (÷ factor) or llama3 (by wavelength band).
 */
export function ropeInverseFrequencies(
  rotaryDim: number,
  theta: number,
  scaling: Config | null,
): Float64Array {
  if (rotaryDim % 2 !== 0) throw new Error(`llm reference: rotary dim ${rotaryDim} is odd`);
  const inv = new Float64Array(rotaryDim / 2);
  for (let i = 0; i < inv.length; i++) inv[i] = 1 / theta ** ((2 * i) / rotaryDim);
  const kind = scaling ? (scaling.rope_type ?? scaling.type ?? 'default') : 'default';
  const param = (key: string): number => {
    const v = scaling?.[key];
    if (typeof v !== 'number') throw new Error(`llm reference: rope ${String(kind)} needs ${key}`);
    return v;
  };
  if (kind === 'default') return inv;
  if (kind === 'linear') return inv.map((f) => f / param('factor'));
  if (kind === 'llama3') {
    const factor = param('factor');
    const low = param('low_freq_factor');
    const high = param('high_freq_factor');
    const oldLen = param('original_max_position_embeddings');
    const lowWavelen = oldLen / low;
    const highWavelen = oldLen / high;
    return inv.map((f) => {
      const wavelen = (2 * Math.PI) / f;
      if (wavelen < highWavelen) return f; // high frequency: kept
      if (wavelen > lowWavelen) return f / factor; // low frequency: interpolated fully
      // In between: blend the two by where the wavelength sits between the bands.
      const smooth = (oldLen / wavelen - low) / (high - low);
      return ((1 - smooth) * f) / factor + smooth * f;
    });
  }
  throw new Error(`llm reference: rope type ${String(kind)} is not supported`);
}

export interface RopeTables {
  /** Rotated width (the first rotaryDim dims of each head); the rest pass through. */
  rotaryDim: number;
  /** [T][rotaryDim]: cos / sin of cat(freqs, freqs), freqs[t][i] = t·inv_freq[i]. */
  cos: Float64Array;
  sin: Float64Array;
}

export function ropeTables(T: number, invFreq: Float64Array): RopeTables {
  const half = invFreq.length;
  const rotaryDim = 2 * half;
  const cos = new Float64Array(T * rotaryDim);
  const sin = new Float64Array(T * rotaryDim);
  for (let t = 0; t < T; t++)
    for (let i = 0; i < rotaryDim; i++) {
      const angle = t * (invFreq[i % half] as number);
      cos[t * rotaryDim + i] = Math.cos(angle);
      sin[t * rotaryDim + i] = Math.sin(angle);
    }
  return { rotaryDim, cos, sin };
}

/**
 * apply_rotary_pos_emb on x [T][heads][dh]: x·cos + rotate_half(x)·sin over the first rotaryDim
 * dims of each head, rotate_half([x1, x2]) = [−x2, x1] (halves, not interleaved pairs); the
 * remaining dh − rotaryDim dims are left unchanged (GPT-NeoX's partial rotary). Returns a copy.
 */
export function applyRotary(
  x: Float64Array,
  T: number,
  heads: number,
  dh: number,
  rope: RopeTables,
): Float64Array {
  const { rotaryDim: r, cos, sin } = rope;
  if (r > dh) throw new Error(`llm reference: rotary dim ${r} exceeds head dim ${dh}`);
  const half = r / 2;
  const y = Float64Array.from(x);
  for (let t = 0; t < T; t++)
    for (let h = 0; h < heads; h++) {
      const base = (t * heads + h) * dh;
      for (let i = 0; i < r; i++) {
        const rotated = i < half ? -(x[base + i + half] as number) : (x[base + i - half] as number);
        y[base + i] =
          (x[base + i] as number) * (cos[t * r + i] as number) +
          rotated * (sin[t * r + i] as number);
      }
    }
  return y;
}

// ---- attention ----

/** masking_utils: causal (k <= q) and, with a window, sliding (k > q − window). */
export function visible(q: number, k: number, window: number | null): boolean {
  return k <= q && (window === null || k > q - window);
}

export interface AttentionOptions {
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Multiplies q·kᵀ (head_dim^−½, or query_pre_attn_scalar^−½ for Gemma). */
  scaling: number;
  /** attn_logit_softcapping: applied after scaling, before the mask. */
  softcap: number | null;
  /** sliding_window of this layer, or null for full causal attention. */
  window: number | null;
}

/**
 * Eager attention over q [T][H][dh] and k, v [T][KV][dh]. Query head h reads kv head
 * ⌊h / (H / KV)⌋ (repeat_kv repeats each kv head H / KV times, consecutively). Returns the
 * per-query-head weights [H][T][T] (masked entries exactly 0) and the context [T][H][dh].
 */
export function attention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  T: number,
  opts: AttentionOptions,
): { weights: Float64Array[]; context: Float64Array } {
  const { heads: H, kvHeads: KV, headDim: dh } = opts;
  if (H % KV !== 0) throw new Error(`llm reference: ${H} heads over ${KV} kv heads`);
  const group = H / KV;
  const context = new Float64Array(T * H * dh);
  const weights: Float64Array[] = [];
  for (let h = 0; h < H; h++) {
    const kvh = Math.floor(h / group);
    const w = new Float64Array(T * T);
    for (let i = 0; i < T; i++) {
      let max = -Infinity;
      for (let j = 0; j < T; j++) {
        if (!visible(i, j, opts.window)) continue;
        let dot = 0;
        for (let c = 0; c < dh; c++)
          dot += (q[(i * H + h) * dh + c] as number) * (k[(j * KV + kvh) * dh + c] as number);
        let s = dot * opts.scaling;
        if (opts.softcap !== null) s = softcap(s, opts.softcap);
        w[i * T + j] = s;
        max = Math.max(max, s);
      }
      let sum = 0;
      for (let j = 0; j < T; j++) {
        const e = visible(i, j, opts.window) ? Math.exp((w[i * T + j] as number) - max) : 0;
        w[i * T + j] = e;
        sum += e;
      }
      for (let j = 0; j < T; j++) w[i * T + j] = (w[i * T + j] as number) / sum;
      for (let c = 0; c < dh; c++) {
        let acc = 0;
        for (let j = 0; j < T; j++)
          acc += (w[i * T + j] as number) * (v[(j * KV + kvh) * dh + c] as number);
        context[(i * H + h) * dh + c] = acc;
      }
    }
    weights.push(w);
  }
  return { weights, context };
}

// ---- per-family configuration ----

/** The rope parameters of one layer: θ and the scaling dict (null = default rope). */
interface RopeConfig {
  theta: number;
  scaling: Config | null;
  partialRotaryFactor: number;
}

/**
 * θ and scaling from config.json: transformers v5's rope_parameters when present (per layer type
 * for Gemma 3), else rope_theta (GPT-NeoX: rotary_emb_base) and rope_scaling. Gemma 3's sliding
 * layers use rope_local_base_freq with no scaling; its full layers rope_theta and rope_scaling.
 */
function ropeConfig(family: Family, r: ConfigReader, layerType: 'sliding' | 'full'): RopeConfig {
  const params = r.raw('rope_parameters');
  const typed = isObject(params) && ('sliding_attention' in params || 'full_attention' in params);
  const gemma3Local = family === 'gemma3_text' && layerType === 'sliding';
  let scaling: Config | null;
  let theta: number | null;
  if (isObject(params)) {
    const p = typed
      ? params[layerType === 'sliding' ? 'sliding_attention' : 'full_attention']
      : params;
    scaling = isObject(p) ? p : null;
    theta = typeof scaling?.rope_theta === 'number' ? scaling.rope_theta : null;
  } else {
    const s = r.raw('rope_scaling');
    scaling = gemma3Local || !isObject(s) ? null : s;
    theta = null;
  }
  theta ??= gemma3Local
    ? r.num('rope_local_base_freq')
    : family === 'gpt_neox'
      ? (r.optNum('rope_theta') ?? r.num('rotary_emb_base'))
      : r.num('rope_theta');
  const factor =
    r.optNum('partial_rotary_factor') ??
    (typeof scaling?.partial_rotary_factor === 'number' ? scaling.partial_rotary_factor : null) ??
    (family === 'gpt_neox' ? r.num('rotary_pct') : 1);
  return { theta, scaling, partialRotaryFactor: factor };
}

/** Which layers slide, and the window: each family's own rule (see the header). */
function slidingLayers(
  family: Family,
  r: ConfigReader,
  L: number,
): { window: number | null; sliding: boolean[] } {
  const given = r.raw('layer_types');
  const fromTypes = Array.isArray(given)
    ? (i: number): boolean => given[i] === 'sliding_attention'
    : null;
  if (Array.isArray(given) && given.length !== L)
    throw new Error(`llm reference: layer_types has ${given.length} entries for ${L} layers`);
  const each = (rule: (i: number) => boolean): boolean[] =>
    Array.from({ length: L }, (_, i) => rule(i));
  switch (family) {
    case 'llama':
    case 'gpt_neox':
      return { window: null, sliding: each(() => false) };
    case 'mistral': {
      const window = r.optNum('sliding_window');
      return { window, sliding: each(() => window !== null) };
    }
    case 'qwen2':
    case 'qwen3': {
      // Qwen2Config: sliding_window = sliding_window if use_sliding_window else None.
      const window = r.bool('use_sliding_window') ? r.optNum('sliding_window') : null;
      const maxWindowLayers = r.num('max_window_layers');
      return {
        window,
        sliding: each((i) => window !== null && (fromTypes ? fromTypes(i) : i >= maxWindowLayers)),
      };
    }
    case 'gemma2':
      return {
        window: r.optNum('sliding_window'),
        sliding: each(fromTypes ?? ((i) => (i + 1) % 2 !== 0)),
      };
    case 'gemma3_text': {
      const pattern = r.num('sliding_window_pattern');
      return {
        window: r.optNum('sliding_window'),
        sliding: each(fromTypes ?? ((i) => (i + 1) % pattern !== 0)),
      };
    }
  }
}

// ---- forward passes ----

/** llama, mistral, qwen2, qwen3, gemma2, gemma3_text: one decoder with per-family switches. */
function decoderForward(
  family: Exclude<Family, 'gpt_neox'>,
  r: ConfigReader,
  get: TensorGetter,
  ids: number[],
): LlmReferenceResult {
  const T = ids.length;
  const d = r.num('hidden_size');
  const L = r.num('num_hidden_layers');
  const H = r.num('num_attention_heads');
  const KV = r.optNum('num_key_value_heads') ?? H;
  const dh = r.optNum('head_dim') ?? d / H;
  const ff = r.num('intermediate_size');
  const V = r.num('vocab_size');
  const eps = r.num('rms_norm_eps');
  const gemma = family === 'gemma2' || family === 'gemma3_text';
  // EmbeddingGemma-style bidirectional Gemma 3 is not a causal LM: not modelled here.
  if (r.bool('use_bidirectional_attention'))
    throw new Error('llm reference: use_bidirectional_attention is not supported');
  const act = activation(
    gemma ? (r.raw('hidden_activation') ?? r.raw('hidden_act')) : r.raw('hidden_act'),
  );
  // Biases: qwen2 always has q, k, v (never o); llama, qwen3 and gemma take attention_bias for all four.
  const qkvBias = family === 'qwen2' || (family !== 'mistral' && r.bool('attention_bias'));
  const oBias = family !== 'qwen2' && family !== 'mistral' && r.bool('attention_bias');
  const mlpBias = family === 'llama' && r.bool('mlp_bias');
  const qkNorm = family === 'qwen3' || family === 'gemma3_text';
  const scaling = gemma ? r.num('query_pre_attn_scalar') ** -0.5 : dh ** -0.5;
  const attnCap = gemma ? r.optNum('attn_logit_softcapping') : null;
  const finalCap = gemma ? r.optNum('final_logit_softcapping') : null;
  const { window, sliding } = slidingLayers(family, r, L);

  const ropeFor = (layerType: 'sliding' | 'full'): RopeTables => {
    const rc = ropeConfig(family, r, layerType);
    return ropeTables(
      T,
      ropeInverseFrequencies(Math.floor(dh * rc.partialRotaryFactor), rc.theta, rc.scaling),
    );
  };
  const ropes = { sliding: ropeFor('sliding'), full: ropeFor('full') };
  const norm = (x: Float64Array, rows: number, n: number, name: string): Float64Array =>
    rmsNorm(x, rows, n, get(name, [n]), eps, gemma);
  const lin = hubLinear(get, T);

  // Gemma scales the embeddings by √hidden_size (a float of the model's dtype in HF; exact here).
  const embed = get('model.embed_tokens.weight', [V, d]);
  let x = embedRows(embed, ids, V, d, gemma ? Math.sqrt(d) : 1);

  const out: Float64Array[][] = [];
  for (let l = 0; l < L; l++) {
    const p = `model.layers.${l}.`;
    const isSliding = sliding[l] === true;
    const h = norm(x, T, d, `${p}input_layernorm.weight`);
    let q = lin(h, `${p}self_attn.q_proj`, d, H * dh, qkvBias);
    let k = lin(h, `${p}self_attn.k_proj`, d, KV * dh, qkvBias);
    const v = lin(h, `${p}self_attn.v_proj`, d, KV * dh, qkvBias);
    if (qkNorm) {
      // Qwen3 / Gemma 3: RMSNorm over head_dim, per head, before rotary.
      q = norm(q, T * H, dh, `${p}self_attn.q_norm.weight`);
      k = norm(k, T * KV, dh, `${p}self_attn.k_norm.weight`);
    }
    // Only Gemma 3 rotates its sliding layers differently; elsewhere the two tables are equal.
    const rope = isSliding ? ropes.sliding : ropes.full;
    q = applyRotary(q, T, H, dh, rope);
    k = applyRotary(k, T, KV, dh, rope);
    const { weights, context } = attention(q, k, v, T, {
      heads: H,
      kvHeads: KV,
      headDim: dh,
      scaling,
      softcap: attnCap,
      window: isSliding ? window : null,
    });
    out.push(weights);
    let a = lin(context, `${p}self_attn.o_proj`, H * dh, d, oBias);
    if (gemma) a = norm(a, T, d, `${p}post_attention_layernorm.weight`);
    x = add(x, a);
    // Llama's post_attention_layernorm is the pre-MLP norm; Gemma names that one pre_feedforward.
    const h2 = norm(
      x,
      T,
      d,
      gemma ? `${p}pre_feedforward_layernorm.weight` : `${p}post_attention_layernorm.weight`,
    );
    const gate = lin(h2, `${p}mlp.gate_proj`, d, ff, mlpBias);
    const up = lin(h2, `${p}mlp.up_proj`, d, ff, mlpBias);
    const inner = gate.map((g, i) => act(g) * (up[i] as number));
    let m = lin(inner, `${p}mlp.down_proj`, ff, d, mlpBias);
    if (gemma) m = norm(m, T, d, `${p}post_feedforward_layernorm.weight`);
    x = add(x, m);
  }

  const last = norm(x.subarray((T - 1) * d, T * d), 1, d, 'model.norm.weight');
  const head = r.bool('tie_word_embeddings') ? embed : get('lm_head.weight', [V, d]);
  let logits = linear(last, 1, d, head, null, V);
  if (finalCap !== null) logits = logits.map((z) => softcap(z, finalCap));
  return { attention: out, lastLogits: logits };
}

/** GPT-NeoX (Pythia): LayerNorms with bias, fused per-head qkv, partial rotary, parallel residual. */
function gptNeoxForward(r: ConfigReader, get: TensorGetter, ids: number[]): LlmReferenceResult {
  const T = ids.length;
  const d = r.num('hidden_size');
  const L = r.num('num_hidden_layers');
  const H = r.num('num_attention_heads');
  const dh = d / H;
  const ff = r.num('intermediate_size');
  const V = r.num('vocab_size');
  const eps = r.num('layer_norm_eps');
  const act = activation(r.raw('hidden_act'));
  const attnBias = r.bool('attention_bias');
  const parallel = r.bool('use_parallel_residual');
  const rc = ropeConfig('gpt_neox', r, 'full');
  // rotary_ndims = int(head_size * rotary_pct): only those dims of q and k rotate.
  const rope = ropeTables(
    T,
    ropeInverseFrequencies(Math.floor(dh * rc.partialRotaryFactor), rc.theta, rc.scaling),
  );
  const ln = (x: Float64Array, name: string): Float64Array =>
    layerNorm(x, T, d, get(`${name}.weight`, [d]), get(`${name}.bias`, [d]), eps);
  const lin = hubLinear(get, T);
  const mlp = (h: Float64Array, p: string): Float64Array =>
    lin(
      lin(h, `${p}mlp.dense_h_to_4h`, d, ff, true).map(act),
      `${p}mlp.dense_4h_to_h`,
      ff,
      d,
      true,
    );

  const embed = get('gpt_neox.embed_in.weight', [V, d]);
  let x = embedRows(embed, ids, V, d);

  const out: Float64Array[][] = [];
  for (let l = 0; l < L; l++) {
    const p = `gpt_neox.layers.${l}.`;
    const qkv = lin(
      ln(x, `${p}input_layernorm`),
      `${p}attention.query_key_value`,
      d,
      3 * d,
      attnBias,
    );
    // view(T, heads, 3·dh) then split: q, k, v of head h sit side by side in its 3·dh block.
    const part = (which: number): Float64Array => {
      const m = new Float64Array(T * d);
      for (let t = 0; t < T; t++)
        for (let h = 0; h < H; h++)
          for (let c = 0; c < dh; c++)
            m[t * d + h * dh + c] = qkv[t * 3 * d + h * 3 * dh + which * dh + c] as number;
      return m;
    };
    const q = applyRotary(part(0), T, H, dh, rope);
    const k = applyRotary(part(1), T, H, dh, rope);
    const { weights, context } = attention(q, k, part(2), T, {
      heads: H,
      kvHeads: H,
      headDim: dh,
      scaling: dh ** -0.5,
      softcap: null,
      window: null,
    });
    out.push(weights);
    const a = lin(context, `${p}attention.dense`, d, d, attnBias);
    if (parallel) {
      // x = x + attn(ln1(x)) + mlp(ln2(x)): both branches read the same x.
      x = add(add(x, a), mlp(ln(x, `${p}post_attention_layernorm`), p));
    } else {
      x = add(x, a);
      x = add(x, mlp(ln(x, `${p}post_attention_layernorm`), p));
    }
  }

  const lastRow = x.subarray((T - 1) * d, T * d);
  const last = layerNorm(
    lastRow,
    1,
    d,
    get('gpt_neox.final_layer_norm.weight', [d]),
    get('gpt_neox.final_layer_norm.bias', [d]),
    eps,
  );
  const head = r.bool('tie_word_embeddings') ? embed : get('embed_out.weight', [V, d]);
  return { attention: out, lastLogits: linear(last, 1, d, head, null, V) };
}

/**
 * The float64 forward pass of the causal LM that config.json's model_type names, over tensors keyed
 * by their exact Hub names, for token ids at positions 0..T-1.
 */
export function llmReference(
  config: Record<string, unknown>,
  tensors: Map<string, RefTensor>,
  ids: number[],
): LlmReferenceResult {
  const family = config.model_type;
  if (!isFamily(family))
    throw new Error(
      `llm reference: model_type ${String(family)} is not one of ${FAMILIES.join(', ')}`,
    );
  if (ids.length === 0) throw new Error('llm reference: no token ids');
  const r = new ConfigReader(config, DEFAULTS[family]);
  const get = tensorGetter(tensors);
  return family === 'gpt_neox' ? gptNeoxForward(r, get, ids) : decoderForward(family, r, get, ids);
}
