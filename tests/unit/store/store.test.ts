import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_MODEL,
  EXAMPLE_SENTENCES,
  isScheduled,
  readUrlOptions,
  resetAppStore,
  setDebounceMs,
  setEngineClient,
  TRANSLATOR_MAX_TOKENS,
  useAppStore,
} from '../../../src/store';
import {
  selectHeatmapSource,
  selectTranslation,
  selectTruncation,
  selectViewChoices,
  unknownWords,
} from '../../../src/store/selectors';
import {
  answer,
  answerTranslation,
  FakeClient,
  layerOf,
  tokensOf,
  TRANSLATOR_INFO,
} from './fakeClient';

let client: FakeClient;
const state = () => useAppStore.getState();

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

describe('initial state', () => {
  it('starts with the built-in translator at BASE_URL/models/en-zh-tiny/', () => {
    expect(state().model).toBe('translator');
    expect(state().translatorUrl).toBe('/models/en-zh-tiny/');
    expect(state().translatorLoad.state).toBe('idle');
    expect(state().translatorInfo).toBeNull();
    expect(state().runs.A.translation).toBeNull();
  });

  it('has the two example sentences, nothing run yet, English in Node', () => {
    expect(state().sentences).toEqual(EXAMPLE_SENTENCES);
    expect(state().sentences.A).toBe('The bank is near the river.');
    expect(state().sentences.B).toBe('I deposited money in the bank.');
    expect(state().runs.A.state).toBe('empty');
    expect(state().language).toBe('en');
    expect(state().playground).toEqual(DEFAULT_MODEL);
    expect(state().backend).toBe('wasm');
  });
});

describe('runs', () => {
  // These cases are about the playground model.
  beforeEach(() => useAppStore.setState({ model: 'playground' }));

  it('runAll sends both sentences with the model, mask, backend and token limit', () => {
    state().runAll();
    expect(client.runs.map((r) => r.request.slot)).toEqual(['A', 'B']);
    const req = client.last('A').request;
    expect(req.text).toBe(EXAMPLE_SENTENCES.A);
    expect(req.model).toEqual({ kind: 'playground', options: DEFAULT_MODEL });
    expect(req.mask).toEqual({ kind: 'none' });
    expect(req.backend).toBe('wasm');
    expect(req.maxTokens).toBe(512);
    expect(state().runs.A.state).toBe('loading');
  });

  it('layers stream into the store as they arrive; done makes it ready', () => {
    state().runAll();
    const run = client.last('A');
    const tokens = tokensOf('The bank is near');
    run.handlers.onTokens(tokens, 4, 0, 512);
    expect(state().runs.A.tokens.map((t) => t.text)).toEqual(['The', 'bank', 'is', 'near']);
    expect(state().runs.A.state).toBe('loading');

    run.handlers.onStart({ name: 'wasm', requested: 'wasm', threads: 1 }, [
      { kind: 'encoder-self', layers: 2, heads: 2, queryLength: 4, keyLength: 4 },
    ]);
    expect(state().backendStatus).toEqual({ name: 'wasm', requested: 'wasm', threads: 1 });
    expect(state().runs.A.blocks[0]!.data).toEqual([null, null]);
    expect(selectHeatmapSource('A')(state()).layerData).toBeNull();

    run.handlers.onLayer(layerOf(0, 2, 4));
    const src = selectHeatmapSource('A')(state());
    expect(src.layerData).not.toBeNull();
    expect(src.layerData![0]).toBeCloseTo(0.01);
    expect(state().runs.A.blocks[0]!.data[1]).toBeNull();
    expect(state().runs.A.state).toBe('loading');

    run.handlers.onLayer(layerOf(1, 2, 4));
    run.handlers.onDone(
      [{ kind: 'encoder-self', mask: { rows: 4, cols: 4, allowed: new Uint8Array(16).fill(1) } }],
      12,
    );
    expect(state().runs.A.state).toBe('ready');
    expect(state().runs.A.elapsedMs).toBe(12);
    expect(state().runs.A.blocks[0]!.mask?.rows).toBe(4);
    expect(state().runs.B.state).toBe('loading'); // B is independent
  });

  it('ignores messages of a superseded run', () => {
    state().runSentence('A');
    const first = client.last('A');
    state().runSentence('A');
    const second = client.last('A');
    expect(second.requestId).not.toBe(first.requestId);

    answer(second, 'one two three', 1, 1);
    expect(state().runs.A.tokens).toHaveLength(3);
    // The old run answers late: nothing changes.
    answer(first, 'a b c d e f g', 1, 1);
    first.handlers.onError('late failure');
    expect(state().runs.A.tokens).toHaveLength(3);
    expect(state().runs.A.state).toBe('ready');
    expect(state().runs.A.error).toBeNull();
  });

  it('changing layer or head redraws from the store and never re-runs', () => {
    state().runAll();
    answer(client.last('A'), 'a b c', 4, 4);
    const before = client.runs.length;
    state().setLayer(2);
    state().setHead(3);
    expect(client.runs.length).toBe(before);
    vi.advanceTimersByTime(1000);
    expect(client.runs.length).toBe(before);
    const src = selectHeatmapSource('A')(state());
    expect([src.layer, src.head]).toEqual([2, 3]);
    expect(src.layerData![0]).toBeCloseTo(0.21); // layer 2, head 0 of layerOf
    expect(src.state).toBe('ready');
  });

  it('clamps layer and head to the model', () => {
    state().setLayer(99);
    state().setHead(-3);
    expect([state().layer, state().head]).toEqual([DEFAULT_MODEL.layers - 1, 0]);
  });

  it('reports truncation', () => {
    state().runSentence('B');
    client.last('B').handlers.onTokens(tokensOf('x '.repeat(512)), 549, 37, 512);
    expect(selectTruncation('B')(state())).toEqual({ dropped: 37, maxTokens: 512 });
  });

  it('shows a readable error', () => {
    state().runSentence('A');
    client.last('A').handlers.onError('Token id 9 is outside the source vocabulary');
    expect(state().runs.A.state).toBe('error');
    expect(state().runs.A.error).toBe('Token id 9 is outside the source vocabulary');
    expect(state().runs.A.requestId).toBeNull();
  });

  it('an input with no tokens ends empty', () => {
    state().runSentence('A');
    const run = client.last('A');
    run.handlers.onTokens([], 0, 0, 512);
    run.handlers.onDone([], 0);
    expect(state().runs.A.state).toBe('empty');
  });
});

