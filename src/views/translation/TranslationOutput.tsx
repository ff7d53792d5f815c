import { Fragment } from 'react';
import { useT } from '../../i18n';
import { DIRECTION_LANGS, useAppStore } from '../../store';
import { useTranslation } from '../../store/selectors';
import type { SentenceSlot } from '../../store/types';
import { spellGaps } from './spell';

export interface TranslationOutputProps {
  slot: SentenceSlot;
  /** The sentence's name ("Sentence A"): the output is named "Translation of Sentence A". */
  name: string;
}

/**
 * The translator's output for one sentence (Chinese, or English for Chinese → English). The text
 * stays (dimmed) while a newer run computes. When a decoder-side heatmap cell is hovered, the
 * piece being written (its row) and the one it looks back at (its column, decoder
 * self-attention) are marked.
 */
export function TranslationOutput({ slot, name }: TranslationOutputProps) {
  const t = useT();
  const { translation, state } = useTranslation(slot);
  const kind = useAppStore((s) => s.kind);
  const hover = useAppStore((s) => (s.hover && s.hover.slot === slot ? s.hover : null));
  const maxTokens = useAppStore((s) => s.translatorInfo?.maxTargetTokens ?? 0);
  const direction = useAppStore((s) => s.direction);
  const pending = state === 'loading';
  const tokens = translation?.targetTokens ?? [];
  // Pieces can be drawn one by one only when they spell the text exactly (no dropped <unk>):
  // Chinese characters join with nothing, English words with the spaces of the text.
  const gaps = translation
    ? spellGaps(
        tokens.map((tk) => tk.text),
        translation.text,
      )
    : null;
  // Nothing to show and nothing coming (the model failed, or the sentence is empty).
  if (!translation && !pending) return null;
  const rowOf = kind !== 'encoder-self' && hover ? hover.query : -1;
  const colOf = kind === 'decoder-self' && hover ? hover.key - 1 : -1; // column 0 is <s>

  return (
    <div className="translation" data-state={pending ? 'loading' : state}>
      <div className="translation-head">
        <span className="translation-title" aria-hidden="true">
          {t('translation.heading')}
        </span>
        {pending && <span className="translation-busy">{t('translation.pending')}</span>}
      </div>
      <output
        className={`translation-text${pending ? ' is-stale' : ''}`}
        aria-label={t('translation.label', { name })}
        lang={DIRECTION_LANGS[direction].target}
      >
        {gaps
          ? tokens.map((tk, i) => (
              // Pieces repeat: their position is their identity.
              <Fragment key={i}>
                {gaps[i]}
                <span className={i === rowOf ? 'is-query' : i === colOf ? 'is-key' : undefined}>
                  {tk.text}
                </span>
              </Fragment>
            ))
          : (translation?.text ?? '')}
      </output>
      {translation && !pending && translation.targetTokens.length === 0 && (
        <p className="translation-note">{t('translation.empty')}</p>
      )}
      {translation && !translation.finished && !pending && maxTokens > 0 && (
        <p className="translation-note">{t('translation.cut', { max: maxTokens })}</p>
      )}
    </div>
  );
}
