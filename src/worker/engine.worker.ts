/// <reference lib="webworker" />
/**
 * The engine's home in the browser. Three kinds of model:
 *  - the playground: tokenizes, (re)builds the random-weight model, runs it and streams each
 *    layer's attention back as soon as it is read;
 *  - the built-in translator: downloads its files once per URL (with progress), translates greedily
 *    one token at a time, sends the translation, then the attention of the final forward layer by
 *    layer, with row and column labels per block;
 *  - a Hugging Face checkpoint (BERT or GPT-2 family), loaded on request (`hf-load`) and run with
 *    its own tokenizer: see hf-model.ts.
 * Runs are serialized; a new run for a slot aborts the previous one of that slot (it stops between
 * layers, or between decoding steps).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { readableError } from './readableError';
import {
  createHashTokenizer,
  createModel,
  createPlaygroundWeights,
  greedyTranslate,
  hashPadId,
  initBackend,
  padIds,
  PAD_TEXT,
  isWebglContextLost,
  loseWebglContext,
  playgroundConfig,
  SPECIAL_TOKENS,
  translationTokenizers,
  watchWebglContext,
  floatValues,
  type AttentionModel,
  type NamedArray,
  type AttentionStack,
  type BackendName,
  type HeadRef,
  type PaddedIds,
  type PlaygroundOptions,
  type Token,
  type TransformerConfig,
  type VocabTokenizer,
} from '../engine';
import { fetchTranslator, type TranslatorBundle } from '../loader/translator';
import { createHfWorker } from './hf-model';
import { createTrainedWorker } from './trained-model';
import { createTileServer } from './attention-tiles';
import { allHeads, measureImportance, translatorScorer, type Scorer } from './importance';
import { interventions } from './interventions';
import type {
  BackendStatus,
  BlockInfo,
  BlockMask,
  ImportanceRequest,
  ModelRequest,
  RunExtras,
  RunRequest,
  RunSlot,
  TranslatorInfo,
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

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Waits for `promise`, but gives up (with an AbortError) as soon as `signal` aborts; the promise
 * itself goes on (a shared download stays cached for the next run).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      const error = new Error('The run was superseded by a newer one');
      error.name = 'AbortError';
      reject(error);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

// ---- backend ---------------------------------------------------------------------------------

let backend: { requested: BackendName; status: Promise<BackendStatus> } | null = null;
/** Backends whose GPU context was lost in this worker: never tried again here. */
const lostBackends = new Set<BackendName>();

/**
 * The webgl context is gone (a GPU reset, or the test hook): stop the runs in flight (their
 * numbers cannot be trusted), drop the models built on it and tell the page, which moves to wasm.
 */
function onWebglLost(): void {
  if (lostBackends.has('webgl')) return;
  lostBackends.add('webgl');
  for (const { controller } of live.values()) controller.abort();
  // A run waiting on a read-back from the lost context may never settle: later runs must not
  // queue behind it (it was aborted, so it posts nothing if it ever wakes up).
  queue = Promise.resolve();
  try {
    disposeModels();
  } catch {
    // freeing textures of a lost context may fail; they are gone with it anyway
  }
  backend = null;
  post({ type: 'backend-lost', requestId: 0, backend: 'webgl' });
}

function ensureBackend(requested: BackendName): Promise<BackendStatus> {
  // The loss event may not have arrived yet: check the context itself before every run.
  if (isWebglContextLost()) onWebglLost();
  if (backend && backend.requested === requested) return backend.status;
  // Tensors belong to a backend: drop the models before switching.
  disposeModels();
  const preferred = [...new Set<BackendName>([requested, 'wasm', 'cpu'])].filter(
    (name) => !lostBackends.has(name),
  );
  const status = initBackend({ preferred, wasmPaths: WASM_PATHS }).then((info): BackendStatus => {
    if (info.name === 'webgl') watchWebglContext(onWebglLost);
    const failure = info.failures.find((f) => f.backend === requested);
    return { name: info.name, requested, threads: info.threads, ...(failure && { failure }) };
  });
  backend = { requested, status };
  status.catch(() => {
    if (backend?.status === status) backend = null; // let the next run try again
  });
  return status;
}

// ---- models ----------------------------------------------------------------------------------

