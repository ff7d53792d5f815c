/**
 * Attention computed elsewhere: an attention file opened as sentence A's result (issue 14, item 3).
 *
 * Opening reads the file's header (or its whole JSON) through the lazily loaded reader
 * (src/loader/attention-file), keeps the run of sentence A aside, and puts a run built from the
 * file in its place: the same `BlockResult`s the engine streams, with every layer `null` until it
 * is read. Layers are read through `Blob.slice` when asked for (`ensureAttentionLayer`, called for
 * the layer the views show), and all of them in the background when the file's weights fit
 * ATTENTION_FILE_BUDGET_BYTES as float32; past that budget the layers read least recently are
 * dropped again. While a file is open, sentence A does not run (its model stays chosen, for
 * sentence B and for when the file is closed). A refused file (or a refused layer) leaves the model
 * that was open as it was and says why.
 */
import type { StateCreator } from 'zustand';
import type { AttentionKind } from '../engine';
import type { AttentionFile } from '../loader/attention-file';
import { emptyRun } from './defaults';
import { getEngineClient } from './engineClient';
import type { AppState, BlockResult, SentenceRun } from './types';

/** Float32 bytes of attention layers kept in memory at once (256 MiB). */
export const ATTENTION_FILE_BUDGET_BYTES = 256 * 1024 * 1024;

let budgetBytes = ATTENTION_FILE_BUDGET_BYTES;

/** Sets the budget (tests make it small to see layers read on demand and let go); returns the old. */
export function setAttentionFileBudget(bytes: number): number {
  const old = budgetBytes;
  budgetBytes = bytes;
  return old;
}

/** What the page shows of the open attention file. */
export interface AttentionFileInfo {
  /** The file's name. */
  name: string;
  /** The model id the file names (its `model`), else its name. */
  model: string;
  form: 'json' | 'safetensors';
  /** Size of the file in bytes. */
  size: number;
  /** The blocks it holds, in the order the views list them (a stable array). */
  kinds: readonly AttentionKind[];
  /** Layers and heads of each kind. */
  shapes: Readonly<Partial<Record<AttentionKind, { layers: number; heads: number }>>>;
}

export interface AttentionFileSlice {
  /** The open attention file, shown as sentence A's result; null when none is open. */
  attentionFile: AttentionFileInfo | null;
  /** True while a file is being opened. */
  attentionFileOpening: boolean;
  /** Why the last file (or one of its layers) was refused; null otherwise. */
  attentionFileError: string | null;
  /** Opens a file as sentence A's result; resolves when it is open or refused. */
  openAttentionFile: (file: Blob, name: string) => Promise<void>;
  /** Closes the file: sentence A runs the model that was open before. */
  closeAttentionFile: () => void;
  /** Reads one layer of the open file into sentence A's run, if it is not there yet. */
  ensureAttentionLayer: (kind: AttentionKind, layer: number) => void;
  dismissAttentionFileError: () => void;
}

