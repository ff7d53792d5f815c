/**
 * Where the store gets its engine client. The browser uses the real worker (created on first use);
 * tests inject a fake with `setEngineClient`, so store tests run in Node without a Worker.
 */
import type { BackendName } from '../engine';
import { createWorkerClient, type EngineClient } from '../worker/client';

let client: EngineClient | null = null;
let debounce = 150;
let backendLostHandler: ((backend: BackendName) => void) | null = null;

function listen(next: EngineClient): EngineClient {
  next.onBackendLost?.((backend) => backendLostHandler?.(backend));
  return next;
}

export function getEngineClient(): EngineClient {
  client ??= listen(createWorkerClient());
  return client;
}

/** Replaces the client (tests), disposing the previous one. Pass null to go back to the default. */
export function setEngineClient(next: EngineClient | null): void {
  if (client && client !== next) client.dispose();
  client = next && next !== client ? listen(next) : next;
}

/** Who hears that the engine lost a backend's GPU context (the store, set once in index.ts). */
export function setBackendLostHandler(handler: ((backend: BackendName) => void) | null): void {
  backendLostHandler = handler;
}

/** Test hook (`?test-hooks`): makes the engine lose its webgl context. */
export function loseWebglContextForTest(): void {
  getEngineClient().loseWebglContext?.();
}

/** Pause after the last keystroke before a sentence re-runs, in ms. */
export function getDebounceMs(): number {
  return debounce;
}

export function setDebounceMs(ms: number): void {
  debounce = Math.max(0, ms);
}
