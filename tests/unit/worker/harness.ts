/**
 * The engine worker's parts as the Node tests build them: tfjs on wasm started once per file, and
 * workers whose posted messages are collected in an array (what the page would receive).
 */
import { initBackend, type BackendName } from '../../../src/engine';
import { createHfWorker, type HfWorker, type HfWorkerContext } from '../../../src/worker/hf-model';
import type { TileServer } from '../../../src/worker/attention-tiles';
import type { BackendStatus, WorkerResponse } from '../../../src/worker/protocol';

let backend: Promise<BackendStatus> | null = null;

/** The worker's `ensureBackend`: wasm, started on first use. */
export const ensureBackend = (requested: BackendName): Promise<BackendStatus> => {
  backend ??= initBackend({ preferred: ['wasm'] }).then((i) => ({ name: i.name, requested }));
  return backend;
};

/** The posted messages of one type. */
export const of = <T extends WorkerResponse['type']>(posted: WorkerResponse[], type: T) =>
  posted.filter((m): m is Extract<WorkerResponse, { type: T }> => m.type === type);

/** The worker's `postDone`, posting a `done` with each stack's mask into `posted`. */
export const postDoneInto =
  (posted: WorkerResponse[]): HfWorkerContext['postDone'] =>
  (requestId, stacks) =>
    posted.push({
      type: 'done',
      requestId,
      masks: stacks.map((s) => ({ kind: s.kind, mask: s.mask })),
      elapsedMs: 0,
    });

/**
 * A Hugging Face worker over `posted`. Tasks run one after another as in the real worker, or at
 * once (`queue: 'none'`) where a test awaits each call itself.
 */
export function makeHfWorker(options: { queue?: 'serial' | 'none'; tiles?: TileServer } = {}): {
  hf: HfWorker;
  posted: WorkerResponse[];
} {
  const posted: WorkerResponse[] = [];
  let queue: Promise<void> = Promise.resolve();
  const hf = createHfWorker({
    post: (m) => posted.push(m),
    ensureBackend,
    enqueue:
      options.queue === 'none'
        ? (task) => task()
        : (task) => {
            const done = queue.then(task);
            queue = done.catch(() => {});
            return done;
          },
    checkSize: () => {},
    runExtras: () => undefined,
    postDone: postDoneInto(posted),
    ...(options.tiles ? { tiles: options.tiles } : {}),
  });
  return { hf, posted };
}
