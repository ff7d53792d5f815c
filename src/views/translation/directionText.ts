/**
 * The translator's strings that name its languages, per direction: English → Chinese keeps the
 * keys it always had; Chinese → English has its own (direction.*), so no view writes "English"
 * where the model reads Chinese.
 */
import type { AttentionKind } from '../../engine';
import type { MessageKey } from '../../i18n';
import type { TranslatorDirection } from '../../store';

/** The heatmap's sentence saying what its rows and columns are, for a translator block. */
export function axesKey(kind: AttentionKind, direction: TranslatorDirection): MessageKey {
  return direction === 'zh-en' ? `direction.heatmap.axes.${kind}` : `heatmap.axes.${kind}`;
}

type TranslatorText = 'note' | 'vocab' | 'limits' | 'summary' | 'loadError' | 'loadErrorHint';

/** One of the translator panel's strings that name the two languages. */
export function translatorKey(key: TranslatorText, direction: TranslatorDirection): MessageKey {
  if (direction === 'en-zh') return `translator.${key}`;
  return key === 'loadError' || key === 'loadErrorHint'
    ? `direction.${key}`
    : `direction.translator.${key}`;
}
