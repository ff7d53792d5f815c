/**
 * The state a shared link carries. Plain data, versioned; `schema.ts` validates every field by hand
 * (never eval), `codec.ts` turns it into a URL fragment and back.
 */
import type { AttentionKind, PlaygroundOptions } from '../engine';
import type { MaskSettings } from '../store/types';

/** The version written into every link; a link with another version is refused as a whole. */
export const SHARE_VERSION = 1;

export type ShareSlot = 'A' | 'B';

/** The colour scales a link may name. */
export const SHARE_COLOR_SCALES = ['linear', 'log'] as const;
export type SharedColorScale = (typeof SHARE_COLOR_SCALES)[number];

/** What the heatmaps show: attention weights α, or value-weighted ‖α·f(x)‖. */
export const SHARE_WEIGHTINGS = ['attention', 'value'] as const;
export type SharedWeighting = (typeof SHARE_WEIGHTINGS)[number];

/** What switched-off heads give in a link ('zero' or their mean over the sentence). */
export const SHARE_ABLATION_MODES = ['zero', 'mean'] as const;
/** The most switched-off heads a link keeps (more are cut, with a notice). */
export const MAX_SHARED_ABLATED_HEADS = 4096;

/** The built-in translator's directions a link may name. */
export const SHARE_DIRECTIONS = ['en-zh', 'zh-en'] as const;
export type SharedDirection = (typeof SHARE_DIRECTIONS)[number];

/** Heads switched off (0-based), and what they give instead of their output. */
export interface SharedAblation {
  heads: { kind: AttentionKind; layer: number; head: number }[];
  mode: (typeof SHARE_ABLATION_MODES)[number];
}

/** A cell the link points at (shown highlighted, as if hovered). 0-based indices. */
export interface SharedFocus {
  slot: ShareSlot;
  query: number;
  key: number;
}

/**
 * A Hugging Face checkpoint from the Hub, named so the opener can load it (from Cache Storage when
 * cached). Checkpoints opened from local files cannot travel in a link.
 */
export interface SharedHfModel {
  /** Hub model id, e.g. `bert-base-uncased` or `owner/name`. */
  id: string;
  /** Branch, tag or commit. */
  revision: string;
  /** Sentence-pair mode (`[CLS] A [SEP] B [SEP]`). */
  pair: boolean;
}

/** Everything a link restores. Layer and head are 0-based here (the UI shows them 1-based). */
export interface SharedState {
  v: typeof SHARE_VERSION;
  model: 'translator' | 'playground' | 'hf';
  /** The Hub checkpoint when `model` is 'hf'; null otherwise. */
  hf: SharedHfModel | null;
  sentences: Record<ShareSlot, string>;
  /** Workspace tab id (src/views/app/tabs.tsx). */
  tab: string;
  kind: AttentionKind;
  layer: number;
  head: number;
  focus: SharedFocus | null;
  /** The playground model (kept even when the translator is chosen, like the store does). */
  playground: PlaygroundOptions;
  mask: MaskSettings;
  /** Colour map of the heatmaps (a name from the colour-map list). */
  colorMap: string;
  /** Linear or log colours (links without it open linear, or with the page's choice). */
  colorScale: SharedColorScale;
  /** Colours scaled over the keys after the first, which is drawn hatched. */
  leaveOutFirst: boolean;
  /** Attention weights or value-weighted attention (links without it open with the weights). */
  weighting: SharedWeighting;
  /** Heads switched off (links without it open with every head on). */
  ablation: SharedAblation;
  /**
   * The built-in translator's direction, written only when it is 'zh-en': links without it (all
   * links from before the direction existed) open English → Chinese.
   */
  direction?: SharedDirection;
}

/** Why a single field of a link was not taken as it was. */
export type ShareIssueCode =
  /** Wrong type or out of its allowed set: the default was used. */
  | 'invalid'
  /** A value this app does not know (a model, a tab, a colour map): the default was used. */
  | 'unknown'
  /** Longer than allowed (a sentence): cut. */
  | 'truncated'
  /** A number outside the model's range (layer, head): moved to the nearest valid value. */
  | 'clamped';

export interface ShareIssue {
  /** Dotted path of the field, e.g. `layer`, `playground.heads`, `sentences.A`. */
  field: string;
  code: ShareIssueCode;
}

/** Why a whole fragment was refused (the page then keeps its defaults). */
export type ShareFailure =
  /** Not one of our fragments (e.g. `#section-2`). */
  | 'foreign'
  /** Longer than MAX_FRAGMENT_CHARS, or inflates to more than MAX_JSON_BYTES. */
  | 'tooLarge'
  /** Not base64url, not deflate, cut short, or not JSON. */
  | 'corrupt'
  /** JSON, but not a state object. */
  | 'invalid'
  /** Written by another version of the app. */
  | 'version';

export type DecodeResult =
  { ok: true; state: SharedState; issues: ShareIssue[] } | { ok: false; reason: ShareFailure };

/** Ranges of the playground settings (the store's LIMITS has this shape). */
export interface ShareLimits {
  layers: { min: number; max: number };
  heads: { min: number; max: number };
  dModels: readonly number[];
  maxPositions: { min: number; max: number };
  radius: { min: number; max: number };
  dilation: { min: number; max: number };
  seed: { min: number; max: number };
}

/** What validation checks against: the app's defaults and what it knows. */
export interface ShareContext {
  /** Used for every missing or invalid field. */
  defaults: SharedState;
  /** Known workspace tab ids. */
  tabs: readonly string[];
  /** Known colour-map names. */
  colorMaps: readonly string[];
  limits: ShareLimits;
  /** Longest sentence kept, in characters (code points). Default MAX_SENTENCE_CHARS. */
  maxSentenceChars?: number;
}
