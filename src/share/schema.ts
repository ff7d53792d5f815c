/**
 * Hand-written validation of a decoded link. Every field is checked for its type and range; a field
 * that fails falls back to the app's default and is reported as a `ShareIssue`, so a hand-edited or
 * half-broken link still opens on something sensible. Text (sentences) is kept literally: the views
 * render it as text, so `<script>` stays a string.
 */
import type { AttentionKind, PlaygroundOptions } from '../engine';
import type { MaskChoice, MaskSettings } from '../store/types';
import {
  MAX_SHARED_ABLATED_HEADS,
  SHARE_ABLATION_MODES,
  SHARE_COLOR_SCALES,
  SHARE_DIRECTIONS,
  SHARE_WEIGHTINGS,
  SHARE_VERSION,
  type SharedAblation,
  type DecodeResult,
  type ShareContext,
  type SharedFocus,
  type SharedState,
  type ShareIssue,
  type ShareSlot,
} from './types';

/** Longest sentence a link keeps, in characters (code points). */
export const MAX_SENTENCE_CHARS = 2000;
/** Largest layer/head index accepted before clamping to the model (anything above is invalid). */
const MAX_INDEX = 1_000_000;
/** Largest token index of a focus cell. */
const MAX_TOKEN_INDEX = 100_000;

const ARCHITECTURES = ['encoder', 'decoder', 'encoder-decoder'] as const;
const POSITIONALS = ['none', 'sinusoidal', 'learned', 'rope', 'alibi'] as const;
const NORMS = ['pre', 'post'] as const;
const MASKS: readonly MaskChoice[] = [
  'none',
  'causal',
  'window',
  'dilated',
  'global-window',
  'bigbird',
];
const MODELS = ['translator', 'playground', 'hf'] as const;

/** A Hub model id: `name` or `owner/name` (letters, digits, '-', '_', '.'), at most 96 characters. */
const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*(\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;
/** A branch, tag or commit: no '..', no leading '/', at most 100 characters. */
const HUB_REVISION = /^[A-Za-z0-9_.-][A-Za-z0-9_./-]*$/;

export function isHubId(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= 96 && HUB_ID.test(value) && !value.includes('..')
  );
}

export function isHubRevision(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= 100 &&
    HUB_REVISION.test(value) &&
    !value.includes('..')
  );
}
const SLOTS: readonly ShareSlot[] = ['A', 'B'];

/**
 * The attention blocks each architecture has (the translator is an encoder–decoder). A Hugging
 * Face checkpoint is an encoder or a decoder, known once loaded: either kind is accepted here.
 */
const HF_KINDS: readonly AttentionKind[] = ['encoder-self', 'decoder-self'];

const KINDS: Record<PlaygroundOptions['architecture'], readonly AttentionKind[]> = {
  encoder: ['encoder-self'],
  decoder: ['decoder-self'],
  'encoder-decoder': ['encoder-self', 'decoder-self', 'cross'],
};

export function kindsForShare(
  model: SharedState['model'],
  architecture: PlaygroundOptions['architecture'],
): readonly AttentionKind[] {
  if (model === 'hf') return HF_KINDS;
  return KINDS[model === 'translator' ? 'encoder-decoder' : architecture];
}

/** A plain object (not null, not an array). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string | number>(value: unknown, allowed: readonly T[]): value is T {
  return (allowed as readonly unknown[]).includes(value);
}

function intIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Collects issues while reading fields; a missing field takes its default silently. */
class Reader {
  readonly issues: ShareIssue[] = [];

  field<T>(
    source: Record<string, unknown>,
    key: string,
    path: string,
    fallback: T,
    accept: (value: unknown) => value is T,
    code: ShareIssue['code'] = 'invalid',
  ): T {
    const value = source[key];
    if (value === undefined) return fallback;
    if (accept(value)) return value;
    this.issues.push({ field: path, code });
    return fallback;
  }

  object(source: Record<string, unknown>, key: string): Record<string, unknown> {
    const value = source[key];
    if (value === undefined) return {};
    if (isRecord(value)) return value;
    this.issues.push({ field: key, code: 'invalid' });
    return {};
  }
}

/** Cuts `text` to `max` code points (never splitting a surrogate pair). */
function cutText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/**
 * Validates a decoded value against the schema. Never throws. Whole-state failures (`invalid`,
 * `version`) give `ok: false`; field failures give defaults plus issues. Layer and head are only
 * checked to be indices here; `clampView` fits them to the model once its shape is known.
 */
