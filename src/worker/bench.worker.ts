/// <reference lib="webworker" />
/**
 * The engine benchmark in the browser (scripts/bench/browser.ts), in a worker of its own so that it
 * starts its backend fresh and never touches the app's engine worker. Created only by the
 * benchmark hook, which the page loads only with `?bench` (src/views/bench/browserBench.ts).
 *
 * One request per worker: { backend, threads, lengths, runs } → the engine figures, or an error.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend, liveTensorCount, type BackendName } from '../engine';
import {
  benchEngine,
  profileForward,
  type EngineBenchRow,
  type ForwardProfile,
} from '../engine/benchmark';
import { wasmKernelActive } from '../engine/wasm-kernels/host';

declare const self: DedicatedWorkerGlobalScope;

export interface EngineBenchRequest {
  backend: BackendName;
  /** wasm threads: 'auto' is the app's choice (threads from 4 cores up); a number forces it. */
  threads: number | 'auto';
  lengths: number[];
  runs: number;
  /** Also profile one forward at this many tokens, kernel by kernel (0 or absent: no). */
  profileTokens?: number;
}

export type EngineBenchResponse =
  | {
      type: 'started';
      backend: BackendName;
      threads: number | null;
      startMs: number;
      /** Whether the engine's own wasm kernels (exact GELU, LayerNorm) run, else tf ops. */
      ownKernels: boolean;
    }
  | { type: 'row'; row: EngineBenchRow }
  | { type: 'profile'; profile: ForwardProfile }
  | { type: 'done'; tensorsLeft: number }
  | { type: 'error'; message: string };

export type { EngineBenchResult } from './benchResult';

function post(message: EngineBenchResponse): void {
  self.postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<EngineBenchRequest>) => {
  const request = event.data;
  void (async () => {
    try {
      const t0 = performance.now();
      const info = await initBackend({
        preferred: [request.backend],
        threads: request.threads,
        wasmPaths: {
          'tfjs-backend-wasm.wasm': wasmPlain,
          'tfjs-backend-wasm-simd.wasm': wasmSimd,
          'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
        },
      });
      post({
        type: 'started',
        backend: info.name,
        threads: info.threads ?? null,
        startMs: performance.now() - t0,
        ownKernels: wasmKernelActive('erf-gelu') && wasmKernelActive('layer-norm'),
      });
      const before = liveTensorCount();
      await benchEngine({
        lengths: request.lengths,
        runs: request.runs,
        onRow: (row) => post({ type: 'row', row }),
      });
      if (request.profileTokens)
        post({ type: 'profile', profile: await profileForward(request.profileTokens) });
      post({ type: 'done', tensorsLeft: liveTensorCount() - before });
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
});
