/**
 * Picks and starts a tfjs backend. wasm (SIMD) is the default: exact, quick to start and fast for
 * the matrix sizes attention uses; webgpu, webgl and cpu load only when asked for, so the first
 * page does not carry them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { wasmBlocked, wasmFileProblem, type BackendFailure } from './backendFailure';

export type BackendName = 'wasm' | 'webgpu' | 'webgl' | 'cpu';

/** URLs of the three tfjs-wasm binaries, served by the app itself (never a CDN). */
export interface WasmPaths {
  'tfjs-backend-wasm.wasm': string;
  'tfjs-backend-wasm-simd.wasm': string;
  'tfjs-backend-wasm-threaded-simd.wasm': string;
}

export interface BackendOptions {
  /** Backends to try, in order; the first that starts wins. */
  preferred?: BackendName[];
  wasmPaths?: WasmPaths;
  /**
   * Worker threads for wasm. Threads need a cross-origin isolated page, and tfjs uses
   * hardwareConcurrency/2 of them; on a 2-core machine that is one thread, which only adds the
   * threaded start-up cost, so by default threads are used from 4 cores up.
   */
  threads?: number | 'auto';
}

export interface BackendInfo {
  name: BackendName;
  /** wasm worker threads in use (1 when single-threaded); undefined for other backends. */
  threads?: number;
  /** The backends tried before this one, and why each could not start (empty when none). */
  failures: BackendFailure[];
}

async function register(name: BackendName): Promise<void> {
  // Side-effect imports register the backend; they are split into their own chunks.
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
}

function wantedThreads(threads: BackendOptions['threads']): number {
  const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 1) : 1;
  const isolated =
    typeof globalThis.crossOriginIsolated === 'boolean' && globalThis.crossOriginIsolated;
  if (!isolated) return 1;
  if (typeof threads === 'number') return Math.max(1, Math.floor(threads));
  return cores >= 4 ? Math.min(8, Math.floor(cores / 2)) : 1;
}

let wasmConfigured = false;

function configureWasm(options: BackendOptions): void {
  if (wasmConfigured) return;
  wasmConfigured = true;
  if (options.wasmPaths) setWasmPaths({ ...options.wasmPaths });
  const threads = wantedThreads(options.threads);
  if (threads <= 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  else setThreadsCount(threads);
}

/** Starts the first backend of `preferred` that works and returns which one it is. */
export async function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  const preferred = options.preferred ?? ['wasm', 'webgpu', 'webgl', 'cpu'];
  const failures: BackendFailure[] = [];
  for (const name of preferred) {
    try {
      if (name === 'wasm') {
        // tfjs would only answer "false": find out first whether WebAssembly may run at all.
        const blocked = await wasmBlocked();
        if (blocked) {
          failures.push(blocked);
          continue;
        }
        configureWasm(options);
      } else await register(name);
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { ...currentBackend(), failures };
      }
      failures.push(
        name === 'wasm'
          ? await wasmFileProblem(options.wasmPaths)
          : { backend: name, reason: 'unavailable' },
      );
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      failures.push({ backend: name, reason: 'error', detail });
    }
  }
  const said = failures.map((f) => `${f.backend}: ${f.detail ?? f.reason}`);
  throw new Error(`No tfjs backend could start (${said.join('; ')})`);
}

/** The backend in use now. */
export function currentBackend(): BackendInfo {
  const name = tf.getBackend() as BackendName;
  return name === 'wasm'
    ? { name, threads: getThreadsCount(), failures: [] }
    : { name, failures: [] };
}

/** Live tensor count, for leak checks in tests and the memory benchmark. */
export function liveTensorCount(): number {
  return tf.memory().numTensors;
}
