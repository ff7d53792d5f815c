/**
 * Next-token predictions in the store, with the fake engine client: a run's `onPredictions` fills
 * its sentence (or the reason it cannot), the predictions stay while a newer run computes and go
 * when a run brings none, the temperature is clamped and never re-runs, and appendPrediction
 * appends the token's text and runs the sentence at once (step-by-step generation).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isScheduled,
  PREDICTION_TEMPERATURE,
  resetAppStore,
  selectPredictionPanel,
  setDebounceMs,
  setEngineClient,
  useAppStore,
} from '../../../src/store';
import type { HfLoadHandlers } from '../../../src/worker/client';
import type {
  HfLoadRequest,
  HfModelInfo,
  NextTokenPredictions,
} from '../../../src/worker/protocol';
import { answer, FakeClient, type FakeRun, layerOf, tokensOf } from './fakeClient';

/** The run fake plus Hugging Face loads answered by hand. */
class FakeLmClient extends FakeClient {
  loads: { request: HfLoadRequest; handlers: HfLoadHandlers }[] = [];

  loadHf(request: HfLoadRequest, handlers: HfLoadHandlers): number {
    this.loads.push({ request, handlers });
    return 1000 + this.loads.length;
  }
}

const GPT2: HfModelInfo = {
  key: 'hub:|tiny-gpt2@main',
  name: 'tiny-gpt2',
  source: 'hub',
  revision: 'main',
  modelType: 'gpt2',
  family: 'gpt2',
  architecture: 'decoder',
  layers: 2,
  heads: 2,
  dModel: 32,
  vocabSize: 8,
  maxTokens: 32,
  supportsPairs: false,
  parameters: 25_000,
  bytesRead: 106_000,
  fromCache: false,
  dtypes: ['F32'],
  kvHeads: 2,
  predicts: true,
  fillsMask: false,
};

/** Logits over a vocabulary of 8; the top three are ids 3 (" river"), 5 (","), 7 (eos). */
const PREDICTIONS: NextTokenPredictions = {
  position: 5,
  logits: Float32Array.from([0, 0, 0, 4, 0, 3, 0, 2]),
  top: [
    { id: 3, text: ' river', special: false },
    { id: 5, text: ',', special: false },
    { id: 7, text: '<|endoftext|>', special: true },
  ],
};

let client: FakeLmClient;
const state = () => useAppStore.getState();

/** Plays a language-model run: tokens, start, layers, predictions (or a reason), done. */
function answerLm(
  run: FakeRun,
  predictions: NextTokenPredictions | null = PREDICTIONS,
  reason?: string,
): void {
  const tokens = tokensOf(run.request.text);
  const n = tokens.length;
  const h = run.handlers;
  h.onTokens(tokens, n, 0, run.request.maxTokens);
  h.onStart({ name: run.request.backend, requested: run.request.backend }, [
    { kind: 'decoder-self', layers: 2, heads: 2, queryLength: n, keyLength: n },
  ]);
  for (let l = 0; l < 2; l++) h.onLayer({ ...layerOf(l, 2, n), kind: 'decoder-self' });
  h.onPredictions?.(predictions, reason);
  h.onDone(
    [{ kind: 'decoder-self', mask: { rows: n, cols: n, allowed: new Uint8Array(n * n).fill(1) } }],
    4,
  );
}

/** Switches to the Hugging Face model and loads `info` (both sentences then run). */
function loadLm(info: HfModelInfo = GPT2): void {
  state().setModel('hf');
  state().setHubId(info.name);
  state().loadHubModel();
  client.loads[client.loads.length - 1]!.handlers.onLoaded(info);
}

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  client = new FakeLmClient();
  setEngineClient(client);
  setDebounceMs(150);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
  vi.useRealTimers();
});

