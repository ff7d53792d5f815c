/**
 * The teaching views' runs: for a sentence, one forward that also returns one head's
 * intermediates (Q, K, V, raw/scaled/masked scores, weights, output) for the chosen kind, layer and
 * head, plus how the model encodes positions (and its learned table, when it has one).
 *
 * These runs go through the same engine client as the sentences but under their own slots
 * ('teach-A', 'teach-B'), so they never supersede the heatmaps' runs. A view asks with
 * `requestTeach(slot)`; nothing runs again while what it would compute is unchanged (its key).
 */
import type { StateCreator } from 'zustand';
import type { HeadIntermediates, PositionalKind } from '../engine/types';
import type { RunExtras, RunSlot } from '../worker/protocol';
import { TRANSLATOR_MAX_TOKENS } from './defaults';
import { getDebounceMs, getEngineClient } from './engineClient';
import { HF_NOT_LOADED, hfRunKey, planHfRun } from './hubSlice';
import { toMaskSpec } from './model';
import { trainedRun } from './trainedRun';
import type { AppState, SentenceSlot } from './types';
import { absoluteUrl } from './urlParams';

/** Rows of a learned position table the views ask for (enough for the plots). */
export const TEACH_POSITION_ROWS = 128;

export interface TeachRun {
  /** What this run computes (see `teachKey`); '' before the first request. */
  key: string;
  state: 'idle' | 'loading' | 'ready' | 'error';
  /** Labels of the intermediates' rows (queries) and columns (keys). */
  rowTokens: string[];
  colTokens: string[];
  /** The chosen head's intermediates; null until ready, or when the model has no such head. */
  intermediates: HeadIntermediates | null;
  positional: PositionalKind | null;
  positionTable: NonNullable<RunExtras['positionTable']> | null;
  error: string | null;
  requestId: number | null;
}

export interface TeachSlice {
  teach: Record<SentenceSlot, TeachRun>;
  /** The query token each sentence's step-by-step view follows (0-based, clamped by the views). */
  teachQuery: Record<SentenceSlot, number>;
  /** Which sentence the step-by-step, √d_k, masks and FlashAttention views use. */
  teachSlot: SentenceSlot;
  setTeachQuery: (slot: SentenceSlot, query: number) => void;
  setTeachSlot: (slot: SentenceSlot) => void;
  /** Runs the sentence for the teaching views (after the debounce pause) unless already done. */
  requestTeach: (slot: SentenceSlot) => void;
}

export const idleTeachRun = (): TeachRun => ({
  key: '',
  state: 'idle',
  rowTokens: [],
  colTokens: [],
  intermediates: null,
  positional: null,
  positionTable: null,
  error: null,
  requestId: null,
});

/** Everything a teaching run depends on, as one string (same key: same numbers). */
export function teachKey(s: AppState, slot: SentenceSlot): string {
  const playground = s.model === 'playground';
  return JSON.stringify([
    s.model,
    playground
      ? s.playground
      : s.model === 'hf'
        ? hfRunKey(s)
        : s.model === 'trained'
          ? (s.trainedModel?.key ?? null)
          : s.translatorUrl,
    playground ? s.mask : null,
    s.backend,
    s.sentences[slot],
    s.kind,
    s.layer,
    s.head,
  ]);
}

const timers = new Map<SentenceSlot, ReturnType<typeof setTimeout>>();

