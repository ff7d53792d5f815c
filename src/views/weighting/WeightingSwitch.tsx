/**
 * The "Show" choice of the Attention, Heads and Compare tabs: the attention weights α, or
 * value-weighted attention ‖α·f(x)‖ (Kobayashi et al. 2020). Choosing the latter re-runs the
 * sentences that lack the engine's value norms (a store action).
 */
import { useId } from 'react';
import { useT } from '../../i18n';
import { useAppStore, WEIGHTINGS, type Weighting } from '../../store';
import './weighting.css';

/** Segmented buttons "Attention weights α" / "Value-weighted ‖α·f(x)‖" under the label "Show". */
export function WeightingSwitch() {
  const t = useT();
  const id = useId();
  const weighting = useAppStore((s) => s.weighting);
  const setWeighting = useAppStore((s) => s.setWeighting);
  return (
    <div className="weighting-switch">
      <span className="weighting-label" id={id}>
        {t('weighting.label')}
      </span>
      <div className="weighting-options" role="group" aria-labelledby={id}>
        {WEIGHTINGS.map((w: Weighting) => (
          <button
            key={w}
            type="button"
            className="weighting-option"
            aria-pressed={weighting === w}
            onClick={() => setWeighting(w)}
          >
            {t(w === 'value' ? 'weighting.value' : 'weighting.attention')}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The sentence under a value-weighted colour bar: what ‖α·f(x)‖ measures. */
export function WeightingNote() {
  const t = useT();
  return <p className="weighting-note">{t('weighting.explain')}</p>;
}
