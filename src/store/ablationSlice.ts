/**
 * Heads switched off (issue 16, ablation): which heads of which attention block, and what they give
 * instead of their output ('zero', or their mean over the sentence's positions). Every sentence run
 * carries them (RunRequest.ablation) while any is off; changing them re-runs both sentences.
 *
 * The heads belong to one model (`ablationModel`): a run of another model drops them, and a run
 * whose model has fewer layers or heads (or lacks an attention kind) drops those that no longer
 * exist. A link restores them with `ablationModel` = ADOPT: the first model that runs takes them.
 */
import type { StateCreator } from 'zustand';
import type { AttentionKind, HeadAblation, HeadRef } from '../engine';
import { kindsOf } from './model';
import type { AppState } from './types';

export type AblationMode = HeadAblation['mode'];
export const ABLATION_MODES: readonly AblationMode[] = ['zero', 'mean'];

/** `ablationModel` of heads restored from a link: taken by the first model that runs. */
export const ADOPT = '*';

export interface AblationSlice {
  /** Heads switched off (sorted: kind, layer, head; 0-based) and what they give. Default none, 'zero'. */
  ablation: HeadAblation;
  /** The model the heads belong to (see `ablationModelKey`); '' when none is off. */
  ablationModel: string;
  /** Switches one head off, or back on when it is off; re-runs both sentences. */
  toggleHeadOff: (ref: HeadRef) => void;
  /** Switches every head back on (re-runs when any was off). */
  switchAllHeadsOn: () => void;
  /** Zero or mean ablation (re-runs when any head is off). */
  setAblationMode: (mode: AblationMode) => void;
}

const KIND_ORDER: readonly AttentionKind[] = ['encoder-self', 'decoder-self', 'cross'];

export const sameHeadRef = (a: HeadRef, b: HeadRef): boolean =>
  a.kind === b.kind && a.layer === b.layer && a.head === b.head;

/** Heads in block, layer, head order, each once (a canonical list: stable links and requests). */
export function sortHeadRefs(heads: readonly HeadRef[]): HeadRef[] {
  const out: HeadRef[] = [];
  for (const h of heads)
    if (!out.some((o) => sameHeadRef(o, h)))
      out.push({ kind: h.kind, layer: h.layer, head: h.head });
  return out.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.layer - b.layer ||
      a.head - b.head,
  );
}

/** Layers × heads of each attention block of a model. */
export type HeadShape = Partial<Record<AttentionKind, { layers: number; heads: number }>>;

type ShapeSource = Pick<AppState, 'model' | 'playground' | 'translatorInfo'> &
  Partial<Pick<AppState, 'hub' | 'trainedModel'>>;

/** The model's blocks and their sizes, or null while they are unknown (a model still loading). */
export function modelHeadShape(s: ShapeSource): HeadShape | null {
  if (s.model === 'playground') {
    const out: HeadShape = {};
    for (const kind of kindsOf(s.playground.architecture))
      out[kind] = { layers: s.playground.layers, heads: s.playground.heads };
    return out;
  }
  if (s.model === 'hf') {
    const info = s.hub?.info;
    if (!info) return null;
    const out: HeadShape = {};
    for (const kind of kindsOf(info.architecture))
      out[kind] = { layers: info.layers, heads: info.heads };
    return out;
  }
  if (s.model === 'trained') {
    const m = s.trainedModel;
    if (!m) return null;
    return {
      [m.causal ? 'decoder-self' : 'encoder-self']: {
        layers: m.settings.layers,
        heads: m.settings.heads,
      },
    };
  }
  const info = s.translatorInfo;
  if (!info) return null;
  return {
    'encoder-self': { layers: info.encoderLayers, heads: info.heads },
    'decoder-self': { layers: info.decoderLayers, heads: info.heads },
    cross: { layers: info.decoderLayers, heads: info.heads },
  };
}

/** Every head of every block of the shape. */
export function totalHeads(shape: HeadShape): number {
  return Object.values(shape).reduce((sum, b) => sum + b.layers * b.heads, 0);
}

