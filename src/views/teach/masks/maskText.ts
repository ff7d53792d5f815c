/** The message keys of each gallery entry (name and explanation) and of each attention. */
import type { AttentionKind } from '../../../engine/types';
import type { MessageKey, TranslateFn } from '../../../i18n';
import type { GalleryKind, GallerySettings } from './masks';

export const KIND_KEY: Record<GalleryKind, MessageKey> = {
  none: 'teach.masks.kind.none',
  causal: 'teach.masks.kind.causal',
  padding: 'teach.masks.kind.padding',
  window: 'teach.masks.kind.window',
  dilated: 'teach.masks.kind.dilated',
  'global-window': 'teach.masks.kind.global-window',
  bigbird: 'teach.masks.kind.bigbird',
  custom: 'teach.masks.kind.custom',
};

export const EXPLAIN_KEY: Record<GalleryKind, MessageKey> = {
  none: 'teach.masks.explain.none',
  causal: 'teach.masks.explain.causal',
  padding: 'teach.masks.explain.padding',
  window: 'teach.masks.explain.window',
  dilated: 'teach.masks.explain.dilated',
  'global-window': 'teach.masks.explain.global-window',
  bigbird: 'teach.masks.explain.bigbird',
  custom: 'teach.masks.explain.custom',
};

/** What the rows and columns of each attention are. */
export const AXES_KEY: Record<AttentionKind, MessageKey> = {
  'encoder-self': 'teach.masks.axes.encoder-self',
  'decoder-self': 'teach.masks.axes.decoder-self',
  cross: 'teach.masks.axes.cross',
};

/**
 * The knobs that shaped a gallery mask, as one title line of its exported pictures ("Window radius
 * r: 2"); '' for masks that have none.
 */
export function maskSettingsLine(
  t: TranslateFn,
  kind: GalleryKind,
  s: Pick<GallerySettings, 'radius' | 'dilation' | 'randomPerRow' | 'seed'>,
): string {
  const radius = `${t('teach.masks.radius')}: ${s.radius}`;
  switch (kind) {
    case 'window':
    case 'global-window':
      return radius;
    case 'dilated':
      return `${radius} · ${t('teach.masks.dilation')}: ${s.dilation}`;
    case 'bigbird':
      return `${radius} · ${t('teach.masks.random')}: ${s.randomPerRow} · ${t('teach.seed')}: ${s.seed}`;
    default:
      return '';
  }
}
