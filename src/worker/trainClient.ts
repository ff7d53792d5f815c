/**
 * The page's side of the training worker: sends requests, hands every answer to one listener.
 * Loaded on demand by the store (the first page never creates the worker).
 */
import type { TrainRequest, TrainResponse } from './trainProtocol';

export interface TrainClient {
  send(request: TrainRequest): void;
  /** The one listener of the worker's answers (a second call replaces the first). */
  listen(listener: (response: TrainResponse) => void): void;
  dispose(): void;
}

export function createTrainClient(): TrainClient {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), {
    type: 'module',
    name: 'attention-train',
  });
  let listener: ((response: TrainResponse) => void) | null = null;
  worker.addEventListener('message', (event: MessageEvent<TrainResponse>) =>
    listener?.(event.data),
  );
  worker.addEventListener('error', (event) =>
    listener?.({ type: 'error', message: event.message || 'the training worker stopped' }),
  );
  return {
    send: (request) => worker.postMessage(request),
    listen: (next) => {
      listener = next;
    },
    dispose: () => worker.terminate(),
  };
}
