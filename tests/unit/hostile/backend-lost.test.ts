/**
 * A lost GPU context, page side: the worker's `backend-lost` message reaches the store through the
 * client, the store moves to wasm, remembers what was lost (the picker shows a notice) and runs both
 * sentences again. Edits in a burst post one run per sentence. (The worker side, with a real WebGL
 * context, is tests/e2e/hardening/stress.spec.ts.)
 */
import { describe, expect, it, vi } from 'vitest';
import { sentenceRunsPosted, useAppStore } from '../../../src/store';
import { runs, useFakeEngine } from './fakeWorkerPort';

const state = () => useAppStore.getState();

const fake = useFakeEngine();

describe('a lost webgl context', () => {
  it('moves to wasm, keeps a notice and runs both sentences again on wasm', () => {
    state().setBackend('webgl');
    expect(runs(fake().posted).map((r) => [r.slot, r.backend])).toEqual([
      ['A', 'webgl'],
      ['B', 'webgl'],
    ]);
    fake().send({ type: 'backend-lost', requestId: 0, backend: 'webgl' });
    expect(state().backend).toBe('wasm');
    expect(state().backendLost).toBe('webgl');
    expect(state().backendStatus).toBeNull();
    expect(
      runs(fake().posted)
        .slice(2)
        .map((r) => [r.slot, r.backend]),
    ).toEqual([
      ['A', 'wasm'],
      ['B', 'wasm'],
    ]);
  });

  it('a loss of a backend no longer chosen re-runs on the chosen one', () => {
    fake().send({ type: 'backend-lost', requestId: 0, backend: 'webgl' });
    expect(state().backend).toBe('wasm');
    expect(state().backendLost).toBe('webgl');
    expect(runs(fake().posted).map((r) => [r.slot, r.backend])).toEqual([
      ['A', 'wasm'],
      ['B', 'wasm'],
    ]);
  });

  it('the test hook asks the worker to lose its context', async () => {
    const { loseWebglContextForTest } = await import('../../../src/store');
    loseWebglContextForTest();
    expect(fake().posted.at(-1)).toEqual({ type: 'test-lose-webgl' });
  });
});

describe('a burst of edits', () => {
  it('200 edits 5 ms apart post one run, with the last text', () => {
    const before = sentenceRunsPosted();
    for (let i = 0; i < 200; i++) {
      state().setSentence('B', `edit ${i}`);
      vi.advanceTimersByTime(5);
    }
    expect(sentenceRunsPosted() - before).toBe(0);
    vi.advanceTimersByTime(150);
    expect(sentenceRunsPosted() - before).toBe(1);
    expect(runs(fake().posted).map((r) => [r.slot, r.text])).toEqual([['B', 'edit 199']]);
  });
});
