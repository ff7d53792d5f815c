/**
 * Masked-LM fillers in the store, with the fake engine client: toggleMaskedToken masks a token of
 * a BERT-family checkpoint that fills masks and re-runs the sentence with `maskAt` (and unmasks on
 * a second click); the mask is cleared by an edit, another model, pair mode or a run whose tokens
 * end before it; `maskAt` is sent only when the loaded model fills masks.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Token } from '../../../src/engine';
import {
  activeMaskedToken,
  isScheduled,
  resetAppStore,
  selectMaskChips,
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
import { FakeClient, type FakeRun, layerOf } from './fakeClient';

class FakeHfClient extends FakeClient {
  loads: { request: HfLoadRequest; handlers: HfLoadHandlers }[] = [];

  loadHf(request: HfLoadRequest, handlers: HfLoadHandlers): number {
    this.loads.push({ request, handlers });
    return 1000 + this.loads.length;
  }
}

const BERT: HfModelInfo = {
  key: 'hub:|tiny-bert@main',
  name: 'tiny-bert',
  source: 'hub',
  revision: 'main',
  modelType: 'bert',
  family: 'bert',
  architecture: 'encoder',
  layers: 2,
  heads: 2,
  dModel: 32,
  vocabSize: 8,
  maxTokens: 48,
  supportsPairs: true,
  parameters: 25_000,
  bytesRead: 106_000,
  fromCache: false,
  dtypes: ['F32'],
  kvHeads: 2,
  predicts: false,
  fillsMask: true,
};

/** `[CLS] words… [SEP]` as BERT gives them, with the token at `maskAt` shown as [MASK]. */
function bertTokens(text: string, maskAt?: number): Token[] {
  const words = text.split(/\s+/).filter(Boolean);
  const tokens: Token[] = [
    { text: '[CLS]', id: 2, special: true, unknown: false },
    ...words.map((w, i) => ({ text: w, id: 10 + i, special: false, unknown: false })),
    { text: '[SEP]', id: 3, special: true, unknown: false },
  ];
  return tokens.map((t, i) =>
    i === maskAt ? { text: '[MASK]', id: 4, special: true, unknown: false } : t,
  );
}

const fillers = (position: number): NextTokenPredictions => ({
  position,
  masked: true,
  logits: Float32Array.from([0, 0, 0, 0, 0, 3, 2, 1]),
  top: [
    { id: 5, text: 'river', special: false },
    { id: 6, text: 'bank', special: false },
    { id: 7, text: 'park', special: false },
  ],
});

let client: FakeHfClient;
const state = () => useAppStore.getState();

/** Plays an encoder run: tokens (masked as asked), start, layers, fillers when masked, done. */
function answerBert(run: FakeRun, tokens = bertTokens(run.request.text, run.request.maskAt)): void {
  const n = tokens.length;
  const h = run.handlers;
  h.onTokens(tokens, n, 0, run.request.maxTokens);
  h.onStart({ name: run.request.backend, requested: run.request.backend }, [
    { kind: 'encoder-self', layers: 2, heads: 2, queryLength: n, keyLength: n },
  ]);
  for (let l = 0; l < 2; l++) h.onLayer(layerOf(l, 2, n));
  if (run.request.maskAt !== undefined) h.onPredictions?.(fillers(run.request.maskAt));
  h.onDone(
    [{ kind: 'encoder-self', mask: { rows: n, cols: n, allowed: new Uint8Array(n * n).fill(1) } }],
    4,
  );
}

/** Switches to the Hugging Face model, loads `info` and answers both sentences' runs. */
function loadHf(info: HfModelInfo = BERT): void {
  if (state().model !== 'hf') state().setModel('hf');
  state().setHubId(info.name);
  state().loadHubModel();
  client.loads[client.loads.length - 1]!.handlers.onLoaded(info);
  answerBert(client.last('A'));
  answerBert(client.last('B'));
}

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  client = new FakeHfClient();
  setEngineClient(client);
  setDebounceMs(150);
  useAppStore.setState({ sentences: { A: 'the bank is near', B: 'a river bank' } });
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
  vi.useRealTimers();
});

