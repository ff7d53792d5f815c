/**
 * Hugging Face checkpoints (BERT family, GPT-2 family): the model id, revision and sentence-pair
 * settings, and the load (by id from the Hub, or from files the user chose), with progress,
 * cancellation and readable errors.
 *
 * A load goes to the engine worker, which keeps the checkpoint; once it has loaded, runs name it
 * by its key (`{ kind: 'hf', key }`). A failed or cancelled load leaves the previous checkpoint
 * (`hub.info`) in place, so what was shown keeps working.
 */
import type { StateCreator } from 'zustand';
import type {
  HfErrorCode,
  HfModelInfo,
  HfProgressInfo,
  HfSourceRequest,
  ModelRequest,
} from '../worker/protocol';
import { emptyRun } from './defaults';
import { getEngineClient } from './engineClient';
import { kindsOf } from './model';
import type { AppState, SentenceRun, SentenceSlot } from './types';
import { pageUrlOptions } from './urlParams';

export const DEFAULT_HUB_REVISION = 'main';

/** One load of a checkpoint (the current one, or the last one). */
export interface HubLoad {
  state: 'idle' | 'loading' | 'ready' | 'error';
  /** Ticket of the live load; answers of any other ticket are ignored. */
  ticket: number;
  /** The engine client's request id while loading (for cancelling). */
  requestId: number | null;
  /** What is (or was last) loaded: the Hub id, or the chosen files' names. */
  label: string;
  source: 'hub' | 'files' | null;
  /** The file arriving now; null before the first byte. */
  progress: HfProgressInfo | null;
  /** What the weights files' headers said before the download; null when the source could not tell. */
  size: NonNullable<HfProgressInfo['size']> | null;
  /** A readable message (it names the file) when state is 'error'. */
  error: string | null;
  code: HfErrorCode | null;
  /** The last load was stopped with Cancel. */
  cancelled: boolean;
  /** The downloaded files are now kept in Cache Storage (written after the model is ready). */
  saved: boolean;
}

export interface HubState {
  /** The model id typed in (e.g. `bert-base-uncased`). */
  id: string;
  /** Branch, tag or commit (default `main`). */
  revision: string;
  /** Hub URL override from `?hub=` (absolute); null for https://huggingface.co. */
  baseUrl: string | null;
  /** Run the two sentences as one pair `[CLS] A [SEP] B [SEP]` (models that read pairs). */
  pair: boolean;
  /**
   * Hugging Face access token for gated and private models: kept in this page's memory only (not
   * in localStorage, not in a share link: `share/snapshot.ts` copies named fields), and sent
   * only to the Hub's origin (or the `?hub=` base URL's) by the loader.
   */
  token: string;
  load: HubLoad;
  /** The checkpoint that runs: the last one loaded (kept when a later load fails). */
  info: HfModelInfo | null;
}

export interface HubSlice {
  hub: HubState;
  setHubId: (id: string) => void;
  setHubRevision: (revision: string) => void;
  /** The access token (session memory only). */
  setHubToken: (token: string) => void;
  /** Sentence-pair mode; re-runs when a checkpoint that reads pairs is in use. */
  setHubPair: (pair: boolean) => void;
  /** Loads `hub.id` at `hub.revision` from the Hub (or `hub.baseUrl`). */
  loadHubModel: () => void;
  /** Loads a checkpoint from files (config.json, tokenizer files, model.safetensors…). */
  loadHubFiles: (files: readonly File[]) => void;
  /** Stops the load in flight; the previous checkpoint stays. */
  cancelHubLoad: () => void;
}

export const IDLE_HUB_LOAD: HubLoad = {
  state: 'idle',
  ticket: 0,
  requestId: null,
  label: '',
  source: null,
  progress: null,
  size: null,
  error: null,
  code: null,
  cancelled: false,
  saved: false,
};

/** Whether sentence B feeds sentence A's run as the second half of a pair. */
export function hubPairActive(s: Pick<AppState, 'model' | 'hub'>): boolean {
  return s.model === 'hf' && s.hub.pair && (s.hub.info?.supportsPairs ?? false);
}

/** What a sentence's run of the Hugging Face checkpoint is: a request, or why there is none. */
export type HfRunPlan =
  | { run: true; model: ModelRequest; maxTokens: number }
  /** 'not-loaded': no checkpoint yet; 'pair': sentence B is part of A's pair run. */
  | { run: false; why: 'not-loaded' | 'pair' };

export const HF_NOT_LOADED = 'No Hugging Face model is loaded yet: type a model id and press Load.';

export function planHfRun(
  s: Pick<AppState, 'model' | 'hub' | 'sentences'>,
  slot: SentenceSlot,
): HfRunPlan {
  const info = s.hub.info;
  if (!info) return { run: false, why: 'not-loaded' };
  const maxTokens = info.maxTokens;
  if (!hubPairActive(s)) return { run: true, model: { kind: 'hf', key: info.key }, maxTokens };
  if (slot === 'B') return { run: false, why: 'pair' };
  const pair = s.sentences.B;
  return {
    run: true,
    model: { kind: 'hf', key: info.key, ...(pair.trim() !== '' ? { pair } : {}) },
    maxTokens,
  };
}

