/**
 * A small typed client for the engine worker. Each run gets a request id; a new run for a slot
 * supersedes the previous one of that slot, whose late messages are dropped here.
 */
import type {
  BackendStatus,
  BlockInfo,
  BlockMask,
  ErrorStage,
  HfErrorCode,
  HfLoadRequest,
  HfModelInfo,
  HfProgressInfo,
  ImportanceRequest,
  ImportanceResult,
  NextTokenPredictions,
  RunExtras,
  RunRequest,
  RunSlot,
  TranslatorInfo,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import type { AttentionKind, BackendName, LayerAttention, Token } from '../engine';
import type { StackMetrics } from '../analysis';
import type { TileAnswer, TileQuery } from './tileProtocol';

export interface RunHandlers {
  onTokens(tokens: Token[], totalTokens: number, dropped: number, maxTokens: number): void;
  /** Download progress of the translator's files. */
  onProgress(file: string, loadedBytes: number, totalBytes: number | null): void;
  /** The translator's output, before its attention streams in. */
  onTranslation(text: string, targetTokens: Token[], finished: boolean): void;
  onStart(backend: BackendStatus, blocks: BlockInfo[], translator?: TranslatorInfo): void;
  onLayer(layer: LayerAttention): void;
  onDone(masks: BlockMask[], elapsedMs: number, extras?: RunExtras): void;
  /**
   * A language model's next-token distribution (before onDone), or null with the reason it cannot
   * predict. Optional: runs of other models never call it.
   */
  onPredictions?(predictions: NextTokenPredictions | null, reason?: string): void;
  /** `stage` 'load': the model could not be loaded (every run of it fails alike). Default 'run'. */
  onError(message: string, stage?: ErrorStage): void;
  /** On-demand runs: the heads' metrics of a block ([layers][heads]), before onDone. Optional. */
  onHeadMetrics?(kind: AttentionKind, metrics: StackMetrics): void;
  /** On-demand runs: the first `layersDone` layers of `kind` are computed. Optional. */
  onRunProgress?(kind: AttentionKind, layersDone: number): void;
}

/** Answers to a Hugging Face checkpoint load (`loadHf`). */
export interface HfLoadHandlers {
  onProgress(progress: HfProgressInfo): void;
  onLoaded(info: HfModelInfo): void;
  /** After onLoaded: the files are kept in Cache Storage. Optional. */
  onSaved?(): void;
  onError(message: string, code: HfErrorCode): void;
}

/** Answers to a head-importance measurement (`measureImportance`). */
export interface ImportanceHandlers {
  /** `done` of `total` heads measured. */
  onProgress(done: number, total: number): void;
  onDone(result: ImportanceResult): void;
  /** Why it cannot be measured (no output to compare, a failed run); a person can act on it. */
  onError(message: string): void;
}

/** What the store needs from the engine. Tests pass a fake. */
export interface EngineClient {
  /** Starts a run and returns its request id; superseded runs of the same slot stop. */
  run(request: RunRequest, handlers: RunHandlers): number;
  /**
   * Loads a Hugging Face checkpoint into the worker and returns the request id (`cancel` stops
   * the download). Optional so that fakes of the run API stay valid.
   */
  loadHf?(request: HfLoadRequest, handlers: HfLoadHandlers): number;
  /**
   * Calls `listener` when the worker lost a backend's GPU context (it has stopped the runs in
   * flight). Optional so that fakes of the run API stay valid.
   */
  onBackendLost?(listener: (backend: BackendName) => void): void;
  /**
   * Measures every head's importance for one input (one forward per head); `cancel` with the
   * returned id stops it. Optional so that fakes of the run API stay valid.
   */
  measureImportance?(request: ImportanceRequest, handlers: ImportanceHandlers): number;
  /**
   * A window of an on-demand run's attention (`query.run`: that run's request id), pooled by the
   * worker. Rejects with a readable Error (a released run, a window outside the block). Optional
   * so that fakes of the run API stay valid.
   */
  requestTile?(query: TileQuery): Promise<TileAnswer>;
  /** Test hook: asks the worker to lose its webgl context. */
  loseWebglContext?(): void;
  /** Stops a run (its handlers are never called again). */
  cancel(requestId: number): void;
  dispose(): void;
}

/** Builds a client over anything that speaks the worker protocol (a Worker, or a fake port). */
export function createEngineClient(port: {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate?(): void;
}): EngineClient {
  let nextId = 0;
  const live = new Map<number, RunHandlers>();
  const bySlot = new Map<RunSlot, number>();
  const loads = new Map<number, HfLoadHandlers>();
  const lostListeners = new Set<(backend: BackendName) => void>();
  const measures = new Map<number, ImportanceHandlers>();
  const tiles = new Map<
    number,
    { resolve: (tile: TileAnswer) => void; reject: (error: Error) => void }
  >();

  const finish = (requestId: number): void => {
    live.delete(requestId);
    for (const [slot, id] of bySlot) if (id === requestId) bySlot.delete(slot);
  };

  port.addEventListener('message', (event) => {
    const msg = event.data;
    const handlers = live.get(msg.requestId);
    if (!handlers) return; // stale: superseded or cancelled
    switch (msg.type) {
      case 'tokens':
        handlers.onTokens(msg.tokens, msg.totalTokens, msg.dropped, msg.maxTokens);
        break;
      case 'progress':
        handlers.onProgress(msg.file, msg.loadedBytes, msg.totalBytes);
        break;
      case 'translation':
        handlers.onTranslation(msg.text, msg.targetTokens, msg.finished);
        break;
      case 'start':
        handlers.onStart(msg.backend, msg.blocks, msg.translator);
        break;
      case 'layer':
        handlers.onLayer(msg.layer);
        break;
      case 'done':
        finish(msg.requestId);
        if (msg.extras) handlers.onDone(msg.masks, msg.elapsedMs, msg.extras);
        else handlers.onDone(msg.masks, msg.elapsedMs);
        break;
      case 'predictions':
        handlers.onPredictions?.(msg.predictions, msg.reason);
        break;
      case 'head-metrics':
        handlers.onHeadMetrics?.(msg.kind, msg.metrics);
        break;
      case 'run-progress':
        handlers.onRunProgress?.(msg.kind, msg.layersDone);
        break;
      case 'error':
        finish(msg.requestId);
        handlers.onError(msg.message, msg.stage);
        break;
    }
  });

  port.addEventListener('message', (event) => {
    const msg = event.data;
    const handlers = loads.get(msg.requestId);
    if (!handlers) return;
    if (msg.type === 'hf-progress') handlers.onProgress(msg.progress);
    else if (msg.type === 'hf-saved') {
      loads.delete(msg.requestId);
      handlers.onSaved?.();
    } else if (msg.type === 'hf-loaded' || msg.type === 'hf-error') {
      // A loaded model may still say when its offline copy is kept (hf-saved).
      if (msg.type === 'hf-error' || !handlers.onSaved) loads.delete(msg.requestId);
      if (msg.type === 'hf-loaded') handlers.onLoaded(msg.info);
      else handlers.onError(msg.message, msg.code);
    }
  });

  port.addEventListener('message', (event) => {
    const msg = event.data;
    const handlers = measures.get(msg.requestId);
    if (!handlers) return;
    if (msg.type === 'importance-progress') handlers.onProgress(msg.done, msg.total);
    else if (msg.type === 'importance-done' || msg.type === 'importance-error') {
      measures.delete(msg.requestId);
      if (msg.type === 'importance-done') handlers.onDone(msg.result);
      else handlers.onError(msg.message);
    }
  });

  port.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg.type === 'backend-lost') for (const listener of lostListeners) listener(msg.backend);
  });

  port.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg.type !== 'attention-tile' && msg.type !== 'attention-tile-error') return;
    const pending = tiles.get(msg.requestId);
    if (!pending) return;
    tiles.delete(msg.requestId);
    if (msg.type === 'attention-tile') pending.resolve(msg.tile);
    else pending.reject(new Error(msg.message));
  });

  port.addEventListener('error', (event) => {
    // A crash of the worker itself (not an error of one run): every live run fails.
    event.preventDefault?.();
    const message = event.message || 'The engine stopped unexpectedly.';
    const all = [...live.values()];
    const loading = [...loads.values()];
    const measuring = [...measures.values()];
    const tiling = [...tiles.values()];
    tiles.clear();
    for (const t of tiling) t.reject(new Error(message));
    live.clear();
    bySlot.clear();
    loads.clear();
    measures.clear();
    for (const h of all) h.onError(message, 'run');
    for (const h of loading) h.onError(message, 'other');
    for (const h of measuring) h.onError(message);
  });

  return {
    run(request, handlers) {
      const requestId = ++nextId;
      const previous = bySlot.get(request.slot);
      if (previous !== undefined) live.delete(previous);
      bySlot.set(request.slot, requestId);
      live.set(requestId, handlers);
      port.postMessage({ type: 'run', requestId, ...request });
      return requestId;
    },
    loadHf(request, handlers) {
      const requestId = ++nextId;
      loads.set(requestId, handlers);
      port.postMessage({ type: 'hf-load', requestId, ...request });
      return requestId;
    },
    onBackendLost(listener) {
      lostListeners.add(listener);
    },
    measureImportance(request, handlers) {
      const requestId = ++nextId;
      measures.set(requestId, handlers);
      port.postMessage({ type: 'importance', requestId, ...request });
      return requestId;
    },
    requestTile(query) {
      const requestId = ++nextId;
      return new Promise<TileAnswer>((resolve, reject) => {
        tiles.set(requestId, { resolve, reject });
        port.postMessage({ type: 'attention-tile', requestId, ...query });
      });
    },
    loseWebglContext() {
      port.postMessage({ type: 'test-lose-webgl' });
    },
    cancel(requestId) {
      if (loads.delete(requestId) || measures.delete(requestId)) {
        port.postMessage({ type: 'cancel', requestId });
        return;
      }
      if (!live.has(requestId)) return;
      finish(requestId);
      port.postMessage({ type: 'cancel', requestId });
    },
    dispose() {
      for (const t of tiles.values()) t.reject(new Error('The engine was closed'));
      tiles.clear();
      lostListeners.clear();
      live.clear();
      bySlot.clear();
      loads.clear();
      measures.clear();
      port.terminate?.();
    },
  };
}

/** The client over the real module worker (browser only); `name` shows in DevTools. */
export function createWorkerClient(name = 'attention-engine'): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name,
  });
  return createEngineClient(worker);
}