describe('predictions of a run', () => {
  it('start empty, with temperature 1', () => {
    expect(state().runs.A.predictions).toBeNull();
    expect(state().runs.A.predictionsUnavailable).toBeNull();
    expect(state().predictionTemperature).toBe(1);
    expect(PREDICTION_TEMPERATURE).toMatchObject({ min: 0.1, max: 3, default: 1 });
  });

  it('are filled from onPredictions and kept when the run is done', () => {
    loadLm();
    answerLm(client.last('A'));
    expect(state().runs.A.state).toBe('ready');
    expect(state().runs.A.predictions).toBe(PREDICTIONS);
    expect(state().runs.A.predictionsUnavailable).toBeNull();
    expect(state().runs.B.predictions).toBeNull(); // B has not answered
  });

  it('keep the reason when the model cannot predict', () => {
    loadLm({ ...GPT2, predicts: false });
    answerLm(client.last('A'), null, 'This checkpoint has no output head.');
    expect(state().runs.A.predictions).toBeNull();
    expect(state().runs.A.predictionsUnavailable).toBe('This checkpoint has no output head.');
    const panel = selectPredictionPanel('A')(state());
    expect(panel.predicts).toBe(false);
    expect(panel.unavailable).toBe('This checkpoint has no output head.');
  });

  it('stay (to be dimmed) while a newer run computes, then are replaced', () => {
    loadLm();
    answerLm(client.last('A'));
    state().setSentence('A', 'The bank is near the river bank');
    expect(state().runs.A.state).toBe('loading');
    expect(state().runs.A.predictions).toBe(PREDICTIONS);
    vi.advanceTimersByTime(150);
    const run = client.last('A');
    expect(state().runs.A.predictions).toBe(PREDICTIONS);
    const next: NextTokenPredictions = { ...PREDICTIONS, position: 7 };
    answerLm(run, next);
    expect(state().runs.A.predictions).toBe(next);
  });

  it('of a superseded run are ignored', () => {
    loadLm();
    const old = client.last('A');
    state().runSentence('A');
    old.handlers.onPredictions?.(PREDICTIONS);
    expect(state().runs.A.predictions).toBeNull();
  });

  it('go when a run brings none (another model), fails, or the sentence is emptied', () => {
    loadLm();
    answerLm(client.last('A'));
    state().setModel('playground');
    expect(state().runs.A.predictions).toBe(PREDICTIONS); // shown dimmed meanwhile
    answer(client.last('A'), 'The bank', 2, 2);
    expect(state().runs.A.predictions).toBeNull();

    state().setModel('hf');
    answerLm(client.last('A'));
    expect(state().runs.A.predictions).toBe(PREDICTIONS);
    state().runSentence('A');
    client.last('A').handlers.onError('out of memory');
    expect(state().runs.A.state).toBe('error');
    expect(state().runs.A.predictions).toBeNull();

    state().runSentence('A');
    answerLm(client.last('A'), null, 'no head');
    expect(state().runs.A.predictionsUnavailable).toBe('no head');
    state().setSentence('A', '');
    expect(state().runs.A.predictions).toBeNull();
    expect(state().runs.A.predictionsUnavailable).toBeNull();
  });

  it('the panel source says whether the loaded model predicts', () => {
    expect(selectPredictionPanel('A')(state()).predicts).toBe(false);
    loadLm();
    const panel = selectPredictionPanel('A')(state());
    expect(panel).toMatchObject({ predicts: true, state: 'loading', temperature: 1 });
    state().setModel('playground');
    expect(selectPredictionPanel('A')(state()).predicts).toBe(false);
  });
});

describe('temperature', () => {
  it('is clamped to 0.1–3, ignores non-numbers, and never re-runs', () => {
    loadLm();
    const posted = client.runs.length;
    state().setPredictionTemperature(2.5);
    expect(state().predictionTemperature).toBe(2.5);
    state().setPredictionTemperature(10);
    expect(state().predictionTemperature).toBe(3);
    state().setPredictionTemperature(0);
    expect(state().predictionTemperature).toBe(0.1);
    state().setPredictionTemperature(Number.NaN);
    expect(state().predictionTemperature).toBe(0.1);
    expect(client.runs.length).toBe(posted);
    expect(isScheduled('A')).toBe(false);
  });
});

describe('appendPrediction', () => {
  it('appends the token text to the sentence and runs it at once', () => {
    loadLm();
    answerLm(client.last('A'));
    const posted = client.runs.length;
    state().appendPrediction('A', 3);
    expect(state().sentences.A).toBe('The bank is near the river. river');
    expect(client.runs.length).toBe(posted + 1);
    expect(isScheduled('A')).toBe(false);
    const run = client.last('A');
    expect(run.request.text).toBe('The bank is near the river. river');
    expect(run.request.model).toEqual({ kind: 'hf', key: GPT2.key });
    expect(state().runs.A.state).toBe('loading');
    expect(state().runs.A.predictions).toBe(PREDICTIONS); // dimmed until the new ones arrive
    expect(state().sentences.B).toBe('I deposited money in the bank.');
  });

  it('generates step by step: each answer gives the next token to append', () => {
    loadLm();
    answerLm(client.last('A'));
    state().appendPrediction('A', 5);
    answerLm(client.last('A'), {
      ...PREDICTIONS,
      top: [{ id: 2, text: ' and', special: false }],
    });
    state().appendPrediction('A', 2);
    expect(state().sentences.A).toBe('The bank is near the river., and');
    expect(client.last('A').request.text).toBe('The bank is near the river., and');
  });

  it('appends special tokens as their text, on sentence B too', () => {
    loadLm();
    answerLm(client.last('B'));
    state().appendPrediction('B', 7);
    expect(state().sentences.B).toBe('I deposited money in the bank.<|endoftext|>');
    expect(client.last('B').request.text).toBe('I deposited money in the bank.<|endoftext|>');
  });

  it('does nothing while the sentence runs, without predictions, or for an unknown id', () => {
    loadLm();
    const posted = client.runs.length;
    state().appendPrediction('A', 3); // no predictions yet (and still loading)
    answerLm(client.last('A'));
    state().appendPrediction('A', 4); // not among the top ids
    expect(client.runs.length).toBe(posted);
    state().setSentence('A', 'The bank');
    state().appendPrediction('A', 3); // stale while the edit waits to run
    expect(state().sentences.A).toBe('The bank');
    expect(client.runs.length).toBe(posted);
  });
});
