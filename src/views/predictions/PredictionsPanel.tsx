import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { NeedsModelNotice } from '../attention-file/NeedsModelNotice';
import { predictionProbabilities, type PredictionEntry } from '../../analysis/predictions';
import { useT } from '../../i18n';
import type { Language } from '../../i18n/language';
import { PREDICTION_TEMPERATURE, selectPredictionPanel, useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import { fillerHeading, maskTokenText } from './fillers';
import { formatProbability, formatTemperature, visibleTokenText } from './format';
import './predictions.css';

export interface PredictionsPanelProps {
  slot: SentenceSlot;
  /** The sentence's name ("Sentence A"): the list is named "Predictions for Sentence A". */
  name: string;
}

/**
 * A language model's predictions for a sentence, with their probabilities under the temperature,
 * which applies on the page (the slider never re-runs the model). The list stays (dimmed) while a
 * newer run computes. A model that cannot predict shows the worker's reason.
 *
 * - Causal LMs: the likeliest next tokens (at most 10, best first). Clicking a token appends it to
 *   the sentence and runs it again, to generate step by step and watch attention grow.
 * - Masked LMs (BERT family, `fillsMask`): the likeliest fillers of the token masked in the chips
 *   ("Fillers for [MASK] (token 3: “bank”)"), as plain items (they do not append); with nothing
 *   masked, the hint to click a token.
 *
 * Shown only when the loaded model predicts or fills masks, or when the run has predictions or a
 * reason.
 */
export function PredictionsPanel({ slot, name }: PredictionsPanelProps) {
  const t = useT();
  const id = useId();
  const language = useAppStore((s) => s.language);
  const { predicts, predictions, unavailable, state, temperature, fillsMask, masked } = useAppStore(
    useShallow(selectPredictionPanel(slot)),
  );
  const maskText = useAppStore((s) =>
    masked ? maskTokenText(s.runs[slot].tokens, masked.index) : '',
  );
  const hasTokens = useAppStore((s) => s.runs[slot].tokens.length > 0);
  const setTemperature = useAppStore((s) => s.setPredictionTemperature);
  const append = useAppStore((s) => s.appendPrediction);
  const fromFile = useAppStore((s) => slot === 'A' && s.attentionFile !== null);
  // A masked LM lists fillers only while a token is masked (the unmasked run predicts nothing).
  const shown = fillsMask ? (masked && predictions?.masked ? predictions : null) : predictions;
  const entries = useMemo(
    () => (shown ? predictionProbabilities(shown.logits, shown.top, temperature) : []),
    [shown, temperature],
  );
  const pending = state === 'loading';

  // An open attention file has weights only: the model that would predict is not there.
  if (fromFile) return predicts || fillsMask ? <NeedsModelNotice /> : null;

  if (fillsMask) {
    // Nothing to mask in an empty sentence, or the run failed (the heatmap says why).
    if (!hasTokens || state === 'error' || state === 'empty') return null;
    return (
      <section
        className="predictions predictions-fillers"
        aria-label={t('fillers.region', { name })}
        data-state={pending ? 'loading' : state}
      >
        <div className="predictions-head">
          <span className="predictions-title" aria-hidden="true">
            {t('fillers.heading')}
          </span>
          {pending && masked && <span className="predictions-busy">{t('fillers.pending')}</span>}
        </div>
        {!masked ? (
          <p className="field-hint predictions-mask-hint">{t('fillers.hint')}</p>
        ) : unavailable !== null && !shown ? (
          <p role="status" className="notice predictions-unavailable">
            {unavailable}
          </p>
        ) : (
          <>
            <p className="predictions-intro">{fillerHeading(t, masked, maskText)}</p>
            {entries.length > 0 && (
              <ol
                className={`predictions-list${pending ? ' is-stale' : ''}`}
                aria-label={t('predictions.label', { name })}
              >
                {entries.map((e) => (
                  <li key={e.id}>
                    <span
                      className="prediction prediction-filler"
                      data-special={e.special || undefined}
                    >
                      <EntryContent
                        entry={e}
                        language={language}
                        special={t('predictions.special')}
                      />
                    </span>
                  </li>
                ))}
              </ol>
            )}
            <Temperature
              id={id}
              language={language}
              temperature={temperature}
              onChange={setTemperature}
            />
            <p className="field-hint">{t('fillers.listHint')}</p>
          </>
        )}
      </section>
    );
  }

  if (!predicts && !predictions && unavailable === null) return null;
  // Nothing to predict from (an empty sentence) or the run failed (the heatmap says why).
  if (!predictions && unavailable === null && !pending) return null;

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
                    <EntryContent
                      entry={e}
                      language={language}
                      special={t('predictions.special')}
                    />
                  </button>
                </li>
              ))}
            </ol>
          )}
          <Temperature
            id={id}
            language={language}
            temperature={temperature}
            onChange={setTemperature}
          />
          <p className="field-hint">{t('predictions.hint')}</p>
        </>
      )}
    </section>
  );
}

/** One prediction: its probability bar, its token (spaces visible) and its percentage. */
function EntryContent({
  entry,
  language,
  special,
}: {
  entry: PredictionEntry;
  language: Language;
  /** "special token", read after a special token's text. */
  special: string;
}) {
  return (
    <>
      <span
        className="prediction-bar"
        aria-hidden="true"
        style={{ width: `${Math.min(100, entry.probability * 100)}%` }}
      />
      <span className="prediction-token">{visibleTokenText(entry.text)}</span>
      {entry.special && <span className="sr-only"> ({special})</span>}{' '}
      <span className="prediction-probability">
        {formatProbability(language, entry.probability)}
      </span>
    </>
  );
}

/** The temperature slider (0.1–3) and its value. */
function Temperature({
  id,
  language,
  temperature,
  onChange,
}: {
  id: string;
  language: Language;
  temperature: number;
  onChange: (temperature: number) => void;
}) {
  const t = useT();
  const text = t('predictions.temperatureValue', {
    value: formatTemperature(language, temperature),
  });
  return (
    <div className="predictions-temperature">
      <label htmlFor={`${id}-temperature`}>{t('predictions.temperature')}</label>
      <input
        id={`${id}-temperature`}
        type="range"
        min={PREDICTION_TEMPERATURE.min}
        max={PREDICTION_TEMPERATURE.max}
        step={PREDICTION_TEMPERATURE.step}
        value={temperature}
        aria-valuetext={text}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <output htmlFor={`${id}-temperature`} className="predictions-temperature-value">
        {text}
      </output>
    </div>
  );
}
