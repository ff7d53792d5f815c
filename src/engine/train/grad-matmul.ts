/**
 * matMul with a gradient that transposes explicitly. tf.matMul's own gradient calls matMul with
 * transpose flags, which the wasm backend runs on its slow loop (12–15x slower than XNNPACK);
 * dA = dY·Bᵀ and dB = Aᵀ·dY with explicit transposes keep the backward pass on the fast path
 * for 2-D operands (about 5x faster per training step on a 2-core machine).
 */
import * as tf from '@tensorflow/tfjs-core';
// Training needs the gradient kernels, which the app (inference only) never loads.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';

const swapLast = (t: tf.Tensor): tf.Tensor =>
  t.rank === 2
    ? tf.transpose(t)
    : tf.transpose(t, [...t.shape.map((_, i) => i).slice(0, -2), t.rank - 1, t.rank - 2]);

// customGrad passes inputs and the save function untyped, as (Tensor | GradSaveFunc)[].
export const gradMatMul = tf.customGrad<tf.Tensor>((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
      return [tf.matMul(dy, swapLast(sb)), tf.matMul(swapLast(sa), dy)];
    },
  };
});
