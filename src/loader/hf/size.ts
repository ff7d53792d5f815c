/**
 * How big a checkpoint is before it is downloaded: its safetensors header(s) give the tensor
 * list, hence the parameter count and the file sizes; the config gives the working set. Pure
 * functions (no fetch): `hub.ts` reads the header bytes with HTTP Range requests, `load.ts` adds
 * the figures up and refuses a model the engine cannot hold.
 *
 * The memory rule (also in the README, "Real checkpoints"):
 * - weights: 4 bytes per parameter, whatever the stored dtype, since the engine keeps every weight
 *   as float32 (buffers such as GPT-2's causal masks, `position_ids` or rotary tables, and an
 *   output matrix the config ties to the embeddings, are not counted), except bfloat16 token
 *   tables ([vocabulary, d]: embeddings, an untied output head), which stay compact at 2 bytes
 *   (src/engine/compactTable.ts);
 * - working set: one run of a reference input of T = min(512, the model's positions) tokens, i.e.
 *   the largest layer's activations (hidden states, Q, K, V, attention output: 6·T·d floats; the
 *   MLP's gate, up and activation: 3·T·d_ff), that layer's scores and weights (2·H·T²), the
 *   attention stack a run keeps (layers·H·T², at most the worker's 32 Mi floats) and one row of
 *   logits (vocabulary), all float32;
 * - packed copies: the wasm backend's matmul library (XNNPACK) packs its own float32 copy of
 *   every matrix a forward multiplies by (attention q, k, v, o and the MLP's) at its first use,
 *   and keeps it while the weight lives (`packedParameters`; embeddings and the output head are
 *   gathered or multiplied from the other side, and not copied);
 * - the engine (the tfjs backend's heap) holds weights + packed copies + working set: this is
 *   compared with `ENGINE_MEMORY_LIMIT`. Without the packed copies, Qwen3-0.6B was let through
 *   and its first 512-token run aborted the wasm module (out of memory in XNNPACK);
 * - the tab needs about engine + weights again, since the worker keeps the float32 weights to
 *   rebuild the model after a backend switch. "needs about" shows this figure.
 */
import type { TransformerConfig } from '../../engine/types';
import { HfLoadError } from './errors';

/**
 * The wasm backend's largest heap: tfjs-backend-wasm 4.22 declares its memory with at most 65,536
 * pages of 64 KiB (4 GiB, wasm32) and its allocator grows it to `getHeapMax()` = 4,294,901,760
 * bytes (4 GiB less one page). Every page can fall back to wasm, so this bounds every backend.
 */
export const WASM_HEAP_MAX_BYTES = 4_294_901_760;
/** Kept free for tfjs' own allocations, allocator slack and the copies made while building. */
export const ENGINE_HEADROOM_BYTES = 256 * 2 ** 20;
/** The most the engine may need (weights + working set): 4 GiB − 64 KiB − 256 MiB ≈ 3.75 GiB. */
export const ENGINE_MEMORY_LIMIT = WASM_HEAP_MAX_BYTES - ENGINE_HEADROOM_BYTES;
/** Reference input length of the working-set estimate. */
export const REFERENCE_TOKENS = 512;
/** The worker refuses runs whose attention stack exceeds this many floats (engine.worker.ts). */
const KEPT_ATTENTION_FLOATS = 32 * 2 ** 20;
/** Safetensors headers are small (about 100 bytes a tensor); refuse to read more than this. */
export const MAX_PROBE_HEADER_BYTES = 32 * 2 ** 20;

export interface HeaderTensor {
  name: string;
  dtype: string;
  shape: number[];
}

/** What a safetensors header says about its file. */
export interface SafetensorsHeaderInfo {
  /** 8 + the JSON header's length: where the data starts. */
  headerBytes: number;
  /** The whole file: header + the end of the last tensor's data. */
  fileBytes: number;
  tensors: HeaderTensor[];
}

