/**
 * Next-token predictions of Hugging Face language models: the temperature the page applies to the
 * logits (the model never re-runs for it), and step-by-step generation (append a predicted token
 * to its sentence and run that sentence again at once, to watch attention grow).
 *
 * The predictions themselves belong to each sentence's run (`SentenceRun.predictions`, filled by
 * the run slice from the worker's `predictions` message).
 */
import type { StateCreator } from 'zustand';
import type { NextTokenPredictions } from '../worker/protocol';
import { activeMaskedToken, canMaskSentence, type MaskedToken } from './fillerSlice';
import { hubPairActive } from './hubSlice';
import type { AppState, RunState, SentenceSlot } from './types';

/** Temperatures the slider offers; 1 leaves the model's distribution as it is. */
export const PREDICTION_TEMPERATURE = { min: 0.1, max: 3, step: 0.1, default: 1 } as const;

export interface PredictionSlice {
  /** Temperature applied to the next-token logits on the page (default 1, 0.1–3). */
  predictionTemperature: number;
  /** Sets the temperature, clamped to 0.1–3 (non-numbers are ignored). Never re-runs. */
  setPredictionTemperature: (temperature: number) => void;
  /**
   * Appends the text of the predicted token `id` (one of `runs[slot].predictions.top`) to that
   * sentence and runs it again at once. Does nothing while the sentence is running (its
   * predictions are stale then) or when `id` is not among the predictions, or for a masked LM's
   * fillers (`predictions.masked`), which fill a token inside the sentence.
   */
  appendPrediction: (slot: SentenceSlot, id: number) => void;
}

export const createPredictionSlice: StateCreator<AppState, [], [], PredictionSlice> = (
  set,
  get,
) => ({
  predictionTemperature: PREDICTION_TEMPERATURE.default,
  setPredictionTemperature: (temperature) => {
    if (!Number.isFinite(temperature)) return;
    const t = Math.min(
      PREDICTION_TEMPERATURE.max,
      Math.max(PREDICTION_TEMPERATURE.min, temperature),
    );
    if (t !== get().predictionTemperature) set({ predictionTemperature: t });
  },
  appendPrediction: (slot, id) => {
    const s = get();
    const run = s.runs[slot];
    if (run.state === 'loading' || !run.predictions || run.predictions.masked) return;
    const token = run.predictions.top.find((p) => p.id === id);
    if (!token) return;
    set({ sentences: { ...s.sentences, [slot]: s.sentences[slot] + token.text } });
    // Sentence B of a sentence pair rides in A's run (encoders only, which do not predict).
    get().runSentence(slot === 'B' && hubPairActive(s) ? 'A' : slot);
  },
});

/** What a sentence's predictions panel reads (for `useShallow`). */
export interface PredictionPanelSource {
  /** The loaded checkpoint predicts next tokens (a Hugging Face causal LM with an output head). */
  predicts: boolean;
  predictions: NextTokenPredictions | null;
  /** Why the model cannot predict, as the worker said; null when it can (or nothing is known). */
  unavailable: string | null;
  state: RunState;
  temperature: number;
  /**
   * The loaded checkpoint fills masked tokens (a BERT-family masked LM) and this sentence can be
   * masked (not sentence B of a pair): the panel lists fillers, or the hint to mask a token.
   */
  fillsMask: boolean;
  /** The sentence's masked token (index and text before masking; the stored object), or null. */
  masked: MaskedToken | null;
}

export const selectPredictionPanel =
  (slot: SentenceSlot) =>
  (s: AppState): PredictionPanelSource => ({
    predicts: s.model === 'hf' && (s.hub.info?.predicts ?? false),
    predictions: s.runs[slot].predictions,
    unavailable: s.runs[slot].predictionsUnavailable,
    state: s.runs[slot].state,
    temperature: s.predictionTemperature,
    fillsMask: canMaskSentence(s, slot),
    masked: activeMaskedToken(s, slot),
  });
