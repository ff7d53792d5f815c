import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { selectMaskChips, useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import { maskToggles } from './maskChips';
import { useZoomed } from '../heatmap-zoom/useLongInput';
import { useZoomLink } from '../heatmap-zoom/zoomLink';
import { chipWindow, selectedChips } from './chipWindow';
import './tokens.css';

export interface TokenChipsProps {
  slot: SentenceSlot;
  /** The sentence's name ("Sentence A"), used in the list's accessible name. */
  name: string;
}

/**
 * The tokens of a sentence as chips, in order. Token text is always rendered as text. The chips of
 * the hovered heatmap cell are marked: the query token and the key token. When the model fills
 * masks (a BERT-family masked LM), each non-special chip is a toggle button ("Mask token 3
 * (bank)", pressed while masked): a click masks that token and runs the sentence again; the
 * predictions panel then lists the fillers. A hint above the chips says so.
 */
export function TokenChips({ slot, name }: TokenChipsProps) {
  const t = useT();
  const tokens = useAppStore((s) => s.runs[slot].tokens);
  const hover = useAppStore((s) => (s.hover && s.hover.slot === slot ? s.hover : null));
  // Which heatmap axes are these tokens? The translator's decoder-side rows (and decoder
  // self-attention's columns) are Chinese tokens, not these.
  const onRows = useAppStore((s) => s.model !== 'translator' || s.kind === 'encoder-self');
  const onCols = useAppStore((s) => s.model !== 'translator' || s.kind !== 'decoder-self');
  const { maskable, masked } = useAppStore(useShallow(selectMaskChips(slot)));
  const toggle = useAppStore((s) => s.toggleMaskedToken);
  // Once per tokens and masks, not per render (a long input's chips follow every pan).
  const toggles = useMemo(() => maskToggles(tokens, maskable, masked), [tokens, maskable, masked]);
  // Long inputs: only the tokens of the zoomable heatmap's rows, and selecting chips zooms to them.
  const zoomed = useZoomed(slot);
  // Deferred: the chips follow the heatmap after its frame, never inside it.
  const rows = useDeferredValue(useZoomLink((s) => s.windows[slot]?.rows));
  const focusRange = useZoomLink((s) => s.focusRange);
  const [from, to] = zoomed ? chipWindow(rows, tokens.length) : [0, tokens.length];
  const onMouseUp = zoomed
    ? () => {
        const range = selectedChips(document.getSelection());
        if (range) focusRange(slot, range[0], range[1]);
      }
    : undefined;
  return (
    <>
      {maskable && tokens.length > 0 && (
        <p className="field-hint chips-hint">{t('fillers.hint')}</p>
      )}
      {zoomed && tokens.length > 0 && (
        <p className="field-hint chips-hint" aria-live="polite">
          {t('zoom.tokenWindow', { from: from + 1, to, total: tokens.length })}
        </p>
      )}
      <ul
        role="list"
        className={zoomed ? 'chips chips-window' : 'chips'}
        aria-label={t('tokens.listLabel', { name })}
        onMouseUp={onMouseUp}
      >
        {tokens.slice(from, to).map((token, k) => {
          const i = from + k;
          const classes = ['chip'];
          let title: string | undefined;
          if (token.special) {
            classes.push('chip-special');
            title = t('tokens.special');
          } else if (token.unknown) {
            classes.push('chip-unknown');
            title = t('tokens.unknown');
          }
          if (onRows && hover?.query === i) classes.push('is-query');
          if (onCols && hover?.key === i) classes.push('is-key');
          const mask = toggles[i];
          if (mask) classes.push('chip-maskable');
          if (mask?.pressed) classes.push('chip-masked');
          return (
            // Tokens repeat ("the" twice): their position is their identity.
            <li key={i} className={classes.join(' ')} title={title} data-index={i}>
              {mask ? (
                <button
                  type="button"
                  className="chip-toggle"
                  aria-pressed={mask.pressed}
                  aria-label={t('fillers.mask', { number: mask.number, token: mask.token })}
                  onClick={() => toggle(slot, i)}
                >
                  {token.text}
                </button>
              ) : (
                token.text
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