/** The JSON header's length from a file's first 8 bytes (little-endian u64). */
export function safetensorsHeaderLength(first: Uint8Array, file = 'model.safetensors'): number {
  if (first.byteLength < 8)
    throw new HfLoadError('invalid', `${file}: too short for a safetensors header`, file);
  const view = new DataView(first.buffer, first.byteOffset, 8);
  const n = view.getBigUint64(0, true);
  if (n === 0n || n > BigInt(MAX_PROBE_HEADER_BYTES))
    throw new HfLoadError(
      'invalid',
      `${file}: safetensors header length ${n} is not plausible`,
      file,
    );
  return Number(n);
}

/** Parses the JSON header (the bytes after the first 8) into a tensor list and the file size. */
export function parseSafetensorsHeader(
  json: Uint8Array,
  file = 'model.safetensors',
): SafetensorsHeaderInfo {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    throw new HfLoadError('invalid', `${file}: the safetensors header is not valid JSON`, file);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new HfLoadError('invalid', `${file}: the safetensors header is not a JSON object`, file);
  const tensors: HeaderTensor[] = [];
  let dataEnd = 0;
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const shape = e.shape;
    const offsets = e.data_offsets;
    if (
      typeof e.dtype !== 'string' ||
      !Array.isArray(shape) ||
      !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0) ||
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)
    )
      throw new HfLoadError('invalid', `${file}: tensor ${name}: a malformed header entry`, file);
    dataEnd = Math.max(dataEnd, offsets[1] as number);
    tensors.push({ name, dtype: e.dtype, shape: shape as number[] });
  }
  const headerBytes = 8 + json.byteLength;
  return { headerBytes, fileBytes: headerBytes + dataEnd, tensors };
}

/** Tensors that are buffers, not parameters (causal masks, position ids, rotary tables). */
const BUFFERS: readonly RegExp[] = [
  /(^|\.)position_ids$/,
  /(^|\.)token_type_ids$/,
  /(^|\.)attn\.(masked_)?bias$/, // GPT-2
  /(^|\.)attention\.(masked_)?bias$/, // GPT-NeoX
  /(^|\.)rotary_emb\.inv_freq$/,
];
/** Output matrices a tied checkpoint may still carry (the engine uses the embeddings). */
const TIED_HEADS: readonly RegExp[] = [/^lm_head\.weight$/, /^embed_out\.weight$/];
const FLOAT_DTYPES = new Set(['F64', 'F32', 'F16', 'BF16']);

/**
 * Parameters of the bfloat16 token tables ([vocabSize, dModel]) among the tensors, which the
 * engine keeps compact at 2 bytes each (a tied output copy is not counted, as above).
 */
export function compactTableParameters(
  tensors: readonly HeaderTensor[],
  config: Pick<TransformerConfig, 'vocabSize' | 'dModel'>,
  options: { tiedHead?: boolean } = {},
): number {
  let n = 0;
  for (const t of tensors) {
    if (t.dtype !== 'BF16' || t.shape.length !== 2 || config.dModel % 2 !== 0) continue;
    if (t.shape[0] !== config.vocabSize || t.shape[1] !== config.dModel) continue;
    if (options.tiedHead && TIED_HEADS.some((re) => re.test(t.name))) continue;
    n += t.shape[0] * t.shape[1];
  }
  return n;
}

/** Parameters among the tensors: float tensors that are not buffers (nor a tied output copy). */
export function countParameters(
  tensors: readonly HeaderTensor[],
  options: { tiedHead?: boolean } = {},
): number {
  let n = 0;
  for (const t of tensors) {
    if (!FLOAT_DTYPES.has(t.dtype) || BUFFERS.some((re) => re.test(t.name))) continue;
    if (options.tiedHead && TIED_HEADS.some((re) => re.test(t.name))) continue;
    n += t.shape.reduce((a, b) => a * b, 1);
  }
  return n;
}