describe('toggleMaskedToken', () => {
  it('starts with nothing masked, and runs without maskAt', () => {
    loadHf();
    expect(state().maskedTokens).toEqual({ A: null, B: null });
    expect(client.last('A').request.maskAt).toBeUndefined();
    expect(selectMaskChips('A')(state())).toEqual({ maskable: true, masked: null });
  });

  it('masks a token, re-runs the sentence at once with maskAt, and unmasks on a second click', () => {
    loadHf();
    const posted = client.runs.length;
    state().toggleMaskedToken('A', 2); // "bank"
    expect(state().maskedTokens.A).toEqual({
      index: 2,
      token: 'bank',
      text: 'the bank is near',
      pair: null,
      modelKey: BERT.key,
    });
    expect(client.runs.length).toBe(posted + 1);
    expect(isScheduled('A')).toBe(false);
    const run = client.last('A');
    expect(run.request.maskAt).toBe(2);
    expect(run.request.model).toEqual({ kind: 'hf', key: BERT.key });
    expect(state().runs.A.state).toBe('loading');
    answerBert(run);
    expect(state().runs.A.tokens[2]).toMatchObject({ text: '[MASK]', special: true });
    expect(state().runs.A.predictions).toMatchObject({ position: 2, masked: true });
    expect(activeMaskedToken(state(), 'A')?.index).toBe(2);
    expect(selectMaskChips('A')(state()).masked).toMatchObject({ index: 2, token: 'bank' });
    const panel = selectPredictionPanel('A')(state());
    expect(panel).toMatchObject({ fillsMask: true, predicts: false, masked: { index: 2 } });

    // The masked chip (now the special [MASK]) unmasks; the run goes without maskAt.
    state().toggleMaskedToken('A', 2);
    expect(state().maskedTokens.A).toBeNull();
    expect(client.runs.length).toBe(posted + 2);
    expect(client.last('A').request.maskAt).toBeUndefined();
    answerBert(client.last('A'));
    expect(state().runs.A.tokens[2]?.text).toBe('bank');
    expect(state().runs.A.predictions).toBeNull(); // the unmasked run brings none
    expect(selectPredictionPanel('A')(state()).masked).toBeNull();
  });

  it('moves the mask to another token, keeping the token’s own text', () => {
    loadHf();
    state().toggleMaskedToken('A', 2);
    answerBert(client.last('A'));
    state().toggleMaskedToken('A', 4); // "near"
    expect(state().maskedTokens.A).toMatchObject({ index: 4, token: 'near' });
    expect(client.last('A').request.maskAt).toBe(4);
  });

  it('ignores special tokens, indices outside the tokens, and non-integers', () => {
    loadHf();
    const posted = client.runs.length;
    for (const index of [0, 5, 6, -1, 1.5]) state().toggleMaskedToken('A', index);
    expect(state().maskedTokens.A).toBeNull();
    expect(client.runs.length).toBe(posted);
  });

  it('does nothing for a model that does not fill masks, or while an edit waits to run', () => {
    loadHf({ ...BERT, fillsMask: false });
    const posted = client.runs.length;
    state().toggleMaskedToken('A', 2);
    expect(state().maskedTokens.A).toBeNull();
    expect(selectMaskChips('A')(state()).maskable).toBe(false);
    expect(selectPredictionPanel('A')(state()).fillsMask).toBe(false);
    expect(client.runs.length).toBe(posted);

    loadHf();
    state().setSentence('A', 'the cat sat');
    state().toggleMaskedToken('A', 1); // the chips still show the old text's tokens
    expect(state().maskedTokens.A).toBeNull();
  });

  it('is offered only for the Hugging Face model', () => {
    loadHf();
    state().setModel('playground');
    state().toggleMaskedToken('A', 2);
    expect(state().maskedTokens.A).toBeNull();
    expect(selectMaskChips('A')(state()).maskable).toBe(false);
  });
});

describe('the mask is cleared', () => {
  it('when the sentence text changes (and the next run has no maskAt)', () => {
    loadHf();
    state().toggleMaskedToken('A', 2);
    answerBert(client.last('A'));
    state().toggleMaskedToken('B', 3); // "bank" of sentence B
    expect(state().maskedTokens.B).toMatchObject({ index: 3, token: 'bank' });
    state().setSentence('A', 'the bank is far');
    expect(state().maskedTokens.A).toBeNull();
    expect(state().maskedTokens.B).not.toBeNull(); // the other sentence keeps its own
    vi.advanceTimersByTime(150);
    expect(client.last('A').request.maskAt).toBeUndefined();
  });

  it('when the model changes: another checkpoint, or another kind of model', () => {
    loadHf();
    state().toggleMaskedToken('A', 2);
    answerBert(client.last('A'));
    loadHf({ ...BERT, key: 'hub:|other-bert@main', name: 'other-bert' });
    expect(state().maskedTokens.A).toBeNull();
    expect(client.last('A').request.maskAt).toBeUndefined();

    state().toggleMaskedToken('A', 2);
    state().setModel('playground');
    expect(state().maskedTokens.A).toBeNull();
    expect(client.last('A').request.maskAt).toBeUndefined();
    state().setModel('hf'); // back: still unmasked
    expect(client.last('A').request.maskAt).toBeUndefined();
  });

  it('when the run’s tokens end before the masked index', () => {
    loadHf();
    state().toggleMaskedToken('A', 4);
    answerBert(client.last('A'), bertTokens('the bank')); // cut short (e.g. by the length limit)
    expect(state().maskedTokens.A).toBeNull();
    expect(activeMaskedToken(state(), 'A')).toBeNull();
  });

  it('when pair mode is switched on or off', () => {
    loadHf();
    state().toggleMaskedToken('A', 2);
    state().setHubPair(true);
    expect(state().maskedTokens.A).toBeNull();
    expect(client.last('A').request.maskAt).toBeUndefined();
  });
});

describe('pair mode', () => {
  it('masks on sentence A only, with the pair’s tokens; an edit of B clears it', () => {
    loadHf();
    state().setHubPair(true);
    answerBert(client.last('A'), bertTokens('the bank is near [SEP] a river bank'));
    expect(selectMaskChips('B')(state()).maskable).toBe(false);
    expect(selectPredictionPanel('B')(state()).fillsMask).toBe(false);
    const posted = client.runs.length;
    state().toggleMaskedToken('B', 1);
    expect(client.runs.length).toBe(posted);

    state().toggleMaskedToken('A', 7); // "river", in B's half of the pair
    expect(state().maskedTokens.A).toMatchObject({
      index: 7,
      token: 'river',
      pair: 'a river bank',
    });
    const run = client.last('A');
    expect(run.request.maskAt).toBe(7);
    expect(run.request.model).toEqual({ kind: 'hf', key: BERT.key, pair: 'a river bank' });

    state().setSentence('B', 'a river');
    expect(state().maskedTokens.A).toBeNull();
    vi.advanceTimersByTime(150);
    expect(client.last('A').request.maskAt).toBeUndefined();
  });
});

describe('appendPrediction', () => {
  it('never appends a masked LM’s fillers', () => {
    loadHf();
    state().toggleMaskedToken('A', 2);
    answerBert(client.last('A'));
    const posted = client.runs.length;
    state().appendPrediction('A', 5);
    expect(state().sentences.A).toBe('the bank is near');
    expect(client.runs.length).toBe(posted);
  });
});
