/**
 * One loading pattern for Hugging Face checkpoints, from the Hub or from local files:
 * config.json → the size, from the weights files' headers → model.safetensors (or the index and
 * every shard, one at a time), with the tokenizer (tokenizer.json, else vocab files) read and
 * built beside the weights. Returns plain data: the engine builds the model from it.
 */
import type { TransformerConfig } from '../../engine/types';
import type { NamedArray, WeightMap } from '../../engine/weights';
import { parseHfConfigText, type HfFamily, type HfModelType } from './config';
import { abortError, HfLoadError } from './errors';
import {
  commonFolder,
  findLocalFile,
  localFilesSource,
  type HfFileSource,
  type NamedBlob,
} from './files';
import { hubSource, type CacheStorageLike } from './hub';
import { preflightSize } from './preflight';
import type { HfSizeEstimate } from './size';
import {
  createHfTokenizer,
  fallbackTokenizerFiles,
  type HfTokenizer,
  type HfTokenizerFiles,
} from './tokenizer';
import { HfWeightCollector, parseShardIndex, SHARD_INDEX, type HfWeights } from './weights';

/** Where a model comes from. */
export type HfModelSource =
  | {
      kind: 'hub';
      /** `gpt2`, `google-bert/bert-base-uncased`, … */
      id: string;
      /** Branch, tag or commit; default `main`. */
      revision?: string;
      /** Default https://huggingface.co. */
      baseUrl?: string;
      /** Access token for gated and private models (sent only to `baseUrl`'s origin). */
      token?: string;
    }
  | {
      kind: 'files';
      /** Files named like the Hub files (config.json, model.safetensors, tokenizer.json, …). */
      files: readonly NamedBlob[];
      /** Shown as the model's name; default the config's `_name_or_path` or the folder name. */
      name?: string;
    };

/** Progress of one file of a load. */
export interface HfLoadProgress {
  stage: 'config' | 'tokenizer' | 'weights';
  file: string;
  /** Bytes of this file so far. */
  loaded: number;
  /** Its size when known (Content-Length, Blob size). */
  total: number | null;
  /** 0–100 for this file when its size is known. */
  percent: number | null;
  /** Read from Cache Storage rather than the network. */
  fromCache: boolean;
  /** Bytes of every file read so far in this load, this one included. */
  bytesLoaded: number;
  /**
   * Weights file number (1-based; 0 for config, tokenizer and index files) and the number of
   * weights files (the shards of a sharded checkpoint, else 1).
   */
  part: number;
  parts: number;
  /**
   * 0–100 over the weights files (shards weighed equally): 0 until they start, null while one
   * of unknown size streams. Rises monotonically to 100 over a load.
   */
  weightsPercent: number | null;
  /**
   * Sent once, before the tokenizer and weights, when the weights files' headers could be read:
   * parameters, download size and the memory the model will need (see `size.ts`).
   */
  size?: HfSizeEstimate;
}

export interface HfLoadOptions {
  onProgress?: (progress: HfLoadProgress) => void;
  /** Aborting rejects the load with an AbortError. */
  signal?: AbortSignal;
  /** Hub: give up after this many ms without a byte (default 30 000). */
  stallTimeoutMs?: number;
  /** Hub: Cache Storage to use (default the global `caches`; null for none). */
  cache?: CacheStorageLike | null;
  /** Hub: 'use' (default) reads the cache first; 'refresh' downloads again. */
  cacheMode?: 'use' | 'refresh';
  /** Hub: the fetch to use (default the global one). */
  fetch?: typeof fetch;
  /** Refuse files over this many bytes (default 2 GiB). */
  maxFileBytes?: number;
  /** Refuse checkpoints whose engine memory would exceed this (default `ENGINE_MEMORY_LIMIT`). */
  memoryLimitBytes?: number;
  /**
   * Called once the weights are about to download, to build the model while they do: the
   * returned listener gets each engine weight as soon as its bytes are in. Null: no listener.
   */
  streamWeights?: (plan: HfWeightPlan) => HfWeightListener | null;
}

/** What is known of a checkpoint's weights before they download. */
export interface HfWeightPlan {
  config: TransformerConfig;
  /** Engine weight names the checkpoint's tensors map to (if it has them all). */
  expected: ReadonlySet<string>;
  /** From the headers (null when they could not be read ahead). */
  size: HfSizeEstimate | null;
}

/** Takes weights while they download (see `HfLoadOptions.streamWeights`). */
export interface HfWeightListener {
  /** One engine weight, as soon as its bytes are in; called again if a file is read over. */
  weight(name: string, weight: NamedArray): void;
}