/** The figures shown before a download (bytes). */
export interface HfSizeEstimate {
  parameters: number;
  /** The weights files, all together. */
  downloadBytes: number;
  /** The weights as the engine keeps them: 4 bytes a parameter, 2 in bfloat16 token tables. */
  weightBytes: number;
  /** The matmul library's packed float32 copies of the weight matrices. */
  packedBytes: number;
  /** The working set of a run of the reference input. */
  workBytes: number;
  /** What the engine holds: weights + packed copies + working set (compared with `limitBytes`). */
  engineBytes: number;
  /** What the tab needs: the engine plus the worker's float32 copy of the weights. */
  tabBytes: number;
  limitBytes: number;
}

type SizeConfig = Pick<
  TransformerConfig,
  | 'dModel'
  | 'dFF'
  | 'numHeads'
  | 'numLayers'
  | 'maxPositions'
  | 'vocabSize'
  | 'headSize'
  | 'lmHead'
  | 'numKvHeads'
  | 'mlpKind'
>;

/**
 * Parameters of the matrices a forward multiplies by, each of which XNNPACK copies once packed:
 * per layer q and o (d × heads·head size), k and v (d × key/value heads·head size) and the
 * MLP's two matrices (three when gated). Measured on tfjs-wasm 4.22: 40 matrices of 896 × 4864
 * grew the heap by 699 MiB at their first matmul and by nothing at the second.
 */
export function packedParameters(config: SizeConfig): number {
  const d = config.dModel;
  const heads = config.numHeads;
  const head = config.headSize ?? d / heads;
  const kv = config.numKvHeads ?? heads;
  const attention = 2 * d * heads * head + 2 * d * kv * head;
  const mlp = (config.mlpKind === 'gated' ? 3 : 2) * d * config.dFF;
  return config.numLayers * (attention + mlp);
}

/** Float32 bytes of one run of the reference input (see the rule at the top of this file). */
export function workingSetBytes(config: SizeConfig): number {
  const t = Math.max(1, Math.min(REFERENCE_TOKENS, config.maxPositions));
  const h = config.numHeads;
  const d = Math.max(config.dModel, h * (config.headSize ?? 0));
  const layer = t * (6 * d + 3 * config.dFF) + 2 * h * t * t;
  const kept = Math.min(config.numLayers * h * t * t, KEPT_ATTENTION_FLOATS);
  return 4 * (layer + kept + config.vocabSize);
}

/** The memory a checkpoint will need, from its parameter count and config. */
export function estimateSize(
  config: SizeConfig,
  parameters: number,
  downloadBytes: number,
  limitBytes = ENGINE_MEMORY_LIMIT,
  /** Of the parameters, those in bfloat16 token tables (kept at 2 bytes). */
  compactParameters = 0,
): HfSizeEstimate {
  const weightBytes = 4 * parameters - 2 * compactParameters;
  const packedBytes = 4 * packedParameters(config);
  const workBytes = workingSetBytes(config);
  const engineBytes = weightBytes + packedBytes + workBytes;
  return {
    parameters,
    downloadBytes,
    weightBytes,
    packedBytes,
    workBytes,
    engineBytes,
    tabBytes: engineBytes + weightBytes,
    limitBytes,
  };
}

/** Bytes as a person reads them: "270 MB", "3.8 GB" (decimal units). */
export function bytesText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} B`;
}

/** The error for a checkpoint the engine cannot hold, or null when it fits. */
export function sizeRefusal(label: string, size: HfSizeEstimate): HfLoadError | null {
  if (size.engineBytes <= size.limitBytes) return null;
  const params = (size.parameters / 1e6).toFixed(1);
  // Two figures that read the same at one decimal are given with two ("4.05 GB … 4.03 GB").
  const close = bytesText(size.engineBytes) === bytesText(size.limitBytes);
  const text = (bytes: number): string =>
    close && bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytesText(bytes);
  return new HfLoadError(
    'too-large',
    `${label}: ${params} M parameters need about ${text(size.engineBytes)} in the engine (float32 weights, the matmul library's packed copy of each weight matrix, and the working set), over its limit of ${text(size.limitBytes)} (the wasm backend's 4 GiB heap less headroom); nothing was downloaded`,
  );
}