/** The run a sentence shows when its plan does not run. */
export function skippedHfRun(why: 'not-loaded' | 'pair', ticket: number): SentenceRun {
  return why === 'pair'
    ? { ...emptyRun(), ticket }
    : { ...emptyRun(), ticket, state: 'error', error: HF_NOT_LOADED, errorStage: 'load' };
}

/** Everything a Hugging Face run depends on besides text, kind, layer and head (teaching views). */
export function hfRunKey(s: Pick<AppState, 'model' | 'hub' | 'sentences'>): string {
  return JSON.stringify([s.hub.info?.key ?? null, hubPairActive(s) ? s.sentences.B : null]);
}

let lastTicket = 0;

export const createHubSlice: StateCreator<AppState, [], [], HubSlice> = (set, get) => {
  const url = pageUrlOptions();

  const patchLoad = (ticket: number, update: Partial<HubLoad>): void =>
    set((s) =>
      s.hub.load.ticket === ticket ? { hub: { ...s.hub, load: { ...s.hub.load, ...update } } } : {},
    );

  /** Results of another model mean nothing now (tokens are redone too). */
  const forget = (run: SentenceRun): SentenceRun => ({
    ...run,
    blocks: [],
    translation: null,
    error: null,
    errorStage: null,
    elapsedMs: null,
  });

  /** The new checkpoint runs: fit the view to it and run both sentences. */
  const activate = (info: HfModelInfo): void => {
    set((s) => {
      const kinds = kindsOf(info.architecture);
      return {
        kind: kinds.includes(s.kind) ? s.kind : (kinds[0] ?? 'encoder-self'),
        layer: Math.min(s.layer, info.layers - 1),
        head: Math.min(s.head, info.heads - 1),
        hover: null,
        runs: { A: forget(s.runs.A), B: forget(s.runs.B) },
      };
    });
    get().runAll();
  };

  const stopLive = (): void => {
    const { requestId } = get().hub.load;
    if (requestId === null) return;
    try {
      getEngineClient().cancel(requestId);
    } catch {
      // no client: nothing in flight
    }
  };

  const start = (source: HfSourceRequest, label: string): void => {
    stopLive();
    const ticket = ++lastTicket;
    set((s) => ({
      hub: {
        ...s.hub,
        load: { ...IDLE_HUB_LOAD, state: 'loading', ticket, label, source: source.kind },
      },
    }));
    const fail = (message: string, code: HfErrorCode): void =>
      patchLoad(ticket, { state: 'error', requestId: null, error: message, code });
    let requestId: number;
    try {
      const client = getEngineClient();
      if (!client.loadHf) {
        fail('This engine cannot load Hugging Face models.', 'other');
        return;
      }
      requestId = client.loadHf(
        { source, backend: get().backend },
        {
          onProgress: (progress) =>
            patchLoad(ticket, progress.size ? { progress, size: progress.size } : { progress }),
          onLoaded: (info) => {
            if (get().hub.load.ticket !== ticket) return;
            set((s) => ({
              hub: {
                ...s.hub,
                info,
                load: { ...s.hub.load, state: 'ready', requestId: null, label: info.name },
              },
            }));
            if (get().model === 'hf') activate(info);
          },
          onSaved: () => patchLoad(ticket, { saved: true }),
          onError: (message, code) => {
            if (code === 'cancelled') return; // cancelHubLoad has said so already
            fail(message, code);
          },
        },
      );
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error), 'other');
      return;
    }
    // A fake client may have answered synchronously: keep the id only while loading.
    set((s) =>
      s.hub.load.ticket === ticket && s.hub.load.state === 'loading'
        ? { hub: { ...s.hub, load: { ...s.hub.load, requestId } } }
        : {},
    );
  };

  return {
    hub: {
      id: url.hfId ?? '',
      revision: DEFAULT_HUB_REVISION,
      baseUrl: url.hubBaseUrl ?? null,
      pair: false,
      token: '',
      load: IDLE_HUB_LOAD,
      info: null,
    },
    setHubId: (id) => set((s) => ({ hub: { ...s.hub, id } })),
    setHubRevision: (revision) => set((s) => ({ hub: { ...s.hub, revision } })),
    setHubToken: (token) => set((s) => ({ hub: { ...s.hub, token } })),
    setHubPair: (pair) => {
      const s = get();
      if (s.hub.pair === pair) return;
      set({ hub: { ...s.hub, pair } });
      if (s.model === 'hf' && s.hub.info?.supportsPairs) get().runAll();
    },
    loadHubModel: () => {
      const { id, revision, baseUrl, token } = get().hub;
      const name = id.trim();
      if (name === '') return;
      start(
        {
          kind: 'hub',
          id: name,
          revision: revision.trim() || DEFAULT_HUB_REVISION,
          ...(baseUrl ? { baseUrl } : {}),
          ...(token.trim() ? { token: token.trim() } : {}),
        },
        name,
      );
    },
    loadHubFiles: (files) => {
      if (files.length === 0) return;
      start({ kind: 'files', files: [...files] }, files.map((f) => f.name).join(', '));
    },
    cancelHubLoad: () => {
      const { load } = get().hub;
      if (load.state !== 'loading') return;
      stopLive();
      patchLoad(load.ticket, {
        ...IDLE_HUB_LOAD,
        ticket: ++lastTicket, // late answers of the cancelled load are ignored
        cancelled: true,
        label: load.label,
        source: load.source,
      });
    },
  };
};
