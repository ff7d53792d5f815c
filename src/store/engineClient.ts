/**
 * Where the store gets its engine client. The browser uses the real worker (created on first use);
 * tests inject a fake with `setEngineClient`, so store tests run in Node without a Worker.
 */
import { createWorkerClient, type EngineClient } from '../worker/client';

let client: EngineClient | null = null;
let debounce = 150;

export function getEngineClient(): EngineClient {
  client ??= createWorkerClient();
  return client;
}

/** Replaces the client (tests), disposing the previous one. Pass null to go back to the default. */
export function setEngineClient(next: EngineClient | null): void {
  if (client && client !== next) client.dispose();
  client = next;
}

/** Pause after the last keystroke before a sentence re-runs, in ms. */
export function getDebounceMs(): number {
  return debounce;
}

export function setDebounceMs(ms: number): void {
  debounce = Math.max(0, ms);
}
