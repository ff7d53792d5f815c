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

export interface RunRequest {
  slot: SentenceSlot;
  text: string;
  /** The playground model; the worker rebuilds its model when these change. */
  model: PlaygroundOptions;
  /** Mask of the self-attention (decoders add causal to it). */
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
}

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
  | { type: 'start'; requestId: number; backend: BackendStatus; blocks: BlockInfo[] }
  | { type: 'layer'; requestId: number; layer: LayerAttention }
  | {
      type: 'done';
      requestId: number;
      /** The mask each block used, [queryLength][keyLength]. */
      masks: { kind: AttentionKind; mask: MaskMatrix }[];
      elapsedMs: number;
    }
  | { type: 'error'; requestId: number; message: string };
