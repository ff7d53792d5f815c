/**
 * Hugging Face checkpoint tensors → the engine's weight names and layouts (src/engine/weights.ts).
 *
 * - Names: with or without the model prefix (`bert.`, `roberta.`, `distilbert.`, `transformer.`);
 *   legacy `LayerNorm.gamma/beta` are read as `weight/bias`.
 * - Layouts: PyTorch `nn.Linear` stores [out][in] and is transposed to the engine's [in][out];
 *   GPT-2's `Conv1D` already is [in][out]; GPT-2's packed `c_attn` [d][3d] is split into q | k | v.
 * - Buffers, poolers and task heads (MLM / NSP / lm_head / classifiers) are skipped.
 * - Every problem names the file and the tensor, and says both shapes when they differ.
 */
import { expectedWeightShapes, validateWeights } from '../../engine/schema';
import type { TransformerConfig } from '../../engine/types';
import {
  floatValues,
  type Bf16Values,
  type NamedArray,
  type WeightMap,
} from '../../engine/weights';
import {
  readSafetensors,
  SafetensorsError,
  type SafetensorsEntry,
  type SafetensorsFile,
} from '../safetensors';
import type { HfFamily } from './config';
import type { LlmFamily } from './llm-config';
import { HfLoadError } from './errors';
import { LLM_IGNORED, llmTensorRules, ZERO_FILLED_BIAS, type LlmBiases } from './llm-weights';
import { mlmHeadRules, withMlmHead } from './mlm-head';
import { copy, linear, type Rule } from './rules';

/** Prefixes a family's base model has inside task models (`BertForMaskedLM` → `bert.`). */
export const HF_PREFIXES: Record<HfFamily, string> = {
  bert: 'bert.',
  roberta: 'roberta.',
  distilbert: 'distilbert.',
  gpt2: 'transformer.',
  llama: 'model.',
  gemma: 'model.',
  gpt_neox: 'gpt_neox.',
};

/** Tensors that are not weights of the attention stack: buffers, poolers, task heads. */
const IGNORED: readonly RegExp[] = [
  /(^|\.)position_ids$/,
  /(^|\.)token_type_ids$/,
  /^h\.\d+\.attn\.(masked_)?bias$/, // GPT-2's causal-mask buffers
  /^pooler\./,
  /^cls\./,
  /^lm_head\./,
  /^lm_head$/,
  /^vocab_(transform|layer_norm|projector)\./,
  /^(classifier|pre_classifier|qa_outputs|score)\./,
  ...LLM_IGNORED,
];

/** Where a family keeps its layer index, to catch a config with fewer layers than the file. */
const LAYER_INDEX: Record<HfFamily, RegExp> = {
  bert: /^encoder\.layer\.(\d+)\./,
  roberta: /^encoder\.layer\.(\d+)\./,
  distilbert: /^transformer\.layer\.(\d+)\./,
  gpt2: /^h\.(\d+)\./,
  llama: /^layers\.(\d+)\./,
  gemma: /^layers\.(\d+)\./,
  gpt_neox: /^layers\.(\d+)\./,
};

const LAYER_KEY: Record<HfFamily, string> = {
  bert: 'num_hidden_layers',
  roberta: 'num_hidden_layers',
  distilbert: 'n_layers',
  gpt2: 'n_layer',
  llama: 'num_hidden_layers',
  gemma: 'num_hidden_layers',
  gpt_neox: 'num_hidden_layers',
};

const FLOAT_DTYPES = new Set(['F32', 'F16', 'BF16', 'F64']);

const shapeText = (shape: readonly number[]): string => shape.join('x') || 'scalar';

/** GPT-2 c_attn weight [d][3d] → three [d][d] (columns q | k | v). */
const splitQkvWeight = (targets: [string, string, string], d: number): Rule => ({
  shape: [d, 3 * d],
  targets,
  convert: (values) => {
    const data = floatValues(values);
    return targets.map((target, part): [string, NamedArray] => {
      const m = new Float32Array(d * d);
      for (let r = 0; r < d; r++)
        m.set(data.subarray(r * 3 * d + part * d, r * 3 * d + (part + 1) * d), r * d);
      return [target, { shape: [d, d], data: m }];
    });
  },
});

