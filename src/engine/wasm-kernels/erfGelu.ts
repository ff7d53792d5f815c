/**
 * h·(1 + erf(h)) in one pass: exact GELU's whole activation once the engine has folded its 1/√2
 * into the FFN weights (see ffn in transformer.ts).
 *
 * On tfjs's wasm backend this is our SIMD kernel erf-gelu.wat (see host.ts). tfjs spells the same
 * thing as three passes over [T, dFF] (erf, which calls libm per element, then add, then mul); at
 * BERT-base size and 512 tokens those took 32 ms per layer against the kernel's 2.3. Elsewhere
 * (webgl, webgpu, cpu; no wasm SIMD; training, which needs gradients), and for fewer than 12
 * values (the kernel works in blocks of 12), it is those tf ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { kernelExports, registerWasmKernel, wasmKernelActive } from './host';

const KERNEL_NAME = 'AtlasErfGelu';
/** The kernel's block: it needs at least this many values. */
const BLOCK = 12;

/**
 * erf-gelu.wat's export: reads n ≥ 12 float32 at byte offset `input`, writes them at `output`
 * (a separate array: its last block may redo a few values).
 */
type ErfGeluFn = (input: number, output: number, n: number) => void;

registerWasmKernel(KERNEL_NAME, ({ inputs, backend }) => {
  const wasm = backend as BackendWasm;
  const x = inputs['x']!;
  const out = wasm.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  const run = kernelExports(wasm, 'erf-gelu')!['erf_gelu'] as ErfGeluFn;
  // Offsets are read after makeOutput: it may grow the memory, but offsets never move.
  run(wasm.getMemoryOffset(x.dataId), wasm.getMemoryOffset(out.dataId), n);
  return out;
});

/** h·(1 + erf(h)) elementwise, [T, n] → [T, n]. */
export function erfGelu(h: tf.Tensor2D): tf.Tensor2D {
  if (h.dtype === 'float32' && h.size >= BLOCK && wasmKernelActive('erf-gelu'))
    return tf.engine().runKernel<tf.Tensor2D>(KERNEL_NAME, { x: h });
  return tf.mul(h, tf.add(1, tf.erf(h)));
}
