/**
 * LayerNorm over the last axis in one kernel call: our SIMD kernel layer-norm.wat on tfjs's wasm
 * backend (see host.ts), where tf ops take about ten passes over the matrix (moments, sub, rsqrt,
 * two muls, add). Elsewhere, and when the row length is not a multiple of 4, ops.layerNorm.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { layerNorm as layerNormOps } from '../ops';
import { kernelExports, registerWasmKernel, wasmKernelActive } from './host';

const KERNEL_NAME = 'AtlasLayerNorm';

type LayerNormFn = (
  x: number,
  gamma: number,
  beta: number,
  out: number,
  rows: number,
  cols: number,
  eps: number,
) => void;

registerWasmKernel(KERNEL_NAME, ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const { x, gamma, beta } = inputs as Record<'x' | 'gamma' | 'beta', tf.TensorInfo>;
  const [rows, cols] = x.shape as [number, number];
  const out = wasm.makeOutput(x.shape, 'float32');
  const run = kernelExports(wasm, 'layer-norm')!['layer_norm'] as LayerNormFn;
  if (rows > 0)
    run(
      wasm.getMemoryOffset(x.dataId),
      wasm.getMemoryOffset(gamma.dataId),
      wasm.getMemoryOffset(beta.dataId),
      wasm.getMemoryOffset(out.dataId),
      rows,
      cols,
      attrs!['eps'] as number,
    );
  return out;
});

/** LayerNorm of each row of x [T, d] with γ, β [d] and the biased variance, as PyTorch has it. */
export function layerNorm(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
): tf.Tensor2D {
  const float = x.dtype === 'float32' && gamma.dtype === 'float32' && beta.dtype === 'float32';
  if (float && x.shape[1] % 4 === 0 && x.shape[1] > 0 && wasmKernelActive('layer-norm'))
    return tf.engine().runKernel<tf.Tensor2D>(KERNEL_NAME, { x, gamma, beta }, { eps });
  return layerNormOps(x, gamma, beta, eps);
}
