/**
 * Hugging Face checkpoints in the engine worker (BERT family, GPT-2 family): loads one from the
 * Hub or from files the user chose (with progress and cancellation), keeps it under a key, and runs
 * it on a text or a sentence pair with its own tokenizer, streaming each layer like the playground.
 *
 * One checkpoint is kept at a time: its plain data (to rebuild after a backend switch) and the
 * model built on the current backend. Loading the same Hub id and revision again answers at once;
 * loading another one disposes the previous model only once the new one has loaded, so a failed
 * load leaves the previous model working.
 */
import {
  createModel,
  startModelBuild,
  type AttentionModel,
  type ModelBuild,
  type AttentionStack,
  type BackendName,
  type HeadRef,
  type NamedArray,
  type Token,
  type TransformerConfig,
} from '../engine';
import { allHeads, distributionScorer, type Scorer } from './importance';
import { createCollector, createTileServer, type TileServer } from './attention-tiles';
import { onDemandOverBudget } from '../engine/onDemandBudget';
import { buildMask } from '../engine';
import { punctuationMask, specialTokenMask, type PooledWindow } from '../analysis';
import { interventions } from './interventions';
import { readableError } from './readableError';
import {
  HfLoadError,
  loadHfModel,
  type HfLoadProgress,
  type HfModel,
  type HfWeightListener,
  type HfWeightPlan,
} from '../loader/hf';
import type {
  BackendStatus,
  BlockInfo,
  ErrorStage,
  HfErrorCode,
  HfLoadRequest,
  HfModelInfo,
  HfProgressInfo,
  HfSourceRequest,
  ImportanceRequest,
  ModelRequest,
  NextTokenPredictions,
  RunExtras,
  RunRequest,
  WorkerResponse,
} from './protocol';

/** What the worker lends this module (its queue, backend and run helpers). */
export interface HfWorkerContext {
  post(message: WorkerResponse, transfer?: Transferable[]): void;
  ensureBackend(requested: BackendName): Promise<BackendStatus>;
  /** Runs `task` after the runs queued before it (tensors are used one task at a time). */
  enqueue(task: () => Promise<void>): Promise<void>;
  /** Throws when a run's attention weights would be too large to hold. */
  checkSize(blocks: BlockInfo[]): void;
  runExtras(
    request: RunRequest,
    config: TransformerConfig,
    intermediates: RunExtras['intermediates'],
    positions: () => NamedArray | undefined,
  ): RunExtras | undefined;
  postDone(requestId: number, stacks: AttentionStack[], t0: number, extras?: RunExtras): void;
  /** Where on-demand runs keep their attention for the page's tile requests (default: its own). */
  tiles?: TileServer;
}

export interface HfWorker {
  /** Loads a checkpoint; answers with `hf-progress`…, then `hf-loaded` or `hf-error`. */
  load(requestId: number, request: HfLoadRequest, signal: AbortSignal): Promise<void>;
  /** One run of the loaded checkpoint (call it inside the worker's run queue). */
  execute(
    requestId: number,
    request: RunRequest,
    model: Extract<ModelRequest, { kind: 'hf' }>,
    signal: AbortSignal,
  ): Promise<void>;
  /** Drops the built model's tensors (backend switch); its plain data is kept to rebuild it. */
  disposeBuilt(): void;
  /**
   * What head importance compares for this input (call it inside the run queue): the next-token
   * distribution of a causal LM, or the masked token's of a masked LM; an error a person can act
   * on otherwise.
   */
  scorer(
    request: ImportanceRequest,
    model: Extract<ModelRequest, { kind: 'hf' }>,
  ): Promise<{ scorer: Scorer; heads: HeadRef[] }>;
}

interface Entry {
  key: string;
  hf: HfModel;
  info: HfModelInfo;
  built: AttentionModel | null;
}

/** Progress at most every 80 ms per file (and always at a file's first and last byte). */
const PROGRESS_MS = 80;

const isAbort = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';

function errorCode(error: unknown): HfErrorCode {
  if (isAbort(error)) return 'cancelled';
  return error instanceof HfLoadError ? error.code : 'other';
}

