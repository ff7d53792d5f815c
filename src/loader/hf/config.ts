/**
 * Hugging Face `config.json` → the engine's TransformerConfig, through ONE normalize table.
 *
 * Each engine field lists the key spellings the supported families use (BERT/RoBERTa `hidden_size`,
 * GPT-2 `n_embd`, DistilBERT `dim`, …). The family (`model_type`) decides the architecture, the norm
 * placement, the embedding extras (token types, embedding LayerNorm, RoBERTa's position offset) and
 * the defaults of the few fields a family may leave out. Every error starts with the file name and
 * says which key is wrong and why.
 */
import { ENGINE_CONFIG_LIMITS } from '../../engine/configCheck';
import { validateConfig } from '../../engine/schema';
import type { TransformerConfig } from '../../engine/types';
import { HfLoadError } from './errors';
import {
  LLM_MODEL_TYPES,
  LLM_TABLE,
  llmBiases,
  normalizeLlmConfig,
  type LlmFamily,
  type LlmModelType,
} from './llm-config';

/** Model families this loader reads, by their `model_type`. */
export const SUPPORTED_MODEL_TYPES = [
  'bert',
  'roberta',
  'xlm-roberta',
  'distilbert',
  'gpt2',
  ...LLM_MODEL_TYPES,
] as const;
export type HfModelType = (typeof SUPPORTED_MODEL_TYPES)[number];

/**
 * The layout family a model type shares (xlm-roberta is stored exactly like roberta; Qwen and
 * Mistral like Llama; Gemma 2 and 3 alike).
 */
export type HfFamily = 'bert' | 'roberta' | 'distilbert' | 'gpt2' | LlmFamily;

/** Families that are causal language models (one text in, next-token predictions out). */
export const isDecoderFamily = (family: HfFamily): boolean =>
  family === 'gpt2' || family === 'llama' || family === 'gemma' || family === 'gpt_neox';

const isLlmType = (type: HfModelType): type is LlmModelType =>
  (LLM_MODEL_TYPES as readonly string[]).includes(type);

export const FAMILY_OF: Record<HfModelType, HfFamily> = {
  bert: 'bert',
  roberta: 'roberta',
  'xlm-roberta': 'roberta',
  distilbert: 'distilbert',
  gpt2: 'gpt2',
  ...(Object.fromEntries(LLM_MODEL_TYPES.map((t) => [t, LLM_TABLE[t].family])) as Record<
    LlmModelType,
    LlmFamily
  >),
};

type NumericField =
  | 'numHeads'
  | 'dModel'
  | 'numLayers'
  | 'dFF'
  | 'maxPositions'
  | 'layerNormEps'
  | 'typeVocabSize'
  | 'vocabSize';

/**
 * THE normalize table: engine field → Hugging Face key spellings, first match wins; two spellings
 * present with different values is an error.
 */
export const HF_CONFIG_KEYS: Record<NumericField | 'activation', readonly string[]> = {
  numHeads: ['num_attention_heads', 'n_head', 'n_heads'],
  dModel: ['hidden_size', 'n_embd', 'dim'],
  numLayers: ['num_hidden_layers', 'n_layer', 'n_layers'],
  dFF: ['intermediate_size', 'n_inner', 'hidden_dim'],
  maxPositions: ['max_position_embeddings', 'n_positions'],
  layerNormEps: ['layer_norm_eps', 'layer_norm_epsilon'],
  typeVocabSize: ['type_vocab_size'],
  vocabSize: ['vocab_size'],
  activation: ['hidden_act', 'activation_function', 'activation'],
};

/** Hugging Face activation names → the engine's. */
export const HF_ACTIVATIONS: Record<string, TransformerConfig['activation']> = {
  gelu: 'gelu',
  gelu_python: 'gelu',
  gelu_new: 'gelu_tanh',
  gelu_pytorch_tanh: 'gelu_tanh',
  gelu_fast: 'gelu_tanh', // the same tanh formula, written differently
  relu: 'relu',
};

interface FamilyDefaults {
  architecture: 'encoder' | 'decoder';
  norm: 'pre' | 'post';
  /** Used when the config has no eps key (DistilBERT never has one: its LayerNorms use 1e-12). */
  layerNormEps: number;
  activation: string;
  /** Token-type embeddings: the default count when the key is absent, or null for none. */
  typeVocabSize: number | null;
  embeddingLayerNorm: boolean;
  /** dFF when the config leaves it out or null (GPT-2's n_inner = null means 4·d). */
  dFFDefault: ((d: number) => number) | null;
}

