/**
 * One engine client over two (two workers): sentence B's runs go to the second while sentence A's
 * run in the first, so on a page with two cores the pair takes about one forward's time instead of
 * two. tfjs-wasm gives one thread per worker on two cores (it caps its pool at cores / 2), so a
 * second worker is the way to put the other core to work.
 *
 * What runs where:
 *  - runs of slots ending in B ('B', 'teach-B', 'teach-pad-B') go to `second` when it can serve the
 *    model; every other run, importance measurements and checkpoint loads go to `first`;
 *  - the playground, translator and trained models are self-contained (each worker builds or
 *    downloads its own copy), so `second` serves them once it has started: sentence B's first
 *    run goes to `first` (the page's cold start pays for one worker, as before), and when it is
 *    done the same run is replayed quietly in `second`, which starts it; B runs go there after;
 *  - a Hugging Face checkpoint lives in the worker that loaded it: once `first` has loaded one
 *    whose engine memory fits `mirrorBudgetBytes`, it is loaded quietly into `second` as well
 *    (from Cache Storage when the first load kept the files there), and B runs go there from then
 *    on. Until then, and for larger checkpoints, B runs stay on `first`.
 *
 * Request ids are this client's own: each maps to the client that served it and its id there
 * (for `cancel` and for tiles of on-demand runs).
 */
import type { HfLoadRequest, HfModelInfo, RunRequest, RunSlot } from './protocol';
import type { EngineClient, HfLoadHandlers, RunHandlers } from './client';
import type { TileAnswer, TileQuery } from './tileProtocol';

export interface PairClientOptions {
  /**
   * Most engine memory (bytes: float32 weights + working set, as the loader estimates it) a
   * Hugging Face checkpoint may need to be loaded a second time, into `second`. Default
   * DEFAULT_MIRROR_BUDGET_BYTES.
   */
  mirrorBudgetBytes?: number;
  /** `second` serves B runs of self-contained models at once, with no warm-up run. Default false. */
  startWarm?: boolean;
}

/**
 * 1 GiB of engine memory (the loader's estimate: weights, the matmul library's packed copies and
 * a 512-token working set): BERT-base (921 MiB) and GPT-2 small (978 MiB) fit; SmolLM2-135M
 * (1,026 MiB) and larger LMs stay in one worker, where a second copy would double a tab's memory.
 */
export const DEFAULT_MIRROR_BUDGET_BYTES = 2 ** 30;

/** Slots whose runs belong to sentence B. */
const B_SLOTS: ReadonlySet<RunSlot> = new Set<RunSlot>(['B', 'teach-B', 'teach-pad-B']);

/** Where one outer request went. */
interface Route {
  client: EngineClient;
  inner: number;
}

/** Engine memory of a loaded checkpoint: the loader's estimate when it sent one, else its weights. */
function engineBytes(info: HfModelInfo, estimated: number | null): number {
  return estimated ?? 4 * info.parameters;
}

