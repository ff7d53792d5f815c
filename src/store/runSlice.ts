import type { StateCreator } from 'zustand';
import { ablationForRun, pruneToBlocks } from './ablationSlice';
import { emptyRun, TRANSLATOR_MAX_TOKENS } from './defaults';
import type { EngineClient } from '../worker/client';
import type { ModelRequest } from '../worker/protocol';
import { getEngineClient } from './engineClient';
import { maskForRun } from './fillerSlice';
import { planHfRun, skippedHfRun } from './hubSlice';
import { toMaskSpec, viewChoices } from './model';
import { cancelScheduled } from './scheduler';
import { trainedRun } from './trainedRun';
import type {
  AppState,
  BlockResult,
  RunSlice,
  SentenceRun,
  SentenceSlot,
  TranslatorLoad,
} from './types';
import { absoluteUrl } from './urlParams';
import { onDemandThreshold, requestAttentionTile } from './attentionTiles';

let lastTicket = 0;
/** Sentence runs posted to the engine since the page opened (debounced edits post none). */
let runsPosted = 0;

/** How many sentence runs reached the engine: the stress test checks edits coalesce. */
export function sentenceRunsPosted(): number {
  return runsPosted;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => {
  /** Applies `update` to the slot's run, but only while `ticket` is still its live run. */
  const patchRun = (
    slot: SentenceSlot,
    ticket: number,
    update: (run: SentenceRun) => Partial<SentenceRun>,
  ): void => {
    set((s) => {
      const run = s.runs[slot];
      if (run.ticket !== ticket) return {}; // stale: a newer run replaced this one
      return { runs: { ...s.runs, [slot]: { ...run, ...update(run) } } };
    });
  };

  /** Updates the translator's download state, from the live run of `slot` only. */
  const patchLoad = (
    slot: SentenceSlot,
    ticket: number,
    url: string,
    update: Partial<TranslatorLoad>,
  ): void => {
    set((s) => {
      if (s.runs[slot].ticket !== ticket || s.translatorLoad.url !== url) return {};
      return { translatorLoad: { ...s.translatorLoad, ...update } };
    });
  };

  const runSentence = (slot: SentenceSlot): void => {
    cancelScheduled(slot);
    const s = get();
    // An open attention file is sentence A's result: nothing runs over it until it is closed.
    if (slot === 'A' && s.attentionFile) return;
    const previous = s.runs[slot];
    const ticket = ++lastTicket;
    const text = s.sentences[slot];
    let client: EngineClient;
    try {
      client = getEngineClient();
    } catch (error) {
      // No Worker in this browser, or it could not start: say so on the page.
      const message = error instanceof Error ? error.message : String(error);
      set((st) => ({
        runs: {
          ...st.runs,
          [slot]: { ...st.runs[slot], ticket, state: 'error', error: message, errorStage: 'run' },
        },
      }));
      return;
    }
    if (previous.requestId !== null && previous.state === 'loading')
      client.cancel(previous.requestId);
    // A masked token of another text, pair or model is forgotten; a current one is sent as maskAt.
    const { maskAt, stale } = maskForRun(s, slot);
    if (stale) set((st) => ({ maskedTokens: { ...st.maskedTokens, [slot]: null } }));

    if (text.trim() === '') {
      set((st) => ({ runs: { ...st.runs, [slot]: { ...emptyRun(), ticket } } }));
      return;
    }
    // A Hugging Face checkpoint: none loaded yet, or sentence B rides in A's sentence pair.
    const hfPlan = s.model === 'hf' ? planHfRun(s, slot) : null;
    if (hfPlan && !hfPlan.run) {
      set((st) => ({ runs: { ...st.runs, [slot]: skippedHfRun(hfPlan.why, ticket) } }));
      return;
    }
    // Switched-off heads of this model (those of another model, or that it lacks, are dropped).
    const ablation = ablationForRun(s);
    if (ablation.changed)
      set((st) => ({
        ablation: { ...st.ablation, heads: ablation.heads },
        ablationModel: ablation.model,
      }));

    set((st) => ({
      runs: {
        ...st.runs,
        [slot]: {
          ...st.runs[slot],
          ticket,
          requestId: null,
          state: 'loading',
          error: null,
          errorStage: null,
          elapsedMs: null,
        },
      },
    }));

    const isTranslator = s.model === 'translator';
    const url = s.translatorUrl;
    const trained = trainedRun(s);
    const model: ModelRequest = hfPlan?.run
      ? hfPlan.model
      : trained
        ? trained.model
        : isTranslator
          ? { kind: 'translator', url: absoluteUrl(url) }
          : { kind: 'playground', options: s.playground };
    // The worker downloads the translator once per URL; until a run has said it is ready, show it
    // as loading (a failed download is tried again by the next run).
    if (
      isTranslator &&
      (s.translatorLoad.url !== url ||
        s.translatorLoad.state === 'idle' ||
        s.translatorLoad.state === 'error')
    )
      set({
        translatorLoad: {
          url,
          state: 'loading',
          file: null,
          loadedBytes: 0,
          totalBytes: null,
          error: null,
        },
      });

    runsPosted++;
    /** This run's request id, once client.run has returned it (on-demand tiles name it). */
    let runId: number | null = null;
    /** Whether this run sent predictions (or why not): a run that did not clears the old ones. */
    let predicted = false;
    const requestId = client.run(
      {
        slot,
        text,
        model,
        mask: toMaskSpec(s.mask, s.playground.seed),
        backend: s.backend,
        maxTokens: trained
          ? trained.maxTokens
          : hfPlan?.run
            ? hfPlan.maxTokens
            : isTranslator
              ? TRANSLATOR_MAX_TOKENS
              : s.playground.maxPositions,
        ...(hfPlan?.run && maskAt !== null ? { maskAt } : {}),
        // Value-weighted attention (the Show choice) needs each head's value norms.
        ...(s.weighting === 'value' ? { valueNorms: true } : {}),
        // Long inputs of Hugging Face checkpoints: the worker keeps the attention, the page asks.
        ...(hfPlan?.run ? { onDemandAbove: onDemandThreshold() } : {}),
        ...(ablation.request ? { ablation: ablation.request } : {}),
      },
      {
        onTokens: (tokens, totalTokens, dropped, maxTokens) => {
          // The translator sends tokens once its vocabulary (and weights) are in.
          if (isTranslator) patchLoad(slot, ticket, url, { state: 'ready', error: null });
          // A masked token past the tokens (cut by the length limit) masks nothing: forget it.
          if (maskAt !== null && maskAt >= tokens.length && get().runs[slot].ticket === ticket)
            set((st) => ({ maskedTokens: { ...st.maskedTokens, [slot]: null } }));
          patchRun(slot, ticket, (run) => ({
            tokens,
            totalTokens,
            dropped,
            maxTokens,
            // Nothing to draw for an input without tokens (only spaces or control characters).
            state: tokens.length === 0 ? 'empty' : run.state,
            blocks: tokens.length === 0 ? [] : run.blocks,
            translation: tokens.length === 0 ? null : run.translation,
            predictions: tokens.length === 0 ? null : run.predictions,
            predictionsUnavailable: tokens.length === 0 ? null : run.predictionsUnavailable,
          }));
        },
        onProgress: (file, loadedBytes, totalBytes) =>
          patchLoad(slot, ticket, url, { state: 'loading', file, loadedBytes, totalBytes }),
        onTranslation: (text, targetTokens, finished) =>
          patchRun(slot, ticket, () => ({ translation: { text, targetTokens, finished } })),
        onStart: (backendStatus, blocks, translator) => {
          if (get().runs[slot].ticket !== ticket) return;
          get().onBackendStatus(backendStatus);
          // The model's blocks are known now: heads it does not have cannot stay switched off.
          const pruned = pruneToBlocks(get(), blocks);
          if (pruned) set(pruned);
          if (translator && get().model === 'translator') {
            // Now the real depth and width are known: keep the selection inside them.
            set((st) => {
              const choices = viewChoices({ ...st, translatorInfo: translator });
              return {
                translatorInfo: translator,
                layer: Math.min(st.layer, choices.layers - 1),
                head: Math.min(st.head, choices.heads - 1),
              };
            });
          }
          patchRun(slot, ticket, () => ({
            blocks: blocks.map((b): BlockResult => ({
              ...b,
              data: new Array<Float32Array | null>(b.layers).fill(null),
              mask: null,
            })),
          }));
        },
        onLayer: (layer) =>
          patchRun(slot, ticket, (run) => ({
            blocks: run.blocks.map((b) => {
              if (b.kind !== layer.kind || layer.layer < 0 || layer.layer >= b.layers) return b;
              const data = b.data.slice();
              data[layer.layer] = layer.weights;
              return { ...b, data };
            }),
          })),
        onRunProgress: (kind, layersDone) =>
          patchRun(slot, ticket, (run) => ({
            blocks: run.blocks.map((b) => (b.kind === kind ? { ...b, layersDone } : b)),
          })),
        onHeadMetrics: (kind, headMetrics) =>
          patchRun(slot, ticket, (run) => ({
            blocks: run.blocks.map((b) => (b.kind === kind ? { ...b, headMetrics } : b)),
          })),
        onPredictions: (predictions, reason) => {
          predicted = true;
          patchRun(slot, ticket, () => ({
            predictions,
            predictionsUnavailable: predictions ? null : (reason ?? null),
          }));
        },
        onDone: (masks, elapsedMs, extras) =>
          patchRun(slot, ticket, (run) => ({
            state: run.tokens.length === 0 ? 'empty' : 'ready',
            requestId: null,
            attentionRun: run.blocks.some((b) => b.onDemand) ? runId : null,
            elapsedMs,
            // A model that does not predict (another model now) leaves no stale predictions.
            ...(predicted ? {} : { predictions: null, predictionsUnavailable: null }),
            blocks: run.blocks.map((b) => {
              const used = masks.find((m) => m.kind === b.kind);
              return {
                ...b,
                // Done: a later run's bar must not start from this one's count.
                ...(b.onDemand ? { layersDone: b.layers } : {}),
                mask: used?.mask ?? b.mask,
                layerMasks: used?.layerMasks ?? null,
                valueNorms: extras?.valueNorms?.find((v) => v.kind === b.kind)?.norms ?? null,
              };
            }),
          })),
        onError: (message, stage = 'run') => {
          if (stage === 'load' && isTranslator)
            patchLoad(slot, ticket, url, { state: 'error', error: message });
          patchRun(slot, ticket, () => ({
            state: 'error',
            requestId: null,
            error: message,
            errorStage: stage,
            predictions: null,
            predictionsUnavailable: null,
          }));
        },
      },
    );
    runId = requestId;
    // The client may have answered synchronously (a fake in tests): keep the id only while live.
    patchRun(slot, ticket, (run) => ({ requestId: run.state === 'loading' ? requestId : null }));
  };

  const markPending = (slot: SentenceSlot): void => {
    if (slot === 'A' && get().attentionFile) return;
    const run = get().runs[slot];
    if (run.requestId !== null) {
      try {
        getEngineClient().cancel(run.requestId);
      } catch {
        // no client: nothing in flight
      }
    }
    const ticket = ++lastTicket;
    // What is shown stays (dimmed) until the new run arrives; its late messages are ignored.
    set((st) => ({
      runs: {
        ...st.runs,
        [slot]: {
          ...st.runs[slot],
          ticket,
          requestId: null,
          state: 'loading',
          error: null,
          errorStage: null,
        },
      },
    }));
  };

  return {
    runs: { A: emptyRun(), B: emptyRun() },
    runSentence,
    markPending,
    requestAttentionTile: (req) => requestAttentionTile(get, req),
    runAll: () => {
      runSentence('A');
      runSentence('B');
    },
  };
};