/** GPT-2 c_attn bias [3d] → three [d]. */
const splitQkvBias = (targets: [string, string, string], d: number): Rule => ({
  shape: [3 * d],
  targets,
  convert: (values) =>
    targets.map((target, part): [string, NamedArray] => [
      target,
      { shape: [d], data: floatValues(values).slice(part * d, (part + 1) * d) },
    ]),
});

function layerNorm(rules: Map<string, Rule>, hf: string, engine: string, d: number): void {
  rules.set(`${hf}.weight`, copy(`${engine}.gamma`, [d]));
  rules.set(`${hf}.bias`, copy(`${engine}.beta`, [d]));
}

function linearRule(
  rules: Map<string, Rule>,
  hf: string,
  w: string,
  b: string,
  out: number,
  inp: number,
): void {
  rules.set(`${hf}.weight`, linear(w, out, inp));
  rules.set(`${hf}.bias`, copy(b, [out]));
}

/** A decoder LM's checkpoint without biases (Llama's usual case); config.json says otherwise. */
const NO_BIASES: LlmBiases = { qkv: false, o: false, mlp: false };

const isLlmFamily = (family: HfFamily): family is LlmFamily =>
  family === 'llama' || family === 'gemma' || family === 'gpt_neox';

/** Every checkpoint tensor (name without prefix) the engine needs, for a family and config. */
export function hfTensorRules(
  family: HfFamily,
  config: TransformerConfig,
  biases: LlmBiases = NO_BIASES,
): Map<string, Rule> {
  if (isLlmFamily(family)) return llmTensorRules(family, config, biases);
  const rules = new Map<string, Rule>();
  const d = config.dModel;
  const f = config.dFF;
  const positions = config.maxPositions + (config.positionOffset ?? 0);
  if (family === 'gpt2') {
    rules.set('wte.weight', copy('embed.tokens', [config.vocabSize, d]));
    rules.set('wpe.weight', copy('embed.positions', [positions, d]));
    for (let i = 0; i < config.numLayers; i++) {
      const h = `h.${i}`;
      const e = `decoder.${i}`;
      layerNorm(rules, `${h}.ln_1`, `${e}.ln1`, d);
      rules.set(
        `${h}.attn.c_attn.weight`,
        splitQkvWeight([`${e}.self.wq`, `${e}.self.wk`, `${e}.self.wv`], d),
      );
      rules.set(
        `${h}.attn.c_attn.bias`,
        splitQkvBias([`${e}.self.bq`, `${e}.self.bk`, `${e}.self.bv`], d),
      );
      rules.set(`${h}.attn.c_proj.weight`, copy(`${e}.self.wo`, [d, d])); // Conv1D: [in][out]
      rules.set(`${h}.attn.c_proj.bias`, copy(`${e}.self.bo`, [d]));
      layerNorm(rules, `${h}.ln_2`, `${e}.ln2`, d);
      rules.set(`${h}.mlp.c_fc.weight`, copy(`${e}.ffn.w1`, [d, f]));
      rules.set(`${h}.mlp.c_fc.bias`, copy(`${e}.ffn.b1`, [f]));
      rules.set(`${h}.mlp.c_proj.weight`, copy(`${e}.ffn.w2`, [f, d]));
      rules.set(`${h}.mlp.c_proj.bias`, copy(`${e}.ffn.b2`, [d]));
    }
    layerNorm(rules, 'ln_f', 'decoder.lnf', d);
    return rules;
  }
  rules.set('embeddings.word_embeddings.weight', copy('embed.tokens', [config.vocabSize, d]));
  rules.set('embeddings.position_embeddings.weight', copy('embed.positions', [positions, d]));
  if (config.typeVocabSize)
    rules.set(
      'embeddings.token_type_embeddings.weight',
      copy('embed.types', [config.typeVocabSize, d]),
    );
  layerNorm(rules, 'embeddings.LayerNorm', 'embed.ln', d);
  for (let i = 0; i < config.numLayers; i++) {
    const e = `encoder.${i}`;
    if (family === 'distilbert') {
      const l = `transformer.layer.${i}`;
      linearRule(rules, `${l}.attention.q_lin`, `${e}.self.wq`, `${e}.self.bq`, d, d);
      linearRule(rules, `${l}.attention.k_lin`, `${e}.self.wk`, `${e}.self.bk`, d, d);
      linearRule(rules, `${l}.attention.v_lin`, `${e}.self.wv`, `${e}.self.bv`, d, d);
      linearRule(rules, `${l}.attention.out_lin`, `${e}.self.wo`, `${e}.self.bo`, d, d);
      layerNorm(rules, `${l}.sa_layer_norm`, `${e}.ln1`, d);
      linearRule(rules, `${l}.ffn.lin1`, `${e}.ffn.w1`, `${e}.ffn.b1`, f, d);
      linearRule(rules, `${l}.ffn.lin2`, `${e}.ffn.w2`, `${e}.ffn.b2`, d, f);
      layerNorm(rules, `${l}.output_layer_norm`, `${e}.ln2`, d);
    } else {
      const l = `encoder.layer.${i}`;
      linearRule(rules, `${l}.attention.self.query`, `${e}.self.wq`, `${e}.self.bq`, d, d);
      linearRule(rules, `${l}.attention.self.key`, `${e}.self.wk`, `${e}.self.bk`, d, d);
      linearRule(rules, `${l}.attention.self.value`, `${e}.self.wv`, `${e}.self.bv`, d, d);
      linearRule(rules, `${l}.attention.output.dense`, `${e}.self.wo`, `${e}.self.bo`, d, d);
      layerNorm(rules, `${l}.attention.output.LayerNorm`, `${e}.ln1`, d);
      linearRule(rules, `${l}.intermediate.dense`, `${e}.ffn.w1`, `${e}.ffn.b1`, f, d);
      linearRule(rules, `${l}.output.dense`, `${e}.ffn.w2`, `${e}.ffn.b2`, d, f);
      layerNorm(rules, `${l}.output.LayerNorm`, `${e}.ln2`, d);
    }
  }
  return rules;
}

