/**
 * Measured head importance (issue 16): for one sentence, the engine switches every head off in
 * turn (one forward each) and ranks the heads by how much the output changed. The rankings are
 * kept per input (text, model, ablation mode, masked token), so coming back to an input shows its
 * ranking at once; cancelling a measurement keeps the ranking shown before it.
 */
import type { StateCreator } from 'zustand';
import { importanceKey } from '../analysis/headRanking';
import type { ImportanceRequest, ImportanceResult, ModelRequest } from '../worker/protocol';
import { TRANSLATOR_MAX_TOKENS } from './defaults';
import { getEngineClient } from './engineClient';
import { maskForRun } from './fillerSlice';
import { planHfRun } from './hubSlice';
import type { AppState, SentenceSlot } from './types';
import { absoluteUrl } from './urlParams';

/** How many measured inputs are remembered (the oldest is forgotten first). */
export const IMPORTANCE_CACHE_SIZE = 16;

/** Why a measurement could not give a ranking. */
export type ImportanceError =
  /** The worker's reason (e.g. a model without an output, nothing masked, a failed run). */
  | { kind: 'worker'; message: string }
  /** This engine client cannot measure (no `measureImportance`). */
  | { kind: 'unsupported' };

/** A measurement under way. */
export interface ImportanceMeasure {
  /** The input being measured (`importanceKey`). */
  key: string;
  slot: SentenceSlot;
  /** The engine client's id (for cancel); null until the client answered. */
  requestId: number | null;
  /** Heads measured so far, of `total` (0 of 0 until the first progress). */
  done: number;
  total: number;
}

export interface ImportanceSlice {
  /** Rankings by input key (`importanceKey`), oldest first. */
  importanceResults: Record<string, ImportanceResult>;
  /** The last measurement's failure by input key (cleared when it is measured again). */
  importanceErrors: Record<string, ImportanceError>;
  /** The measurement under way, or null. */
  importanceMeasure: ImportanceMeasure | null;
  /** Measures every head of the sentence's current input (cancelling one under way). */
  measureImportance: (slot: SentenceSlot) => void;
  /** Stops the measurement under way; the ranking shown before it stays. */
  cancelImportance: () => void;
}

/** What a measurement of the sentence would send, or why there is nothing to measure. */
export type ImportancePlan =
  | { ok: true; key: string; request: ImportanceRequest }
  | { ok: false; why: 'empty' | 'not-loaded' | 'pair' };

type PlanSource = Pick<
  AppState,
  | 'sentences'
  | 'model'
  | 'hub'
  | 'translatorUrl'
  | 'playground'
  | 'backend'
  | 'maskedTokens'
  | 'runs'
  | 'ablation'
> &
  Partial<Pick<AppState, 'trainedModel'>>;

/** The request a measurement of `slot` sends (built as the sentence's run request is). */
export function planImportance(s: PlanSource, slot: SentenceSlot): ImportancePlan {
  const text = s.sentences[slot];
  if (text.trim() === '') return { ok: false, why: 'empty' };
  let model: ModelRequest;
  let maxTokens: number;
  let maskAt: number | null = null;
  if (s.model === 'hf') {
    const plan = planHfRun(s, slot);
    if (!plan.run) return { ok: false, why: plan.why };
    model = plan.model;
    maxTokens = plan.maxTokens;
    maskAt = maskForRun(s, slot).maskAt;
  } else if (s.model === 'trained' && s.trainedModel) {
    // The worker answers why it is not measured (no output distribution to compare).
    model = { kind: 'trained', model: s.trainedModel };
    maxTokens = s.trainedModel.length;
  } else if (s.model === 'translator') {
    model = { kind: 'translator', url: absoluteUrl(s.translatorUrl) };
    maxTokens = TRANSLATOR_MAX_TOKENS;
  } else {
    model = { kind: 'playground', options: s.playground };
    maxTokens = s.playground.maxPositions;
  }
  // Heads are switched off as the page's "switch heads off" mode says (zero or mean).
  const mode = s.ablation.mode;
  const request: ImportanceRequest = {
    slot,
    text,
    model,
    backend: s.backend,
    maxTokens,
    mode,
    ...(maskAt !== null ? { maskAt } : {}),
  };
  return { ok: true, key: importanceKey({ text, model, mode, maskAt }), request };
}

