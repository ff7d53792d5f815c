/**
 * h·(1 + erf(h)) in one pass: exact GELU's whole activation once the engine has folded its 1/√2
 * into the FFN weights (see ffn in transformer.ts).
 *
 * On tfjs's wasm backend this runs our own SIMD kernel (erf-gelu.wat), which works on the tensors
 * in the backend's own memory: no copy in or out. tfjs spells the same thing as three passes over
 * [T, dFF] (erf, which calls libm per element, then add, then mul); at BERT-base size and 512 tokens
 * they were about a tenth of the whole forward. Elsewhere (webgl, webgpu, cpu; a browser without
 * wasm SIMD; training, which needs gradients) it is those tf ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { ERF_GELU_WASM, ERF_GELU_WASM_SHARED } from './erfGeluWasm';

const KERNEL_NAME = 'AtlasErfGelu';

/** The export of erf-gelu.wat: reads n float32 at byte offset `input`, writes them at `output`. */
type ErfGeluFn = (input: number, output: number, n: number) => void;

/** What the emscripten module behind BackendWasm carries besides its typed fields. */
interface EmscriptenMemoryHolder {
  HEAPU8: Uint8Array;
  asm?: { memory?: unknown };
  wasmMemory?: unknown;
}

const kernels = new WeakMap<object, ErfGeluFn | null>();
let enabled = true;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The backend's WebAssembly.Memory: `asm.memory` single-threaded, `wasmMemory` threaded. */
function backendMemory(backend: BackendWasm): WebAssembly.Memory | null {
  const module = backend.wasm as unknown as EmscriptenMemoryHolder;
  for (const candidate of [module.asm?.memory, module.wasmMemory]) {
    // The check on the buffer makes sure it is the memory the tensors live in.
    if (candidate instanceof WebAssembly.Memory && candidate.buffer === module.HEAPU8.buffer)
      return candidate;
  }
  return null;
}

/** Compiles the kernel against this backend's memory, once; null where that cannot be done. */
function kernelFor(backend: BackendWasm): ErfGeluFn | null {
  const known = kernels.get(backend);
  if (known !== undefined) return known;
  let fn: ErfGeluFn | null = null;
  try {
    const memory = backendMemory(backend);
    if (memory) {
      const shared =
        typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      // Under 1 KB, so synchronous compilation is allowed even on a page's main thread.
      const module = new WebAssembly.Module(decode(shared ? ERF_GELU_WASM_SHARED : ERF_GELU_WASM));
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      fn = instance.exports['erf_gelu'] as ErfGeluFn;
    }
  } catch {
    fn = null; // no wasm SIMD in this browser, or WebAssembly refused: the tf ops serve instead
  }
  kernels.set(backend, fn);
  return fn;
}

function erfGeluKernel({ inputs, backend }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const wasm = backend as BackendWasm;
  const x = inputs['x']!;
  const out = wasm.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  // Offsets are read after makeOutput: it may grow the memory, but offsets never move.
  if (n > 0) kernelFor(wasm)!(wasm.getMemoryOffset(x.dataId), wasm.getMemoryOffset(out.dataId), n);
  return out;
}

if (!tf.getKernel(KERNEL_NAME, 'wasm'))
  tf.registerKernel({ kernelName: KERNEL_NAME, backendName: 'wasm', kernelFunc: erfGeluKernel });

/** Whether `erfGelu` runs the SIMD kernel on the backend in use now. */
export function erfGeluKernelActive(): boolean {
  return enabled && tf.getBackend() === 'wasm' && kernelFor(tf.backend() as BackendWasm) !== null;
}

/** Turns the kernel off (true: on again), for benchmarks and tests that compare with the tf ops. */
export function setErfGeluKernelEnabled(on: boolean): void {
  enabled = on;
}

/** h·(1 + erf(h)) elementwise, [T, n] → [T, n]. */
export function erfGelu(h: tf.Tensor2D): tf.Tensor2D {
  if (h.dtype === 'float32' && erfGeluKernelActive())
    return tf.engine().runKernel<tf.Tensor2D>(KERNEL_NAME, { x: h });
  return tf.mul(h, tf.add(1, tf.erf(h)));
}
