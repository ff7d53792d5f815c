/**
 * Where the store gets its engine client. The browser uses the real worker (created on first use);
 * tests inject a fake with `setEngineClient`, so store tests run in Node without a Worker.
 *
 * With two cores or more, sentences A and B run in two workers at once (src/worker/pairClient.ts):
 * tfjs-wasm gives one worker one thread on two cores, so a second worker is what uses the other.
 * The second worker is made when sentence B's first run is done (see pairClient.ts), so the page's
 * cold start pays for one. `?workers=1` in the page URL keeps one.
 */
import type { BackendName } from '../engine';
import { createWorkerClient, type EngineClient } from '../worker/client';
import { createLazyClient } from '../worker/lazyClient';
import { createPairClient } from '../worker/pairClient';

let client: EngineClient | null = null;
let debounce = 150;
let backendLostHandler: ((backend: BackendName) => void) | null = null;

function listen(next: EngineClient): EngineClient {
  next.onBackendLost?.((backend) => backendLostHandler?.(backend));
  return next;
}

/** How many engine workers the page uses: 2 from two cores up, unless the URL says `?workers=1`. */
export function engineWorkerCount(cores: number | undefined, search: string): 1 | 2 {
  const asked = new URLSearchParams(search).get('workers');
  return (cores ?? 1) >= 2 && asked !== '1' ? 2 : 1;
}

function createDefaultClient(): EngineClient {
  const count = engineWorkerCount(
    typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency,
    typeof location === 'undefined' ? '' : location.search,
  );
  const first = createWorkerClient('attention-engine');
  if (count === 1) return first;
  return createPairClient(
    first,
    createLazyClient(() => createWorkerClient('attention-engine-2')),
  );
}

export function getEngineClient(): EngineClient {
  client ??= listen(createDefaultClient());
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