const FAMILIES: Record<Exclude<HfFamily, LlmFamily>, FamilyDefaults> = {
  bert: {
    architecture: 'encoder',
    norm: 'post',
    layerNormEps: 1e-12,
    activation: 'gelu',
    typeVocabSize: 2,
    embeddingLayerNorm: true,
    dFFDefault: null,
  },
  roberta: {
    architecture: 'encoder',
    norm: 'post',
    layerNormEps: 1e-12,
    activation: 'gelu',
    typeVocabSize: 2,
    embeddingLayerNorm: true,
    dFFDefault: null,
  },
  distilbert: {
    architecture: 'encoder',
    norm: 'post',
    layerNormEps: 1e-12,
    activation: 'gelu',
    typeVocabSize: null,
    embeddingLayerNorm: true,
    dFFDefault: null,
  },
  gpt2: {
    architecture: 'decoder',
    norm: 'pre',
    layerNormEps: 1e-5,
    activation: 'gelu_new',
    typeVocabSize: null,
    embeddingLayerNorm: false,
    dFFDefault: (d) => 4 * d,
  },
};

/** What the loader knows about a checkpoint once its config.json is read. */
export interface HfModelInfo {
  modelType: HfModelType;
  family: HfFamily;
  config: TransformerConfig;
  /** RoBERTa's padding id (its positions start at padTokenId + 1); null for other families. */
  padTokenId: number | null;
  /** `_name_or_path` when the config has one. */
  nameOrPath: string | null;
  /** Decoder LMs (llama, qwen, mistral, gemma, gpt_neox): which biases the checkpoint carries. */
  biases?: { qkv: boolean; o: boolean; mlp: boolean };
}

const FILE = 'config.json';

function fail(message: string): never {
  throw new HfLoadError('invalid', `${FILE}: ${message}`, FILE);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return Array.isArray(value) ? 'a list' : typeof value;
}

/** The value of the first key spelling present, checking that other spellings agree. */
function pick(
  raw: Record<string, unknown>,
  field: keyof typeof HF_CONFIG_KEYS,
): [string, unknown] | null {
  let found: [string, unknown] | null = null;
  for (const key of HF_CONFIG_KEYS[field]) {
    if (!(key in raw)) continue;
    const value = raw[key];
    if (found === null) found = [key, value];
    else if (value !== null && found[1] !== null && value !== found[1])
      fail(`${found[0]} (${describe(found[1])}) and ${key} (${describe(value)}) disagree`);
  }
  return found;
}

const keyList = (field: keyof typeof HF_CONFIG_KEYS): string => HF_CONFIG_KEYS[field].join(' / ');

/** The integer fields: each capped by the engine's limit of the same name. */
type IntegerField = Exclude<NumericField, 'layerNormEps'>;

/**
 * A positive integer field, required unless `fallback` is given; capped by the engine's own
 * limit (ENGINE_CONFIG_LIMITS, the one table of them) so the loader refuses what the engine would.
 */
function integerField(
  raw: Record<string, unknown>,
  field: IntegerField,
  fallback?: number | null,
  allowZero = false,
): number {
  const hit = pick(raw, field);
  if (hit === null || hit[1] === null) {
    if (fallback !== undefined && fallback !== null) return fallback;
    return fail(`missing ${keyList(field)}`);
  }
  const [key, value] = hit;
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    fail(`${key} must be an integer (got ${describe(value)})`);
  const n = value;
  const limit = ENGINE_CONFIG_LIMITS[field];
  if (n < 0 || (n === 0 && !allowZero))
    fail(`${key} must be ${allowZero ? 'zero or more' : 'at least 1'} (got ${n})`);
  if (n > limit) fail(`${key} (${n}) is over this app's limit of ${limit}`);
  return n;
}

function activationField(
  raw: Record<string, unknown>,
  fallback: string,
): TransformerConfig['activation'] {
  const hit = pick(raw, 'activation');
  const [key, value] = hit && hit[1] !== null ? hit : ['activation', fallback];
  if (typeof value !== 'string') return fail(`${key} must be a string (got ${describe(value)})`);
  const act = HF_ACTIVATIONS[value];
  if (!act)
    fail(
      `${key} ${JSON.stringify(value)} is not supported (${Object.keys(HF_ACTIVATIONS).join(', ')})`,
    );
  return act;
}

function epsField(raw: Record<string, unknown>, fallback: number): number {
  const hit = pick(raw, 'layerNormEps');
  if (hit === null || hit[1] === null) return fallback;
  const [key, value] = hit;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1)
    fail(`${key} must be a number between 0 and 1 (got ${describe(value)})`);
  return value;
}