export function validateSharedState(raw: unknown, ctx: ShareContext): DecodeResult {
  if (!isRecord(raw)) return { ok: false, reason: 'invalid' };
  if (raw.v !== SHARE_VERSION)
    return { ok: false, reason: typeof raw.v === 'number' ? 'version' : 'invalid' };

  const d = ctx.defaults;
  const r = new Reader();
  const maxChars = ctx.maxSentenceChars ?? MAX_SENTENCE_CHARS;

  let model = r.field(raw, 'model', 'model', d.model, (v) => oneOf(v, MODELS), 'unknown');
  let hf = model === d.model ? d.hf : null;
  if (model === 'hf' && raw.model === 'hf') {
    // The checkpoint must be named well enough to load; otherwise the default model opens.
    const h = raw.hf;
    if (isRecord(h) && isHubId(h.id) && isHubRevision(h.revision ?? 'main'))
      hf = {
        id: h.id,
        revision: typeof h.revision === 'string' ? h.revision : 'main',
        pair: h.pair === true,
      };
    else {
      r.issues.push({ field: 'hf', code: 'invalid' });
      model = d.model;
      hf = d.hf;
    }
  }
  if (model !== 'hf') hf = null;

  const rawSentences = r.object(raw, 'sentences');
  const sentences = { ...d.sentences };
  for (const slot of SLOTS) {
    const text = r.field(
      rawSentences,
      slot,
      `sentences.${slot}`,
      d.sentences[slot],
      (v): v is string => typeof v === 'string',
    );
    const cut = cutText(text, maxChars);
    if (cut !== text) r.issues.push({ field: `sentences.${slot}`, code: 'truncated' });
    sentences[slot] = cut;
  }

  const tab = r.field(
    raw,
    'tab',
    'tab',
    d.tab,
    (v): v is string => typeof v === 'string' && ctx.tabs.includes(v),
    'unknown',
  );

  const p = r.object(raw, 'playground');
  const L = ctx.limits;
  const playground: PlaygroundOptions = {
    architecture: r.field(
      p,
      'architecture',
      'playground.architecture',
      d.playground.architecture,
      (v) => oneOf(v, ARCHITECTURES),
    ),
    layers: r.field(p, 'layers', 'playground.layers', d.playground.layers, (v) =>
      intIn(v, L.layers.min, L.layers.max),
    ),
    heads: r.field(p, 'heads', 'playground.heads', d.playground.heads, (v) =>
      intIn(v, L.heads.min, L.heads.max),
    ),
    dModel: r.field(p, 'dModel', 'playground.dModel', d.playground.dModel, (v) =>
      oneOf(v, L.dModels),
    ),
    positional: r.field(p, 'positional', 'playground.positional', d.playground.positional, (v) =>
      oneOf(v, POSITIONALS),
    ),
    norm: r.field(p, 'norm', 'playground.norm', d.playground.norm, (v) => oneOf(v, NORMS)),
    seed: r.field(p, 'seed', 'playground.seed', d.playground.seed, (v) =>
      intIn(v, L.seed.min, L.seed.max),
    ),
    maxPositions: r.field(
      p,
      'maxPositions',
      'playground.maxPositions',
      d.playground.maxPositions,
      (v) => intIn(v, L.maxPositions.min, L.maxPositions.max),
    ),
    vocabSize: r.field(p, 'vocabSize', 'playground.vocabSize', d.playground.vocabSize, (v) =>
      intIn(v, 16, 1 << 20),
    ),
  };

  const m = r.object(raw, 'mask');
  const mask: MaskSettings = {
    kind: r.field(m, 'kind', 'mask.kind', d.mask.kind, (v) => oneOf(v, MASKS)),
    radius: r.field(m, 'radius', 'mask.radius', d.mask.radius, (v) =>
      intIn(v, L.radius.min, L.radius.max),
    ),
    dilation: r.field(m, 'dilation', 'mask.dilation', d.mask.dilation, (v) =>
      intIn(v, L.dilation.min, L.dilation.max),
    ),
  };

  const kinds = kindsForShare(model, playground.architecture);
  const defaultKind = kinds.includes(d.kind) ? d.kind : (kinds[0] ?? 'encoder-self');
  const kind = r.field(raw, 'kind', 'kind', defaultKind, (v) => oneOf(v, kinds));

  const layer = r.field(raw, 'layer', 'layer', d.layer, (v) => intIn(v, 0, MAX_INDEX));
  const head = r.field(raw, 'head', 'head', d.head, (v) => intIn(v, 0, MAX_INDEX));

  let focus: SharedFocus | null = null;
  if (raw.focus !== undefined && raw.focus !== null) {
    const f = raw.focus;
    if (
      isRecord(f) &&
      oneOf(f.slot, SLOTS) &&
      intIn(f.query, 0, MAX_TOKEN_INDEX) &&
      intIn(f.key, 0, MAX_TOKEN_INDEX)
    )
      focus = { slot: f.slot, query: f.query, key: f.key };
    else r.issues.push({ field: 'focus', code: 'invalid' });
  }

  const colorMap = r.field(
    raw,
    'colorMap',
    'colorMap',
    d.colorMap,
    (v): v is string => typeof v === 'string' && ctx.colorMaps.includes(v),
    'unknown',
  );
  const colorScale = r.field(
    raw,
    'colorScale',
    'colorScale',
    d.colorScale,
    (v) => oneOf(v, SHARE_COLOR_SCALES),
    'unknown',
  );
  const leaveOutFirst = r.field(
    raw,
    'leaveOutFirst',
    'leaveOutFirst',
    d.leaveOutFirst,
    (v): v is boolean => typeof v === 'boolean',
  );
  const weighting = r.field(
    raw,
    'weighting',
    'weighting',
    d.weighting,
    (v) => oneOf(v, SHARE_WEIGHTINGS),
    'unknown',
  );

  const ablation = readAblation(r, raw, d.ablation, kinds);
  // Absent means English → Chinese (snapshots leave it out for that direction, and older links
  // never had it), whatever the page shows now: not the page's default.
  const direction = r.field(
    raw,
    'direction',
    'direction',
    'en-zh' as const,
    (v) => oneOf(v, SHARE_DIRECTIONS),
    'unknown',
  );

  return {
    ok: true,
    state: {
      v: SHARE_VERSION,
      model,
      hf,
      sentences,
      tab,
      kind,
      layer,
      head,
      focus,
      playground,
      mask,
      colorMap,
      colorScale,
      leaveOutFirst,
      weighting,
      ablation,
      ...(direction === 'zh-en' ? { direction } : {}),
    },
    issues: r.issues,
  };
}