/** A loaded checkpoint as plain data (no tensors): hand config + weights to `createModel`. */
export interface HfModel {
  /** The Hub id, or the local model's name. */
  name: string;
  modelType: HfModelType;
  family: HfFamily;
  config: TransformerConfig;
  weights: WeightMap;
  tokenizer: HfTokenizer;
  /**
   * Resolves true once the downloaded files and their manifest are in Cache Storage (the copy
   * that makes the next load instant and offline), false when there is none (local files, no
   * Cache Storage, quota); the model is usable before. Never rejects.
   */
  saved: Promise<boolean>;
  /** RoBERTa's padding id; null for the other families. */
  padTokenId: number | null;
  /** Checkpoint tensors that are neither used nor known buffers or task heads. */
  unusedTensors: string[];
  stats: {
    parameters: number;
    /** Bytes read, all files together. */
    bytesRead: number;
    /** Every file came from Cache Storage. */
    fromCache: boolean;
    /** The files read, in order. */
    files: string[];
    /** Storage dtypes of the used tensors, e.g. ['F32'] or ['BF16']. */
    dtypes: string[];
    tokenizerFrom: HfTokenizer['source']['builtFrom'];
  };
}

const utf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

/** Loads a model from any file source (the Hub, local files, or a custom one). */
export async function loadFromSource(
  source: HfFileSource,
  options: HfLoadOptions = {},
  name: string = source.label,
): Promise<HfModel> {
  if (options.signal?.aborted) throw abortError();
  // The load's own signal: the caller's, and also fired when the tokenizer, read beside the
  // weights, fails (the download then stops) or the weights fail (the tokenizer's reads stop).
  const inner = new AbortController();
  const stop = (): void => inner.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    return await loadWith(source, options, name, inner);
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
}

async function loadWith(
  source: HfFileSource,
  options: HfLoadOptions,
  name: string,
  inner: AbortController,
): Promise<HfModel> {
  const { onProgress } = options;
  const signal = inner.signal;
  const present: string[] = [];
  const missing: string[] = [];
  let bytesRead = 0;
  /** Bytes of the files still arriving (the tokenizer's and the weights' at the same time). */
  const arriving = new Map<string, number>();
  /** The weights' share so far: what the tokenizer's progress reports say beside them. */
  let weightsSoFar = 0;
  let allCached = true;
  let parts = 1;

  const read = async (
    stage: HfLoadProgress['stage'],
    file: string,
    optional: boolean,
    part = 0,
    hint?: string,
    onBytes?: (buffer: Uint8Array, length: number) => void,
  ): Promise<Uint8Array | null> => {
    arriving.set(file, 0);
    let bytes: Uint8Array | null;
    try {
      bytes = await source.read(file, {
        optional,
        hint,
        signal,
        onBytes,
        onProgress: (p) => {
          const percent = p.total
            ? Math.min(100, (100 * p.loaded) / p.total)
            : p.total === 0
              ? 100
              : null;
          arriving.set(file, p.loaded);
          let bytesLoaded = bytesRead;
          for (const n of arriving.values()) bytesLoaded += n;
          if (part > 0 && percent !== null)
            weightsSoFar = Math.max(weightsSoFar, ((part - 1) * 100 + percent) / parts);
          onProgress?.({
            stage,
            file,
            loaded: p.loaded,
            total: p.total,
            percent,
            fromCache: p.fromCache,
            bytesLoaded,
            part,
            parts,
            weightsPercent: part > 0 && percent === null ? null : weightsSoFar,
          });
          if (!p.fromCache) allCached = false;
        },
      });
    } finally {
      arriving.delete(file);
    }
    if (signal.aborted) throw abortError();
    if (bytes === null) {
      missing.push(file);
      return null;
    }
    present.push(file);
    bytesRead += bytes.byteLength;
    return bytes;
  };

  // 1. config.json
  const configBytes = await read('config', 'config.json', false);
  const info = parseHfConfigText(utf8(configBytes as Uint8Array));
  const { config, family } = info;

  // Size before download: the weights files' headers only (HTTP Range requests, or the cache).
  const pre = await preflightSize(source, config, () => read('weights', SHARD_INDEX, true), {
    signal,
    maxFileBytes: options.maxFileBytes,
    limitBytes: options.memoryLimitBytes,
  });
  if (pre.singleMissing) missing.push('model.safetensors');
  if (pre.size) {
    parts = Math.max(1, pre.files.length);
    // Sharded: the index has been read whole; single: model.safetensors has not started.
    const indexSize = pre.indexBytes?.byteLength ?? null;
    onProgress?.({
      stage: 'weights',
      file: pre.indexBytes ? SHARD_INDEX : 'model.safetensors',
      loaded: indexSize ?? 0,
      total: indexSize ?? pre.size.downloadBytes,
      percent: indexSize === null ? 0 : 100,
      fromCache: allCached,
      bytesLoaded: bytesRead,
      part: 0,
      parts,
      weightsPercent: 0,
      size: pre.size,
    });
  }

  // 2. The tokenizer: tokenizer.json, else the older files this family can be built from. It is
  //    needed only at the end, so it is read and built while the weights download (over a real
  //    connection the worker mostly waits for their bytes). Its failure stops the download and
  //    is the load's error; when the weights fail, the tokenizer is still waited for, and its
  //    error, if it has one, said first (it was read first before, and often says why).
  const readTokenizer = async (): Promise<HfTokenizer> => {
    const texts: HfTokenizerFiles = {};
    const readText = async (file: keyof HfTokenizerFiles): Promise<void> => {
      const bytes = await read('tokenizer', file, true);
      if (bytes !== null) texts[file] = utf8(bytes);
    };
    await readText('tokenizer.json');
    await readText('tokenizer_config.json');
    if (texts['tokenizer.json'] === undefined && info.modelType !== 'xlm-roberta')
      for (const file of fallbackTokenizerFiles(family)) await readText(file);
    try {
      return await createHfTokenizer(texts, {
        name,
        family,
        modelType: info.modelType,
        maxLength: config.maxPositions,
        typeVocabSize: config.typeVocabSize,
        vocabSize: config.vocabSize,
      });
    } catch (error) {
      if (error instanceof HfLoadError && error.code === 'not-found' && !error.file)
        throw new HfLoadError('not-found', `${source.label}: ${error.message}`);
      throw error;
    }
  };

  // 3. Weights: one file, or an index and its shards (read and converted one at a time).
  const readWeights = async (): Promise<HfWeights> => {
    const collector = new HfWeightCollector(family, config, info.biases);
    const listener = options.streamWeights?.({
      config,
      expected: collector.targets,
      size: pre.size,
    });
    if (listener) collector.listen((name, weight) => listener.weight(name, weight));
    let label = 'model.safetensors';
    // Each weights file is converted while it downloads (the collector's sink).
    const sink = collector.openFile('model.safetensors');
    const single = pre.singleMissing
      ? null
      : await read('weights', 'model.safetensors', true, 1, undefined, sink.push);
    if (single !== null) {
      sink.end(single);
    } else {
      const indexBytes = pre.indexBytes ?? (await read('weights', SHARD_INDEX, true));
      if (indexBytes === null)
        throw source.missingError(
          'model.safetensors',
          `only safetensors checkpoints can be loaded; there is no ${SHARD_INDEX} either`,
        );
      label = SHARD_INDEX;
      const index = parseShardIndex(utf8(indexBytes));
      parts = index.shards.length;
      for (const [i, shard] of index.shards.entries()) {
        const shardSink = collector.openFile(shard, index.listed.get(shard));
        const bytes = await read(
          'weights',
          shard,
          false,
          i + 1,
          `it is listed in ${SHARD_INDEX}`,
          shardSink.push,
        );
        shardSink.end(bytes as Uint8Array);
      }
    }
    const result = collector.finish(label);
    if (signal.aborted) throw abortError();
    return result;
  };

  let tokenizerError: unknown = undefined;
  const tokenizerTask = readTokenizer().catch((error: unknown) => {
    tokenizerError = error;
    inner.abort();
    throw error;
  });
  tokenizerTask.catch(() => {}); // awaited below; never an unhandled rejection
  let result: HfWeights;
  try {
    result = await readWeights();
  } catch (error) {
    await tokenizerTask.catch(() => {});
    throw tokenizerError ?? error;
  }
  const tokenizer = await tokenizerTask;
  if (signal.aborted) throw abortError();
  // The offline copy finishes in the background: the model is usable before the disk has it.
  const saved = (source.commit?.(present, missing) ?? Promise.resolve(false)).catch(() => false);

  return {
    name,
    modelType: info.modelType,
    family,
    config: result.config,
    weights: result.weights,
    tokenizer,
    saved,
    padTokenId: info.padTokenId,
    unusedTensors: result.unused,
    stats: {
      parameters: result.parameters,
      bytesRead,
      fromCache: allCached,
      files: present,
      dtypes: result.dtypes,
      tokenizerFrom: tokenizer.source.builtFrom,
    },
  };
}