describe('typing', () => {
  // These cases are about the playground model.
  beforeEach(() => useAppStore.setState({ model: 'playground' }));

  it('debounces: one run ~150 ms after the last keystroke, with the last text', () => {
    state().setSentence('A', 'The');
    state().setSentence('A', 'The cat');
    // Marked as loading at once, so nothing stale reads as ready.
    expect(state().runs.A.state).toBe('loading');
    expect(client.runs).toHaveLength(0);
    expect(isScheduled('A')).toBe(true);
    vi.advanceTimersByTime(149);
    expect(client.runs).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(client.runs).toHaveLength(1);
    expect(client.last('A').request.text).toBe('The cat');
    expect(state().sentences.A).toBe('The cat');
  });

  it('editing cancels the run in flight and ignores its late answer', () => {
    state().runSentence('A');
    const inFlight = client.last('A');
    state().setSentence('A', 'new text');
    expect(inFlight.cancelled).toBe(true);
    answer(inFlight, 'old old old', 1, 1);
    expect(state().runs.A.state).toBe('loading');
    vi.advanceTimersByTime(150);
    answer(client.last('A'), 'new text', 1, 1);
    expect(state().runs.A.tokens.map((t) => t.text)).toEqual(['new', 'text']);
    expect(state().runs.A.state).toBe('ready');
  });

  it('an empty sentence is empty at once, without a run', () => {
    state().runSentence('B');
    state().setSentence('B', '   ');
    expect(state().runs.B.state).toBe('empty');
    expect(state().runs.B.tokens).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(client.runs).toHaveLength(1);
  });

  it('setting the same text does nothing', () => {
    state().setSentence('A', EXAMPLE_SENTENCES.A);
    vi.advanceTimersByTime(1000);
    expect(client.runs).toHaveLength(0);
  });
});

describe('model settings', () => {
  // These cases are about the playground model.
  beforeEach(() => useAppStore.setState({ model: 'playground' }));

  it('a new model shape re-runs both sentences and clamps the selection', () => {
    state().setLayer(3);
    state().setHead(3);
    state().setPlayground({ layers: 2, heads: 2 });
    expect(state().playground.layers).toBe(2);
    expect([state().layer, state().head]).toEqual([1, 1]);
    expect(selectViewChoices(state())).toMatchObject({ layers: 2, heads: 2 });
    expect(state().runs.A.state).toBe('loading');
    vi.advanceTimersByTime(150);
    expect(client.runs.map((r) => r.request.slot).sort()).toEqual(['A', 'B']);
    expect(client.last('A').request.model).toMatchObject({
      kind: 'playground',
      options: { layers: 2 },
    });
  });

  it('heads always divide d_model', () => {
    state().setPlayground({ heads: 3 });
    expect(state().playground.heads).toBe(2);
    // RoPE needs an even head size: 16/16 = 1 is odd, so 8 heads (size 2).
    state().setPlayground({ dModel: 16, heads: 16, positional: 'rope' });
    expect(state().playground.heads).toBe(8);
  });

  it('the mask is sent as an engine recipe', () => {
    state().setMask({ kind: 'window', radius: 3 });
    vi.advanceTimersByTime(150);
    expect(client.last('A').request.mask).toEqual({ kind: 'window', radius: 3 });
  });

  it('max tokens is the model maximum positions and the truncation limit', () => {
    state().setPlayground({ maxPositions: 20 });
    vi.advanceTimersByTime(150);
    expect(client.last('B').request.maxTokens).toBe(20);
  });

  it('switching backend re-runs at once and forgets the old status', () => {
    state().runAll();
    answer(client.last('A'), 'a b', 1, 1);
    expect(state().backendStatus?.name).toBe('wasm');
    state().setBackend('cpu');
    expect(state().backendStatus).toBeNull();
    expect(client.last('A').request.backend).toBe('cpu');
    expect(client.runs).toHaveLength(4);
  });

  it('a mismatched architecture falls back to the first block when drawing', () => {
    state().setPlayground({ architecture: 'decoder' });
    expect(state().kind).toBe('decoder-self');
  });
});