/** The checkpoint name without the family prefix, with legacy gamma/beta spelt weight/bias. */
export function canonicalHfName(
  family: HfFamily,
  name: string,
  known?: ReadonlyMap<string, unknown>,
): string {
  const prefix = HF_PREFIXES[family];
  let n = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  const legacy = /^(.*)\.(gamma|beta)$/.exec(n);
  if (legacy) {
    const modern = `${legacy[1] ?? ''}.${legacy[2] === 'gamma' ? 'weight' : 'bias'}`;
    if (!known || known.has(modern)) n = modern;
  }
  return n;
}

/** Weights read from a checkpoint, and what in it went unused. */
export interface HfWeights {
  weights: WeightMap;
  /** Checkpoint tensors that are neither needed nor known buffers/heads (shown, not an error). */
  unused: string[];
  /** Parameters of the engine weights. */
  parameters: number;
  /** Storage dtypes met among the used tensors (e.g. ['F16']). */
  dtypes: string[];
  /** The config to build the model with: the given one, with `mlmHead` when the file has it. */
  config: TransformerConfig;
}

/**
 * Collects engine weights from one or more safetensors files (one, or the shards of an index).
 * Call `addFile` for each file (its bytes can be dropped right after), then `finish`.
 */
export class HfWeightCollector {
  private readonly rules: Map<string, Rule>;
  private readonly foundIn = new Map<string, string>(); // canonical name -> file
  private readonly weights: WeightMap = new Map();
  private readonly unused: string[] = [];
  private readonly dtypes = new Set<string>();