/** Adds a ranking, forgetting the oldest beyond IMPORTANCE_CACHE_SIZE. */
function remember(
  cache: Record<string, ImportanceResult>,
  key: string,
  result: ImportanceResult,
): Record<string, ImportanceResult> {
  const rest = Object.entries(cache).filter(([k]) => k !== key);
  const kept = rest.slice(Math.max(0, rest.length - (IMPORTANCE_CACHE_SIZE - 1)));
  return Object.fromEntries([...kept, [key, result]]);
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

let lastTicket = 0;

export const createImportanceSlice: StateCreator<AppState, [], [], ImportanceSlice> = (
  set,
  get,
) => {
  /** The ticket of the live measurement; answers of any other are ignored. */
  let live = 0;

  const stop = (): void => {
    const measure = get().importanceMeasure;
    live = 0;
    if (measure?.requestId != null) {
      try {
        getEngineClient().cancel(measure.requestId);
      } catch {
        // no client: nothing in flight
      }
    }
  };

  return {
    importanceResults: {},
    importanceErrors: {},
    importanceMeasure: null,
    measureImportance: (slot) => {
      const plan = planImportance(get(), slot);
      if (!plan.ok) return;
      stop();
      const { key, request } = plan;
      const fail = (error: ImportanceError): void =>
        set((s) => ({
          importanceMeasure: null,
          importanceErrors: { ...s.importanceErrors, [key]: error },
        }));
      let client;
      try {
        client = getEngineClient();
      } catch (error) {
        fail({ kind: 'worker', message: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (!client.measureImportance) {
        fail({ kind: 'unsupported' });
        return;
      }
      const ticket = ++lastTicket;
      live = ticket;
      set((s) => ({
        importanceMeasure: { key, slot, requestId: null, done: 0, total: 0 },
        importanceErrors: without(s.importanceErrors, key),
      }));
      const requestId = client.measureImportance(request, {
        onProgress: (done, total) => {
          if (live !== ticket) return;
          set((s) =>
            s.importanceMeasure
              ? { importanceMeasure: { ...s.importanceMeasure, done, total } }
              : {},
          );
        },
        onDone: (result) => {
          if (live !== ticket) return;
          live = 0;
          set((s) => ({
            importanceMeasure: null,
            importanceResults: remember(s.importanceResults, key, result),
          }));
        },
        onError: (message) => {
          if (live !== ticket) return;
          live = 0;
          fail({ kind: 'worker', message });
        },
      });
      // The client may have answered synchronously (a fake in tests): keep the id only while live.
      if (live === ticket)
        set((s) =>
          s.importanceMeasure ? { importanceMeasure: { ...s.importanceMeasure, requestId } } : {},
        );
    },
    cancelImportance: () => {
      if (!get().importanceMeasure) return;
      stop();
      set({ importanceMeasure: null });
    },
  };
};

/** What the head-importance panel shows for a sentence (for `useShallow`). */
export interface ImportancePanelSource {
  /** The current input's key, or null when there is nothing to measure. */
  key: string | null;
  /** Why there is nothing to measure (when key is null). */
  why: 'empty' | 'not-loaded' | 'pair' | null;
  /** The current input's ranking, if measured. */
  result: ImportanceResult | null;
  /** Why the current input's last measurement failed. */
  error: ImportanceError | null;
  /** The measurement under way (of this input or another), or null. */
  measure: ImportanceMeasure | null;
  /** Whether the measurement under way is of this input. */
  measuringThis: boolean;
}

/** The head-importance panel's view of sentence `slot`. */
export const selectImportancePanel =
  (slot: SentenceSlot) =>
  (s: AppState): ImportancePanelSource => {
    const plan = planImportance(s, slot);
    const key = plan.ok ? plan.key : null;
    const measure = s.importanceMeasure;
    return {
      key,
      why: plan.ok ? null : plan.why,
      result: key !== null ? (s.importanceResults[key] ?? null) : null,
      error: key !== null ? (s.importanceErrors[key] ?? null) : null,
      measure,
      measuringThis: measure !== null && measure.key === key,
    };
  };
