/**
 * Messages between the page and the engine worker. Plain data only (typed arrays travel as
 * transferables), so no tfjs type ever reaches the page.
 */
import type {
  AttentionKind,
  BackendName,
  LayerAttention,
  MaskMatrix,
  MaskSpec,
  PlaygroundOptions,
  Token,
} from '../engine';

/** Which input box a run belongs to. Each slot has at most one live run. */
export type SentenceSlot = 'A' | 'B';

/** The models the page offers. */
export type ModelChoice = 'translator' | 'playground';

/** Which model a run uses. */
export type ModelRequest =
  /** The playground: random weights from these options; rebuilt when they change. */
  | { kind: 'playground'; options: PlaygroundOptions }
  /**
   * A trained translator: the absolute URL of the folder holding config.json, model.safetensors
   * and vocab.json (ending in '/'). The worker downloads it once per URL and keeps it.
   */
  | { kind: 'translator'; url: string };

export interface RunRequest {
  slot: SentenceSlot;
  text: string;
  model: ModelRequest;
  /** Mask of the playground's self-attention (decoders add causal to it); the translator ignores it. */
  mask: MaskSpec;
  /** Backend to use; the worker falls back to wasm, then cpu, when it cannot start. */
  backend: BackendName;
  /** Tokens beyond this are dropped before the run. */
  maxTokens: number;
}

/** page → worker */
export type WorkerRequest =
  ({ type: 'run'; requestId: number } & RunRequest) | { type: 'cancel'; requestId: number };

/** One attention block the run will stream, known before the first layer arrives. */
export interface BlockInfo {
  kind: AttentionKind;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  /**
   * Labels of the rows (queries), `queryLength` long, when they are not the run's input tokens
   * (the translator's decoder and cross-attention: the Chinese token written at each step).
   */
  rowTokens?: string[];
  /** Labels of the columns (keys), `keyLength` long, when they are not the run's input tokens. */
  colTokens?: string[];
}

/** What the page shows about a loaded translator. */
export interface TranslatorInfo {
  name: string;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  dModel: number;
  /** Vocabulary sizes, without the four special tokens (<pad>, <unk>, <s>, </s>). */
  sourceVocab: number;
  targetVocab: number;
  /** Longest input (source tokens) and output (target tokens) the model handles. */
  maxSourceTokens: number;
  maxTargetTokens: number;
}

/** Where a run failed: loading the model (shared by both sentences) or the run itself. */
export type ErrorStage = 'load' | 'run';

export interface BackendStatus {
  /** The backend that really runs. */
  name: BackendName;
  /** The backend that was asked for (differs from `name` after a fallback). */
  requested: BackendName;
  /** wasm threads, when the backend is wasm. */
  threads?: number;
}

/** worker → page. Every message carries the id of the request it answers. */
export type WorkerResponse =
  | {
      type: 'tokens';
      requestId: number;
      tokens: Token[];
      /** Tokens before truncation. */
      totalTokens: number;
      /** Tokens dropped because of maxTokens / the model's positions. */
      dropped: number;
      /** The limit that applied. */
      maxTokens: number;
    }
  /** Download progress of the translator's files (only while they load). */
  | {
      type: 'progress';
      requestId: number;
      file: string;
      loadedBytes: number;
      /** Null when the server does not say. */
      totalBytes: number | null;
    }
  /** The translator's greedy output; sent before the final forward's layers stream. */
  | {
      type: 'translation';
      requestId: number;
      /** The translation as text (special tokens left out). */
      text: string;
      /** The generated tokens y1…yn, without <s> and </s>. */
      targetTokens: Token[];
      /** True when decoding stopped at </s>; false when it was cut at the length limit. */
      finished: boolean;
    }
  | {
      type: 'start';
      requestId: number;
      backend: BackendStatus;
      blocks: BlockInfo[];
      /** Set for translator runs. */
      translator?: TranslatorInfo;
    }
  | { type: 'layer'; requestId: number; layer: LayerAttention }
  | {
      type: 'done';
      requestId: number;
      /** The mask each block used, [queryLength][keyLength]. */
      masks: { kind: AttentionKind; mask: MaskMatrix }[];
      elapsedMs: number;
    }
  | { type: 'error'; requestId: number; message: string; stage: ErrorStage };
