/** The shareable part of the app's state, read from the store's fields (no store import). */
import type { AppState } from '../store/types';
import { SHARE_VERSION, type SharedHfModel, type SharedState } from './types';

/** The store fields a link carries. */
export type ShareSource = Pick<
  AppState,
  | 'model'
  | 'sentences'
  | 'tab'
  | 'kind'
  | 'layer'
  | 'head'
  | 'hover'
  | 'playground'
  | 'mask'
  | 'colorMap'
  | 'colorScale'
  | 'leaveOutFirst'
  | 'weighting'
  | 'ablation'
> &
  Partial<Pick<AppState, 'direction'>> &
  Partial<Pick<AppState, 'hub'>>;

/** The Hub checkpoint in use, when it came from the Hub (files cannot travel in a link). */
function sharedHf(s: ShareSource): SharedHfModel | null {
  const info = s.hub?.info;
  if (s.model !== 'hf' || !info || info.source !== 'hub') return null;
  return { id: info.name, revision: info.revision ?? 'main', pair: s.hub?.pair ?? false };
}

/**
 * Why a link cannot carry the model in use (it then opens with the built-in translator): the
 * Hugging Face checkpoint came from local files, or none has loaded yet. Null when it can.
 */
export function sharedModelNote(s: ShareSource): 'files' | 'notLoaded' | 'trained' | null {
  // A model trained in the Train tab lives only in this tab.
  if (s.model === 'trained') return 'trained';
  if (s.model !== 'hf' || sharedHf(s)) return null;
  return s.hub?.info?.source === 'files' ? 'files' : 'notLoaded';
}

/** A plain copy of what a link should restore (the hovered cell, if any, becomes its focus). */
export function snapshotShareState(s: ShareSource): SharedState {
  const hf = sharedHf(s);
  return {
    v: SHARE_VERSION,
    // A checkpoint from local files (or none loaded yet) cannot travel: the default model.
    model: (s.model === 'hf' && !hf) || s.model === 'trained' ? 'translator' : s.model,
    hf,
    sentences: { A: s.sentences.A, B: s.sentences.B },
    tab: s.tab,
    kind: s.kind,
    layer: s.layer,
    head: s.head,
    focus: s.hover ? { slot: s.hover.slot, query: s.hover.query, key: s.hover.key } : null,
    playground: { ...s.playground },
    mask: { ...s.mask },
    colorMap: s.colorMap,
    colorScale: s.colorScale,
    leaveOutFirst: s.leaveOutFirst,
    weighting: s.weighting,
    // Heads of a model the link cannot carry would be another model's heads: none then.
    ablation: {
      heads:
        (s.model === 'hf' && !hf) || s.model === 'trained'
          ? []
          : s.ablation.heads.map((h) => ({ ...h })),
      mode: s.ablation.mode,
    },
    // Written only for Chinese → English, so English → Chinese links stay as they always were.
    ...(s.direction === 'zh-en' ? { direction: 'zh-en' as const } : {}),
  };
}
