import type { AttentionKind, BackendName, MaskMatrix, PlaygroundOptions, Token } from '../engine';
import type { Language } from '../i18n/language';
import type { BackendStatus, SentenceSlot } from '../worker/protocol';

export type { SentenceSlot };

/** 'empty': no tokens · 'loading': a run is under way · 'ready': done · 'error': it failed. */
export type RunState = 'empty' | 'loading' | 'ready' | 'error';

/** One attention block of a run (e.g. encoder self-attention), filled layer by layer as it streams. */
export interface BlockResult {
  kind: AttentionKind;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  /** Per layer: row-major [heads][queryLength][keyLength], or null until that layer arrives. */
  data: (Float32Array | null)[];
  /** The mask the block used, known when the run is done. */
  mask: MaskMatrix | null;
}

export interface SentenceRun {
  /** Ticket of the live run; messages of any other ticket are ignored. */
  ticket: number;
  /** The engine client's request id, for cancelling. */
  requestId: number | null;
  state: RunState;
  tokens: Token[];
  /** Tokens before truncation. */
  totalTokens: number;
  dropped: number;
  /** The limit that applied to the last run. */
  maxTokens: number;
  blocks: BlockResult[];
  /** A readable message (never a stack) when state is 'error'. */
  error: string | null;
  elapsedMs: number | null;
}

export type MaskChoice = 'none' | 'causal' | 'window' | 'dilated' | 'global-window' | 'bigbird';

/** The mask recipe the playground applies to self-attention. */
export interface MaskSettings {
  kind: MaskChoice;
  /** Window radius (window, dilated, global-window, bigbird). */
  radius: number;
  /** Step of the dilated window. */
  dilation: number;
}

export interface HoverCell {
  slot: SentenceSlot;
  query: number;
  key: number;
}

export interface InputSlice {
  sentences: Record<SentenceSlot, string>;
  language: Language;
  /** Sets the text and re-runs that sentence after a short pause in typing. */
  setSentence: (slot: SentenceSlot, text: string) => void;
  setLanguage: (language: Language) => void;
}

export interface ModelSlice {
  /** The playground model (seeded random weights). */
  playground: PlaygroundOptions;
  mask: MaskSettings;
  /** The backend the user asked for. */
  backend: BackendName;
  /** The backend that really runs, once the engine has started. */
  backendStatus: BackendStatus | null;
  /** Changes the model (normalized so heads divide d_model) and re-runs both sentences. */
  setPlayground: (patch: Partial<PlaygroundOptions>) => void;
  setMask: (patch: Partial<MaskSettings>) => void;
  setBackend: (backend: BackendName) => void;
}

export interface RunSlice {
  runs: Record<SentenceSlot, SentenceRun>;
  /** Runs one sentence now (cancelling any pending debounce for it). */
  runSentence: (slot: SentenceSlot) => void;
  /** Runs both sentences now. */
  runAll: () => void;
  /**
   * Marks a sentence as about to re-run (its input changed, the run waits for the debounce):
   * state 'loading' at once, and the run in flight, if any, is cancelled and ignored.
   */
  markPending: (slot: SentenceSlot) => void;
}

export interface ViewSlice {
  /** Which attention block to show. */
  kind: AttentionKind;
  /** 0-based layer and head. */
  layer: number;
  head: number;
  hover: HoverCell | null;
  setKind: (kind: AttentionKind) => void;
  setLayer: (layer: number) => void;
  setHead: (head: number) => void;
  setHover: (hover: HoverCell | null) => void;
}

export type AppState = InputSlice & ModelSlice & RunSlice & ViewSlice;
