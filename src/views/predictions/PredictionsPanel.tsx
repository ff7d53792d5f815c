import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { predictionProbabilities } from '../../analysis/predictions';
import { useT } from '../../i18n';
import { PREDICTION_TEMPERATURE, selectPredictionPanel, useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import { formatProbability, formatTemperature, visibleTokenText } from './format';
import './predictions.css';

export interface PredictionsPanelProps {
  slot: SentenceSlot;
  /** The sentence's name ("Sentence A"): the list is named "Predictions for Sentence A". */
  name: string;
}

/**
 * A language model's next-token predictions after a sentence (Hugging Face causal LMs): the
 * likeliest tokens (at most 10, best first) with their probabilities under the temperature, which
 * applies on the page (the slider never re-runs the model). Clicking a token appends it to the
 * sentence and runs it again, to generate step by step and watch attention grow. The list stays
 * (dimmed) while a newer run computes. A model that cannot predict shows the worker's reason.
 * Shown only when the loaded model predicts, or when the run has predictions or a reason.
 */
export function PredictionsPanel({ slot, name }: PredictionsPanelProps) {
  const t = useT();
  const id = useId();
  const language = useAppStore((s) => s.language);
  const { predicts, predictions, unavailable, state, temperature } = useAppStore(
    useShallow(selectPredictionPanel(slot)),
  );
  const setTemperature = useAppStore((s) => s.setPredictionTemperature);
  const append = useAppStore((s) => s.appendPrediction);
  const entries = useMemo(
    () =>
      predictions ? predictionProbabilities(predictions.logits, predictions.top, temperature) : [],
    [predictions, temperature],
  );
  const pending = state === 'loading';
  if (!predicts && !predictions && unavailable === null) return null;
  // Nothing to predict from (an empty sentence) or the run failed (the heatmap says why).
  if (!predictions && unavailable === null && !pending) return null;

  const temperatureText = formatTemperature(language, temperature);
  return (
    <section
      className="predictions"
      aria-label={t('predictions.region', { name })}
      data-state={pending ? 'loading' : state}
    >
      <div className="predictions-head">
        <span className="predictions-title" aria-hidden="true">
          {t('predictions.heading')}
        </span>
        {pending && <span className="predictions-busy">{t('predictions.pending')}</span>}
      </div>
      {unavailable !== null && !predictions ? (
        <p role="status" className="notice predictions-unavailable">
          {unavailable}
        </p>
      ) : (
        <>
          {entries.length > 0 && (
            <ol
              className={`predictions-list${pending ? ' is-stale' : ''}`}
              aria-label={t('predictions.label', { name })}
            >
              {entries.map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    className="prediction"
                    title={t('predictions.append', { name })}
                    // Kept focusable while the next run computes; the store ignores stale clicks.
                    aria-disabled={pending || undefined}
                    data-special={e.special || undefined}
                    onClick={() => append(slot, e.id)}
                  >
                    <span
                      className="prediction-bar"
                      aria-hidden="true"
                      style={{ width: `${Math.min(100, e.probability * 100)}%` }}
                    />
                    <span className="prediction-token">{visibleTokenText(e.text)}</span>
                    {e.special && (
                      <span className="sr-only"> ({t('predictions.special')})</span>
                    )}{' '}
                    <span className="prediction-probability">
                      {formatProbability(language, e.probability)}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          <div className="predictions-temperature">
            <label htmlFor={`${id}-temperature`}>{t('predictions.temperature')}</label>
            <input
              id={`${id}-temperature`}
              type="range"
              min={PREDICTION_TEMPERATURE.min}
              max={PREDICTION_TEMPERATURE.max}
              step={PREDICTION_TEMPERATURE.step}
              value={temperature}
              aria-valuetext={t('predictions.temperatureValue', { value: temperatureText })}
              onChange={(e) => setTemperature(Number(e.target.value))}
            />
            <output htmlFor={`${id}-temperature`} className="predictions-temperature-value">
              {t('predictions.temperatureValue', { value: temperatureText })}
            </output>
          </div>
          <p className="field-hint">{t('predictions.hint')}</p>
        </>
      )}
    </section>
  );
}
