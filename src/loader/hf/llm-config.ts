/**
 * Hugging Face `config.json` of today's decoder LMs → the engine's TransformerConfig, as one table
 * per `model_type` (llama, qwen2, qwen3, mistral, gemma2, gemma3_text, gpt_neox). Each row says,
 * from the family's modeling and configuration code in `transformers`, which building blocks it
 * uses and the defaults of the keys a config may leave out. Every error names the key and both
 * sizes, starting with the file name.
 */
import { ENGINE_CONFIG_LIMITS } from '../../engine/configCheck';
import type { LayerAttentionType, RopeScaling, TransformerConfig } from '../../engine/types';
import { HfLoadError } from './errors';

export const LLM_MODEL_TYPES = [
  'llama',
  'qwen2',
  'qwen3',
  'mistral',
  'gemma2',
  'gemma3_text',
  'gpt_neox',
] as const;
export type LlmModelType = (typeof LLM_MODEL_TYPES)[number];

/** The layout families (tensor names) of these model types. */
export type LlmFamily = 'llama' | 'gemma' | 'gpt_neox';

interface LlmRow {
  family: LlmFamily;
  /** Default of hidden_act / hidden_activation. */
  activation: string;
  /** Key of the norm eps and its default. */
  epsKey: 'rms_norm_eps' | 'layer_norm_eps';
  eps: number;
  ropeTheta: number;
  tied: boolean;
  /** head_dim when the config has none (Gemma: 256; Qwen3: 128); null: hidden_size / heads. */
  headDim: number | null;
  /** How layers are split between sliding-window and full attention, without `layer_types`. */
  layers: (raw: Record<string, unknown>, count: number) => LayerAttentionType[] | null;
}

const FULL = (): null => null;

/** Qwen2/3: sliding window only with use_sliding_window, on layers ≥ max_window_layers. */
const qwenLayers = (raw: Record<string, unknown>, count: number): LayerAttentionType[] | null => {
  if (raw.use_sliding_window !== true) return null;
  const from = typeof raw.max_window_layers === 'number' ? raw.max_window_layers : 28;
  return Array.from({ length: count }, (_, i) => (i >= from ? 'sliding' : 'full'));
};

/** Every `pattern`-th layer is global, the others slide (Gemma 2: 2, Gemma 3: 6). */
const patterned =
  (pattern: number, key?: string) =>
  (raw: Record<string, unknown>, count: number): LayerAttentionType[] => {
    const given = key ? raw[key] : undefined;
    const p = typeof given === 'number' && given >= 1 ? given : pattern;
    return Array.from({ length: count }, (_, i) => ((i + 1) % p === 0 ? 'full' : 'sliding'));
  };

export const LLM_TABLE: Record<LlmModelType, LlmRow> = {
  llama: {
    family: 'llama',
    activation: 'silu',
    epsKey: 'rms_norm_eps',
    eps: 1e-6,
    ropeTheta: 10000,
    tied: false,
    headDim: null,
    layers: FULL,
  },
  qwen2: {
    family: 'llama',
    activation: 'silu',
    epsKey: 'rms_norm_eps',
    eps: 1e-6,
    ropeTheta: 10000,
    tied: false,
    headDim: null,
    layers: qwenLayers,
  },
  qwen3: {
    family: 'llama',
    activation: 'silu',
    epsKey: 'rms_norm_eps',
    eps: 1e-6,
    ropeTheta: 10000,
    tied: false,
    headDim: 128,
    layers: qwenLayers,
  },
  mistral: {
    family: 'llama',
    activation: 'silu',
    epsKey: 'rms_norm_eps',
    eps: 1e-6,
    ropeTheta: 10000,
    tied: false,
    headDim: null,
    // Every layer slides when sliding_window is set (null: none).
    layers: (raw, count) =>
      typeof raw.sliding_window === 'number' ? new Array(count).fill('sliding') : null,
  },
  gemma2: {
    family: 'gemma',
    activation: 'gelu_pytorch_tanh',
    epsKey: 'rms_norm_eps',
    eps: 1e-6,
    ropeTheta: 10000,
    tied: true,
    headDim: 256,
    layers: patterned(2),
  },
  gemma3_text: {
    family: 'gemma',
    activation: 'gelu_pytorch_tanh',
    epsKey: 'rms_norm_eps',
    eps: 1e-6,
    ropeTheta: 1_000_000,
    tied: true,
    headDim: 256,
    layers: patterned(6, 'sliding_window_pattern'),
  },
  gpt_neox: {
    family: 'gpt_neox',
    activation: 'gelu',
    epsKey: 'layer_norm_eps',
    eps: 1e-5,
    ropeTheta: 10000,
    tied: false,
    headDim: null,
    layers: FULL,
  },
};

const FILE = 'config.json';

function fail(message: string): never {
  throw new HfLoadError('invalid', `${FILE}: ${message}`, FILE);
}

