/** The thin run progress bar's selector: layers streamed of the new run. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetAppStore, setDebounceMs, setEngineClient, useAppStore } from '../../../../src/store';
import { selectRunProgress } from '../../../../src/views/export/progress';
import { FakeClient } from '../../store/fakeClient';

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

describe('run progress', () => {
  it('counts streamed layers of the new run; unknown before it starts', () => {
    const progress = () => selectRunProgress('A')(state());
    state().setModel('playground');
    const run = client.last('A');
    expect(progress()).toBe(''); // loading, blocks not known yet
    run.handlers.onTokens([{ text: 'a', id: 1, special: false, unknown: false }], 1, 0, 512);
    run.handlers.onStart({ name: 'wasm', requested: 'wasm' }, [
      { kind: 'encoder-self', layers: 4, heads: 4, queryLength: 1, keyLength: 1 },
    ]);
    expect(progress()).toBe('0/4');
    run.handlers.onLayer({
      kind: 'encoder-self',
      layer: 0,
      heads: 4,
      queryLength: 1,
      keyLength: 1,
      weights: new Float32Array(4).fill(1),
    });
    expect(progress()).toBe('1/4');
    run.handlers.onDone([], 3);
    expect(progress()).toBeNull();
  });

  it('counts the layers an on-demand forward has computed (its layers never stream in)', () => {
    const progress = () => selectRunProgress('A')(state());
    state().setModel('playground');
    const run = client.last('A');
    run.handlers.onTokens([{ text: 'a', id: 1, special: false, unknown: false }], 1, 0, 512);
    run.handlers.onStart({ name: 'wasm', requested: 'wasm' }, [
      { kind: 'encoder-self', layers: 4, heads: 4, queryLength: 1, keyLength: 1, onDemand: true },
    ]);
    expect(progress()).toBe('0/4');
    run.handlers.onRunProgress?.('encoder-self', 3);
    expect(progress()).toBe('3/4');
    run.handlers.onDone([], 3);
    expect(progress()).toBeNull();
    // The next run starts from an unknown amount, not from the finished run's count.
    state().setSentence('A', 'b');
    vi.advanceTimersByTime(200);
    expect(progress()).toBe('');
  });
});
