/** The teaching slice: its own runs ('teach-A'/'teach-B') that ask the worker for intermediates. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeadIntermediates } from '../../../src/engine/types';
import { resetAppStore, setDebounceMs, setEngineClient, useAppStore } from '../../../src/store';
import { teachKey } from '../../../src/store/teachSlice';
import { FakeClient, tokensOf, type FakeRun } from '../store/fakeClient';

let client: FakeClient;
const state = () => useAppStore.getState();

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  client = new FakeClient();
  setEngineClient(client);
  setDebounceMs(0);
});

afterEach(() => {
  setEngineClient(null);
  vi.useRealTimers();
});

const teachRuns = (slot: 'A' | 'B'): FakeRun[] =>
  client.runs.filter((r) => r.request.slot === `teach-${slot}`);

function intermediatesFor(n: number, layer: number, head: number): HeadIntermediates {
  const dh = 2;
  const square = new Float32Array(n * n).fill(1 / n);
  return {
    kind: 'encoder-self',
    layer,
    head,
    queryLength: n,
    keyLength: n,
    headSize: dh,
    q: new Float32Array(n * dh),
    k: new Float32Array(n * dh),
    v: new Float32Array(n * dh),
    rawScores: new Float32Array(n * n),
    scaledScores: new Float32Array(n * n),
    maskedScores: new Float32Array(n * n),
    weights: square,
    output: new Float32Array(n * dh),
    scale: 1 / Math.sqrt(dh),
  };
}

function answerTeach(run: FakeRun, text: string): void {
  const tokens = tokensOf(text);
  const req = run.request.intermediates!;
  run.handlers.onTokens(tokens, tokens.length, 0, run.request.maxTokens);
  run.handlers.onStart({ name: 'wasm', requested: 'wasm' }, [
    {
      kind: 'encoder-self',
      layers: 4,
      heads: 4,
      queryLength: tokens.length,
      keyLength: tokens.length,
    },
  ]);
  run.handlers.onDone([], 3, {
    intermediates: intermediatesFor(tokens.length, req.layer, req.head),
    positional: 'sinusoidal',
  });
}

describe('teach slice', () => {
  it('asks for the chosen kind, layer and head under its own slot, and stores the answer', () => {
    state().setModel('playground');
    state().setLayer(2);
    state().setHead(1);
    const before = client.runs.length;
    state().requestTeach('A');
    const runs = teachRuns('A');
    expect(runs).toHaveLength(1);
    expect(client.runs.length).toBe(before + 1);
    const run = runs[0]!;
    expect(run.request.intermediates).toEqual({ kind: 'encoder-self', layer: 2, head: 1 });
    expect(run.request.text).toBe(state().sentences.A);
    expect(run.request.positionRows).toBeGreaterThan(0);
    expect(state().teach.A.state).toBe('loading');

    answerTeach(run, state().sentences.A);
    const teach = state().teach.A;
    expect(teach.state).toBe('ready');
    expect(teach.rowTokens).toEqual(tokensOf(state().sentences.A).map((t) => t.text));
    expect(teach.intermediates?.layer).toBe(2);
    expect(teach.intermediates?.head).toBe(1);
    expect(teach.positional).toBe('sinusoidal');
    // The sentence's own run is untouched.
    expect(state().runs.A.blocks).toEqual([]);
  });

  it('does not run again while nothing it depends on changed', () => {
    state().requestTeach('A');
    answerTeach(teachRuns('A')[0]!, state().sentences.A);
    state().requestTeach('A');
    expect(teachRuns('A')).toHaveLength(1);
    expect(teachKey(state(), 'A')).toBe(state().teach.A.key);
  });

  it('a new head supersedes the run in flight, whose late answer is ignored', () => {
    state().setModel('playground');
    state().requestTeach('B');
    const first = teachRuns('B')[0]!;
    state().setHead(3);
    state().requestTeach('B');
    const second = teachRuns('B')[1]!;
    expect(first.cancelled).toBe(true);
    answerTeach(first, state().sentences.B);
    expect(state().teach.B.state).toBe('loading');
    answerTeach(second, state().sentences.B);
    expect(state().teach.B.intermediates?.head).toBe(3);
  });

  it('waits for the typing pause before running', () => {
    setDebounceMs(150);
    state().requestTeach('A');
    expect(teachRuns('A')).toHaveLength(0);
    vi.advanceTimersByTime(200);
    expect(teachRuns('A')).toHaveLength(1);
  });

  it('reports errors on the page', () => {
    state().requestTeach('A');
    teachRuns('A')[0]!.handlers.onError('boom');
    expect(state().teach.A.state).toBe('error');
    expect(state().teach.A.error).toBe('boom');
    // An error is retried by the next request even with the same key.
    state().requestTeach('A');
    expect(teachRuns('A')).toHaveLength(2);
  });
});