/** The reader's handle and what opening replaced (module state: not plain data for the store). */
let reader: AttentionFile | null = null;
let saved: { run: SentenceRun; sentence: string } | null = null;
/** Layers being read or held, most recently used last: `${kind}:${layer}`. */
const pending = new Set<string>();
let held: string[] = [];
/** Bumped by every open and close: reads of an older file are dropped. */
let generation = 0;
/** Tickets of file runs: negative, so no engine run ever matches them. */
let fileTicket = 0;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const createAttentionFileSlice: StateCreator<AppState, [], [], AttentionFileSlice> = (
  set,
  get,
) => {
  const budgetLayers = (file: AttentionFile): number => {
    const biggest = Math.max(...file.blocks.map((b) => b.layerBytes));
    return Math.max(1, Math.floor(budgetBytes / biggest));
  };

  /** Puts layer data into sentence A's run (or takes it out, with null). */
  const putLayer = (kind: AttentionKind, layer: number, data: Float32Array | null): void =>
    set((s) => {
      const run = s.runs.A;
      return {
        runs: {
          ...s.runs,
          A: {
            ...run,
            blocks: run.blocks.map((b) => {
              if (b.kind !== kind) return b;
              const next = b.data.slice();
              next[layer] = data;
              return { ...b, data: next };
            }),
          },
        },
      };
    });

  const readLayer = async (kind: AttentionKind, layer: number): Promise<void> => {
    const file = reader;
    const key = `${kind}:${layer}`;
    if (!file || pending.has(key)) {
      if (pending.has(key)) held = [...held.filter((k) => k !== key), key];
      return;
    }
    const mine = generation;
    pending.add(key);
    held = [...held.filter((k) => k !== key), key];
    try {
      const data = await file.readLayer(kind, layer);
      if (mine !== generation) return;
      putLayer(kind, layer, data);
      // Over the budget: drop the layers read least recently.
      while (held.length > budgetLayers(file)) {
        const old = held.shift()!;
        pending.delete(old);
        const [k, l] = old.split(':') as [AttentionKind, string];
        putLayer(k, Number(l), null);
      }
    } catch (error) {
      if (mine !== generation) return;
      // A layer that fails its checks refuses the whole file: back to the model that was open.
      get().closeAttentionFile();
      set({ attentionFileError: errorMessage(error) });
    }
  };

  /** Reads every layer in the background, the shown one first, when they all fit the budget. */
  const prefetch = async (file: AttentionFile): Promise<void> => {
    const total = file.blocks.reduce((n, b) => n + b.layers * b.layerBytes, 0);
    const mine = generation;
    const s = get();
    const first = file.blocks.find((b) => b.kind === s.kind) ?? file.blocks[0]!;
    await readLayer(first.kind, Math.min(s.layer, first.layers - 1));
    if (total > budgetBytes) return;
    for (const b of file.blocks)
      for (let l = 0; l < b.layers; l++) {
        if (mine !== generation) return;
        await readLayer(b.kind, l);
      }
  };

  return {
    attentionFile: null,
    attentionFileOpening: false,
    attentionFileError: null,
    dismissAttentionFileError: () => set({ attentionFileError: null }),

    openAttentionFile: async (blob, name) => {
      set({ attentionFileOpening: true, attentionFileError: null });
      let file: AttentionFile;
      try {
        const { openAttentionFile } = await import('../loader/attention-file');
        file = await openAttentionFile(blob, name);
      } catch (error) {
        // Refused: whatever was open (a model, or an earlier file) stays as it was.
        set({ attentionFileOpening: false, attentionFileError: errorMessage(error) });
        return;
      }
      const s = get();
      // A file replacing a file keeps the run that was there before the first one.
      if (!s.attentionFile) {
        const run = s.runs.A;
        if (run.requestId !== null && run.state === 'loading') {
          try {
            getEngineClient().cancel(run.requestId);
          } catch {
            // no client: nothing in flight
          }
        }
        saved = { run: { ...get().runs.A, requestId: null }, sentence: s.sentences.A };
      }
      generation++;
      pending.clear();
      held = [];
      reader = file;
      const tokenTexts = file.tokens.map((t) => t.text);
      const same = (a: readonly string[]) =>
        a.length === tokenTexts.length && a.every((t, i) => t === tokenTexts[i]);
      const blocks: BlockResult[] = file.blocks.map((b) => ({
        kind: b.kind,
        layers: b.layers,
        heads: b.heads,
        queryLength: b.queryLength,
        keyLength: b.keyLength,
        ...(same(b.queryTokens) ? {} : { rowTokens: b.queryTokens }),
        ...(same(b.keyTokens) ? {} : { colTokens: b.keyTokens }),
        data: new Array<Float32Array | null>(b.layers).fill(null),
        mask: b.mask,
        layerMasks: null,
      }));
      const run: SentenceRun = {
        ...emptyRun(),
        ticket: --fileTicket,
        state: 'ready',
        tokens: file.tokens,
        totalTokens: file.tokens.length,
        maxTokens: file.tokens.length,
        blocks,
      };
      const kinds = blocks.map((b) => b.kind);
      const shapes: AttentionFileInfo['shapes'] = Object.fromEntries(
        blocks.map((b) => [b.kind, { layers: b.layers, heads: b.heads }]),
      );
      const kind = kinds.includes(s.kind) ? s.kind : kinds[0]!;
      const shape = shapes[kind]!;
      set((st) => ({
        attentionFileOpening: false,
        attentionFile: {
          name: file.name,
          model: file.model,
          form: file.form,
          size: blob.size,
          kinds,
          shapes,
        },
        sentences: { ...st.sentences, A: file.text },
        runs: { ...st.runs, A: run },
        kind,
        layer: Math.min(st.layer, shape.layers - 1),
        head: Math.min(st.head, shape.heads - 1),
        hover: null,
      }));
      void prefetch(file);
    },

    closeAttentionFile: () => {
      if (!get().attentionFile) return;
      generation++;
      pending.clear();
      held = [];
      reader = null;
      const back = saved;
      saved = null;
      set((st) => ({
        attentionFile: null,
        attentionFileError: null,
        sentences: back ? { ...st.sentences, A: back.sentence } : st.sentences,
        runs: { ...st.runs, A: back?.run ?? emptyRun() },
        hover: null,
      }));
      // The run kept aside may be stale (the model may have changed): run sentence A again.
      get().runSentence('A');
    },

    ensureAttentionLayer: (kind, layer) => {
      const file = reader;
      if (!file) return;
      const block = get().runs.A.blocks.find((b) => b.kind === kind);
      if (!block || layer < 0 || layer >= block.layers) return;
      if (block.data[layer]) {
        held = [...held.filter((k) => k !== `${kind}:${layer}`), `${kind}:${layer}`];
        return;
      }
      void readLayer(kind, layer);
    },
  };
};
