/// <reference lib="webworker" />
/**
 * The engine's home in the browser: tokenizes, (re)builds the playground model, runs it and streams
 * each layer's attention back as soon as it is read. Runs are serialized; a new run for a slot
 * aborts the previous one of that slot (it stops between layers).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import {
  createHashTokenizer,
  createModel,
  createPlaygroundWeights,
  initBackend,
  playgroundConfig,
  type AttentionModel,
  type BackendName,
  type PlaygroundOptions,
  type TransformerConfig,
} from '../engine';
import type {
  BackendStatus,
  BlockInfo,
  RunRequest,
  SentenceSlot,
  WorkerRequest,
  WorkerResponse,
} from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
};

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** A message a person can read: the error's message, never its stack. */
function readable(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  return 'Unknown error';
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

// ---- backend ---------------------------------------------------------------------------------

let backend: { requested: BackendName; status: Promise<BackendStatus> } | null = null;

function ensureBackend(requested: BackendName): Promise<BackendStatus> {
  if (backend && backend.requested === requested) return backend.status;
  // Tensors belong to a backend: drop the model before switching.
  disposeModel();
  const preferred = [...new Set<BackendName>([requested, 'wasm', 'cpu'])];
  const status = initBackend({ preferred, wasmPaths: WASM_PATHS }).then((info): BackendStatus => ({
    name: info.name,
    requested,
    threads: info.threads,
  }));
  backend = { requested, status };
  status.catch(() => {
    if (backend?.status === status) backend = null; // let the next run try again
  });
  return status;
}

// ---- model -----------------------------------------------------------------------------------

let model: { key: string; model: AttentionModel } | null = null;

function disposeModel(): void {
  model?.model.dispose();
  model = null;
}

function ensureModel(options: PlaygroundOptions): AttentionModel {
  const key = JSON.stringify(options);
  if (model && model.key === key) return model.model;
  disposeModel();
  const config = playgroundConfig(options);
  const built = createModel(config, createPlaygroundWeights(config, options.seed));
  model = { key, model: built };
  return built;
}

function blocksOf(config: TransformerConfig, sourceLength: number): BlockInfo[] {
  const heads = config.numHeads;
  const self = (kind: BlockInfo['kind'], layers: number): BlockInfo => ({
    kind,
    layers,
    heads,
    queryLength: sourceLength,
    keyLength: sourceLength,
  });
  if (config.architecture === 'encoder') return [self('encoder-self', config.numLayers)];
  if (config.architecture === 'decoder') return [self('decoder-self', config.numLayers)];
  // Encoder–decoder: the playground feeds the sentence to both sides.
  const dec = config.numDecoderLayers ?? config.numLayers;
  return [
    self('encoder-self', config.numLayers),
    self('decoder-self', dec),
    { kind: 'cross', layers: dec, heads, queryLength: sourceLength, keyLength: sourceLength },
  ];
}

/**
 * Attention weights of one run are [layers][heads][T][T] floats, held in the worker and again in the
 * page: refuse runs whose weights would exceed 128 MB instead of letting the tab run out of memory.
 */
const MAX_ATTENTION_FLOATS = 32 * 2 ** 20;

// ---- runs ------------------------------------------------------------------------------------

const live = new Map<SentenceSlot, { requestId: number; controller: AbortController }>();
const byId = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

function startRun(requestId: number, request: RunRequest): void {
  live.get(request.slot)?.controller.abort();
  const controller = new AbortController();
  live.set(request.slot, { requestId, controller });
  byId.set(requestId, controller);

  // Tokenize at once (cheap, no tfjs) so the chips appear before the model is ready.
  let ids: number[];
  try {
    const tokenizer = createHashTokenizer(request.model.vocabSize);
    const all = tokenizer.encode(request.text);
    const limit = Math.max(1, Math.min(request.maxTokens, request.model.maxPositions));
    const tokens = all.slice(0, limit);
    ids = tokens.map((t) => t.id);
    post({
      type: 'tokens',
      requestId,
      tokens,
      totalTokens: all.length,
      dropped: all.length - tokens.length,
      maxTokens: limit,
    });
  } catch (error) {
    finishRun(requestId, request.slot);
    post({ type: 'error', requestId, message: readable(error) });
    return;
  }
  if (ids.length === 0) {
    finishRun(requestId, request.slot);
    post({ type: 'done', requestId, masks: [], elapsedMs: 0 });
    return;
  }

  queue = queue.then(() => execute(requestId, request, ids, controller.signal));
}

function finishRun(requestId: number, slot: SentenceSlot): void {
  byId.delete(requestId);
  if (live.get(slot)?.requestId === requestId) live.delete(slot);
}

async function execute(
  requestId: number,
  request: RunRequest,
  sourceIds: number[],
  signal: AbortSignal,
): Promise<void> {
  try {
    if (signal.aborted) return;
    const status = await ensureBackend(request.backend);
    if (signal.aborted) return;
    const current = ensureModel(request.model);
    const isEncDec = current.config.architecture === 'encoder-decoder';
    const blocks = blocksOf(current.config, sourceIds.length);
    const floats = blocks.reduce((n, b) => n + b.layers * b.heads * b.queryLength * b.keyLength, 0);
    if (floats > MAX_ATTENTION_FLOATS) {
      const mb = Math.ceil((floats * 4) / 2 ** 20);
      throw new Error(
        `this run would hold ${mb} MB of attention weights (limit ${(MAX_ATTENTION_FLOATS * 4) / 2 ** 20} MB); use fewer layers, heads or tokens`,
      );
    }
    post({
      type: 'start',
      requestId,
      backend: status,
      blocks,
    });
    const t0 = performance.now();
    const result = await current.run(
      { sourceIds, targetIds: isEncDec ? sourceIds : undefined, mask: request.mask },
      {
        signal,
        onLayer: (layer) => {
          if (signal.aborted) return;
          // The engine keeps its array to assemble the full stack: send a copy and transfer that.
          const weights = layer.weights.slice();
          post({ type: 'layer', requestId, layer: { ...layer, weights } }, [weights.buffer]);
        },
      },
    );
    if (signal.aborted) return;
    const masks = result.stacks.map((s) => ({ kind: s.kind, mask: s.mask }));
    post({ type: 'done', requestId, masks, elapsedMs: Math.round(performance.now() - t0) }, [
      ...new Set(masks.map((m) => m.mask.allowed.buffer as ArrayBuffer)),
    ]);
  } catch (error) {
    if (isAbort(error) || signal.aborted) return;
    post({ type: 'error', requestId, message: readable(error) });
  } finally {
    finishRun(requestId, request.slot);
  }
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.type === 'run') {
    const { requestId, type: _type, ...request } = msg;
    startRun(requestId, request);
  } else if (msg.type === 'cancel') {
    byId.get(msg.requestId)?.abort();
  }
});
