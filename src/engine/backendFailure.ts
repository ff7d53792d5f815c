/**
 * Why a tfjs backend could not start, in terms the page can put into words. tfjs itself swallows
 * the error (`setBackend` only answers false and warns in the console), so the reasons that have a
 * plain explanation are found out here: WebAssembly missing, WebAssembly refused by the page's
 * Content Security Policy (no 'wasm-unsafe-eval'), or the .wasm file not loading.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm'; // registers the WASM_HAS_* flags read below
import type { BackendName, WasmPaths } from './backend';

export type BackendFailureReason =
  /** The page's Content Security Policy refuses to compile WebAssembly. */
  | 'csp'
  /** No WebAssembly in this browser (or it is turned off). */
  | 'no-webassembly'
  /** The .wasm file did not load: an HTTP error (`status`) or something that is not WebAssembly. */
  | 'wasm-file'
  /** The browser does not offer this backend (no WebGL/WebGPU). */
  | 'unavailable'
  /** Anything else; `detail` holds the error's message. */
  | 'error';

export interface BackendFailure {
  backend: BackendName;
  reason: BackendFailureReason;
  /** The HTTP status of the .wasm file, for 'wasm-file' when the server answered with an error. */
  status?: number;
  /** The error's message, for 'error'. */
  detail?: string;
}

/** The smallest valid module: the magic word and version 1, nothing else. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Whether this page may compile WebAssembly at all; null when it may. Compiling the empty module
 * is what a CSP without 'wasm-unsafe-eval' refuses (a CompileError or EvalError naming the policy).
 */
export async function wasmBlocked(): Promise<BackendFailure | null> {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.compile !== 'function')
    return { backend: 'wasm', reason: 'no-webassembly' };
  try {
    await WebAssembly.compile(EMPTY_MODULE);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /Content Security Policy|unsafe-eval|CSP/i.test(message)
      ? { backend: 'wasm', reason: 'csp' }
      : { backend: 'wasm', reason: 'error', detail: message };
  }
}

/** The binary tfjs picks for this browser (its own rule: threads and SIMD decide). */
async function wasmFileUrl(paths: WasmPaths): Promise<string> {
  const [simd, threads] = await Promise.all([
    tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  ]);
  if (simd && threads) return paths['tfjs-backend-wasm-threaded-simd.wasm'];
  return simd ? paths['tfjs-backend-wasm-simd.wasm'] : paths['tfjs-backend-wasm.wasm'];
}

/**
 * After wasm failed to start although WebAssembly compiles: is its .wasm file the cause? Fetches
 * it again (from the HTTP cache when it came) and looks at the status and the magic word.
 */
export async function wasmFileProblem(paths: WasmPaths | undefined): Promise<BackendFailure> {
  const unavailable: BackendFailure = { backend: 'wasm', reason: 'unavailable' };
  if (!paths) return unavailable;
  const url = await wasmFileUrl(paths);
  try {
    const response = await fetch(url);
    if (!response.ok) return { backend: 'wasm', reason: 'wasm-file', status: response.status };
    const head = new Uint8Array(await response.arrayBuffer()).subarray(0, 4);
    const isWasm = head.length === 4 && EMPTY_MODULE.subarray(0, 4).every((b, i) => head[i] === b);
    return isWasm ? unavailable : { backend: 'wasm', reason: 'wasm-file' };
  } catch {
    return { backend: 'wasm', reason: 'wasm-file' }; // the network refused it
  }
}
