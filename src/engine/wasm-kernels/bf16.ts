/**
 * bfloat16 weights widened to float32 where they land: the 16-bit words go into tfjs's wasm heap
 * (half the bytes of float32) and our kernel bf16.wat widens them there, turning nn.Linear
 * weights in the same pass. Elsewhere (other backends, no wasm SIMD, sides not multiples of 4)
 * they are widened in JavaScript and uploaded as float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Bf16Values } from '../weights';
import { kernelExports, registerWasmKernel, wasmKernelActive } from './host';
import { transpose2d } from './transpose';

const KERNEL_NAME = 'AtlasWidenBf16';

type WidenFn = (src: number, dst: number, n: number) => void;
type WidenTransposeFn = (src: number, dst: number, rows: number, cols: number) => void;

registerWasmKernel(KERNEL_NAME, ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const { x } = inputs as Record<'x', tf.TensorInfo>;
  const shape = attrs!['shape'] as number[];
  const words = attrs!['words'] as number;
  const turn = attrs!['transposeFrom'] as number[]; // [rows, cols] of the words, or []
  // Where in x's words to start (rows of a compact table, read in place: no tf.slice, whose
  // int32 path took ~150 ms for 8,192 × 448 words).
  const from = (attrs!['fromWord'] as number | undefined) ?? 0;
  const out = wasm.makeOutput(shape, 'float32');
  const kernel = kernelExports(wasm, 'bf16')!;
  const src = wasm.getMemoryOffset(x.dataId) + 2 * from;
  const dst = wasm.getMemoryOffset(out.dataId);
  if (turn.length === 2)
    (kernel['widen_transpose'] as WidenTransposeFn)(src, dst, turn[0]!, turn[1]!);
  else if (words > 0) (kernel['widen'] as WidenFn)(src, dst, words);
  return out;
});

/**
 * Uploads bfloat16 values of logical `shape` as float32. `transposed`: the words hold the
 * transpose ([shape[1]][shape[0]], nn.Linear's [out][in]) and the upload turns them.
 */
export function uploadBf16(values: Bf16Values, shape: number[], transposed = false): tf.Tensor {
  const words = values.words;
  const n = words.length;
  const [rows, cols] = transposed ? [shape[1]!, shape[0]!] : [0, 0];
  const inWasm = wasmKernelActive('bf16') && (!transposed || (rows % 4 === 0 && cols % 4 === 0));
  if (!inWasm) {
    const floats = values.toFloat32();
    if (!transposed) return tf.tensor(floats, shape, 'float32');
    return tf.tidy(() => transpose2d(tf.tensor2d(floats, [rows, cols])));
  }
  // The words travel as int32 pairs: a view when aligned and even, else an aligned copy.
  const aligned = words.byteOffset % 4 === 0 && n % 2 === 0;
  const packed = aligned
    ? new Int32Array(words.buffer, words.byteOffset, n / 2)
    : new Int32Array(Uint16Array.from({ length: n + (n % 2) }, (_, i) => words[i] ?? 0).buffer);
  const src = tf.tensor1d(packed, 'int32');
  try {
    return tf
      .engine()
      .runKernel<tf.Tensor>(
        KERNEL_NAME,
        { x: src },
        { shape, words: n, transposeFrom: transposed ? [rows, cols] : [] },
      );
  } finally {
    src.dispose();
  }
}

/**
 * Widens packed bfloat16 words already in the heap (int32, two words each; e.g. rows gathered
 * from a compact table, see compactTable.ts) to float32 of `shape`, starting at word `fromWord`
 * of `words` (which must hold that many more). The bf16 kernel must be active (the caller checks
 * `wasmKernelActive('bf16')`).
 */
export function widenPackedBf16<R extends tf.Rank>(
  words: tf.Tensor,
  shape: number[],
  fromWord = 0,
): tf.Tensor<R> {
  const n = shape.reduce((a, b) => a * b, 1);
  if (fromWord < 0 || fromWord + n > 2 * words.size)
    throw new Error(`internal: words ${fromWord}…${fromWord + n} outside ${2 * words.size}`);
  const attrs = { shape, words: n, transposeFrom: [], fromWord };
  return tf.engine().runKernel<tf.Tensor<R>>(KERNEL_NAME, { x: words }, attrs);
}
