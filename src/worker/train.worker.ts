/// <reference lib="webworker" />
/**
 * The Train tab's worker: trains a tiny Transformer on a task (src/engine/train/run.ts) in a
 * worker of its own, so neither the page nor the engine worker stalls. One step per turn of the
 * event loop (yielding through a MessageChannel, which is not clamped like setTimeout), so Pause
 * and Reset are heard between steps.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend, liveTensorCount, type BackendName } from '../engine';
import { TrainRun, type TrainStepResult } from '../engine/train/run';
import { trainedModelOf } from '../engine/train/trained';
import { checkTrainSettings, type TrainSettings } from '../analysis/trainSettings';
import type { TrainRequest, TrainResponse } from './trainProtocol';

declare const self: DedicatedWorkerGlobalScope;

/** A run stops by itself after this many steps. */
const MAX_STEPS = 20000;

let backend: Promise<BackendName> | null = null;
let baseline = 0;
let run: TrainRun | null = null;
let running = false;
let rate = { since: 0, steps: 0 };

function post(message: TrainResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function fail(error: unknown): void {
  running = false;
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

function ensureBackend(requested: BackendName): Promise<BackendName> {
  backend ??= initBackend({
    preferred: [...new Set<BackendName>([requested, 'wasm', 'cpu'])],
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
    },
  }).then((info) => {
    baseline = liveTensorCount();
    post({ type: 'started', backend: info.name });
    return info.name;
  });
  return backend;
}

async function ensureRun(settings: TrainSettings, requested: BackendName): Promise<TrainRun> {
  await ensureBackend(requested);
  if (run) return run;
  const problem = checkTrainSettings(settings);
  if (problem) throw new Error(problem.key);
  run = new TrainRun(settings);
  return run;
}

function postStep(result: TrainStepResult, stepsPerSecond?: number): void {
  const snapshot = result.snapshot;
  post(
    {
      type: 'step',
      step: result.step,
      loss: result.loss,
      ...(result.accuracy !== undefined && { accuracy: result.accuracy }),
      ...(snapshot && { snapshot }),
      ...(stepsPerSecond !== undefined && { stepsPerSecond }),
      tensors: liveTensorCount() - baseline,
    },
    snapshot ? snapshot.layers.map((w) => w.buffer as ArrayBuffer) : [],
  );
}

/** Trains one step and reports it; false when training must stop. */
function trainOne(current: TrainRun): boolean {
  const result = current.trainStep();
  if (!Number.isFinite(result.loss)) {
    running = false;
    post({ type: 'diverged', step: result.step });
    return false;
  }
  rate.steps += 1;
  const elapsed = (performance.now() - rate.since) / 1000;
  postStep(result, running && elapsed > 0.5 ? rate.steps / elapsed : undefined);
  return true;
}

const tick = new MessageChannel();
tick.port1.onmessage = () => {
  if (!running || !run) return;
  try {
    if (!trainOne(run)) return;
    if (run.step >= MAX_STEPS) {
      running = false;
      post({ type: 'paused', step: run.step });
      return;
    }
    tick.port2.postMessage(null);
  } catch (error) {
    fail(error);
  }
};

self.addEventListener('message', (event: MessageEvent<TrainRequest>) => {
  const request = event.data;
  void (async () => {
    try {
      switch (request.type) {
        case 'start': {
          await ensureRun(request.settings, request.backend);
          if (running) return;
          running = true;
          rate = { since: performance.now(), steps: 0 };
          tick.port2.postMessage(null);
          return;
        }
        case 'step': {
          const current = await ensureRun(request.settings, request.backend);
          running = false;
          trainOne(current);
          post({ type: 'paused', step: current.step });
          return;
        }
        case 'pause':
          running = false;
          post({ type: 'paused', step: run?.step ?? 0 });
          return;
        case 'reset':
          running = false;
          run?.dispose();
          run = null;
          post({ type: 'reset', tensorsLeft: backend ? liveTensorCount() - baseline : 0 });
          return;
        case 'weights': {
          // Between two steps (messages wait for the current one): the weights of one step.
          const model = run ? trainedModelOf(run, run.accuracy()) : null;
          post(
            { type: 'weights', requestId: request.requestId, model },
            model ? model.tensors.map((t) => t.data.buffer as ArrayBuffer) : [],
          );
          return;
        }
      }
    } catch (error) {
      fail(error);
    }
  })();
});