/** The playground model built last (rebuilt when its options change). */
let playground: { key: string; model: AttentionModel } | null = null;
/** Translator models built from downloaded bundles, by URL (tensors of the current backend). */
const translatorModels = new Map<string, AttentionModel>();

function disposeModels(): void {
  playground?.model.dispose();
  playground = null;
  for (const m of translatorModels.values()) m.dispose();
  translatorModels.clear();
  hf.disposeBuilt();
  trained.disposeBuilt();
}

function ensurePlayground(options: PlaygroundOptions): AttentionModel {
  const key = JSON.stringify(options);
  if (playground && playground.key === key) return playground.model;
  playground?.model.dispose();
  playground = null;
  const config = playgroundConfig(options);
  const built = createModel(config, createPlaygroundWeights(config, options.seed));
  playground = { key, model: built };
  return built;
}

// ---- translator download ----------------------------------------------------------------------

interface Progress {
  file: string;
  loadedBytes: number;
  totalBytes: number | null;
}

/** A downloaded translator: plain data (kept, so a backend switch rebuilds without downloading). */
interface LoadedTranslator {
  bundle: TranslatorBundle;
  source: VocabTokenizer;
  target: VocabTokenizer;
  info: TranslatorInfo;
}

interface TranslatorDownload {
  promise: Promise<LoadedTranslator>;
  listeners: Set<(p: Progress) => void>;
}

/** One download per URL per page; a failed one is forgotten so that the next run tries again. */
const downloads = new Map<string, TranslatorDownload>();