/** Parses config.json text (JSON errors and HTML pages name the file). */
export function parseHfConfigText(text: string): HfModelInfo {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<'))
    throw new HfLoadError(
      'html',
      `${FILE}: got an HTML page instead of JSON (an error or login page?)`,
      FILE,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HfLoadError(
      'invalid',
      `${FILE}: is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
      FILE,
    );
  }
  return normalizeHfConfig(raw);
}

/** Maps a parsed Hugging Face config object to the engine's config. */
export function normalizeHfConfig(input: unknown): HfModelInfo {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail('is not a JSON object');
  const raw = input as Record<string, unknown>;
  const modelType = raw.model_type;
  const supported = SUPPORTED_MODEL_TYPES.join(', ');
  if (modelType === undefined) fail(`has no model_type (supported: ${supported})`);
  if (
    typeof modelType !== 'string' ||
    !(SUPPORTED_MODEL_TYPES as readonly string[]).includes(modelType)
  )
    fail(`model_type ${describe(modelType)} is not supported (${supported})`);
  const type = modelType as HfModelType;
  const nameOrPath =
    typeof raw._name_or_path === 'string' && raw._name_or_path.trim() !== ''
      ? raw._name_or_path
      : null;
  if (isLlmType(type)) {
    const { family: llmFamily, config: llm } = normalizeLlmConfig(raw, type);
    try {
      validateConfig(llm);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    return {
      modelType: type,
      family: llmFamily,
      config: llm,
      padTokenId: null,
      nameOrPath,
      biases: llmBiases(raw, type),
    };
  }
  const family = FAMILY_OF[type] as Exclude<HfFamily, LlmFamily>;
  const f = FAMILIES[family];

  // Options of these families that change the computation and that the engine does not model.
  const positionType = raw.position_embedding_type;
  if (positionType !== undefined && positionType !== null && positionType !== 'absolute')
    fail(`position_embedding_type ${describe(positionType)} is not supported (only "absolute")`);
  if (family !== 'gpt2' && raw.is_decoder === true)
    fail('is_decoder true (a causal BERT-style model) is not supported');
  if (family === 'gpt2' && raw.scale_attn_by_inverse_layer_idx === true)
    fail('scale_attn_by_inverse_layer_idx true is not supported');
  // DistilBERT's sinusoidal_pos_embds is fine: the sinusoid is stored in
  // position_embeddings.weight like a learned table.

  const dModel = integerField(raw, 'dModel');
  const numHeads = integerField(raw, 'numHeads');
  const headsKey = pick(raw, 'numHeads')?.[0] ?? 'num_attention_heads';
  const dKey = pick(raw, 'dModel')?.[0] ?? 'hidden_size';
  if (dModel % numHeads !== 0) fail(`${headsKey} (${numHeads}) must divide ${dKey} (${dModel})`);
  const numLayers = integerField(raw, 'numLayers');
  const dFF = integerField(raw, 'dFF', f.dFFDefault ? f.dFFDefault(dModel) : null);
  const vocabSize = integerField(raw, 'vocabSize');
  const tablePositions = integerField(raw, 'maxPositions');
  const layerNormEps = family === 'distilbert' ? 1e-12 : epsField(raw, f.layerNormEps);
  const activation = activationField(raw, f.activation);

  let typeVocabSize: number | undefined;
  if (f.typeVocabSize !== null) {
    const n = integerField(raw, 'typeVocabSize', f.typeVocabSize, true);
    if (n > 0) typeVocabSize = n;
  }

  let padTokenId: number | null = null;
  let positionOffset = 0;
  if (family === 'roberta') {
    const pad = raw.pad_token_id ?? 1;
    if (typeof pad !== 'number' || !Number.isSafeInteger(pad) || pad < 0)
      fail(`pad_token_id must be a non-negative integer (got ${describe(pad)})`);
    padTokenId = pad;
    // RoBERTa numbers positions from padding_idx + 1: rows 0..pad are never used by real tokens.
    positionOffset = padTokenId + 1;
    if (tablePositions <= positionOffset)
      fail(
        `max_position_embeddings (${tablePositions}) leaves no positions after RoBERTa's offset of ${positionOffset} (pad_token_id + 1)`,
      );
  }

  const config: TransformerConfig = {
    architecture: f.architecture,
    vocabSize,
    dModel,
    numHeads,
    numLayers,
    dFF,
    maxPositions: tablePositions - positionOffset,
    positional: 'learned',
    positionalBase: 10000,
    norm: f.norm,
    activation,
    layerNormEps,
    scale:
      family === 'gpt2' && raw.scale_attn_weights === false
        ? { kind: 'none' }
        : { kind: 'default' },
    scaleEmbeddings: false,
  };
  if (positionOffset > 0) config.positionOffset = positionOffset;
  if (typeVocabSize !== undefined) config.typeVocabSize = typeVocabSize;
  if (f.embeddingLayerNorm) config.embeddingLayerNorm = true;
  if (f.architecture === 'decoder') {
    // GPT-2's lm_head is its token embedding (tied): predictions need no extra tensor.
    config.outputHead = false;
    config.lmHead = 'tied';
  }
  try {
    validateConfig(config);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  return { modelType: type, family, config, padTokenId, nameOrPath };
}
