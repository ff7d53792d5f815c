/**
 * The size check before a download: the safetensors header of `model.safetensors`, or the shard
 * index and each shard's header, read through the source's `probe` (HTTP Range requests on the
 * Hub, a Blob slice for local files, the cache when the files are there). Figures come from
 * `size.ts`; a checkpoint the engine cannot hold is refused before any weights are downloaded.
 */
import type { TransformerConfig } from '../../engine/types';
import { abortError } from './errors';
import { DEFAULT_MAX_FILE_BYTES, type HfFileSource } from './files';
import {
  compactTableParameters,
  countParameters,
  estimateSize,
  sizeRefusal,
  type HfSizeEstimate,
  type SafetensorsHeaderInfo,
} from './size';
import { tooLarge } from './stream';
import { parseShardIndex } from './weights';

export interface Preflight {
  /** The figures, or null when the source could not tell (no Range support, no probe). */
  size: HfSizeEstimate | null;
  /** `model.safetensors` was found missing (the checkpoint is sharded, or has none). */
  singleMissing: boolean;
  /** The shard index, already read (through the load's own read, so it is cached and counted). */
  indexBytes: Uint8Array | null;
  /** The weights files whose headers were read, in order. */
  files: string[];
}

const NONE: Preflight = { size: null, singleMissing: false, indexBytes: null, files: [] };

/**
 * Reads the header(s), adds the figures up, and throws (`too-large`) for a checkpoint over the
 * engine's memory limit or a file over the per-file limit. `readIndex` reads the shard index.
 */
export async function preflightSize(
  source: HfFileSource,
  config: TransformerConfig,
  readIndex: () => Promise<Uint8Array | null>,
  options: { signal?: AbortSignal; maxFileBytes?: number; limitBytes?: number } = {},
): Promise<Preflight> {
  const { signal } = options;
  if (!source.probe) return NONE;
  const first = await source.probe('model.safetensors', signal);
  if (signal?.aborted) throw abortError();
  const headers: { file: string; info: SafetensorsHeaderInfo }[] = [];
  let indexBytes: Uint8Array | null = null;
  if (first.kind === 'unknown') return NONE;
  if (first.kind === 'header') headers.push({ file: 'model.safetensors', info: first.info });
  else {
    indexBytes = await readIndex();
    if (indexBytes === null) return { ...NONE, singleMissing: true };
    const index = parseShardIndex(new TextDecoder('utf-8').decode(indexBytes));
    for (const shard of index.shards) {
      const p = await source.probe(shard, signal);
      if (signal?.aborted) throw abortError();
      if (p.kind !== 'header') return { ...NONE, singleMissing: true, indexBytes };
      headers.push({ file: shard, info: p.info });
    }
  }
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const { file, info } of headers)
    if (info.fileBytes > max) throw tooLarge(source.label, file, info.fileBytes, max);
  const tied = { tiedHead: config.lmHead === 'tied' };
  const parameters = headers.reduce((n, h) => n + countParameters(h.info.tensors, tied), 0);
  const compact = headers.reduce(
    (n, h) => n + compactTableParameters(h.info.tensors, config, tied),
    0,
  );
  const download = headers.reduce((n, h) => n + h.info.fileBytes, 0);
  const size = estimateSize(config, parameters, download, options.limitBytes, compact);
  const refusal = sizeRefusal(source.label, size);
  if (refusal) throw refusal;
  return {
    size,
    singleMissing: first.kind === 'missing',
    indexBytes,
    files: headers.map((h) => h.file),
  };
}
