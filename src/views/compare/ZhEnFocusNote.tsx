import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n';
import { BANK_PAIR_ZH, useAppStore } from '../../store';
import { isBankPairZh, WRITTEN_BANK, type ZhEnFocus } from './zhEnFocus';
// With the component, since the Same-word tab shows it without the Compare tab's styles.
import './zhEnFocusNote.css';

export interface ZhEnFocusNoteProps {
  /** Where the same word lives with Chinese → English (see `zhEnFocus`); never 'off'. */
  place: Exclude<ZhEnFocus, 'off'>;
  /** What the view says about it, already translated. */
  text: string;
  /** Test id of the note. */
  testId: string;
}

/**
 * The Compare and Same-word tabs' note for Chinese → English: why the comparison follows the
 * written English "bank", with a button for the "bank" pair (when the sentences are not it) and,
 * while the rows are Chinese characters, one that shows cross-attention focused on "bank".
 */
export function ZhEnFocusNote({ place, text, testId }: ZhEnFocusNoteProps) {
  const t = useT();
  const sentences = useAppStore(useShallow((s) => s.sentences));
  const setSentence = useAppStore((s) => s.setSentence);
  const setKind = useAppStore((s) => s.setKind);
  const setFocusWord = useAppStore((s) => s.setFocusWord);
  const pair = isBankPairZh(sentences);
  return (
    <div className="notice cmp-zhen" data-testid={testId}>
      <p>{text}</p>
      {(!pair || place === 'source') && (
        <div className="cmp-zhen-actions">
          {!pair && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setSentence('A', BANK_PAIR_ZH.A);
                setSentence('B', BANK_PAIR_ZH.B);
              }}
            >
              {t('compare.zhEn.usePair', { a: BANK_PAIR_ZH.A, b: BANK_PAIR_ZH.B })}
            </button>
          )}
          {place === 'source' && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setKind('cross');
                setFocusWord(WRITTEN_BANK);
              }}
            >
              {t('compare.zhEn.showCross', { word: WRITTEN_BANK })}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
