/**
 * 2-D transpose in one kernel call: our SIMD kernel transpose.wat on tfjs's wasm backend (see
 * host.ts), for turning checkpoint weights when a model is built; tfjs's generic Transpose took
 * about 8 ns a value there. Elsewhere, and when a side is not a multiple of 4, tf.transpose.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { kernelExports, registerWasmKernel, wasmKernelActive } from './host';

const KERNEL_NAME = 'AtlasTranspose2D';

type TransposeFn = (src: number, dst: number, rows: number, cols: number) => void;

registerWasmKernel(KERNEL_NAME, ({ inputs, backend }) => {
  const wasm = backend as BackendWasm;
  const { x } = inputs as Record<'x', tf.TensorInfo>;
  const [rows, cols] = x.shape as [number, number];
  const out = wasm.makeOutput([cols, rows], 'float32');
  const run = kernelExports(wasm, 'transpose')!['transpose'] as TransposeFn;
  if (rows > 0 && cols > 0)
    run(wasm.getMemoryOffset(x.dataId), wasm.getMemoryOffset(out.dataId), rows, cols);
  return out;
});

/** x [rows, cols] → [cols, rows]. */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  if (x.dtype === 'float32' && rows % 4 === 0 && cols % 4 === 0 && wasmKernelActive('transpose'))
    return tf.engine().runKernel<tf.Tensor2D>(KERNEL_NAME, { x }, {});
  return tf.transpose(x);
}
