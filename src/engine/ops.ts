/** Small tensor building blocks shared by every architecture. All shapes are 2-D [rows, features]. */
import * as tf from '@tensorflow/tfjs-core';
import { transpose2d } from './wasm-kernels/transpose';
import { uploadBf16 } from './wasm-kernels/bf16';
import { Bf16Values, type NamedArray } from './weights';

/**
 * x·W (+ b). W is stored [in][out], so this is a plain 2-D matmul with no transpose flag: the
 * wasm backend sends exactly that case to XNNPACK, and falls to a loop 12–15x slower otherwise.
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D): tf.Tensor2D {
  const y = tf.matMul<tf.Tensor2D>(x, w); // [T, in] x [in, out] -> [T, out]
  return b ? tf.add<tf.Tensor2D>(y, b) : y;
}

/** Uploads a plain weight in the engine's layout (a `transposed` one is turned on the backend). */
export function uploadWeight(w: NamedArray): tf.Tensor {
  if (w.data instanceof Bf16Values) return uploadBf16(w.data, w.shape, w.transposed);
  if (!w.transposed) return tf.tensor(w.data, w.shape, 'float32');
  const [rows, cols] = w.shape as [number, number];
  const data = w.data;
  return tf.tidy(() => transpose2d(tf.tensor2d(data, [cols, rows]))); // [out, in] -> [in, out]
}

/** LayerNorm over the last axis with the biased variance, as PyTorch computes it. */
export function layerNorm(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
): tf.Tensor2D {
  // tf.moments is one pass on wasm; spelled out as mean/square/mean it was 4x slower.
  const { mean, variance } = tf.moments(x, -1, true); // [T, 1] each
  const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))); // [T, d]
  return tf.add(tf.mul(normed, gamma), beta);
}

/**
 * RMSNorm over the last axis: x / √(mean(x²) + eps) · gamma (Llama; Gemma's (1 + w) is folded
 * into gamma by the loader).
 */
export function rmsNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, eps: number): tf.Tensor2D {
  const meanSquare = tf.mean(tf.square(x), -1, true); // [T, 1]
  return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps))), gamma);
}

export type Activation = 'relu' | 'gelu' | 'gelu_tanh' | 'silu';

export function activate(x: tf.Tensor2D, kind: Activation): tf.Tensor2D {
  if (kind === 'relu') return tf.relu(x);
  if (kind === 'silu') return tf.mul(x, tf.sigmoid(x)); // x·σ(x)
  if (kind === 'gelu') {
    // 0.5·x·(1 + erf(x/√2)): BERT's exact GELU.
    return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
  }
  // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))): GPT-2's approximation.
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(inner)));
}

/**
 * RoPE in the rotate_half layout: x·cos + [−x₂, x₁]·sin, for x [T, dh] and tables [T, r]. When
 * r < dh only the first r dims turn (GPT-NeoX's partial rotary) and the rest pass unchanged.
 */
export function applyRope(x: tf.Tensor2D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor2D {
  const dh = x.shape[1];
  const r = cos.shape[1];
  if (r < dh) {
    const [turned, kept] = tf.split(x, [r, dh - r], 1) as [tf.Tensor2D, tf.Tensor2D];
    return tf.concat([applyRope(turned, cos, sin), kept], 1); // [T, r] ++ [T, dh − r]
  }
  const half = r / 2;
  const [x1, x2] = tf.split(x, [half, half], 1) as [tf.Tensor2D, tf.Tensor2D]; // [T, r/2] each
  const rotated = tf.concat([tf.neg(x2), x1], 1); // [T, r]
  return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
}