/** The key a Hub checkpoint is kept under; chosen files get a fresh key each time. */
function hubKey(source: Extract<HfSourceRequest, { kind: 'hub' }>): string {
  return `hub:${source.baseUrl ?? ''}|${source.id}@${source.revision}`;
}

function describe(key: string, source: HfSourceRequest, hf: HfModel): HfModelInfo {
  const c = hf.config;
  return {
    key,
    name: hf.name,
    source: source.kind,
    revision: source.kind === 'hub' ? source.revision : null,
    modelType: hf.modelType,
    family: hf.family,
    architecture: c.architecture === 'decoder' ? 'decoder' : 'encoder',
    layers: c.numLayers,
    heads: c.numHeads,
    dModel: c.dModel,
    vocabSize: c.vocabSize,
    maxTokens: hf.tokenizer.maxLength,
    supportsPairs: hf.tokenizer.supportsPairs,
    parameters: hf.stats.parameters,
    bytesRead: hf.stats.bytesRead,
    fromCache: hf.stats.fromCache,
    dtypes: hf.stats.dtypes,
    kvHeads: c.numKvHeads ?? c.numHeads,
    ...(c.layerTypes ? { layerTypes: c.layerTypes, slidingWindow: c.slidingWindow } : {}),
    predicts: c.lmHead !== undefined && c.architecture === 'decoder',
    fillsMask: c.lmHead !== undefined && c.architecture === 'encoder',
  };
}

/**
 * The token a masked-LM run fills, checked: null when none was asked for; an error a person can
 * act on when the model has no head or the index is not a token the text gives.
 */
function maskedIndex(
  maskAt: number | undefined,
  config: TransformerConfig,
  tokens: Token[],
  name: string,
): number | null {
  if (maskAt === undefined) return null;
  if (!config.mlmHead)
    throw new Error(
      `${name} cannot fill a masked token: its checkpoint has no masked-LM head (cls.predictions, lm_head or vocab_projector)`,
    );
  if (!Number.isInteger(maskAt) || maskAt < 0 || maskAt >= tokens.length)
    throw new Error(`There is no token ${maskAt + 1} to mask (the text gives ${tokens.length})`);
  if (tokens[maskAt]!.special)
    throw new Error(
      `Token ${maskAt + 1} (${tokens[maskAt]!.text}) is a special token: mask a word`,
    );
  return maskAt;
}

/** How many predictions the page lists. */
const TOP_PREDICTIONS = 10;

/** The ids of the `k` largest logits, best first (one pass, a small sorted list). */
export function topIds(logits: Float32Array, k: number): number[] {
  const best: number[] = [];
  for (let id = 0; id < logits.length; id++) {
    const v = logits[id]!;
    if (best.length === k && v <= logits[best[k - 1]!]!) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && logits[best[at - 1]!]! < v) at--;
    best.splice(at, 0, id);
    if (best.length > k) best.pop();
  }
  return best;
}

/** The next-token distribution of a run, with the top ids decoded as the tokenizer writes them. */
function nextTokenPredictions(
  entry: Entry,
  position: number,
  logits: Float32Array,
  masked = false,
): NextTokenPredictions {
  const { tokenizer } = entry.hf;
  return {
    position,
    logits,
    ...(masked ? { masked } : {}),
    top: topIds(logits, TOP_PREDICTIONS).map((id) => ({
      id,
      text: tokenizer.tokenText(id),
      special: tokenizer.isSpecial(id),
    })),
  };
}

/**
 * Whether a run is served on demand: when the page asked for it above `onDemandAbove` tokens, or
 * when the full weights would be too large to hold. Throws (saying how many tokens fit) when even
 * on demand the input is over the memory budget, and as before when the page did not ask.
 */
function servedOnDemand(
  request: RunRequest,
  config: TransformerConfig,
  block: BlockInfo,
  ctx: Pick<HfWorkerContext, 'checkSize'>,
): boolean {
  const above = request.onDemandAbove;
  if (above === undefined) {
    ctx.checkSize([block]);
    return false;
  }
  let onDemand = block.queryLength > above;
  if (!onDemand)
    try {
      ctx.checkSize([block]);
    } catch {
      onDemand = true;
    }
  const over = onDemand ? onDemandOverBudget(config, block.queryLength) : null;
  if (over) throw new Error(over);
  return onDemand;
}

