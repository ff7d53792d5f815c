import type { StateCreator } from 'zustand';
import { emptyRun } from './defaults';
import type { EngineClient } from '../worker/client';
import { getEngineClient } from './engineClient';
import { toMaskSpec } from './model';
import { cancelScheduled } from './scheduler';
import type { AppState, BlockResult, RunSlice, SentenceRun, SentenceSlot } from './types';

let lastTicket = 0;

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

  const runSentence = (slot: SentenceSlot): void => {
    cancelScheduled(slot);
    const s = get();
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
        runs: { ...st.runs, [slot]: { ...st.runs[slot], ticket, state: 'error', error: message } },
      }));
      return;
    }
    if (previous.requestId !== null && previous.state === 'loading')
      client.cancel(previous.requestId);

    if (text.trim() === '') {
      set((st) => ({ runs: { ...st.runs, [slot]: { ...emptyRun(), ticket } } }));
      return;
    }

    set((st) => ({
      runs: {
        ...st.runs,
        [slot]: {
          ...st.runs[slot],
          ticket,
          requestId: null,
          state: 'loading',
          error: null,
          elapsedMs: null,
        },
      },
    }));

    const requestId = client.run(
      {
        slot,
        text,
        model: s.playground,
        mask: toMaskSpec(s.mask, s.playground.seed),
        backend: s.backend,
        maxTokens: s.playground.maxPositions,
      },
      {
        onTokens: (tokens, totalTokens, dropped, maxTokens) =>
          patchRun(slot, ticket, (run) => ({
            tokens,
            totalTokens,
            dropped,
            maxTokens,
            // Nothing to draw for an input without tokens (only spaces or control characters).
            state: tokens.length === 0 ? 'empty' : run.state,
            blocks: tokens.length === 0 ? [] : run.blocks,
          })),
        onStart: (backendStatus, blocks) => {
          if (get().runs[slot].ticket !== ticket) return;
          set({ backendStatus });
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
        onDone: (masks, elapsedMs) =>
          patchRun(slot, ticket, (run) => ({
            state: run.tokens.length === 0 ? 'empty' : 'ready',
            requestId: null,
            elapsedMs,
            blocks: run.blocks.map((b) => ({
              ...b,
              mask: masks.find((m) => m.kind === b.kind)?.mask ?? b.mask,
            })),
          })),
        onError: (message) =>
          patchRun(slot, ticket, () => ({ state: 'error', requestId: null, error: message })),
      },
    );
    // The client may have answered synchronously (a fake in tests): keep the id only while live.
    patchRun(slot, ticket, (run) => ({ requestId: run.state === 'loading' ? requestId : null }));
  };

  const markPending = (slot: SentenceSlot): void => {
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
        [slot]: { ...st.runs[slot], ticket, requestId: null, state: 'loading', error: null },
      },
    }));
  };

  return {
    runs: { A: emptyRun(), B: emptyRun() },
    runSentence,
    markPending,
    runAll: () => {
      runSentence('A');
      runSentence('B');
    },
  };
};