/**
 * Switched-off heads: each a block of the link's model and two indices (checked against the model
 * once it is known, by the store). Bad entries are dropped, duplicates merged, a list longer than
 * MAX_SHARED_ABLATED_HEADS cut; a field that is not an object gives every head on.
 */
function readAblation(
  r: Reader,
  raw: Record<string, unknown>,
  fallback: SharedAblation,
  kinds: readonly AttentionKind[],
): SharedAblation {
  // A link from before switched-off heads: every head on.
  if (raw.ablation === undefined) return { heads: [], mode: fallback.mode };
  const a = r.object(raw, 'ablation');
  const mode = r.field(a, 'mode', 'ablation.mode', fallback.mode, (v) =>
    oneOf(v, SHARE_ABLATION_MODES),
  );
  const list = a.heads;
  if (list === undefined) return { heads: [], mode };
  if (!Array.isArray(list)) {
    r.issues.push({ field: 'ablation.heads', code: 'invalid' });
    return { heads: [], mode };
  }
  const heads: SharedAblation['heads'] = [];
  const seen = new Set<string>();
  let bad = false;
  for (const item of list as unknown[]) {
    if (
      !isRecord(item) ||
      !oneOf(item.kind, kinds) ||
      !intIn(item.layer, 0, MAX_INDEX) ||
      !intIn(item.head, 0, MAX_INDEX)
    ) {
      bad = true;
      continue;
    }
    const id = `${item.kind}/${item.layer}/${item.head}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (heads.length === MAX_SHARED_ABLATED_HEADS) {
      r.issues.push({ field: 'ablation.heads', code: 'truncated' });
      break;
    }
    heads.push({ kind: item.kind, layer: item.layer, head: item.head });
  }
  if (bad) r.issues.push({ field: 'ablation.heads', code: 'invalid' });
  return { heads, mode };
}

/** Fits a requested layer/head into a model of `layers` × `heads`, saying whether it moved. */
export function clampView(
  requested: { layer: number; head: number },
  shape: { layers: number; heads: number },
): { layer: number; head: number; clamped: boolean } {
  const layer = Math.max(0, Math.min(shape.layers - 1, requested.layer));
  const head = Math.max(0, Math.min(shape.heads - 1, requested.head));
  return { layer, head, clamped: layer !== requested.layer || head !== requested.head };
}