export function createHfWorker(context: HfWorkerContext): HfWorker {
  const ctx = { ...context, tiles: context.tiles ?? createTileServer() };
  let current: Entry | null = null;
  let filesLoaded = 0;
  /** The model being built while its checkpoint downloads (one load at a time uses it). */
  let streaming: ModelBuild | null = null;

  /**
   * Starts building while the weights download, once the backend the load asked for is up (a
   * load that starts before it is builds after the download, as before).
   */
  const streamBuilder =
    (backendUp: () => boolean, onBuild: (build: ModelBuild) => void) =>
    (plan: HfWeightPlan): HfWeightListener | null => {
      if (!backendUp()) return null;
      streaming?.dispose();
      const build = startModelBuild(plan.config, { expects: plan.expected });
      streaming = build;
      onBuild(build);
      return { weight: (name, weight) => build.add(name, weight) };
    };

  const progressPoster = (requestId: number, signal: AbortSignal) => {
    let lastFile = '';
    let lastTime = 0;
    return (p: HfLoadProgress): void => {
      if (signal.aborted) return;
      const now = performance.now();
      const last = p.total !== null && p.loaded >= p.total;
      if (!last && !p.size && p.file === lastFile && now - lastTime < PROGRESS_MS) return;
      lastFile = p.file;
      lastTime = now;
      const progress: HfProgressInfo = {
        stage: p.stage,
        file: p.file,
        loaded: p.loaded,
        total: p.total,
        bytesLoaded: p.bytesLoaded,
        weightsPercent: p.weightsPercent,
        part: p.part,
        parts: p.parts,
        fromCache: p.fromCache,
        ...(p.size
          ? {
              size: {
                parameters: p.size.parameters,
                downloadBytes: p.size.downloadBytes,
                engineBytes: p.size.engineBytes,
                limitBytes: p.size.limitBytes,
                tabBytes: p.size.tabBytes,
              },
            }
          : {}),
      };
      ctx.post({ type: 'hf-progress', requestId, progress });
    };
  };

  return {
    async load(requestId, request, signal) {
      const { source } = request;
      let build: ModelBuild | null = null;
      try {
        const key = source.kind === 'hub' ? hubKey(source) : `files:${++filesLoaded}`;
        if (current?.key === key) {
          ctx.post({ type: 'hf-loaded', requestId, info: current.info });
          return;
        }
        // The backend is made ready on the queue (never under a run), while the files download.
        let backendUp = false;
        ctx
          .enqueue(async () => {
            await ctx.ensureBackend(request.backend);
            backendUp = true;
          })
          .catch(() => {}); // the build below asks again and reports the failure
        const hf = await loadHfModel(
          source.kind === 'hub'
            ? {
                kind: 'hub',
                id: source.id,
                revision: source.revision,
                baseUrl: source.baseUrl,
                token: source.token,
              }
            : { kind: 'files', files: source.files },
          {
            signal,
            onProgress: progressPoster(requestId, signal),
            streamWeights: streamBuilder(
              () => backendUp && !signal.aborted,
              (b) => (build = b),
            ),
          },
        );
        const info = describe(key, source, hf);
        // Build on the engine's queue: a run of the previous model may still be using its tensors.
        await ctx.enqueue(async () => {
          if (signal.aborted) return;
          await ctx.ensureBackend(request.backend);
          // What was uploaded while the file downloaded is taken; the rest is uploaded now.
          const made = build;
          const built = made
            ? made.finish(hf.config, hf.weights)
            : createModel(hf.config, hf.weights);
          ctx.tiles.releaseAll();
          current?.built?.dispose();
          current = { key, hf, info, built };
        });
        if (signal.aborted) throw new DOMException('Loading was cancelled', 'AbortError');
        ctx.post({ type: 'hf-loaded', requestId, info });
        void hf.saved.then((kept) => {
          if (kept) ctx.post({ type: 'hf-saved', requestId });
        });
      } catch (error) {
        ctx.post({
          type: 'hf-error',
          requestId,
          message: readableError(error),
          code: errorCode(error),
        });
      } finally {
        (build as ModelBuild | null)?.dispose(); // frees what a failed load made; no-op once built
        if (streaming === build) streaming = null;
      }
    },

    async execute(requestId, request, model, signal) {
      let stage: ErrorStage = 'load';
      try {
        if (signal.aborted) return;
        const entry = current;
        if (!entry || entry.key !== model.key)
          throw new Error('this Hugging Face model is no longer loaded: load it again');
        stage = 'run';
        const { tokenizer, config } = entry.hf;
        const pair = tokenizer.supportsPairs ? model.pair : undefined;
        const enc = tokenizer.encodeInput(request.text, pair);
        const tokens: Token[] = enc.tokens.map((t) => ({
          text: t.text,
          id: t.id,
          special: t.special,
          unknown: t.unknown,
        }));
        // A masked LM fills the token the page masked: it runs as the mask token.
        const masked = maskedIndex(request.maskAt, config, tokens, entry.hf.name);
        const ids = enc.ids.slice();
        if (masked !== null && !tokenizer.maskToken)
          throw new Error(`${entry.hf.name}: its tokenizer has no mask token to fill`);
        if (masked !== null && tokenizer.maskToken) {
          const { id, text } = tokenizer.maskToken;
          ids[masked] = id;
          tokens[masked] = { text, id, special: true, unknown: false };
        }
        ctx.post({
          type: 'tokens',
          requestId,
          tokens,
          totalTokens: tokens.length + enc.truncated,
          dropped: enc.truncated,
          maxTokens: tokenizer.maxLength,
        });
        if (tokens.length === 0) {
          ctx.post({ type: 'done', requestId, masks: [], elapsedMs: 0 });
          return;
        }
        const status = await ctx.ensureBackend(request.backend);
        if (signal.aborted) return;
        stage = 'load';
        entry.built ??= createModel(config, entry.hf.weights);
        stage = 'run';
        const labels = tokens.map((t) => t.text);
        const n = tokens.length;
        const kvHeads = config.numKvHeads ?? config.numHeads;
        const block: BlockInfo = {
          kind: config.architecture === 'decoder' ? 'decoder-self' : 'encoder-self',
          layers: config.numLayers,
          heads: config.numHeads,
          queryLength: n,
          keyLength: n,
          rowTokens: labels,
          colTokens: labels,
          ...(pair !== undefined ? { segments: enc.segments } : {}),
          ...(kvHeads < config.numHeads ? { kvHeads } : {}),
          ...(config.layerTypes
            ? { layerTypes: config.layerTypes, slidingWindow: config.slidingWindow }
            : {}),
        };
        const onDemand = servedOnDemand(request, config, block, ctx);
        ctx.tiles.release(request.slot);
        // Metrics and thumbnails of each head as the forward computes it (the page gets no weights).
        const collector = onDemand
          ? createCollector([
              {
                ...block,
                options: {
                  specialKeys: specialTokenMask(labels),
                  punctuationKeys: punctuationMask(labels),
                  // The page's metrics use the block's mask too (causal for decoders).
                  mask: buildMask({ kind: block.kind === 'decoder-self' ? 'causal' : 'none' }, n),
                },
              },
            ])
          : null;
        ctx.post({
          type: 'start',
          requestId,
          backend: status,
          blocks: [onDemand ? { ...block, onDemand: true } : block],
        });
        const t0 = performance.now();
        let layersDone = 0;
        const result = await entry.built.run(
          {
            sourceIds: ids,
            tokenTypeIds: enc.tokenTypeIds,
            intermediates: request.intermediates,
            ...interventions(request),
            // Only one row meets the vocabulary: the next token after the input, or the masked one.
            ...(config.architecture === 'decoder' && config.lmHead ? { logitsAt: [n - 1] } : {}),
            ...(masked !== null ? { logitsAt: [masked] } : {}),
            ...(onDemand ? { keepAttention: true } : {}),
          },
          {
            signal,
            ...(collector
              ? {
                  onHead: (kind, layer, head, weights) => {
                    if (signal.aborted) return;
                    // A head of a later layer: every earlier layer is done (the bar's figure).
                    if (layer > layersDone) {
                      layersDone = layer;
                      ctx.post({ type: 'run-progress', requestId, kind, layersDone });
                    }
                    collector.onHead(kind, layer, head, weights);
                  },
                }
              : {}),
            onLayer: (layer) => {
              if (signal.aborted) return;
              // The engine keeps its array to assemble the full stack: send a copy.
              const weights = layer.weights.slice();
              ctx.post({ type: 'layer', requestId, layer: { ...layer, weights } }, [
                weights.buffer,
              ]);
            },
          },
        );
        if (signal.aborted) {
          for (const p of result.probes ?? []) p.dispose();
          return;
        }
        let stacks = result.stacks;
        if (result.probes) {
          const metrics = collector?.metrics(block.kind);
          if (metrics) ctx.post({ type: 'head-metrics', requestId, kind: block.kind, metrics });
          ctx.tiles.keep(
            request.slot,
            requestId,
            result.probes,
            collector?.thumbnails ?? new Map<string, PooledWindow>(),
          );
          // The masks go to the page as with the full path (copies: the probes keep theirs).
          stacks = result.probes.map((p) => ({
            kind: p.kind,
            layers: p.layers,
            heads: p.heads,
            queryLength: p.queryLength,
            keyLength: p.keyLength,
            weights: new Float32Array(0),
            mask: { ...p.mask, allowed: p.mask.allowed.slice() },
            ...(p.layerMasks
              ? { layerMasks: p.layerMasks.map((m) => ({ ...m, allowed: m.allowed.slice() })) }
              : {}),
          }));
        }
        if (result.positionLogits) {
          const predictions =
            masked !== null
              ? nextTokenPredictions(entry, masked, result.positionLogits, true)
              : nextTokenPredictions(entry, n - 1, result.positionLogits);
          ctx.post({ type: 'predictions', requestId, predictions }, [predictions.logits.buffer]);
        } else if (config.architecture === 'decoder') {
          ctx.post({
            type: 'predictions',
            requestId,
            predictions: null,
            reason: `${entry.hf.name} has no output head to predict the next token with`,
          });
        }
        const extras = ctx.runExtras(request, config, result.intermediates, () =>
          entry.hf.weights.get('embed.positions'),
        );
        ctx.postDone(requestId, stacks, t0, extras);
      } catch (error) {
        if (isAbort(error) || signal.aborted) return;
        ctx.post({ type: 'error', requestId, message: readableError(error), stage });
      }
    },

    async scorer(request, model) {
      const entry = current;
      if (!entry || entry.key !== model.key)
        throw new Error('this Hugging Face model is no longer loaded: load it again');
      const { tokenizer, config } = entry.hf;
      const enc = tokenizer.encodeInput(
        request.text,
        tokenizer.supportsPairs ? model.pair : undefined,
      );
      const tokens: Token[] = enc.tokens.map((t) => ({ ...t }));
      if (tokens.length === 0) throw new Error('The sentence has no tokens to measure with');
      await ctx.ensureBackend(request.backend);
      entry.built ??= createModel(config, entry.hf.weights);
      const heads = allHeads(config);
      if (config.architecture === 'decoder' && config.lmHead) {
        const scorer = await distributionScorer(
          entry.built,
          enc.ids,
          tokens.length - 1,
          'kl-next-token',
        );
        return { scorer, heads };
      }
      if (config.mlmHead) {
        if (request.maskAt === undefined)
          throw new Error(
            `${entry.hf.name} is a masked LM: mask a token first (click it), then measure how each head changes what fills it`,
          );
        const masked = maskedIndex(request.maskAt, config, tokens, entry.hf.name);
        const ids = enc.ids.slice();
        if (masked === null || !tokenizer.maskToken)
          throw new Error(`${entry.hf.name}: its tokenizer has no mask token to fill`);
        ids[masked] = tokenizer.maskToken.id;
        const scorer = await distributionScorer(
          entry.built,
          ids,
          masked,
          'kl-masked-token',
          enc.tokenTypeIds,
        );
        return { scorer, heads };
      }
      throw new Error(
        `${entry.hf.name} has no output head (no language-model or masked-LM head in its checkpoint): there is no output whose change could measure a head`,
      );
    },

    disposeBuilt() {
      // A model half built on the backend being left is dropped (its load builds it anew).
      streaming?.dispose();
      streaming = null;
      ctx.tiles.releaseAll();
      current?.built?.dispose();
      if (current) current.built = null;
    },
  };
}
