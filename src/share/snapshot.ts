/** The shareable part of the app's state, read from the store's fields (no store import). */
import type { AppState } from '../store/types';
import { SHARE_VERSION, type SharedState } from './types';

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
>;

/** A plain copy of what a link should restore (the hovered cell, if any, becomes its focus). */
export function snapshotShareState(s: ShareSource): SharedState {
  return {
    v: SHARE_VERSION,
    // Links do not carry Hugging Face checkpoints yet (`?hf=<id>` preselects one): the default model.
    model: s.model === 'hf' ? 'translator' : s.model,
    sentences: { A: s.sentences.A, B: s.sentences.B },
    tab: s.tab,
    kind: s.kind,
    layer: s.layer,
    head: s.head,
    focus: s.hover ? { slot: s.hover.slot, query: s.hover.query, key: s.hover.key } : null,
    playground: { ...s.playground },
    mask: { ...s.mask },
    colorMap: s.colorMap,
  };
}