  constructor(
    private readonly family: HfFamily,
    private readonly config: TransformerConfig,
    /** Decoder LMs: the biases config.json says the checkpoint carries (others are zeros). */
    biases?: LlmBiases,
  ) {
    this.rules = hfTensorRules(family, config, biases);
    this.optional = mlmHeadRules(family, config);
    for (const [name, rule] of this.optional) this.rules.set(name, rule);
  }

  /** Tensors of an optional part (the masked-LM head): all of them, or none. */
  private readonly optional: Map<string, Rule>;

  /** Told of each engine weight as soon as it is converted (before `end`; again on a re-read). */
  private listener: ((name: string, weight: NamedArray) => void) | null = null;

  /** Engine weights the rules give, should the checkpoint have every tensor they read. */
  get targets(): ReadonlySet<string> {
    const names = new Set<string>();
    for (const rule of this.rules.values()) for (const t of rule.targets) names.add(t);
    return names;
  }

  /**
   * Hands each converted weight to `listener` at once (a model can be built while the file still
   * downloads); the collected weights still change only at `end`.
   */
  listen(listener: (name: string, weight: NamedArray) => void): void {
    this.listener = listener;
  }

  /**
   * Reads the tensors of one safetensors file. `listed` (sharded checkpoints) are the names the
   * index says this file holds: each must be in it.
   */
  addFile(file: string, bytes: Uint8Array, listed?: readonly string[]): void {
    this.openFile(file, listed).end(bytes);
  }

  /**
   * Reads one safetensors file while it downloads: `push(buffer, length)` after each chunk (the
   * buffer the whole file is arriving in, its first `length` bytes there) checks the header as
   * soon as it is in and converts each tensor whose bytes have all arrived, so the conversion
   * overlaps the download; `end(bytes)` with the whole file converts the rest. A push with another
   * buffer (a second attempt at the file) starts over. Nothing reaches the collected weights
   * before `end`.
   */
  openFile(file: string, listed?: readonly string[]): SafetensorsSink {
    let buffer: Uint8Array | null = null;
    let reading: FileReading | null = null;
    const start = (bytes: Uint8Array): FileReading => {
      buffer = bytes;
      reading = this.planFile(file, bytes, listed);
      return reading;
    };
    return {
      get converted() {
        return reading?.count ?? 0;
      },
      push: (bytes, length) => {
        if (bytes !== buffer) reading = null;
        if (!reading) {
          if (length < 8) return;
          const header = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
          // Wait for the whole header, unless the file is already plainly not safetensors.
          const hopeless = looksLikeHtml(bytes.subarray(0, length)) || 8 + header > bytes.length;
          if (length < 8 + header && !hopeless) return;
        }
        (reading ?? start(bytes)).convertUpTo(length);
      },
      end: (bytes) => {
        const whole = bytes === buffer && reading ? reading : start(bytes);
        whole.convertUpTo(bytes.byteLength);
        whole.commit();
      },
    };
  }

