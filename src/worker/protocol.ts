/**
 * Messages between the page and the engine worker. Plain data only (typed arrays travel as
 * transferables), so no tfjs type ever reaches the page.
 */
import type {
  AttentionKind,
  BackendFailure,
  BackendName,
  HeadAblation,
  HeadIntermediates,
  HeadRef,
  IntermediatesRequest,
  LayerAttention,
  LayerAttentionType,
  MaskMatrix,
  MaskSpec,
  PlaygroundOptions,
  PositionalKind,
  Token,
} from '../engine';
import type { TrainedModel } from '../analysis/trainedModel';
import type { TileRequestMessage, TileResponseMessage } from './tileProtocol';

/** Which input box a run belongs to. Each slot has at most one live run. */
export type SentenceSlot = 'A' | 'B';

/**
 * The models the page offers ('hf': a Hugging Face checkpoint loaded with `hf-load`; 'trained': the
 * model trained in the Train tab or opened from its weights file).
 */
export type ModelChoice = 'translator' | 'playground' | 'hf' | 'trained';

/**
 * Who a run belongs to: a sentence, or the teaching views' own run of a sentence (which asks for
 * one head's intermediates and must not supersede the sentence's run).
 */
export type RunSlot =
  | SentenceSlot
  | 'teach-A'
  | 'teach-B'
  | 'teach-mask'
  /** The masks view's padded runs of sentences A and B. */
  | 'teach-pad-A'
  | 'teach-pad-B';

/** Which model a run uses. */
export type ModelRequest =
  /** The playground: random weights from these options; rebuilt when they change. */
  | { kind: 'playground'; options: PlaygroundOptions }
  /**
   * A trained translator: the absolute URL of the folder holding config.json, model.safetensors
   * and vocab.json (ending in '/'). The worker downloads it once per URL and keeps it.
   */
  | { kind: 'translator'; url: string }
  /**
   * The Hugging Face checkpoint loaded under `key` (see `HfModelInfo`). `pair`: the second text of
   * a sentence pair, run as ONE input `[CLS] text [SEP] pair [SEP]` with token types (encoders).
   */
  | { kind: 'hf'; key: string; pair?: string }
  /**
   * A model trained in the Train tab (plain data, copied with each run: the worker builds it once
   * per `model.key` and tokenizes with the task's vocabulary).
   */
  | { kind: 'trained'; model: TrainedModel };

export interface RunRequest {
  slot: RunSlot;
  text: string;
  model: ModelRequest;
  /** Mask of the playground's self-attention (decoders add causal to it); the translator ignores it. */
  mask: MaskSpec;
  /** Which attention of the playground `mask` applies to (see RunInput.maskedAttention). */
  maskedAttention?: AttentionKind;
  /**
   * Playground only: pad the input with [PAD] tokens up to the token count of the longest of this
   * text and `texts`, plus `extra` (at most `maxTokens`), and run it with the engine's padding mask
   * (which replaces `mask`). The tokens sent back include the [PAD]s; `done`'s extras also carry
   * the same head's intermediates of the unpadded input (`unpadded`), to compare.
   */
  padding?: { texts: string[]; extra: number };
  /** Backend to use; the worker falls back to wasm, then cpu, when it cannot start. */
  backend: BackendName;
  /** Tokens beyond this are dropped before the run. */
  maxTokens: number;
  /** Also return one head's step-by-step intermediates (teaching views), in `done`'s extras. */
  intermediates?: IntermediatesRequest;
  /** Also return the model's learned position table (at most this many rows), when it has one. */
  positionRows?: number;
  /**
   * Hugging Face masked LMs (HfModelInfo.fillsMask): run with the token at this index (of the
   * tokens the text gives) replaced by the tokenizer's mask token, and send the top fillers for
   * it as `predictions` (position = this index).
   */
  maskAt?: number;
  /** Heads switched off in this run (HeadAblation: every output then reflects it). */
  ablation?: HeadAblation;
  /** Also return each head's value-vector norms, for value-weighted attention (done's extras). */
  valueNorms?: boolean;
  /**
   * Hugging Face runs: serve the attention on demand (no weights sent; the page asks for tiles,
   * see tileProtocol.ts) when the input has more tokens than this, or when its full weights would
   * be too large. Absent: always the full path (runs of the teaching views).
   */
  onDemandAbove?: number;
}

/**
 * Measured head importance of one input: every head switched off in turn (one forward each) and
 * the change in the model's output, by a metric that fits the model.
 */
export interface ImportanceRequest {
  slot: SentenceSlot;
  text: string;
  model: ModelRequest;
  backend: BackendName;
  maxTokens: number;
  /** How a head is switched off while it is measured. */
  mode: HeadAblation['mode'];
  /** Masked LMs: the masked token whose distribution is compared (as RunRequest.maskAt). */
  maskAt?: number;
}