/** The heads that exist in `shape` (all of them while the shape is unknown). */
export function headsInShape(heads: readonly HeadRef[], shape: HeadShape | null): HeadRef[] {
  if (!shape) return [...heads];
  return heads.filter((h) => {
    const block = shape[h.kind];
    return !!block && h.layer >= 0 && h.layer < block.layers && h.head >= 0 && h.head < block.heads;
  });
}

/**
 * Which model switched-off heads belong to: the translator of one folder, the playground (its
 * shape is checked separately, so a new seed keeps them), or one Hugging Face checkpoint.
 */
export function ablationModelKey(
  s: Pick<AppState, 'model' | 'translatorUrl'> & Partial<Pick<AppState, 'hub' | 'trainedModel'>>,
): string {
  if (s.model === 'playground') return 'playground';
  if (s.model === 'trained') return `trained:${s.trainedModel?.key ?? ''}`;
  if (s.model === 'hf') return `hf:${s.hub?.info?.key ?? ''}`;
  return `translator:${s.translatorUrl}`;
}

/**
 * The ablation a run of the current model carries (undefined when no head is off), and the store's
 * ablation after dropping heads of another model or heads the model no longer has (`changed`).
 */
export function ablationForRun(
  s: ShapeSource & Pick<AppState, 'ablation' | 'ablationModel' | 'translatorUrl'>,
): { request: HeadAblation | undefined; heads: HeadRef[]; model: string; changed: boolean } {
  const key = ablationModelKey(s);
  const { heads, mode } = s.ablation;
  if (heads.length === 0)
    return { request: undefined, heads, model: '', changed: s.ablationModel !== '' };
  const kept =
    s.ablationModel === key || s.ablationModel === ADOPT
      ? headsInShape(heads, modelHeadShape(s))
      : [];
  const model = kept.length > 0 ? key : '';
  return {
    request: kept.length > 0 ? { heads: kept, mode } : undefined,
    heads: kept,
    model,
    changed: kept.length !== heads.length || model !== s.ablationModel,
  };
}

/** Whether a head of `kind` is switched off. */
export function isHeadOff(
  ablation: HeadAblation,
  kind: AttentionKind,
  layer: number,
  head: number,
) {
  return ablation.heads.some((h) => h.kind === kind && h.layer === layer && h.head === head);
}

export const createAblationSlice: StateCreator<AppState, [], [], AblationSlice> = (set, get) => ({
  ablation: { heads: [], mode: 'zero' },
  ablationModel: '',
  toggleHeadOff: (ref) => {
    const s = get();
    const key = ablationModelKey(s);
    // Heads of another model are forgotten when this one's are touched.
    const current = s.ablationModel === key || s.ablationModel === ADOPT ? s.ablation.heads : [];
    const heads = current.some((h) => sameHeadRef(h, ref))
      ? current.filter((h) => !sameHeadRef(h, ref))
      : sortHeadRefs([...current, ref]);
    set({
      ablation: { ...s.ablation, heads },
      ablationModel: heads.length > 0 ? key : '',
    });
    get().runAll();
  },
  switchAllHeadsOn: () => {
    const s = get();
    if (s.ablation.heads.length === 0) return;
    set({ ablation: { ...s.ablation, heads: [] }, ablationModel: '' });
    get().runAll();
  },
  setAblationMode: (mode) => {
    const s = get();
    if (s.ablation.mode === mode) return;
    set({ ablation: { ...s.ablation, mode } });
    if (s.ablation.heads.length > 0) get().runAll();
  },
});

/**
 * Once a run has said which blocks the model has (its start): the switched-off heads it lacks are
 * dropped. Returns the store patch, or null when nothing changes.
 */
export function pruneToBlocks(
  s: Pick<AppState, 'ablation'>,
  blocks: readonly { kind: AttentionKind; layers: number; heads: number }[],
): Pick<AppState, 'ablation'> | Pick<AppState, 'ablation' | 'ablationModel'> | null {
  if (s.ablation.heads.length === 0) return null;
  const shape: HeadShape = {};
  for (const b of blocks) shape[b.kind] = { layers: b.layers, heads: b.heads };
  const kept = headsInShape(s.ablation.heads, shape);
  if (kept.length === s.ablation.heads.length) return null;
  const ablation = { ...s.ablation, heads: kept };
  return kept.length > 0 ? { ablation } : { ablation, ablationModel: '' };
}
