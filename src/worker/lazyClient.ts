/**
 * An engine client whose real client (a worker) is made on the first request that needs it, so
 * that a second worker costs the page nothing until sentence B first runs there.
 */
import type { BackendName } from '../engine';
import type { EngineClient } from './client';

export interface LazyClient extends EngineClient {
  /** Whether the real client has been made. */
  started(): boolean;
}

export function createLazyClient(create: () => EngineClient): LazyClient {
  let client: EngineClient | null = null;
  /** Listeners registered before the client existed, handed to it when it is made. */
  const lostListeners: ((backend: BackendName) => void)[] = [];

  const real = (): EngineClient => {
    if (!client) {
      client = create();
      for (const listener of lostListeners) client.onBackendLost?.(listener);
    }
    return client;
  };

  return {
    started: () => client !== null,
    run: (request, handlers) => real().run(request, handlers),
    loadHf: (request, handlers) => {
      const target = real();
      if (!target.loadHf) throw new Error('This engine cannot load checkpoints');
      return target.loadHf(request, handlers);
    },
    onBackendLost(listener) {
      if (client) client.onBackendLost?.(listener);
      else lostListeners.push(listener);
    },
    measureImportance: (request, handlers) => {
      const target = real();
      if (!target.measureImportance) throw new Error('This engine cannot measure importance');
      return target.measureImportance(request, handlers);
    },
    requestTile: (query) =>
      client?.requestTile?.(query) ??
      Promise.reject(new Error('This run is no longer kept: run the sentence again')),
    // Nothing to lose or stop in a worker that was never made.
    loseWebglContext: () => client?.loseWebglContext?.(),
    cancel: (requestId) => client?.cancel(requestId),
    dispose() {
      client?.dispose();
      client = null;
    },
  };
}