/** What switching one head off did. */
export interface HeadImportance extends HeadRef {
  /** The metric's value: larger means the head matters more. */
  score: number;
  /** Translator: the greedy translation with this head off, and whether it differs. */
  output?: string;
  changed?: boolean;
}

export interface ImportanceResult {
  /**
   * 'kl-next-token': KL(p‖q) of the next-token distribution (causal LMs); 'kl-masked-token': of
   * the masked token's (masked LMs); 'logprob-drop': how much the log-probability of the
   * translation the model produced falls (translator).
   */
  metric: 'kl-next-token' | 'kl-masked-token' | 'logprob-drop';
  mode: HeadAblation['mode'];
  /** Every head of every attention block, in block, layer, head order. */
  heads: HeadImportance[];
  /** Translator: the translation with every head on. */
  baseline?: string;
}

/** What a run returns besides attention weights, when its request asked for it. */
export interface RunExtras {
  /** The requested head's intermediates; absent when that layer/head/kind does not exist. */
  intermediates?: HeadIntermediates;
  /** The same head of the unpadded input, when the request asked for padding. */
  unpadded?: HeadIntermediates;
  /** How the model encodes positions. */
  positional?: PositionalKind;
  /** The learned position table, row-major [rows][cols] (models with learned positions only). */
  positionTable?: { rows: number; cols: number; data: Float32Array };
  /** When the request asked for valueNorms: per block, [layers][heads][keyLength] (see AttentionStack). */
  valueNorms?: { kind: AttentionKind; norms: Float32Array }[];
}

/** page → worker */
export type WorkerRequest =
  | ({ type: 'run'; requestId: number } & RunRequest)
  | { type: 'cancel'; requestId: number }
  /** Head importance of one input (answers importance-progress…, then importance-done or -error). */
  | ({ type: 'importance'; requestId: number } & ImportanceRequest)
  | ({ type: 'hf-load'; requestId: number } & HfLoadRequest)
  /** Test hook (page URL `?test-hooks`): lose the webgl context as a GPU reset would. */
  | { type: 'test-lose-webgl' }
  /** A window of an on-demand run's attention (answers attention-tile or attention-tile-error). */
  | TileRequestMessage;

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
  /** Sentence of each input token (0: A, 1: B) of a Hugging Face sentence-pair run. */
  segments?: number[];
  /**
   * Key/value heads when fewer than `heads` (grouped-query attention): query heads
   * h·heads/kvHeads … (h+1)·heads/kvHeads − 1 share kv head h. Absent: every head has its own.
   */
  kvHeads?: number;
  /** Attention of each layer, when layers differ ('sliding': a window of `slidingWindow` keys). */
  layerTypes?: LayerAttentionType[];
  /** Keys a query of a 'sliding' layer sees: itself and the slidingWindow − 1 before it. */
  slidingWindow?: number;
  /**
   * Served on demand: no `layer` messages come; the page asks for tiles (attention-tile) and the
   * worker sends the heads' metrics (head-metrics) before `done`.
   */
  onDemand?: boolean;
}

/** A block's mask as the run used it: one for every layer, or one per layer when they differ. */
export interface BlockMask {
  kind: AttentionKind;
  mask: MaskMatrix;
  /** [layers]: present only when layers use different masks (sliding-window and global). */
  layerMasks?: MaskMatrix[];
}

/**
 * A language model's distribution for one position: the next token after the run's last token
 * (causal LMs), or the fillers of the masked token (masked LMs, `masked` true).
 */
export interface NextTokenPredictions {
  /** Index of the token whose next token is predicted (the last input token), or the masked one. */
  position: number;
  /** True for a masked LM's fillers of the token at `position` (shown as the mask token). */
  masked?: boolean;
  /** Logits over the whole vocabulary at that position, [vocab] (temperature applies on the page). */
  logits: Float32Array;
  /** The highest-logit ids, best first (at most 10), with their text as the tokenizer decodes it. */
  top: { id: number; text: string; special: boolean }[];
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
  /** Which way it translates ('en-zh' or 'zh-en'); absent from older messages = 'en-zh'. */
  direction?: 'en-zh' | 'zh-en';
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
  /** Why the backend asked for could not start, after a fallback (for the page's notice). */
  failure?: BackendFailure;
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
      /** The mask each block used, [queryLength][keyLength] (per layer where layers differ). */
      masks: BlockMask[];
      elapsedMs: number;
      /** Set when the request asked for intermediates or the position table. */
      extras?: RunExtras;
    }
  /**
   * Hugging Face language models: the next-token distribution, sent before `done`; or, when the
   * model cannot predict (no output head), `predictions` null and `reason` saying why.
   */
  | {
      type: 'predictions';
      requestId: number;
      predictions: NextTokenPredictions | null;
      reason?: string;
    }
  | { type: 'error'; requestId: number; message: string; stage: ErrorStage }
  | { type: 'importance-progress'; requestId: number; done: number; total: number }
  | { type: 'importance-done'; requestId: number; result: ImportanceResult }
  /** Why importance cannot be measured (a model without an output, a failed run). */
  | { type: 'importance-error'; requestId: number; message: string }
  | { type: 'hf-progress'; requestId: number; progress: HfProgressInfo }
  | { type: 'hf-loaded'; requestId: number; info: HfModelInfo }
  /** After `hf-loaded`: the downloaded files are now kept in Cache Storage (offline-ready). */
  | { type: 'hf-saved'; requestId: number }
  | { type: 'hf-error'; requestId: number; message: string; code: HfErrorCode }
  /**
   * The backend's GPU context was lost: runs in flight were stopped, and the worker will not use
   * this backend again (the page moves to wasm). Answers no request: requestId is 0.
   */
  | { type: 'backend-lost'; requestId: 0; backend: BackendName }
  | TileResponseMessage;

