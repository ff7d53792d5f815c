import type {
  AttentionKind,
  BackendFailure,
  BackendName,
  LayerAttentionType,
  MaskMatrix,
  PlaygroundOptions,
  Token,
} from '../engine';
import type { AttentionFileSlice } from './attentionFileSlice';
import type { StackMetrics } from '../analysis';
import type { AttentionTile, AttentionTileRequest } from './attentionTiles';
import type { Language } from '../i18n/language';
import type { TeachSlice } from './teachSlice';
import type { ShareSlice } from './shareSlice';
import type { AnalysisSlice } from './analysisSlice';
import type { HubSlice } from './hubSlice';
import type { PredictionSlice } from './predictionSlice';
import type { FillerSlice } from './fillerSlice';
import type { ImportanceSlice } from './importanceSlice';
import type { WeightingSlice } from './weightingSlice';
import type { AblationSlice } from './ablationSlice';
import type { TrainSlice } from './trainSlice';
import type { DirectionSlice } from './directionSlice';
import type {
  BackendStatus,
  ErrorStage,
  ModelChoice,
  NextTokenPredictions,
  SentenceSlot,
  TranslatorInfo,
} from '../worker/protocol';

export type { SentenceSlot, ModelChoice, TranslatorInfo, ErrorStage };

/** 'empty': no tokens · 'loading': a run is under way · 'ready': done · 'error': it failed. */
export type RunState = 'empty' | 'loading' | 'ready' | 'error';

/** One attention block of a run (e.g. encoder self-attention), filled layer by layer as it streams. */
export interface BlockResult {
  kind: AttentionKind;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  /** Row labels (queryLength) when they are not the run's tokens (translator decoder/cross). */
  rowTokens?: string[];
  /** Column labels (keyLength) when they are not the run's tokens. */
  colTokens?: string[];
  /** Sentence of each token (0: A, 1: B) of a Hugging Face sentence-pair run. */
  segments?: number[];
  /** Per layer: row-major [heads][queryLength][keyLength], or null until that layer arrives. */
  data: (Float32Array | null)[];
  /** The mask the block used, known when the run is done. */
  mask: MaskMatrix | null;
  /** One mask per layer when layers differ (sliding-window and global layers); else null. */
  layerMasks?: MaskMatrix[] | null;
  /** Key/value heads when heads share them (grouped-query attention). */
  kvHeads?: number;
  /** Attention of each layer ('sliding' layers see slidingWindow keys), when layers differ. */
  layerTypes?: LayerAttentionType[];
  slidingWindow?: number;
  /**
   * Value-vector norms ‖f(x_j)‖ of every layer, head and key, row-major [layers][heads][keyLength]
   * (runs that asked for `valueNorms`, once done); null or absent otherwise.
   */
  valueNorms?: Float32Array | null;
  /**
   * Served on demand (long inputs): `data` stays all null even when the run is done; ask
   * `requestAttentionTile` for what to draw.
   */
  onDemand?: boolean;
  /** On-demand blocks: every head's metrics ([layers][heads]), sent by the worker before done. */
  headMetrics?: StackMetrics | null;
  /** On-demand blocks while their forward runs: how many layers are computed. */
  layersDone?: number;
}

/** The translator's output for one sentence. */
export interface Translation {
  text: string;
  /** Generated tokens y1…yn (no <s>, no </s>). */
  targetTokens: Token[];
  /** False when decoding was cut at the length limit before </s>. */
  finished: boolean;
}

/** The download of the translator's files (one per page and URL, shared by both sentences). */
export interface TranslatorLoad {
  /** The folder URL being (or last) loaded; '' before the first translator run. */
  url: string;
  state: 'idle' | 'loading' | 'ready' | 'error';
  /** The file downloading now, and its bytes. */
  file: string | null;
  loadedBytes: number;
  totalBytes: number | null;
  /** A readable message naming the file, when state is 'error'. */
  error: string | null;
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
  /** The translation (translator runs), kept while a newer run computes. */
  translation: Translation | null;
  /** A readable message (never a stack) when state is 'error'. */
  error: string | null;
  /** Where it failed: 'load' when the model itself could not be loaded. */
  errorStage: ErrorStage | null;
  elapsedMs: number | null;
  /**
   * A language model's next-token distribution after the last token (Hugging Face causal LMs),
   * kept while a newer run computes; null for other models and until it arrives.
   */
  predictions: NextTokenPredictions | null;
  /** Why the model cannot predict (the worker's reason, e.g. no output head); null otherwise. */
  predictionsUnavailable: string | null;
  /** The engine request whose on-demand attention the worker keeps (tile requests name it). */
  attentionRun?: number | null;
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
  /** Which model runs: the built-in translator (default) or the playground. */
  model: ModelChoice;
  /** Folder of the translator's files (default `${BASE_URL}models/en-zh-tiny/`). */
  translatorUrl: string;
  /** What the translator is, once it has loaded. */
  translatorInfo: TranslatorInfo | null;
  translatorLoad: TranslatorLoad;
  /** Switches model and re-runs both sentences at once. */
  setModel: (model: ModelChoice) => void;
  /** Points the translator at another folder (re-runs when the translator is in use). */
  setTranslatorUrl: (url: string) => void;
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
  /**
   * The backend asked for could not start: which, why, and the one used instead (the picker then
   * shows that one). Cleared when the user picks a backend.
   */
  backendFallback: (BackendFailure & { using: BackendName }) | null;
  /** The engine started (or reused) a backend for a run: note it, and any fallback. */
  onBackendStatus: (status: BackendStatus) => void;
  /** A backend whose GPU context the engine lost (the page moved to wasm); null when none. */
  backendLost: BackendName | null;
  /** The engine lost `backend`'s GPU context: move to wasm and run everything again there. */
  onBackendLost: (backend: BackendName) => void;
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
  /**
   * A window of one layer's heads, pooled to at most maxRows × maxCols (analysis/pooling.ts's
   * rule), from the store's weights or, for on-demand blocks, from the worker. Rejects with a
   * readable Error when the run is stale, not done (on demand), or the window is outside the block.
   */
  requestAttentionTile: (req: AttentionTileRequest) => Promise<AttentionTile>;
}

export interface ViewSlice {
  /** The open tab of the workspace (ids in src/views/app/tabs.tsx); 'attention' by default. */
  tab: string;
  setTab: (tab: string) => void;
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

export type {
  AnalysisSlice,
  AggregateMode,
  GridFilter,
  GridSortKey,
  HeadRef,
} from './analysisSlice';

export type AppState = AttentionFileSlice &
  InputSlice &
  ModelSlice &
  RunSlice &
  ViewSlice &
  AnalysisSlice &
  ShareSlice &
  TeachSlice &
  HubSlice &
  PredictionSlice &
  FillerSlice &
  ImportanceSlice &
  WeightingSlice &
  AblationSlice &
  TrainSlice &
  DirectionSlice;