  /** Checks a file's header (names, shapes, dtypes) and plans the conversion of its tensors. */
  private planFile(file: string, bytes: Uint8Array, listed?: readonly string[]): FileReading {
    if (looksLikeHtml(bytes))
      throw new HfLoadError(
        'html',
        `${file}: got an HTML page instead of a safetensors file`,
        file,
      );
    let st: SafetensorsFile;
    try {
      st = readSafetensors(bytes, file);
    } catch (error) {
      throw asInvalid(error, file);
    }
    const names = new Set(st.entries.map((e) => e.name));
    for (const name of listed ?? [])
      if (!names.has(name))
        throw new HfLoadError(
          'invalid',
          `${file}: tensor ${name} is listed in model.safetensors.index.json but is not in the file`,
          file,
        );
    const prefix = HF_PREFIXES[this.family];
    const layerIndex = LAYER_INDEX[this.family];
    const unused: string[] = [];
    const dtypes = new Set<string>();
    const planned: { entry: SafetensorsEntry; rule: Rule; canonical: string }[] = [];
    const inFile = new Set<string>();
    for (const entry of st.entries) {
      const canonical = canonicalHfName(this.family, entry.name, this.rules);
      const rule = this.rules.get(canonical);
      if (!rule) {
        const layer = layerIndex.exec(canonical);
        if (layer && Number(layer[1]) >= this.config.numLayers)
          throw new HfLoadError(
            'invalid',
            `${file}: tensor ${entry.name} belongs to layer ${layer[1]}, but config.json has ${LAYER_KEY[this.family]} ${this.config.numLayers}`,
            file,
          );
        if (!IGNORED.some((re) => re.test(canonical))) unused.push(entry.name);
        continue;
      }
      const earlier = inFile.has(canonical) ? file : this.foundIn.get(canonical);
      if (earlier !== undefined) {
        throw new HfLoadError(
          'invalid',
          `${file}: tensor ${entry.name} appears twice (also in ${earlier}, with or without the '${prefix}' prefix)`,
          file,
        );
      }
      if (shapeText(entry.shape) !== shapeText(rule.shape))
        throw new HfLoadError(
          'invalid',
          `${file}: tensor ${entry.name} is ${shapeText(entry.shape)}, expected ${shapeText(rule.shape)} (from config.json)`,
          file,
        );
      if (!FLOAT_DTYPES.has(entry.dtype))
        throw new HfLoadError(
          'unsupported',
          `${file}: tensor ${entry.name} is ${entry.dtype}; only float checkpoints (F32, F16, BF16) can be loaded`,
          file,
        );
      dtypes.add(entry.dtype);
      inFile.add(canonical);
      planned.push({ entry, rule, canonical });
    }
    planned.sort((a, b) => a.entry.end - b.entry.end); // in the order their bytes arrive
    const converted: [string, NamedArray][] = [];
    let next = 0;
    return {
      get count() {
        return next;
      },
      convertUpTo: (length) => {
        while (next < planned.length && st.dataStart + planned[next]!.entry.end <= length) {
          const { entry, rule } = planned[next++]!;
          let data: Float32Array | Bf16Values;
          try {
            data = st.values(entry.name);
          } catch (error) {
            throw asInvalid(error, file);
          }
          for (const [name, array] of rule.convert(data)) {
            converted.push([name, array]);
            this.listener?.(name, array);
          }
        }
      },
      commit: () => {
        for (const [name, array] of converted) this.weights.set(name, array);
        for (const { canonical } of planned) this.foundIn.set(canonical, file);
        this.unused.push(...unused);
        for (const d of dtypes) this.dtypes.add(d);
      },
    };
  }

  /** Checks that every needed tensor was found; `label` names the checkpoint in the message. */
  finish(label: string): HfWeights {
    const prefix = HF_PREFIXES[this.family];
    const missing: string[] = [];
    for (const [name, rule] of this.rules)
      if (!this.foundIn.has(name) && !this.optional.has(name))
        missing.push(`${name} (${shapeText(rule.shape)})`);
    const head = [...this.optional.keys()];
    const found = head.filter((name) => this.foundIn.has(name));
    if (found.length > 0 && found.length < head.length)
      missing.push(
        ...head
          .filter((name) => !this.foundIn.has(name))
          .map(
            (name) =>
              `${name} (${shapeText(this.optional.get(name)!.shape)}, of the masked-LM head)`,
          ),
      );
    if (missing.length > 0) {
      const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
      throw new HfLoadError(
        'invalid',
        `${label}: missing tensor${missing.length > 1 ? 's' : ''} ${missing.slice(0, 5).join(', ')}${more} (with or without the '${prefix}' prefix); is config.json the one of this checkpoint?`,
        label,
      );
    }
    // Parameters as the checkpoint has them (before any zero biases are added).
    let parameters = 0;
    for (const w of this.weights.values()) parameters += w.data.length;
    if (isLlmFamily(this.family))
      for (const [name, shape] of expectedWeightShapes(this.config))
        if (!this.weights.has(name) && ZERO_FILLED_BIAS.test(name))
          this.weights.set(name, { shape, data: new Float32Array(shape[0] ?? 0) });
    const config =
      head.length > 0 && found.length === head.length ? withMlmHead(this.config) : this.config;
    try {
      validateWeights(config, this.weights);
    } catch (error) {
      throw asInvalid(error, label);
    }
    return {
      weights: this.weights,
      unused: [...this.unused],
      parameters,
      dtypes: [...this.dtypes].sort(),
      config,
    };
  }
}

