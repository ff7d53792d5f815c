/**
 * Checks a TransformerConfig that may come from a file (the translator's config.json, a
 * Hugging Face config after normalizing): every field present, of the right type, inside sane
 * limits. It runs before anything is allocated or looped over per layer, so a hostile file
 * (10^9 layers, a negative width, a string where a number belongs) is refused with a sentence
 * naming the field instead of hanging the tab or running out of memory.
 */
import type { TransformerConfig } from './types';

/** Upper limits: a config over these is a typo or a hostile file, not a model to build here. */
export const ENGINE_CONFIG_LIMITS = {
  vocabSize: 1_000_000,
  targetVocabSize: 1_000_000,
  dModel: 16_384,
  numHeads: 1_024,
  numLayers: 200,
  numDecoderLayers: 200,
  dFF: 131_072,
  maxPositions: 131_072,
  positionOffset: 131_072,
  typeVocabSize: 1_024,
  numKvHeads: 1_024,
  headSize: 4_096,
  rotaryDim: 4_096,
  slidingWindow: 1_048_576,
} as const;

const ARCHITECTURES = ['encoder', 'decoder', 'encoder-decoder'];
const POSITIONALS = ['none', 'sinusoidal', 'learned', 'rope', 'alibi'];
const NORMS = ['pre', 'post'];
const ACTIVATIONS = ['relu', 'gelu', 'gelu_tanh', 'silu'];
const SCALES = ['default', 'none', 'custom'];