function unsupported(message: string): never {
  throw new HfLoadError('unsupported', `${FILE}: ${message}`, FILE);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return Array.isArray(value) ? 'a list' : typeof value;
}

type Limited = keyof typeof ENGINE_CONFIG_LIMITS;

/** A positive integer key (required unless `fallback`), capped by the engine's limit `limit`. */
function int(
  raw: Record<string, unknown>,
  key: string,
  limit: Limited,
  fallback?: number | null,
): number {
  const value = raw[key];
  if (value === undefined || value === null) {
    if (fallback !== undefined && fallback !== null) return fallback;
    return fail(`missing ${key}`);
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    fail(`${key} must be a positive integer (got ${show(value)})`);
  const max = ENGINE_CONFIG_LIMITS[limit];
  if (value > max) fail(`${key} (${value}) is over this app's limit of ${max}`);
  return value;
}

function positive(raw: Record<string, unknown>, key: string, fallback: number): number {
  const value = raw[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(`${key} must be a number above 0 (got ${show(value)})`);
  return value;
}

/** An optional positive number (null or absent: none). */
function optionalPositive(raw: Record<string, unknown>, key: string): number | undefined {
  const value = raw[key];
  return value === undefined || value === null ? undefined : positive(raw, key, 0);
}

/**
 * `rope_scaling` (or, in newer configs, `rope_parameters`, which also carries rope_theta) → the
 * engine's RopeScaling. Types other than default, linear and llama3 change RoPE in ways the
 * engine does not model, and are refused by name.
 */
function ropeScaling(raw: Record<string, unknown>): RopeScaling | undefined {
  const key = raw.rope_scaling != null ? 'rope_scaling' : 'rope_parameters';
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    fail(`${key} must be an object (got ${show(value)})`);
  const r = value as Record<string, unknown>;
  const type = r.rope_type ?? r.type ?? 'default';
  const field = (name: string, fallback?: number): number => {
    const v = r[name] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      fail(`${key}.${name} must be a number above 0 (got ${show(v)})`);
    return v;
  };
  if (type === 'default') return undefined;
  if (type === 'linear') return { kind: 'linear', factor: field('factor') };
  if (type === 'llama3') {
    const scaling: RopeScaling = {
      kind: 'llama3',
      factor: field('factor'),
      lowFreqFactor: field('low_freq_factor'),
      highFreqFactor: field('high_freq_factor'),
      originalMaxPositions: field('original_max_position_embeddings'),
    };
    if (scaling.highFreqFactor <= scaling.lowFreqFactor)
      fail(
        `${key}.high_freq_factor (${scaling.highFreqFactor}) must be above low_freq_factor (${scaling.lowFreqFactor})`,
      );
    return scaling;
  }
  return unsupported(`${key} type ${show(type)} is not supported (default, linear and llama3 are)`);
}

/** rope_theta, from the config or its rope_parameters. */
function ropeTheta(raw: Record<string, unknown>, fallback: number): number {
  const params = raw.rope_parameters;
  if (raw.rope_theta == null && typeof params === 'object' && params !== null) {
    const theta = (params as Record<string, unknown>).rope_theta;
    if (typeof theta === 'number' && theta > 0) return theta;
  }
  return positive(raw, raw.rotary_emb_base != null ? 'rotary_emb_base' : 'rope_theta', fallback);
}

/** `layer_types` as transformers writes it, else the family's rule. */
function layerTypes(
  raw: Record<string, unknown>,
  row: LlmRow,
  count: number,
): LayerAttentionType[] | null {
  const given = raw.layer_types;
  if (given === undefined || given === null) return row.layers(raw, count);
  if (!Array.isArray(given) || given.length !== count)
    fail(`layer_types must list one entry for each of the ${count} layers (num_hidden_layers)`);
  return given.map((t, i) => {
    if (t === 'full_attention') return 'full';
    if (t === 'sliding_attention') return 'sliding';
    return unsupported(
      `layer_types[${i}] ${show(t)} is not supported (full_attention, sliding_attention)`,
    );
  });
}

/** What the loader keeps about a decoder LM beside its engine config. */
export interface LlmConfigInfo {
  family: LlmFamily;
  config: TransformerConfig;
}

/** Maps a modern decoder's config object (model_type already checked) to the engine's config. */
export function normalizeLlmConfig(
  raw: Record<string, unknown>,
  type: LlmModelType,
): LlmConfigInfo {
  const row = LLM_TABLE[type];
  const dModel = int(raw, 'hidden_size', 'dModel');
  const numHeads = int(raw, 'num_attention_heads', 'numHeads');
  const numKvHeads = int(raw, 'num_key_value_heads', 'numKvHeads', numHeads);
  if (numHeads % numKvHeads !== 0)
    fail(
      `num_attention_heads (${numHeads}) must be a multiple of num_key_value_heads (${numKvHeads})`,
    );
  const explicitHead = raw.head_dim ?? null;
  if (row.headDim === null && explicitHead === null && dModel % numHeads !== 0)
    fail(`num_attention_heads (${numHeads}) must divide hidden_size (${dModel})`);
  const headSize = int(raw, 'head_dim', 'headSize', row.headDim ?? dModel / numHeads);
  const numLayers = int(raw, 'num_hidden_layers', 'numLayers');
  const dFF = int(raw, 'intermediate_size', 'dFF');
  const vocabSize = int(raw, 'vocab_size', 'vocabSize');
  const maxPositions = int(raw, 'max_position_embeddings', 'maxPositions');
  const eps = positive(raw, row.epsKey, row.eps);

  const actKey = raw.hidden_activation != null ? 'hidden_activation' : 'hidden_act';
  const actName = raw[actKey] ?? row.activation;
  const activation = typeof actName === 'string' ? LLM_ACTIVATIONS[actName] : undefined;
  if (!activation)
    unsupported(
      `${actKey} ${show(actName)} is not supported (${Object.keys(LLM_ACTIVATIONS).join(', ')})`,
    );

  // Partial rotary: GPT-NeoX's rotary_pct, or partial_rotary_factor where a config has it.
  const rotaryKey = type === 'gpt_neox' ? 'rotary_pct' : 'partial_rotary_factor';
  const fraction = positive(raw, rotaryKey, type === 'gpt_neox' ? 0.25 : 1);
  if (fraction > 1) fail(`${rotaryKey} must be at most 1 (got ${fraction})`);
  const rotaryDim = Math.floor(headSize * fraction);
  if (rotaryDim < 2 || rotaryDim % 2 !== 0)
    fail(
      `${rotaryKey} ${fraction} of head size ${headSize} gives ${rotaryDim} rotary dims; RoPE needs an even number`,
    );

  const types = layerTypes(raw, row, numLayers);
  const tied = typeof raw.tie_word_embeddings === 'boolean' ? raw.tie_word_embeddings : row.tied;
  const gemma = row.family === 'gemma';

  const config: TransformerConfig = {
    architecture: 'decoder',
    vocabSize,
    dModel,
    numHeads,
    numLayers,
    dFF,
    maxPositions,
    positional: 'rope',
    positionalBase: ropeTheta(raw, row.ropeTheta),
    norm: 'pre',
    activation,
    layerNormEps: eps,
    scale: gemma
      ? { kind: 'custom', factor: 1 / Math.sqrt(positive(raw, 'query_pre_attn_scalar', 256)) }
      : { kind: 'default' },
    scaleEmbeddings: gemma,
    outputHead: false,
    lmHead: tied ? 'tied' : 'separate',
    normKind: type === 'gpt_neox' ? 'layer' : 'rms',
    mlpKind: type === 'gpt_neox' ? 'plain' : 'gated',
  };
  if (numKvHeads !== numHeads) config.numKvHeads = numKvHeads;
  if (headSize * numHeads !== dModel || explicitHead !== null) config.headSize = headSize;
  if (rotaryDim !== headSize) config.rotaryDim = rotaryDim;
  const scaling = ropeScaling(raw);
  if (scaling) config.ropeScaling = scaling;
  if (type === 'qwen3' || type === 'gemma3_text') config.qkNorm = true;
  if (gemma) config.sandwichNorm = true;
  if (type === 'gemma3_text') config.ropeLocalBase = positive(raw, 'rope_local_base_freq', 10000);
  if (type === 'gpt_neox' && raw.use_parallel_residual !== false) config.parallelResidual = true;
  const attnCap = optionalPositive(raw, 'attn_logit_softcapping');
  const finalCap = optionalPositive(raw, 'final_logit_softcapping');
  if (attnCap !== undefined) config.attnSoftcap = attnCap;
  if (finalCap !== undefined) config.finalSoftcap = finalCap;
  if (types?.includes('sliding')) {
    const window = int(raw, 'sliding_window', 'slidingWindow');
    config.layerTypes = types;
    config.slidingWindow = window;
  }
  return { family: row.family, config };
}

/** Activation names of these families → the engine's. */
export const LLM_ACTIVATIONS: Record<string, TransformerConfig['activation']> = {
  silu: 'silu',
  swish: 'silu',
  gelu: 'gelu',
  gelu_pytorch_tanh: 'gelu_tanh',
  gelu_new: 'gelu_tanh',
  gelu_fast: 'gelu_tanh',
  relu: 'relu',
};

/** Which biases a checkpoint of this type carries (the rest are zeros in the engine). */
export function llmBiases(
  raw: Record<string, unknown>,
  type: LlmModelType,
): { qkv: boolean; o: boolean; mlp: boolean } {
  if (type === 'gpt_neox') {
    const b = raw.attention_bias !== false;
    return { qkv: b, o: b, mlp: true };
  }
  if (type === 'qwen2') return { qkv: true, o: false, mlp: false };
  const attention = raw.attention_bias === true;
  return { qkv: attention, o: attention, mlp: raw.mlp_bias === true };
}