/** `fetch` that reports the bytes of each file as they arrive (at most every 1% or 100 ms). */
function fetchWithProgress(notify: (p: Progress) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok || !response.body) return response;
    const url = input instanceof Request ? input.url : String(input);
    const file = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
    const length = Number(response.headers.get('content-length'));
    const totalBytes = Number.isFinite(length) && length > 0 ? length : null;
    const reader = response.body.getReader();
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let loadedBytes = 0;
    let lastBytes = 0;
    let lastTime = 0;
    notify({ file, loadedBytes, totalBytes });
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loadedBytes += value.byteLength;
      const now = performance.now();
      if (now - lastTime > 100 || (totalBytes && loadedBytes - lastBytes > totalBytes / 100)) {
        notify({ file, loadedBytes, totalBytes });
        lastBytes = loadedBytes;
        lastTime = now;
      }
    }
    notify({ file, loadedBytes, totalBytes: totalBytes ?? loadedBytes });
    return new Response(new Blob(chunks), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function describeTranslator(bundle: TranslatorBundle): TranslatorInfo {
  const c = bundle.config;
  return {
    name: bundle.name,
    encoderLayers: c.numLayers,
    decoderLayers: c.numDecoderLayers ?? c.numLayers,
    heads: c.numHeads,
    dModel: c.dModel,
    sourceVocab: bundle.vocab.source.length - Object.keys(SPECIAL_TOKENS).length,
    targetVocab: bundle.vocab.target.length - Object.keys(SPECIAL_TOKENS).length,
    maxSourceTokens: c.maxPositions,
    maxTargetTokens: Math.min(bundle.maxTargetLength, c.maxPositions - 1),
    direction: bundle.direction,
  };
}

async function downloadTranslator(
  url: string,
  notify: (p: Progress) => void,
): Promise<LoadedTranslator> {
  const bundle = await fetchTranslator(url, fetchWithProgress(notify));
  const loaded: LoadedTranslator = {
    bundle,
    // en-zh: English words → characters; zh-en: characters (punctuation too) → English words.
    ...translationTokenizers(bundle.vocab, bundle.direction),
    info: describeTranslator(bundle),
  };
  return loaded;
}

/**
 * The translator at `url`, downloading it on first use; `onProgress` hears about this download.
 * A superseded run stops waiting at once (so the run queue never waits on a download nobody wants).
 */
async function loadTranslator(
  url: string,
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<LoadedTranslator> {
  let download = downloads.get(url);
  if (!download) {
    const listeners = new Set<(p: Progress) => void>();
    const promise = downloadTranslator(url, (p) => listeners.forEach((l) => l(p)));
    const created: TranslatorDownload = { promise, listeners };
    download = created;
    downloads.set(url, created);
    promise.catch(() => {
      if (downloads.get(url) === created) downloads.delete(url);
    });
  }
  download.listeners.add(onProgress);
  try {
    return await untilAborted(download.promise, signal);
  } finally {
    download.listeners.delete(onProgress);
  }
}

function ensureTranslatorModel(url: string, loaded: LoadedTranslator): AttentionModel {
  let built = translatorModels.get(url);
  if (!built) {
    built = createModel(loaded.bundle.config, loaded.bundle.weights);
    translatorModels.set(url, built);
  }
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

const live = new Map<RunSlot, { requestId: number; controller: AbortController }>();
const byId = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

/** Runs `task` after the runs queued before it (tensors are used one task at a time). */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const done = queue.then(task);
  queue = done.then(
    () => {},
    () => {},
  );
  return done;
}

/** On-demand runs' attention, kept per sentence for the page's tile requests (attention-tiles.ts). */
const tiles = createTileServer();

/** Hugging Face checkpoints (src/worker/hf-model.ts): loaded on request, run on the same queue. */
const hf = createHfWorker({
  tiles,
  post,
  ensureBackend,
  enqueue,
  checkSize,
  runExtras,
  postDone,
});
/** Models trained in the Train tab (src/worker/trained-model.ts), run on the same queue. */
const trained = createTrainedWorker({ post, ensureBackend, checkSize, runExtras, postDone });

/** Tokens of a run, cut to the limit, posted to the page. */
function postTokens(requestId: number, all: Token[], limit: number): Token[] {
  const tokens = all.slice(0, limit);
  post({
    type: 'tokens',
    requestId,
    tokens,
    totalTokens: all.length,
    dropped: all.length - tokens.length,
    maxTokens: limit,
  });
  return tokens;
}

function startRun(requestId: number, request: RunRequest): void {
  live.get(request.slot)?.controller.abort();
  const controller = new AbortController();
  live.set(request.slot, { requestId, controller });
  byId.set(requestId, controller);
  const { model } = request;

  if (model.kind === 'translator') {
    // The vocabulary comes with the model: tokens are known once it has loaded.
    queue = queue.then(() => executeTranslator(requestId, request, model, controller.signal));
    return;
  }
  if (model.kind === 'trained') {
    queue = queue.then(() =>
      trained
        .execute(requestId, request, model, controller.signal)
        .finally(() => finishRun(requestId, request.slot)),
    );
    return;
  }
  if (model.kind === 'hf') {
    queue = queue.then(() =>
      hf
        .execute(requestId, request, model, controller.signal)
        .finally(() => finishRun(requestId, request.slot)),
    );
    return;
  }

  // Tokenize at once (cheap, no tfjs) so the chips appear before the model is ready.
  let ids: number[];
  let padded: PaddedIds | null = null;
  try {
    const tokenizer = createHashTokenizer(model.options.vocabSize);
    const limit = Math.max(1, Math.min(request.maxTokens, model.options.maxPositions));
    const tokens = tokenizer.encode(request.text);
    if (request.padding && tokens.length > 0) {
      const own = tokens.slice(0, limit);
      const longest = Math.max(
        own.length,
        ...request.padding.texts.map((text) => tokenizer.encode(text).length),
      );
      const length = Math.min(limit, longest + Math.max(0, Math.floor(request.padding.extra)));
      const padId = hashPadId(model.options.vocabSize);
      padded = padIds(
        own.map((t) => t.id),
        length,
        padId,
      );
      const pads = new Array<Token>(padded.ids.length - own.length).fill({
        text: PAD_TEXT,
        id: padId,
        special: true,
        unknown: false,
      });
      post({
        type: 'tokens',
        requestId,
        tokens: [...own, ...pads],
        totalTokens: tokens.length,
        dropped: tokens.length - own.length,
        maxTokens: limit,
      });
      ids = own.map((t) => t.id);
    } else ids = postTokens(requestId, tokens, limit).map((t) => t.id);
  } catch (error) {
    finishRun(requestId, request.slot);
    post({ type: 'error', requestId, message: readableError(error), stage: 'run' });
    return;
  }
  if (ids.length === 0) {
    finishRun(requestId, request.slot);
    post({ type: 'done', requestId, masks: [], elapsedMs: 0 });
    return;
  }

  queue = queue.then(() =>
    executePlayground(requestId, request, model.options, ids, padded, controller.signal),
  );
}

function finishRun(requestId: number, slot: RunSlot): void {
  byId.delete(requestId);
  if (live.get(slot)?.requestId === requestId) live.delete(slot);
}

function checkSize(blocks: BlockInfo[]): void {
  const floats = blocks.reduce((n, b) => n + b.layers * b.heads * b.queryLength * b.keyLength, 0);
  if (floats > MAX_ATTENTION_FLOATS) {
    const mb = Math.ceil((floats * 4) / 2 ** 20);
    throw new Error(
      `this run would hold ${mb} MB of attention weights (limit ${(MAX_ATTENTION_FLOATS * 4) / 2 ** 20} MB); use fewer layers, heads or tokens`,
    );
  }
}

async function executePlayground(
  requestId: number,
  request: RunRequest,
  options: PlaygroundOptions,
  realIds: number[],
  padded: PaddedIds | null,
  signal: AbortSignal,
): Promise<void> {
  try {
    if (signal.aborted) return;
    const status = await ensureBackend(request.backend);
    if (signal.aborted) return;
    const current = ensurePlayground(options);
    const isEncDec = current.config.architecture === 'encoder-decoder';
    // Padded runs feed the padded sentence to both sides of an encoder–decoder.
    const sourceIds = padded?.ids ?? realIds;
    const blocks = blocksOf(current.config, sourceIds.length);
    checkSize(blocks);
    post({ type: 'start', requestId, backend: status, blocks });
    const t0 = performance.now();
    const result = await current.run(
      {
        sourceIds,
        targetIds: isEncDec ? sourceIds : undefined,
        mask: padded?.mask ?? request.mask,
        maskedAttention: request.maskedAttention,
        intermediates: request.intermediates,
        ...interventions(request),
      },
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
    // The same head without the [PAD]s, for the page to compare the real rows with.
    const unpadded =
      padded && request.intermediates
        ? await current.run(
            {
              sourceIds: realIds,
              targetIds: isEncDec ? realIds : undefined,
              maskedAttention: request.maskedAttention,
              intermediates: request.intermediates,
              skipWeights: true,
              ...(request.ablation ? { ablation: request.ablation } : {}),
            },
            { signal },
          )
        : undefined;
    if (signal.aborted) return;
    const extras = runExtras(request, current.config, result.intermediates, () =>
      createPlaygroundWeights(current.config, options.seed).get('embed.positions'),
    );
    if (extras && unpadded?.intermediates) extras.unpadded = unpadded.intermediates;
    postDone(requestId, result.stacks, t0, extras);
  } catch (error) {
    if (isAbort(error) || signal.aborted) return;
    post({ type: 'error', requestId, message: readableError(error), stage: 'run' });
  } finally {
    finishRun(requestId, request.slot);
  }
}

/**
 * What the teaching views asked for besides the weights: the head's intermediates, the kind of
 * positions, and the learned position table (read only when asked and the model has one).
 */
function runExtras(
  request: RunRequest,
  config: TransformerConfig,
  intermediates: RunExtras['intermediates'],
  positions: () => NamedArray | undefined,
): RunExtras | undefined {
  if (!request.intermediates && !request.positionRows) return undefined;
  const extras: RunExtras = { positional: config.positional, intermediates };
  const table = request.positionRows && config.positional === 'learned' ? positions() : undefined;
  if (table && table.shape.length === 2) {
    const offset = config.positionOffset ?? 0;
    const cols = table.shape[1]!;
    const rows = Math.max(0, Math.min(request.positionRows ?? 0, table.shape[0]! - offset));
    const data = floatValues(table.data).slice(offset * cols, (offset + rows) * cols); // [rows, d]
    extras.positionTable = { rows, cols, data };
  }
  return extras;
}

function postDone(
  requestId: number,
  stacks: AttentionStack[],
  t0: number,
  given?: RunExtras,
): void {
  // Value norms travel with the extras, whichever model computed them.
  const norms = stacks.flatMap((s) =>
    s.valueNorms ? [{ kind: s.kind, norms: s.valueNorms }] : [],
  );
  const extras: RunExtras | undefined = norms.length > 0 ? { ...given, valueNorms: norms } : given;
  const masks: BlockMask[] = stacks.map((s) => ({
    kind: s.kind,
    mask: s.mask,
    ...(s.layerMasks ? { layerMasks: s.layerMasks } : {}),
  }));
  const elapsedMs = Math.round(performance.now() - t0);
  const buffers = masks.flatMap((m) => [m.mask, ...(m.layerMasks ?? [])].map((x) => x.allowed));
  post({ type: 'done', requestId, masks, elapsedMs, ...(extras ? { extras } : {}) }, [
    ...new Set(buffers.map((allowed) => allowed.buffer as ArrayBuffer)),
  ]);
}

/** Index of the largest value of row `row` of a row-major [rows][cols] matrix. */
function argmaxRow(values: Float32Array, row: number, cols: number): number {
  let best = 0;
  for (let c = 1; c < cols; c++) if (values[row * cols + c]! > values[row * cols + best]!) best = c;
  return best;
}

async function executeTranslator(
  requestId: number,
  request: RunRequest,
  model: Extract<ModelRequest, { kind: 'translator' }>,
  signal: AbortSignal,
): Promise<void> {
  let stage: 'load' | 'run' = 'load';
  try {
    if (signal.aborted) return;
    // Start the backend while the files download (both take a while the first time).
    const backendReady = ensureBackend(request.backend);
    backendReady.catch(() => {}); // reported below, once awaited
    const loaded = await loadTranslator(
      model.url,
      (p) => {
        if (!signal.aborted) post({ type: 'progress', requestId, ...p });
      },
      signal,
    );
    stage = 'run';
    if (signal.aborted) return;
    const { source, target, info, bundle } = loaded;
    const limit = Math.max(1, Math.min(request.maxTokens, info.maxSourceTokens));
    const sourceTokens = postTokens(requestId, source.encode(request.text), limit);
    const sourceIds = sourceTokens.map((t) => t.id);
    if (sourceIds.length === 0) {
      post({ type: 'done', requestId, masks: [], elapsedMs: 0 });
      return;
    }
    const status = await untilAborted(backendReady, signal);
    stage = 'load';
    const current = ensureTranslatorModel(model.url, loaded);
    stage = 'run';

    const t0 = performance.now();
    const { output, finished, forward } = await greedyTranslate(
      current,
      sourceIds,
      {
        bos: target.ids.bos,
        eos: target.ids.eos,
        maxLength: info.maxTargetTokens,
        ...interventions(request),
      },
      { signal },
    );
    if (signal.aborted) return;

    // Rows of the decoder-side blocks: the token written at each step (y1…yn, then </s>, or what
    // the model would write next when decoding was cut at the length limit).
    const specials = new Set(Object.values(target.ids));
    const targetText = (id: number): string => target.tokens[id] ?? SPECIAL_TOKENS.unk;
    const targetTokens: Token[] = output.map((id) => ({
      text: targetText(id),
      id,
      special: specials.has(id) && id !== target.ids.unk,
      unknown: id === target.ids.unk,
    }));
    const vocab = bundle.config.targetVocabSize ?? bundle.config.vocabSize;
    const last =
      finished || !forward.logits
        ? SPECIAL_TOKENS.eos
        : targetText(argmaxRow(forward.logits, output.length, vocab));
    const written = [...targetTokens.map((t) => t.text), last];
    const decoderInput = [SPECIAL_TOKENS.bos, ...targetTokens.map((t) => t.text)];
    const sourceTexts = sourceTokens.map((t) => t.text);

    post({ type: 'translation', requestId, text: target.decode(output), targetTokens, finished });

    const labels: Record<AttentionStack['kind'], Pick<BlockInfo, 'rowTokens' | 'colTokens'>> = {
      'encoder-self': { rowTokens: sourceTexts, colTokens: sourceTexts },
      'decoder-self': { rowTokens: written, colTokens: decoderInput },
      cross: { rowTokens: written, colTokens: sourceTexts },
    };
    const blocks = forward.stacks.map((st): BlockInfo => ({
      kind: st.kind,
      layers: st.layers,
      heads: st.heads,
      queryLength: st.queryLength,
      keyLength: st.keyLength,
      ...labels[st.kind],
    }));
    post({ type: 'start', requestId, backend: status, blocks, translator: info });
    for (const st of forward.stacks) {
      const per = st.heads * st.queryLength * st.keyLength;
      for (let layer = 0; layer < st.layers; layer++) {
        const weights = st.weights.slice(layer * per, (layer + 1) * per);
        post(
          {
            type: 'layer',
            requestId,
            layer: {
              kind: st.kind,
              layer,
              heads: st.heads,
              queryLength: st.queryLength,
              keyLength: st.keyLength,
              weights,
            },
          },
          [weights.buffer],
        );
      }
    }
    // The teaching views' run: one more forward over the same tokens for one head's intermediates.
    const traced = request.intermediates
      ? await current.run(
          {
            sourceIds,
            targetIds: [target.ids.bos, ...output],
            intermediates: request.intermediates,
            skipWeights: true,
            ...(request.ablation ? { ablation: request.ablation } : {}),
          },
          { signal },
        )
      : undefined;
    if (signal.aborted) return;
    const extras = runExtras(request, bundle.config, traced?.intermediates, () =>
      bundle.weights.get('embed.positions'),
    );
    postDone(requestId, forward.stacks, t0, extras);
  } catch (error) {
    if (isAbort(error) || signal.aborted) return;
    post({ type: 'error', requestId, message: readableError(error), stage });
  } finally {
    finishRun(requestId, request.slot);
  }
}

/**
 * Head importance of one input (src/worker/importance.ts): the model's scorer is made in the run
 * queue (its intact output is the baseline), then each head is measured in its own turn.
 */
async function runImportance(
  requestId: number,
  request: ImportanceRequest,
  signal: AbortSignal,
): Promise<void> {
  try {
    const { scorer, heads } = await enqueue(() => importanceScorer(request, signal));
    if (signal.aborted) return;
    await measureImportance(requestId, heads, scorer, request.mode, signal, { post, enqueue });
  } catch (error) {
    if (isAbort(error) || signal.aborted) return;
    post({ type: 'importance-error', requestId, message: readableError(error) });
  }
}

async function importanceScorer(
  request: ImportanceRequest,
  signal: AbortSignal,
): Promise<{ scorer: Scorer; heads: HeadRef[] }> {
  const { model } = request;
  if (model.kind === 'hf') return hf.scorer(request, model);
  if (model.kind === 'trained')
    throw new Error(
      "Head importance compares a model's output distribution: it is not measured for models trained in the Train tab",
    );
  if (model.kind === 'playground')
    throw new Error(
      'The playground has random weights and no trained output to compare: measure head importance on the translator or a Hugging Face language model',
    );
  const loaded = await loadTranslator(model.url, () => {}, signal);
  await ensureBackend(request.backend);
  const current = ensureTranslatorModel(model.url, loaded);
  const { source, target, info } = loaded;
  const limit = Math.max(1, Math.min(request.maxTokens, info.maxSourceTokens));
  const sourceIds = source
    .encode(request.text)
    .slice(0, limit)
    .map((t) => t.id);
  if (sourceIds.length === 0) throw new Error('The sentence has no tokens to measure with');
  const scorer = await translatorScorer(current, sourceIds, {
    bos: target.ids.bos,
    eos: target.ids.eos,
    maxLength: info.maxTargetTokens,
    decode: (ids) => target.decode(ids),
  });
  return { scorer, heads: allHeads(current.config) };
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.type === 'run') {
    const { requestId, type: _type, ...request } = msg;
    // A new run of a sentence releases the attention its last on-demand run kept.
    tiles.release(request.slot);
    startRun(requestId, request);
  } else if (msg.type === 'cancel') {
    byId.get(msg.requestId)?.abort();
  } else if (msg.type === 'hf-load') {
    const { requestId, type: _type, ...request } = msg;
    const controller = new AbortController();
    byId.set(requestId, controller);
    void hf.load(requestId, request, controller.signal).finally(() => byId.delete(requestId));
  } else if (msg.type === 'importance') {
    const { requestId, type: _type, ...request } = msg;
    const controller = new AbortController();
    byId.set(requestId, controller);
    void runImportance(requestId, request, controller.signal).finally(() => byId.delete(requestId));
  } else if (msg.type === 'test-lose-webgl') {
    loseWebglContext();
  } else if (msg.type === 'attention-tile') {
    const { requestId, type: _type, ...query } = msg;
    tiles.serve(requestId, query, post, enqueue);
  }
});