/** A value as it should appear in a message: strings quoted, objects named by their kind. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null)
    return String(value);
  return Array.isArray(value) ? 'a list' : typeof value;
}

type IntegerField = keyof typeof ENGINE_CONFIG_LIMITS;

/** Every problem of `input` as a config (empty when it is a valid one). */
export function configProblems(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return [`the config must be an object (got ${show(input)})`];
  const raw = input as Record<string, unknown>;
  const problems: string[] = [];

  const integer = (field: IntegerField, required: boolean, min = 1): void => {
    const value = raw[field];
    if (value === undefined || value === null) {
      if (required) problems.push(`${field} is missing`);
      return;
    }
    const limit = ENGINE_CONFIG_LIMITS[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      problems.push(`${field} must be a whole number (got ${show(value)})`);
    else if (value < min)
      problems.push(
        min === 0
          ? `${field} must be zero or more (got ${value})`
          : `${field} must be a positive integer (got ${value})`,
      );
    else if (value > limit) problems.push(`${field} (${value}) is over the limit of ${limit}`);
  };
  const oneOf = (field: string, allowed: readonly string[]): void => {
    const value = raw[field];
    if (typeof value !== 'string' || !allowed.includes(value))
      problems.push(`${field} must be one of ${allowed.join(', ')} (got ${show(value)})`);
  };
  const positiveNumber = (field: string, below?: number): void => {
    const value = raw[field];
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value > 0 &&
      (below === undefined || value < below);
    if (!ok)
      problems.push(
        `${field} must be a number above 0${below === undefined ? '' : ` and below ${below}`} (got ${show(value)})`,
      );
  };
  const boolean = (field: string, required: boolean): void => {
    const value = raw[field];
    if (value === undefined && !required) return;
    if (typeof value !== 'boolean')
      problems.push(`${field} must be true or false (got ${show(value)})`);
  };

  oneOf('architecture', ARCHITECTURES);
  integer('vocabSize', true);
  integer('targetVocabSize', false);
  integer('dModel', true);
  integer('numHeads', true);
  integer('numLayers', true);
  integer('numDecoderLayers', false);
  integer('dFF', true);
  integer('maxPositions', true);
  integer('positionOffset', false, 0);
  integer('typeVocabSize', false, 0);
  oneOf('positional', POSITIONALS);
  positiveNumber('positionalBase');
  oneOf('norm', NORMS);
  oneOf('activation', ACTIVATIONS);
  positiveNumber('layerNormEps', 1);
  boolean('scaleEmbeddings', true);
  boolean('embeddingLayerNorm', false);
  boolean('outputHead', false);
  // Modern decoder blocks (all optional).
  integer('numKvHeads', false);
  integer('headSize', false);
  integer('rotaryDim', false);
  integer('slidingWindow', false);
  if (raw.normKind !== undefined) oneOf('normKind', ['layer', 'rms']);
  if (raw.mlpKind !== undefined) oneOf('mlpKind', ['plain', 'gated']);
  if (raw.lmHead !== undefined) oneOf('lmHead', ['tied', 'separate']);
  for (const field of ['qkNorm', 'sandwichNorm', 'parallelResidual', 'mlmHead'])
    boolean(field, false);
  for (const field of ['attnSoftcap', 'finalSoftcap', 'ropeLocalBase'])
    if (raw[field] !== undefined) positiveNumber(field);
  problems.push(...ropeScalingProblems(raw.ropeScaling));

  const scale = raw.scale;
  if (typeof scale !== 'object' || scale === null || Array.isArray(scale))
    problems.push(`scale must be an object with a kind (got ${show(scale)})`);
  else {
    const { kind, factor } = scale as Record<string, unknown>;
    if (typeof kind !== 'string' || !SCALES.includes(kind))
      problems.push(`scale.kind must be one of ${SCALES.join(', ')} (got ${show(kind)})`);
    else if (kind === 'custom' && (typeof factor !== 'number' || !Number.isFinite(factor)))
      problems.push(`scale.factor must be a finite number (got ${show(factor)})`);
  }
  if (problems.length > 0) return problems;

  // The fields are sound one by one: now how they fit together.
  const config = raw as unknown as TransformerConfig;
  if (config.headSize === undefined && config.dModel % config.numHeads !== 0)
    problems.push(`numHeads (${config.numHeads}) must divide dModel (${config.dModel})`);
  else {
    const dh = config.headSize ?? config.dModel / config.numHeads;
    const rotary = config.rotaryDim ?? dh;
    if (config.positional === 'rope' && rotary % 2 !== 0)
      problems.push(
        config.rotaryDim === undefined
          ? `RoPE needs an even head size; ${config.headSize === undefined ? 'dModel/numHeads' : 'headSize'} is ${dh}`
          : `RoPE needs an even rotaryDim (got ${rotary})`,
      );
    if (rotary > dh) problems.push(`rotaryDim (${rotary}) is larger than the head size (${dh})`);
  }
  const kv = config.numKvHeads;
  if (kv !== undefined && config.numHeads % kv !== 0)
    problems.push(`numHeads (${config.numHeads}) must be a multiple of numKvHeads (${kv})`);
  const types = raw.layerTypes;
  if (types !== undefined) {
    if (
      !Array.isArray(types) ||
      types.length !== config.numLayers ||
      !types.every((t) => t === 'full' || t === 'sliding')
    )
      problems.push(
        `layerTypes must list 'full' or 'sliding' for each of the ${config.numLayers} layers`,
      );
    else if (types.includes('sliding') && config.slidingWindow === undefined)
      problems.push('layerTypes has sliding layers but slidingWindow is missing');
  }
  if (config.mlmHead && config.architecture !== 'encoder')
    problems.push(`mlmHead is for encoders (architecture is ${config.architecture})`);
  else if (config.mlmHead && config.lmHead !== 'tied')
    problems.push("mlmHead projects onto the token embedding: lmHead must be 'tied'");
  else if (config.lmHead !== undefined && config.architecture !== 'decoder' && !config.mlmHead)
    problems.push(
      `lmHead is for language models: decoders, or encoders with mlmHead (architecture is ${config.architecture})`,
    );
  return problems;
}

/** Problems of a ropeScaling entry (none when absent). */
function ropeScalingProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`ropeScaling must be an object with a kind (got ${show(value)})`];
  const r = value as Record<string, unknown>;
  const positive = (key: string): string[] => {
    const v = r[key];
    return typeof v === 'number' && Number.isFinite(v) && v > 0
      ? []
      : [`ropeScaling.${key} must be a number above 0 (got ${show(v)})`];
  };
  if (r.kind === 'linear') return positive('factor');
  if (r.kind === 'llama3') {
    const problems = ['factor', 'lowFreqFactor', 'highFreqFactor', 'originalMaxPositions'].flatMap(
      positive,
    );
    if (problems.length === 0 && (r.highFreqFactor as number) <= (r.lowFreqFactor as number))
      problems.push('ropeScaling.highFreqFactor must be above lowFreqFactor');
    return problems;
  }
  return [`ropeScaling.kind must be linear or llama3 (got ${show(r.kind)})`];
}