// ---- Hugging Face checkpoints (worker side: src/worker/hf-model.ts) --------------------------

/** Where a checkpoint comes from: the Hub (or a mirror at `baseUrl`), or files the user chose. */
export type HfSourceRequest =
  /** `token`: an access token for gated/private models (sent only to `baseUrl`'s origin). */
  | { kind: 'hub'; id: string; revision: string; baseUrl?: string; token?: string }
  | { kind: 'files'; files: File[] };

/** Loads a checkpoint into the worker (cancel with `cancel` and the same request id). */
export interface HfLoadRequest {
  source: HfSourceRequest;
  /** Backend to build the model on (as runs ask). */
  backend: BackendName;
}

/** The loader's error codes (`HfLoadErrorCode`), 'cancelled', or 'other' (e.g. a build failure). */
export type HfErrorCode =
  | 'not-found'
  | 'http'
  | 'network'
  | 'html'
  | 'timeout'
  | 'truncated'
  | 'too-large'
  | 'invalid'
  | 'unsupported'
  | 'cancelled'
  | 'other';

/** Progress of one file of a checkpoint load (see the loader's `HfLoadProgress`). */
export interface HfProgressInfo {
  stage: 'config' | 'tokenizer' | 'weights';
  file: string;
  /** Bytes of this file so far, and its size when known. */
  loaded: number;
  total: number | null;
  /** Bytes of every file so far. */
  bytesLoaded: number;
  /** 0–100 over the weights files; null while one of unknown size streams. */
  weightsPercent: number | null;
  /** Weights file number (1-based; 0 before the weights) and the count of weights files. */
  part: number;
  parts: number;
  fromCache: boolean;
  /** Once, before the download: what the weights files' headers say (bytes; loader's size.ts). */
  size?: {
    parameters: number;
    downloadBytes: number;
    /** What the engine will hold (float32 weights + working set), and its limit. */
    engineBytes: number;
    limitBytes: number;
    /** What the tab will need (the engine plus the worker's float32 copy of the weights). */
    tabBytes: number;
  };
}

/** What the page knows about the loaded checkpoint. */
export interface HfModelInfo {
  /** What runs name it by (`{ kind: 'hf', key }`). */
  key: string;
  /** Hub id, or the local model's name. */
  name: string;
  source: 'hub' | 'files';
  /** Hub revision (branch, tag or commit). */
  revision: string | null;
  modelType: string;
  family: 'bert' | 'roberta' | 'distilbert' | 'gpt2' | 'llama' | 'gemma' | 'gpt_neox';
  /** Encoders (BERT family) show encoder self-attention; GPT-2 causal decoder self-attention. */
  architecture: 'encoder' | 'decoder';
  layers: number;
  heads: number;
  dModel: number;
  vocabSize: number;
  /** Longest input in tokens, special tokens included. */
  maxTokens: number;
  /** Whether it reads a sentence pair (`[CLS] A [SEP] B [SEP]`). */
  supportsPairs: boolean;
  parameters: number;
  bytesRead: number;
  /** Every file came from Cache Storage (loads offline). */
  fromCache: boolean;
  /** Storage dtypes of the weights, e.g. ['F32']. */
  dtypes: string[];
  /** Key/value heads (grouped-query attention); equals `heads` when every head has its own. */
  kvHeads: number;
  /** Attention of each layer ('sliding' layers see `slidingWindow` keys); absent: all full. */
  layerTypes?: LayerAttentionType[];
  slidingWindow?: number;
  /** Whether runs return next-token predictions (causal LMs with an output head). */
  predicts: boolean;
  /** Whether a token can be masked for the top fillers (BERT-family checkpoints with their MLM head). */
  fillsMask: boolean;
}