function asInvalid(error: unknown, file: string): HfLoadError {
  if (error instanceof HfLoadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new HfLoadError(
    'invalid',
    error instanceof SafetensorsError || message.startsWith(`${file}:`)
      ? message
      : `${file}: ${message}`,
    file,
  );
}

/** An HTML page where binary data was expected (a login, error or redirect page). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  let i = 0;
  while (
    i < bytes.length &&
    i < 64 &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  if (bytes[i] !== 0x3c) return false; // '<'
  const head = new TextDecoder().decode(bytes.subarray(i, i + 15)).toLowerCase();
  return (
    head.startsWith('<!doctype') ||
    head.startsWith('<html') ||
    head.startsWith('<head') ||
    head.startsWith('<body') ||
    head.startsWith('<?xml')
  );
}

/** Convenience: all files at once (tests, scripts). */
export function hfWeightsFromSafetensors(
  family: HfFamily,
  config: TransformerConfig,
  files: readonly { name: string; bytes: Uint8Array; listed?: readonly string[] }[],
  label = files.length === 1
    ? (files[0]?.name ?? 'model.safetensors')
    : 'model.safetensors.index.json',
  /** Decoder LMs: the biases config.json says the checkpoint carries (`HfModelInfo.biases`). */
  biases?: LlmBiases,
): HfWeights {
  const collector = new HfWeightCollector(family, config, biases);
  for (const f of files) collector.addFile(f.name, f.bytes, f.listed);
  return collector.finish(label);
}

/** Takes one safetensors file as it arrives (see HfWeightCollector.openFile). */
export interface SafetensorsSink {
  readonly push: (buffer: Uint8Array, length: number) => void;
  readonly end: (bytes: Uint8Array) => void;
  /** Tensors converted so far (by pushes, before end). */
  readonly converted: number;
}

/** One file's planned conversion. */
interface FileReading {
  /** Converts every planned tensor whose bytes lie within the first `length` bytes. */
  convertUpTo(length: number): void;
  /** Tensors converted so far. */
  readonly count: number;
  /** Hands the converted tensors to the collector. */
  commit(): void;
}

/** A sharded checkpoint's index: shard files in order, and the tensors each one holds. */
export interface ShardIndex {
  shards: string[];
  listed: Map<string, string[]>;
}

export const SHARD_INDEX = 'model.safetensors.index.json';

/** Parses `model.safetensors.index.json` (`{ weight_map: { tensor: shard file } }`). */
export function parseShardIndex(text: string): ShardIndex {
  const file = SHARD_INDEX;
  if (text.trimStart().startsWith('<'))
    throw new HfLoadError('html', `${file}: got an HTML page instead of JSON`, file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new HfLoadError(
      'invalid',
      `${file}: is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
      file,
    );
  }
  const map = (raw as { weight_map?: unknown } | null)?.weight_map;
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    throw new HfLoadError('invalid', `${file}: has no "weight_map" object`, file);
  const listed = new Map<string, string[]>();
  for (const [tensor, shard] of Object.entries(map as Record<string, unknown>)) {
    if (typeof shard !== 'string' || !/^[\w.-]+\.safetensors$/.test(shard) || shard.includes('..'))
      throw new HfLoadError(
        'invalid',
        `${file}: tensor ${tensor} points to ${JSON.stringify(shard)}, not a .safetensors file beside the index`,
        file,
      );
    const names = listed.get(shard);
    if (names) names.push(tensor);
    else listed.set(shard, [tensor]);
  }
  if (listed.size === 0) throw new HfLoadError('invalid', `${file}: weight_map is empty`, file);
  return { shards: [...listed.keys()].sort(), listed };
}