export const createTeachSlice: StateCreator<AppState, [], [], TeachSlice> = (set, get) => {
  const patch = (slot: SentenceSlot, key: string, update: Partial<TeachRun>): void =>
    set((s) => {
      if (s.teach[slot].key !== key) return {}; // stale: a newer request replaced it
      return { teach: { ...s.teach, [slot]: { ...s.teach[slot], ...update } } };
    });

  const start = (slot: SentenceSlot, key: string): void => {
    const s = get();
    if (s.teach[slot].key !== key) return;
    const text = s.sentences[slot];
    if (text.trim() === '') {
      patch(slot, key, { ...idleTeachRun(), key, state: 'ready' }); // nothing to compute
      return;
    }
    const isTranslator = s.model === 'translator';
    const hfPlan = s.model === 'hf' ? planHfRun(s, slot) : null;
    if (hfPlan && !hfPlan.run) {
      const loaded = hfPlan.why === 'pair'; // sentence B rides in A's pair: nothing of its own
      patch(slot, key, {
        ...idleTeachRun(),
        key,
        state: loaded ? 'ready' : 'error',
        error: loaded ? null : HF_NOT_LOADED,
      });
      return;
    }
    const trained = trainedRun(s);
    let rowTokens: string[] = [];
    let colTokens: string[] = [];
    try {
      const client = getEngineClient();
      const requestId = client.run(
        {
          slot: `teach-${slot}` satisfies RunSlot,
          text,
          model: trained
            ? trained.model
            : hfPlan?.run
              ? hfPlan.model
              : isTranslator
                ? { kind: 'translator', url: absoluteUrl(s.translatorUrl) }
                : { kind: 'playground', options: s.playground },
          mask: toMaskSpec(s.mask, s.playground.seed),
          backend: s.backend,
          maxTokens: trained
            ? trained.maxTokens
            : hfPlan?.run
              ? hfPlan.maxTokens
              : isTranslator
                ? TRANSLATOR_MAX_TOKENS
                : s.playground.maxPositions,
          intermediates: { kind: s.kind, layer: s.layer, head: s.head },
          positionRows: TEACH_POSITION_ROWS,
        },
        {
          onTokens: (tokens) => {
            rowTokens = colTokens = tokens.map((t) => t.text);
          },
          onProgress: () => {},
          onTranslation: () => {},
          onStart: (_backend, blocks) => {
            const block = blocks.find((b) => b.kind === s.kind);
            if (block?.rowTokens) rowTokens = block.rowTokens;
            if (block?.colTokens) colTokens = block.colTokens;
          },
          onLayer: () => {},
          onDone: (_masks, _ms, extras) => {
            const inter = extras?.intermediates ?? null;
            patch(slot, key, {
              state: 'ready',
              requestId: null,
              rowTokens,
              colTokens,
              intermediates:
                inter &&
                inter.queryLength === rowTokens.length &&
                inter.keyLength === colTokens.length
                  ? inter
                  : null,
              positional: extras?.positional ?? null,
              positionTable: extras?.positionTable ?? null,
              error: null,
            });
          },
          onError: (message) =>
            patch(slot, key, { state: 'error', requestId: null, error: message }),
        },
      );
      patch(slot, key, { requestId: get().teach[slot].state === 'loading' ? requestId : null });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      patch(slot, key, { state: 'error', error: message });
    }
  };

  return {
    teach: { A: idleTeachRun(), B: idleTeachRun() },
    teachQuery: { A: 1, B: 5 },
    teachSlot: 'A',
    setTeachQuery: (slot, query) =>
      set((s) => ({ teachQuery: { ...s.teachQuery, [slot]: Math.max(0, Math.floor(query)) } })),
    setTeachSlot: (teachSlot) => set({ teachSlot }),
    requestTeach: (slot) => {
      const s = get();
      const key = teachKey(s, slot);
      const current = s.teach[slot];
      if (current.key === key && current.state !== 'error' && current.state !== 'idle') return;
      if (current.requestId !== null) {
        try {
          getEngineClient().cancel(current.requestId);
        } catch {
          // no client: nothing in flight
        }
      }
      // What is shown stays until the new numbers arrive (the views dim it while loading).
      set((st) => ({
        teach: {
          ...st.teach,
          [slot]: { ...st.teach[slot], key, state: 'loading', error: null, requestId: null },
        },
      }));
      const pending = timers.get(slot);
      if (pending) clearTimeout(pending);
      const ms = getDebounceMs();
      if (ms === 0) {
        start(slot, key);
        return;
      }
      timers.set(
        slot,
        setTimeout(() => {
          timers.delete(slot);
          start(slot, key);
        }, ms),
      );
    },
  };
};
