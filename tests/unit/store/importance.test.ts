/**
 * Measured head importance in the store, with the fake engine client: the request is built like
 * the sentence's run (model, limit, ablation mode, masked token), progress and the ranking arrive,
 * rankings are cached per input, cancelling keeps the previous ranking, failures carry the
 * worker's reason. And value-weighted attention: the Show choice asks runs for value norms, keeps
 * them per block and draws α·‖f(x)‖.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  planImportance,
  resetAppStore,
  selectImportancePanel,
  setDebounceMs,
  setEngineClient,
  shownBlock,
  shownLayer,
  TRANSLATOR_MAX_TOKENS,
  useAppStore,
} from '../../../src/store';
import type { HfModelInfo, ImportanceResult } from '../../../src/worker/protocol';
import { answerTranslation, FakeClient, layerOf, tokensOf } from './fakeClient';

let client: FakeClient;
const state = () => useAppStore.getState();
const panel = (slot: 'A' | 'B' = 'A') => selectImportancePanel(slot)(state());

const RESULT: ImportanceResult = {
  metric: 'logprob-drop',
  mode: 'zero',
  baseline: '银行在河边。',
  heads: [
    { kind: 'encoder-self', layer: 0, head: 0, score: 0.2, output: '银行在河边。', changed: false },
    { kind: 'cross', layer: 1, head: 3, score: 1.5, output: '河岸在河边。', changed: true },
  ],
};

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  client = new FakeClient();
  setEngineClient(client);
  setDebounceMs(150);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
  vi.useRealTimers();
});

describe('measureImportance', () => {
  it('asks for the sentence with the run’s model, limit and zero ablation by default', () => {
    state().measureImportance('A');
    expect(client.measures).toHaveLength(1);
    const { request } = client.measures[0]!;
    expect(request).toMatchObject({
      slot: 'A',
      text: 'The bank is near the river.',
      model: { kind: 'translator' },
      maxTokens: TRANSLATOR_MAX_TOKENS,
      mode: 'zero',
      backend: state().backend,
    });
    expect(request.model.kind === 'translator' && request.model.url).toMatch(
      /\/models\/en-zh-tiny\/$/,
    );
    expect(request.maskAt).toBeUndefined();
    expect(panel().measuringThis).toBe(true);
    expect(state().importanceMeasure).toMatchObject({ done: 0, total: 0, requestId: 1 });
  });

  it('shows progress, then the ranking; the ranking is kept per input', () => {
    state().measureImportance('A');
    const m = client.measures[0]!;
    m.handlers.onProgress(12, 24);
    expect(state().importanceMeasure).toMatchObject({ done: 12, total: 24 });
    m.handlers.onDone(RESULT);
    expect(state().importanceMeasure).toBeNull();
    expect(panel().result).toBe(RESULT);

    // Another text has no ranking; back to the first, it is there at once (no new measurement).
    state().setSentence('A', 'The bank is closed.');
    expect(panel().result).toBeNull();
    state().setSentence('A', 'The bank is near the river.');
    expect(panel().result).toBe(RESULT);
    expect(client.measures).toHaveLength(1);
    // Sentence B is another input.
    expect(panel('B').result).toBeNull();
  });

  it('cancelling stops the measurement and keeps the ranking shown before it', () => {
    state().measureImportance('A');
    client.measures[0]!.handlers.onDone(RESULT);
    state().measureImportance('A');
    const second = client.measures[1]!;
    second.handlers.onProgress(3, 24);
    state().cancelImportance();
    expect(second.cancelled).toBe(true);
    expect(state().importanceMeasure).toBeNull();
    expect(panel().result).toBe(RESULT);
    // Late answers of the cancelled measurement are ignored.
    second.handlers.onDone({ ...RESULT, heads: [] });
    second.handlers.onProgress(4, 24);
    expect(panel().result).toBe(RESULT);
    expect(state().importanceMeasure).toBeNull();
  });

  it('a new measurement supersedes the one under way', () => {
    state().measureImportance('A');
    state().measureImportance('B');
    expect(client.measures[0]!.cancelled).toBe(true);
    client.measures[0]!.handlers.onDone(RESULT);
    expect(panel('A').result).toBeNull();
    expect(panel('B').measuringThis).toBe(true);
    expect(panel('A').measuringThis).toBe(false);
  });

  it('a model without an output: the worker’s reason, cleared by the next try', () => {
    state().measureImportance('A');
    client.measures[0]!.handlers.onError('This checkpoint has no output head to compare.');
    expect(panel().error).toEqual({
      kind: 'worker',
      message: 'This checkpoint has no output head to compare.',
    });
    expect(state().importanceMeasure).toBeNull();
    state().measureImportance('A');
    expect(panel().error).toBeNull();
  });

  it('a client that cannot measure says so', () => {
    const plain = new FakeClient();
    (plain as { measureImportance?: unknown }).measureImportance = undefined;
    setEngineClient(plain);
    state().measureImportance('A');
    expect(panel().error).toEqual({ kind: 'unsupported' });
  });

  it('nothing to measure for an empty sentence', () => {
    state().setSentence('A', '   ');
    expect(panel()).toMatchObject({ key: null, why: 'empty' });
    state().measureImportance('A');
    expect(client.measures).toHaveLength(0);
  });

  it('the ablation mode of the page, and the playground model', () => {
    state().setAblationMode('mean');
    state().setModel('playground');
    state().measureImportance('A');
    const { request } = client.measures[0]!;
    expect(request.mode).toBe('mean');
    expect(request.model).toEqual({ kind: 'playground', options: state().playground });
    expect(request.maxTokens).toBe(state().playground.maxPositions);
  });

  it('a masked LM sends its masked token; the key changes with it', () => {
    const info = {
      key: 'hub:|tiny-bert@main',
      name: 'tiny-bert',
      architecture: 'encoder',
      maxTokens: 48,
      fillsMask: true,
    } as HfModelInfo;
    const s = state();
    const base = { ...s, model: 'hf' as const, hub: { ...s.hub, info, pair: false } };
    const unmasked = planImportance(base, 'A');
    const masked = planImportance(
      {
        ...base,
        maskedTokens: {
          A: { index: 2, token: 'bank', text: s.sentences.A, pair: null, modelKey: info.key },
          B: null,
        },
      },
      'A',
    );
    expect(unmasked.ok && unmasked.request).toMatchObject({
      model: { kind: 'hf', key: info.key },
      maxTokens: 48,
    });
    expect(unmasked.ok && unmasked.request.maskAt).toBeUndefined();
    expect(masked.ok && masked.request.maskAt).toBe(2);
    expect(masked.ok && unmasked.ok && masked.key !== unmasked.key).toBe(true);
    // No checkpoint loaded yet: nothing to measure.
    expect(planImportance({ ...base, hub: { ...s.hub, info: null } }, 'A')).toEqual({
      ok: false,
      why: 'not-loaded',
    });
  });
});

describe('value-weighted attention', () => {
  /** Plays a one-block playground run whose done carries value norms (n_j = j + 1). */
  function answerWithNorms(slot: 'A' | 'B', layers: number, heads: number) {
    const run = client.last(slot);
    const tokens = tokensOf(run.request.text);
    const n = tokens.length;
    run.handlers.onTokens(tokens, n, 0, run.request.maxTokens);
    run.handlers.onStart({ name: 'wasm', requested: 'wasm' }, [
      { kind: 'encoder-self', layers, heads, queryLength: n, keyLength: n },
    ]);
    for (let l = 0; l < layers; l++) run.handlers.onLayer(layerOf(l, heads, n));
    const norms = new Float32Array(layers * heads * n);
    for (let i = 0; i < norms.length; i++) norms[i] = (i % n) + 1;
    run.handlers.onDone(
      [
        {
          kind: 'encoder-self',
          mask: { rows: n, cols: n, allowed: new Uint8Array(n * n).fill(1) },
        },
      ],
      5,
      run.request.valueNorms ? { valueNorms: [{ kind: 'encoder-self', norms }] } : undefined,
    );
    return n;
  }

  it('runs ask for no norms by default; choosing "value" re-runs the sentences with them', () => {
    state().setModel('playground');
    answerWithNorms('A', 2, 2);
    answerWithNorms('B', 2, 2);
    expect(client.last('A').request.valueNorms).toBeUndefined();
    expect(state().runs.A.blocks[0]!.valueNorms).toBeNull();
    const before = client.runs.length;

    state().setWeighting('value');
    expect(client.runs.length).toBe(before + 2);
    expect(client.last('A').request.valueNorms).toBe(true);
    const n = answerWithNorms('A', 2, 2);
    const block = state().runs.A.blocks[0]!;
    expect(block.valueNorms).toHaveLength(2 * 2 * n);

    // Layer 1, head 0: α = 0.11 everywhere (layerOf), times n_j = j + 1.
    const shown = shownLayer(block, 1, 'value')!;
    for (let k = 0; k < n; k++) expect(shown[k]).toBeCloseTo(0.11 * (k + 1), 6);
    expect(shownLayer(block, 1, 'value')).toBe(shown);
    expect(shownLayer(block, 1, 'attention')).toBe(block.data[1]);
    expect(shownBlock(block, 'value').data[1]).toBe(shown);
    expect(shownBlock(block, 'value')).toBe(shownBlock(block, 'value'));

    // Back to the weights: nothing re-runs.
    const after = client.runs.length;
    state().setWeighting('attention');
    expect(client.runs.length).toBe(after);
    expect(state().weighting).toBe('attention');
  });

  it('a block without norms shows nothing under "value" (the last drawing stays)', () => {
    state().setModel('playground');
    answerWithNorms('A', 1, 2);
    const block = state().runs.A.blocks[0]!;
    expect(shownLayer(block, 0, 'value')).toBeNull();
    expect(shownBlock(block, 'value')).toBe(block);
  });

  it('the translator keeps norms per block', () => {
    state().setWeighting('value');
    state().runAll();
    const run = client.last('A');
    expect(run.request.valueNorms).toBe(true);
    answerTranslation(run, 'The bank', '银行');
    // answerTranslation sends no extras: every block has none.
    expect(state().runs.A.blocks.map((b) => b.valueNorms)).toEqual([null, null, null]);
  });
});