describe('reset', () => {
  it('resetAppStore drops pending runs and restores the initial state', () => {
    state().setSentence('A', 'pending');
    resetAppStore();
    vi.advanceTimersByTime(1000);
    expect(client.runs).toHaveLength(0);
    expect(state().sentences.A).toBe(EXAMPLE_SENTENCES.A);
  });
});

describe('built-in translator', () => {
  const translation = (slot: 'A' | 'B') => selectTranslation(slot)(state()).translation;

  it('asks the worker for the translator at an absolute URL and shows the download', () => {
    state().runAll();
    const req = client.last('A').request;
    expect(req.model).toEqual({ kind: 'translator', url: 'http://localhost/models/en-zh-tiny/' });
    expect(req.maxTokens).toBe(TRANSLATOR_MAX_TOKENS);
    expect(state().translatorLoad).toMatchObject({ state: 'loading', url: '/models/en-zh-tiny/' });

    client.last('A').handlers.onProgress('model.safetensors', 1000, 4000);
    expect(state().translatorLoad).toMatchObject({
      state: 'loading',
      file: 'model.safetensors',
      loadedBytes: 1000,
      totalBytes: 4000,
    });
    client.last('A').handlers.onTokens(tokensOf('The bank'), 2, 0, 128);
    expect(state().translatorLoad.state).toBe('ready');
  });

  it('keeps the translation of each sentence, with labelled blocks and the model shape', () => {
    state().runAll();
    answerTranslation(client.last('A'), 'The bank is near the river .', '银行在河边。');
    expect(translation('A')).toMatchObject({ text: '银行在河边。', finished: true });
    expect(
      translation('A')!
        .targetTokens.map((t) => t.text)
        .join(''),
    ).toBe('银行在河边。');
    expect(translation('B')).toBeNull();
    expect(state().runs.B.state).toBe('loading');

    answerTranslation(client.last('B'), 'I deposited money in the bank .', '我把钱存进了银行。');
    expect(translation('B')!.text).toBe('我把钱存进了银行。');
    expect(translation('A')!.text).toBe('银行在河边。');
    expect(state().runs.A.state).toBe('ready');
    expect(state().translatorInfo).toEqual(TRANSLATOR_INFO);

    // Cross-attention: rows are the Chinese tokens written (then </s>), columns the English ones.
    state().setKind('cross');
    const cross = selectHeatmapSource('A')(state());
    expect(cross.block?.rowTokens).toEqual([...'银行在河边。', '</s>']);
    expect(cross.block?.colTokens).toEqual(['The', 'bank', 'is', 'near', 'the', 'river', '.']);
    state().setKind('decoder-self');
    const dec = selectHeatmapSource('A')(state()).block!;
    expect(dec.colTokens).toEqual(['<s>', ...'银行在河边。']);
    expect(dec.queryLength).toBe(dec.rowTokens!.length);
  });

  it('offers the three kinds, and layers and heads from the loaded model', () => {
    expect(selectViewChoices(state()).kinds).toEqual(['encoder-self', 'decoder-self', 'cross']);
    state().runAll();
    answerTranslation(client.last('A'), 'a b', '甲乙');
    expect(selectViewChoices(state())).toMatchObject({ layers: 2, heads: 4 });
    state().setKind('cross');
    expect(selectViewChoices(state()).layers).toBe(3); // the decoder's depth
    state().setLayer(99);
    expect(state().layer).toBe(2);
    state().setKind('encoder-self');
    expect(state().layer).toBe(1); // clamped to the encoder
  });

  it('switching model re-runs both sentences at once and drops the other model’s results', () => {
    state().runAll();
    answerTranslation(client.last('A'), 'a b', '甲乙');
    answerTranslation(client.last('B'), 'c d', '丙丁');
    const before = client.runs.length;

    state().setModel('playground');
    expect(client.runs.length).toBe(before + 2);
    expect(client.last('A').request.model).toEqual({ kind: 'playground', options: DEFAULT_MODEL });
    expect(client.last('B').request.model.kind).toBe('playground');
    expect(state().runs.A.translation).toBeNull();
    expect(state().runs.A.blocks).toEqual([]);
    expect(state().kind).toBe('encoder-self');
    answer(client.last('A'), 'a b', 4, 4);
    expect(state().runs.A.state).toBe('ready');

    state().setModel('translator');
    expect(client.runs.length).toBe(before + 4);
    expect(client.last('A').request.model.kind).toBe('translator');
    // Already downloaded once: no loading state again.
    expect(state().translatorLoad.state).toBe('ready');
  });

  it('picking the model already in use does nothing', () => {
    state().setModel('translator');
    expect(client.runs).toHaveLength(0);
  });

  it('ignores the answers of a superseded translator run', () => {
    state().runAll();
    const old = client.last('A');
    state().setModel('playground');
    answerTranslation(old, 'a b', '甲乙');
    old.handlers.onError('late', 'load');
    expect(state().runs.A.translation).toBeNull();
    expect(state().runs.A.state).toBe('loading');
    expect(state().translatorInfo).toBeNull();
    expect(state().translatorLoad.state).not.toBe('error');

    // Typing supersedes too; the old translation stays until the new one arrives.
    state().setModel('translator');
    answerTranslation(client.last('A'), 'a b', '甲乙');
    const typedOver = client.last('A');
    state().setSentence('A', 'c d');
    expect(typedOver.cancelled).toBe(false); // it had finished
    vi.advanceTimersByTime(150);
    const fresh = client.last('A');
    expect(fresh.request.text).toBe('c d');
    expect(translation('A')!.text).toBe('甲乙');
    expect(state().runs.A.state).toBe('loading');
    answerTranslation(fresh, 'c d', '丙丁');
    expect(translation('A')!.text).toBe('丙丁');
  });

  it('a model that fails to load: one readable error, and the playground still works', () => {
    state().runAll();
    const message = 'model.safetensors: header length 123456 runs past the end of the file';
    client.last('A').handlers.onError(message, 'load');
    client.last('B').handlers.onError(message, 'load');
    expect(state().translatorLoad).toMatchObject({ state: 'error', error: message });
    expect(state().runs.A).toMatchObject({ state: 'error', errorStage: 'load', error: message });

    state().setModel('playground');
    answer(client.last('A'), 'a b c', 4, 4);
    expect(state().runs.A.state).toBe('ready');
    expect(state().runs.A.error).toBeNull();

    // Back to the translator: it is tried again.
    state().setModel('translator');
    expect(state().translatorLoad.state).toBe('loading');
    expect(client.last('A').request.model.kind).toBe('translator');
  });

  it('a new translator URL re-runs with that URL (as a folder)', () => {
    state().setTranslatorUrl('/broken');
    expect(state().translatorUrl).toBe('/broken/');
    expect(client.last('B').request.model).toEqual({
      kind: 'translator',
      url: 'http://localhost/broken/',
    });
  });

  it('mask and playground settings do not re-run the translator', () => {
    state().setMask({ kind: 'window' });
    state().setPlayground({ layers: 2 });
    vi.advanceTimersByTime(1000);
    expect(client.runs).toHaveLength(0);
    expect(state().playground.layers).toBe(2);
  });
});

describe('page URL options', () => {
  const page = 'http://127.0.0.1:4173/';

  it('reads ?model= and ?translator= (same origin only, as a folder)', () => {
    expect(readUrlOptions('', page)).toEqual({});
    expect(readUrlOptions('?model=playground', page)).toEqual({ model: 'playground' });
    expect(readUrlOptions('?model=nonsense', page)).toEqual({});
    expect(readUrlOptions('?translator=/broken', page)).toEqual({ translatorUrl: '/broken/' });
    expect(readUrlOptions('?translator=models/x/', 'http://h/app/')).toEqual({
      translatorUrl: '/app/models/x/',
    });
    expect(readUrlOptions('?translator=https://evil.example/m/', page)).toEqual({});
  });
});

describe('unknown words', () => {
  it('lists distinct out-of-vocabulary words in order', () => {
    const tokens = tokensOf('The zorblax and the Zorblax blorp .').map((t) => ({
      ...t,
      unknown: /zorblax|blorp/i.test(t.text),
    }));
    expect(unknownWords(tokens)).toEqual(['zorblax', 'blorp']);
  });
});
