/**
 * Runs the engine's own SIMD wasm kernels (the .wat files beside this one) on tfjs's wasm backend.
 *
 * Each kernel module owns no memory: it imports the backend's own WebAssembly.Memory, so it reads
 * and writes tensors where they lie, with no copy in or out. It is compiled once per backend
 * instance, in the build matching the backend's memory (ordinary, or shared for the threaded
 * build). Where that cannot be done (another backend, a browser without wasm SIMD, WebAssembly
 * refused) `kernelExports` answers null and callers use tf ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { WASM_KERNELS, type WasmKernelName } from './binaries';

/** What the emscripten module behind BackendWasm carries besides its typed fields. */
interface EmscriptenMemoryHolder {
  HEAPU8: Uint8Array;
  asm?: { memory?: unknown };
  wasmMemory?: unknown;
}

const compiled = new WeakMap<object, Map<WasmKernelName, WebAssembly.Exports | null>>();
let enabled = true;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The backend's WebAssembly.Memory: `asm.memory` single-threaded, `wasmMemory` threaded. */
export function backendMemory(backend: BackendWasm): WebAssembly.Memory | null {
  const module = backend.wasm as unknown as EmscriptenMemoryHolder;
  for (const candidate of [module.asm?.memory, module.wasmMemory]) {
    // The check on the buffer makes sure it is the memory the tensors live in.
    if (candidate instanceof WebAssembly.Memory && candidate.buffer === module.HEAPU8.buffer)
      return candidate;
  }
  return null;
}

function instantiate(backend: BackendWasm, name: WasmKernelName): WebAssembly.Exports | null {
  try {
    const memory = backendMemory(backend);
    if (!memory) return null;
    const shared =
      typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    const binary = WASM_KERNELS[name][shared ? 'shared' : 'plain'];
    // Each is under 4 KB, the most a page's main thread may compile synchronously (tested).
    const module = new WebAssembly.Module(decode(binary));
    return new WebAssembly.Instance(module, { env: { memory } }).exports;
  } catch {
    return null; // no wasm SIMD here, or WebAssembly refused: the tf ops serve instead
  }
}

/** The kernel's exports for this backend, compiled on first use; null where it cannot run. */
export function kernelExports(
  backend: BackendWasm,
  name: WasmKernelName,
): WebAssembly.Exports | null {
  let byName = compiled.get(backend);
  if (!byName)
    compiled.set(backend, (byName = new Map<WasmKernelName, WebAssembly.Exports | null>()));
  if (!byName.has(name)) byName.set(name, instantiate(backend, name));
  return byName.get(name) ?? null;
}

/** Whether the kernel runs on the backend in use now (else its callers use tf ops). */
export function wasmKernelActive(name: WasmKernelName): boolean {
  return (
    enabled &&
    tf.getBackend() === 'wasm' &&
    kernelExports(tf.backend() as BackendWasm, name) !== null
  );
}

/** Turns every own kernel off (true: on again), for benchmarks and tests that compare with tf ops. */
export function setWasmKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Registers `kernelFunc` as a tfjs kernel for the wasm backend, once (module reloads included). */
export function registerWasmKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  if (!tf.getKernel(kernelName, 'wasm'))
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}
