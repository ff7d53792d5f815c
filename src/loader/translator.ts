/**
 * Loads a translation model in the app's own format: config.json, model.safetensors, vocab.json.
 * Returns plain data (no tensors); the engine builds the model from it. Every error names the file.
 */
import { expectedWeightShapes, validateConfig, validateWeights } from '../engine/schema';
import {
  DIRECTIONS,
  type SplitName,
  type TranslationDirection,
  type TranslationVocab,
} from '../engine/tokenize/vocab-tokenizer';
import type { TransformerConfig } from '../engine/types';
import type { WeightMap } from '../engine/weights';
import { readSafetensors, SafetensorsError } from './safetensors';

export interface TranslatorBundle {
  name: string;
  config: TransformerConfig;
  weights: WeightMap;
  vocab: TranslationVocab;
  maxTargetLength: number;
  /** Which way it translates: config.json's "direction", 'en-zh' when the file has none. */
  direction: TranslationDirection;
}

interface TranslatorConfigFile {
  format: string;
  name: string;
  config: TransformerConfig;
  maxTargetLength: number;
  /** Optional; absent = 'en-zh' (the first built-in model's files have no such field). */
  direction?: TranslationDirection;
  /** Optional; must be the direction's own splitters when present. */
  split?: { source: SplitName; target: SplitName };
  files: { weights: string; vocab: string };
}

/** config.json's direction, 'en-zh' when absent. */
export function translatorDirection(file: {
  direction?: TranslationDirection;
}): TranslationDirection {
  return file.direction ?? 'en-zh';
}

export class ModelFileError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ModelFileError';
  }
}

function parseJson(text: string, file: string): unknown {
  // A server's error or login page served in place of the file.
  if (text.trimStart().startsWith('<'))
    throw new ModelFileError(file, 'got an HTML page instead of JSON (a wrong address?)');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(
      file,
      `is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
    );
  }
}

/** A file name beside config.json: no folders, no scheme (the files must come from that folder). */
const PLAIN_FILE_NAME = /^[\w][\w.-]{0,199}$/;

export function parseTranslatorConfig(text: string): TranslatorConfigFile {
  const raw = parseJson(text, 'config.json') as Partial<TranslatorConfigFile> | null;
  if (!raw || typeof raw !== 'object' || raw.format !== 'attention-atlas-translator')
    throw new ModelFileError(
      'config.json',
      'is not an Attention Atlas translator config (format field)',
    );
  if (!raw.config || raw.config.architecture !== 'encoder-decoder')
    throw new ModelFileError('config.json', 'needs an encoder-decoder "config"');
  try {
    validateConfig(raw.config);
  } catch (error) {
    throw new ModelFileError('config.json', error instanceof Error ? error.message : String(error));
  }
  if (typeof raw.name !== 'string' || raw.name.trim() === '' || raw.name.length > 200)
    throw new ModelFileError('config.json', '"name" must be a short non-empty text');
  const maxTarget = raw.maxTargetLength;
  if (typeof maxTarget !== 'number' || !Number.isSafeInteger(maxTarget) || maxTarget < 1)
    throw new ModelFileError(
      'config.json',
      `"maxTargetLength" must be a positive integer (got ${JSON.stringify(maxTarget) ?? 'nothing'})`,
    );
  for (const key of ['weights', 'vocab'] as const) {
    const name: unknown = raw.files?.[key];
    if (typeof name !== 'string' || !PLAIN_FILE_NAME.test(name))
      throw new ModelFileError(
        'config.json',
        `"files.${key}" must be a file name in the model's folder (got ${JSON.stringify(name) ?? 'nothing'})`,
      );
  }
  const direction: unknown = raw.direction ?? 'en-zh';
  if (typeof direction !== 'string' || !Object.hasOwn(DIRECTIONS, direction))
    throw new ModelFileError(
      'config.json',
      `"direction" must be one of ${Object.keys(DIRECTIONS).join(', ')} (got ${JSON.stringify(raw.direction)})`,
    );
  if (raw.split !== undefined) {
    const want = DIRECTIONS[direction as TranslationDirection];
    const split = raw.split as unknown as Record<string, unknown> | null;
    if (
      !split ||
      typeof split !== 'object' ||
      split.source !== want.source.split ||
      split.target !== want.target.split
    )
      throw new ModelFileError(
        'config.json',
        `"split" must be {"source": "${want.source.split}", "target": "${want.target.split}"} for ${direction}`,
      );
  }
  return raw as TranslatorConfigFile;
}

export function parseVocab(text: string, config: TransformerConfig): TranslationVocab {
  const raw = parseJson(text, 'vocab.json') as Partial<TranslationVocab> | null;
  const isList = (x: unknown): x is string[] =>
    Array.isArray(x) && x.every((t) => typeof t === 'string');
  if (!raw || !isList(raw.source) || !isList(raw.target))
    throw new ModelFileError('vocab.json', 'needs "source" and "target" lists of strings');
  if (raw.source.length !== config.vocabSize)
    throw new ModelFileError(
      'vocab.json',
      `has ${raw.source.length} source tokens; config.json says ${config.vocabSize}`,
    );
  const targetSize = config.targetVocabSize ?? config.vocabSize;
  if (raw.target.length !== targetSize)
    throw new ModelFileError(
      'vocab.json',
      `has ${raw.target.length} target tokens; config.json says ${targetSize}`,
    );
  return { source: raw.source, target: raw.target };
}

/** Reads the tensors a config needs from safetensors bytes, checking names and shapes. */
export function weightsFromSafetensors(
  bytes: Uint8Array,
  config: TransformerConfig,
  file = 'model.safetensors',
): WeightMap {
  const st = readSafetensors(bytes, file);
  const byName = new Map(st.entries.map((e) => [e.name, e]));
  const weights: WeightMap = new Map();
  for (const name of expectedWeightShapes(config).keys()) {
    const entry = byName.get(name);
    if (!entry) continue; // reported with every other problem by validateWeights below
    weights.set(name, { shape: entry.shape, data: st.float32(name) });
  }
  try {
    validateWeights(config, weights);
  } catch (error) {
    throw new SafetensorsError(file, error instanceof Error ? error.message : String(error));
  }
  return weights;
}

export function parseTranslator(
  configText: string,
  weightBytes: Uint8Array,
  vocabText: string,
): TranslatorBundle {
  const file = parseTranslatorConfig(configText);
  return {
    name: file.name,
    config: file.config,
    weights: weightsFromSafetensors(weightBytes, file.config, file.files.weights),
    vocab: parseVocab(vocabText, file.config),
    maxTargetLength: file.maxTargetLength,
    direction: translatorDirection(file),
  };
}

/** Fetches and parses a translator from a folder URL (e.g. `models/en-zh-tiny/`). */
export async function fetchTranslator(
  baseUrl: string,
  fetchFn: typeof fetch = fetch,
): Promise<TranslatorBundle> {
  const get = async (name: string): Promise<Response> => {
    const response = await fetchFn(new URL(name, baseUrl).toString());
    if (!response.ok) throw new ModelFileError(name, `download failed (HTTP ${response.status})`);
    return response;
  };
  const configText = await (await get('config.json')).text();
  const file = parseTranslatorConfig(configText);
  const [weights, vocab] = await Promise.all([
    get(file.files.weights).then((r) => r.arrayBuffer()),
    get(file.files.vocab).then((r) => r.text()),
  ]);
  return parseTranslator(configText, new Uint8Array(weights), vocab);
}