export function createPairClient(
  first: EngineClient,
  second: EngineClient,
  options: PairClientOptions = {},
): EngineClient {
  const budget = options.mirrorBudgetBytes ?? DEFAULT_MIRROR_BUDGET_BYTES;
  let nextId = 0;
  /** Runs: the latest of each slot (kept after it ends: tiles of on-demand runs come later). */
  const runs = new Map<number, Route & { slot: RunSlot }>();
  const bySlot = new Map<RunSlot, number>();
  /** Loads and measurements in flight. */
  const others = new Map<number, Route>();
  /** The checkpoint `second` can serve: the key runs name it by, and its key inside `second`. */
  let mirrored: { key: string; innerKey: string } | null = null;
  /** The quiet load into `second` in flight, if any. */
  let mirroring: number | null = null;
  /** Bumped by every loadHf: answers of an older load's mirror are ignored. */
  let generation = 0;

  /** Whether `second` has run once (its warm-up, see above), and whether that run is under way. */
  let warm = options.startWarm ?? false;
  let warming = false;

  /** Replays a B run of `first` in `second` with no one listening; B runs move there once done. */
  const warmUp = (request: RunRequest): void => {
    if (warm || warming) return;
    warming = true;
    const quiet = (): void => {};
    second.run(request, {
      onTokens: quiet,
      onProgress: quiet,
      onTranslation: quiet,
      onStart: quiet,
      onLayer: quiet,
      onDone: () => {
        warm = true;
        warming = false;
      },
      // B runs stay on `first` (the next one tries again).
      onError: () => {
        warming = false;
      },
    });
  };

  /** What `second` held before the last loadHf: a reload of the same checkpoint gets it back. */
  let heldBefore: { key: string; innerKey: string } | null = null;

  const forgetMirror = (): void => {
    generation++;
    // A quiet load stopped half-way may have replaced what `second` held: then nothing is known.
    heldBefore = mirroring !== null ? null : (mirrored ?? heldBefore);
    mirrored = null;
    if (mirroring !== null) second.cancel(mirroring);
    mirroring = null;
  };

  /** Which client serves `request`, and the request as that client must receive it. */
  const place = (request: RunRequest): { client: EngineClient; request: RunRequest } => {
    if (!B_SLOTS.has(request.slot)) return { client: first, request };
    const { model } = request;
    if (model.kind !== 'hf') return { client: warm ? second : first, request };
    if (mirrored?.key !== model.key) return { client: first, request };
    return { client: second, request: { ...request, model: { ...model, key: mirrored.innerKey } } };
  };

  /** Loads `request` into `second` without telling anyone, then lets it serve `key`. */
  const mirror = (request: HfLoadRequest, key: string): void => {
    const mine = generation;
    if (!second.loadHf) return;
    heldBefore = null; // `second` drops it for this one
    mirroring = second.loadHf(request, {
      onProgress: () => {},
      onLoaded: (info) => {
        if (mine !== generation) return;
        mirroring = null;
        mirrored = { key, innerKey: info.key };
      },
      onError: () => {
        // B runs stay on `first`: slower, never wrong.
        if (mine === generation) mirroring = null;
      },
    });
  };

  return {
    run(request, handlers) {
      const outer = ++nextId;
      const placed = place(request);
      const previous = bySlot.get(request.slot);
      if (previous !== undefined) {
        const old = runs.get(previous);
        runs.delete(previous);
        // The client that ran it supersedes it by itself; the other one must be told.
        if (old && old.client !== placed.client) old.client.cancel(old.inner);
      }
      bySlot.set(request.slot, outer);
      // Stale answers never reach the store, whichever client sends them.
      const live = (): boolean => bySlot.get(request.slot) === outer;
      // A B run of a self-contained model on `first` while `second` is cold: warm it up after.
      const thenWarm = B_SLOTS.has(request.slot) && request.model.kind !== 'hf' && !warm;
      const guarded: RunHandlers = {
        onTokens: (...a) => {
          if (live()) handlers.onTokens(...a);
        },
        onProgress: (...a) => {
          if (live()) handlers.onProgress(...a);
        },
        onTranslation: (...a) => {
          if (live()) handlers.onTranslation(...a);
        },
        onStart: (...a) => {
          if (live()) handlers.onStart(...a);
        },
        onLayer: (...a) => {
          if (live()) handlers.onLayer(...a);
        },
        onDone: (...a) => {
          if (live()) handlers.onDone(...a);
          if (thenWarm) warmUp(placed.request);
        },
        onError: (...a) => {
          if (live()) handlers.onError(...a);
        },
        ...(handlers.onPredictions
          ? {
              onPredictions: (...a: Parameters<NonNullable<RunHandlers['onPredictions']>>) => {
                if (live()) handlers.onPredictions?.(...a);
              },
            }
          : {}),
        ...(handlers.onRunProgress
          ? {
              onRunProgress: (...a: Parameters<NonNullable<RunHandlers['onRunProgress']>>) => {
                if (live()) handlers.onRunProgress?.(...a);
              },
            }
          : {}),
        ...(handlers.onHeadMetrics
          ? {
              onHeadMetrics: (...a: Parameters<NonNullable<RunHandlers['onHeadMetrics']>>) => {
                if (live()) handlers.onHeadMetrics?.(...a);
              },
            }
          : {}),
      };
      const inner = placed.client.run(placed.request, guarded);
      runs.set(outer, { client: placed.client, inner, slot: request.slot });
      return outer;
    },

    ...(first.loadHf
      ? {
          loadHf(request: HfLoadRequest, handlers: HfLoadHandlers): number {
            forgetMirror();
            const mine = generation;
            const outer = ++nextId;
            let estimated: number | null = null;
            let loaded: HfModelInfo | null = null;
            const tryMirror = (whenSaved: boolean): void => {
              if (mine !== generation || !loaded || mirroring !== null || mirrored) return;
              if (engineBytes(loaded, estimated) > budget) return;
              // Hub files: wait until they are in Cache Storage, so that `second` reads them
              // from there instead of downloading them again (unless they came from it).
              if (request.source.kind === 'hub' && !whenSaved && !loaded.fromCache) return;
              mirror(request, loaded.key);
            };
            const inner = first.loadHf!(request, {
              onProgress: (progress) => {
                if (progress.size) estimated = progress.size.engineBytes;
                handlers.onProgress(progress);
              },
              onLoaded: (info) => {
                loaded = info;
                // The same checkpoint again (the worker answers from what it holds): so does `second`.
                if (mine === generation && heldBefore?.key === info.key) mirrored = heldBefore;
                handlers.onLoaded(info);
                tryMirror(false);
              },
              onSaved: () => {
                others.delete(outer);
                handlers.onSaved?.();
                tryMirror(true);
              },
              onError: (message, code) => {
                others.delete(outer);
                handlers.onError(message, code);
              },
            });
            others.set(outer, { client: first, inner });
            return outer;
          },
        }
      : {}),

    onBackendLost(listener) {
      first.onBackendLost?.(listener);
      second.onBackendLost?.(listener);
    },

    ...(first.measureImportance
      ? {
          measureImportance(request, handlers) {
            const outer = ++nextId;
            const done = (): boolean => others.delete(outer);
            const inner = first.measureImportance!(request, {
              onProgress: (d, total) => handlers.onProgress(d, total),
              onDone: (result) => {
                done();
                handlers.onDone(result);
              },
              onError: (message) => {
                done();
                handlers.onError(message);
              },
            });
            others.set(outer, { client: first, inner });
            return outer;
          },
        }
      : {}),

    requestTile(query: TileQuery): Promise<TileAnswer> {
      const route = runs.get(query.run);
      if (!route?.client.requestTile)
        return Promise.reject(new Error('This run is no longer kept: run the sentence again'));
      return route.client.requestTile({ ...query, run: route.inner });
    },

    loseWebglContext() {
      first.loseWebglContext?.();
      second.loseWebglContext?.();
    },

    cancel(requestId) {
      const run = runs.get(requestId);
      if (run) {
        runs.delete(requestId);
        if (bySlot.get(run.slot) === requestId) bySlot.delete(run.slot);
        run.client.cancel(run.inner);
        return;
      }
      const other = others.get(requestId);
      if (!other) return;
      others.delete(requestId);
      other.client.cancel(other.inner);
    },

    dispose() {
      runs.clear();
      bySlot.clear();
      others.clear();
      mirrored = null;
      heldBefore = null;
      mirroring = null;
      first.dispose();
      second.dispose();
    },
  };
}
