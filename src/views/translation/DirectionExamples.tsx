import '../alignment/alignment.css';
import { useT } from '../../i18n';
import { BANK_PAIR_ZH, DIRECTION_SENTENCES, useAppStore } from '../../store';

/**
 * Chinese → English examples one click away: the article's sentence (我爱吃苹果。 in A) and the
 * "bank" pair (河岸 in A, 银行 in B: two Chinese words, one English word).
 */
export function DirectionExamples() {
  const t = useT();
  const direction = useAppStore((s) => s.direction);
  const setSentence = useAppStore((s) => s.setSentence);
  if (direction !== 'zh-en') return null;
  const use = (pair: Record<'A' | 'B', string>) => {
    setSentence('A', pair.A);
    setSentence('B', pair.B);
  };
  return (
    <div className="direction-examples" role="group" aria-label={t('direction.examples')}>
      <span className="direction-examples-label" aria-hidden="true">
        {t('direction.examples')}
      </span>
      <button
        type="button"
        className="button"
        lang="zh-Hans"
        onClick={() => use(DIRECTION_SENTENCES['zh-en'])}
      >
        {t('direction.example.apples')}
      </button>
      <button type="button" className="button" onClick={() => use(BANK_PAIR_ZH)}>
        {t('direction.example.bank')}
      </button>
    </div>
  );
}
