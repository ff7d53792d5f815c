/**
 * Reading tensor values into an array the caller owns. tfjs's `data()` returns a fresh copy of
 * every tensor; at 512 tokens a BERT-base forward reads back 151 MB of attention weights, and
 * copying those twice (into `data()`'s array, then into the stack) was 5% of the forward.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Copies a float32 tensor's values into `target` from `offset` on. */
export async function readInto(t: tf.Tensor, target: Float32Array, offset: number): Promise<void> {
  if (tf.getBackend() === 'wasm') {
    const wasm = tf.backend() as BackendWasm;
    // wasm ops finish before they return, so the heap already holds the values: copy them from
    // there (the view is only valid until the heap next grows, so use it at once).
    if (t.dtype === 'float32' && wasm.dataIdMap.has(t.dataId)) {
      target.set(wasm.typedArrayFromHeap(t), offset);
      return;
    }
  }
  target.set(await t.data(), offset);
}

/**
 * A float32 tensor's values for synchronous use right now: on wasm a view of the heap itself (no
 * copy: a 4,096-token head is 64 MB), valid only until the next tfjs op may grow the heap; on other
 * backends a copy.
 */
export function viewNow(t: tf.Tensor): Float32Array {
  if (tf.getBackend() === 'wasm') {
    const wasm = tf.backend() as BackendWasm;
    if (t.dtype === 'float32' && wasm.dataIdMap.has(t.dataId))
      return wasm.typedArrayFromHeap(t) as Float32Array;
  }
  return t.dataSync() as Float32Array;
}
