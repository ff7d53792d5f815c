/**
 * A stand-in for the engine Worker, for store tests: it records the requests the page posts and
 * lets the test answer as the worker would.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { resetAppStore, setDebounceMs, setEngineClient, useAppStore } from '../../../src/store';
import { createEngineClient } from '../../../src/worker/client';
import type { WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';

export type RunRequestPosted = Extract<WorkerRequest, { type: 'run' }>;

export function fakePort() {
  const posted: WorkerRequest[] = [];
  const listeners: ((e: MessageEvent<WorkerResponse>) => void)[] = [];
  const port = {
    postMessage: (m: WorkerRequest) => posted.push(m),
    addEventListener: (type: 'message' | 'error', listener: never) => {
      if (type === 'message') listeners.push(listener);
    },
  };
  return {
    port: port as Parameters<typeof createEngineClient>[0],
    posted,
    send: (data: WorkerResponse) =>
      listeners.forEach((l) => l({ data } as MessageEvent<WorkerResponse>)),
  };
}

/** The run requests among those posted, in order. */
export const runs = (posted: WorkerRequest[]): RunRequestPosted[] =>
  posted.filter((m): m is RunRequestPosted => m.type === 'run');

/**
 * Around each test of the calling suite: a fresh store on the playground model whose engine
 * client talks to a new fake port, fake timers and a 150 ms edit debounce; all undone after.
 * Returns the current test's port.
 */
export function useFakeEngine(): () => ReturnType<typeof fakePort> {
  let fake: ReturnType<typeof fakePort> | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    resetAppStore();
    fake = fakePort();
    setEngineClient(createEngineClient(fake.port));
    setDebounceMs(150);
    useAppStore.setState({ model: 'playground' });
  });
  afterEach(() => {
    resetAppStore();
    setEngineClient(null);
    vi.useRealTimers();
  });
  return () => fake!;
}
