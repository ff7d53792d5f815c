import { useId } from 'react';
import { useT } from '../../i18n';
import { modelHeadShape, totalHeads, useAppStore, type AblationMode } from '../../store';
import { SelectField } from '../controls/Field';
import './ablation.css';

/**
 * While any head is switched off: how many, what they give (zero or their mean), a button that
 * switches them all back on, a line on what switching off means, and a warning when every head of
 * the model is off. Shown above every tab, so switched-off heads are never forgotten.
 */
export function AblationBar() {
  const t = useT();
  const id = useId();
  const count = useAppStore((s) => s.ablation.heads.length);
  const mode = useAppStore((s) => s.ablation.mode);
  const allOff = useAppStore((s) => {
    const shape = modelHeadShape(s);
    return !!shape && s.ablation.heads.length > 0 && s.ablation.heads.length >= totalHeads(shape);
  });
  const setMode = useAppStore((s) => s.setAblationMode);
  const allOn = useAppStore((s) => s.switchAllHeadsOn);
  if (count === 0) return null;
  return (
    <section className="ablation-bar" aria-labelledby={`${id}-count`}>
      <div className="ablation-row">
        <h2 id={`${id}-count`} className="ablation-count">
          <span className="ablation-icon" aria-hidden="true">
            ⊘
          </span>{' '}
          {count === 1 ? t('ablation.countOne') : t('ablation.count', { count })}
        </h2>
        <SelectField<AblationMode>
          className="ablation-mode"
          label={t('ablation.mode')}
          value={mode}
          options={[
            { value: 'zero', label: t('ablation.mode.zero') },
            { value: 'mean', label: t('ablation.mode.mean') },
          ]}
          onChange={setMode}
        />
        <button type="button" className="button" onClick={allOn}>
          {t('ablation.allOn')}
        </button>
      </div>
      <p className="ablation-explain">{t('ablation.explain')}</p>
      {allOff && (
        <p className="notice" role="status">
          {t('ablation.allOff')}
        </p>
      )}
    </section>
  );
}