/**
 * THE function the app calls: loads a BERT-family or GPT-2-family checkpoint from the Hub or from
 * local files. Rejects with an `HfLoadError` (message names the file; `code` says what kind of
 * problem) or, when `signal` aborts, with an AbortError.
 */
export async function loadHfModel(
  source: HfModelSource,
  options: HfLoadOptions = {},
): Promise<HfModel> {
  if (source.kind === 'hub') {
    const hub = hubSource({
      id: source.id,
      revision: source.revision,
      baseUrl: source.baseUrl,
      fetch: options.fetch,
      cache: options.cache,
      cacheMode: options.cacheMode,
      stallTimeoutMs: options.stallTimeoutMs,
      maxFileBytes: options.maxFileBytes,
      token: source.token,
    });
    return loadFromSource(hub, options, source.id);
  }
  const local = localFilesSource(source.files, { maxFileBytes: options.maxFileBytes });
  const name =
    source.name ??
    (await nameFromConfig(source.files)) ??
    commonFolder(source.files) ??
    'local model';
  return loadFromSource(local, options, name);
}

async function nameFromConfig(files: readonly NamedBlob[]): Promise<string | null> {
  const config = findLocalFile(files, 'config.json');
  if (!config) return null;
  try {
    const raw = JSON.parse(await config.text()) as { _name_or_path?: unknown };
    return typeof raw._name_or_path === 'string' && raw._name_or_path.trim() !== ''
      ? raw._name_or_path
      : null;
  } catch {
    return null;
  }
}
