/** Small pieces the analysis tabs share: the sentence switch and the "nothing to show yet" states. */
import { useId, type ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import type { AnalysisSource } from './source';

const SLOTS: SentenceSlot[] = ['A', 'B'];

/** Segmented buttons choosing which sentence the Heads, Lines and Aggregates tabs show. */
export function SentenceSwitch() {
  const t = useT();
  const slot = useAppStore((s) => s.analysisSlot);
  const setSlot = useAppStore((s) => s.setAnalysisSlot);
  const id = useId();
  return (
    <div className="an-field">
      <span className="an-field-label" id={id}>
        {t('analysis.sentence')}
      </span>
      <div className="an-segmented" role="group" aria-labelledby={id}>
        {SLOTS.map((s) => (
          <button
            key={s}
            type="button"
            className="an-segment"
            aria-pressed={slot === s}
            onClick={() => setSlot(s)}
          >
            {t(s === 'A' ? 'input.sentenceA' : 'input.sentenceB')}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * What to show instead of a view while its data is not there: the empty prompt, a spinner while
 * the run streams in, or the engine's error. Null when the view can draw.
 */
export function AnalysisStatus({
  source,
  limit = 'longInput.generic',
}: {
  source: AnalysisSource;
  /** Why this view cannot show an on-demand (long) input, when it cannot. */
  limit?: MessageKey;
}): ReactNode {
  const t = useT();
  if (source.view) return null;
  if (source.onDemand && source.state !== 'error')
    return (
      <p className="notice an-empty" role="note">
        {t('longInput.notice', { tokens: source.tokens ?? 0, view: t(limit) })}
      </p>
    );
  if (source.state === 'empty')
    return <p className="heatmap-empty an-empty">{t('heatmap.empty')}</p>;
  if (source.state === 'error')
    return (
      <p className="heatmap-error" role="alert">
        {t('error.engine', { message: source.error ?? '' })}
      </p>
    );
  return (
    <div className="an-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{t('heatmap.loading')}</span>
    </div>
  );
}

/** A labelled native <select> in the analysis toolbars. */
export function AnSelect<V extends string>({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) {
  return (
    <div className="an-field">
      <label className="an-field-label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="an-select"
        value={value}
        onChange={(e) => {
          const found = options.find((o) => o.value === e.target.value);
          if (found) onChange(found.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
