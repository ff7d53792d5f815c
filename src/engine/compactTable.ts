/**
 * bfloat16 token tables kept compact in the wasm heap. A forward reads only T rows of the token
 * embeddings, and the language-model head only for the rows it predicts from, so widening the
 * whole table at load bought nothing but memory: Qwen2.5-0.5B's 151,936 × 896 table is 545 MB as
 * float32 and 272 MB as bfloat16, and writing those 545 MB of fresh memory was part of its load.
 * The table stays as its 16-bit words (two per int32, [V, d/2]); the rows a run gathers are
 * widened by bf16.wat, and the head widens and multiplies the table a block of rows at a time.
 * Widening is exact, so the numbers are those of the float32 table, bit for bit.
 *
 * Only where the bf16 kernel runs (tfjs-wasm with SIMD) and d is even; elsewhere the table is
 * widened at upload as before.
 */
import * as tf from '@tensorflow/tfjs-core';
import { widenPackedBf16 } from './wasm-kernels/bf16';
import { wasmKernelActive } from './wasm-kernels/host';
import type { NamedArray } from './weights';
import { Bf16Values } from './weights';

/** Token tables: gathered by row (embeddings) or multiplied a block at a time (output head). */
const TABLES = /^(embed|target)\.tokens$|^lm\.head$/;

/** Rows of the table widened at a time by the head (8,192 × 896 floats: 29 MB for Qwen2.5). */
export const HEAD_BLOCK_ROWS = 8192;

/** The table as packed words (int32 [V, d/2]) when it can stay compact, else null. */
export function uploadCompactTable(name: string, w: NamedArray): tf.Tensor2D | null {
  if (!TABLES.test(name) || !(w.data instanceof Bf16Values) || w.transposed) return null;
  const [rows, cols] = w.shape as [number, number];
  if (w.shape.length !== 2 || cols % 2 !== 0 || !wasmKernelActive('bf16')) return null;
  const words = w.data.words;
  const packed =
    words.byteOffset % 4 === 0
      ? new Int32Array(words.buffer, words.byteOffset, words.length / 2)
      : new Int32Array(words.slice().buffer);
  return tf.tensor2d(packed, [rows, cols / 2], 'int32');
}

/** Whether a stored table is compact (its packed words rather than float32). */
export const isCompact = (table: tf.Tensor): boolean => table.dtype === 'int32';

/** Rows `ids` of a table, as float32 [T, d]. */
export function gatherRows(table: tf.Tensor2D, ids: tf.Tensor1D, d: number): tf.Tensor2D {
  if (!isCompact(table)) return tf.gather(table, ids); // [V, d] -> [T, d]
  return tf.tidy(() => widenPackedBf16(tf.gather(table, ids), [ids.shape[0], d])); // [T, d/2] words -> [T, d]
}

/**
 * table · xᵀ for a table [V, d] and rows x [n, d]: [V, n]. A compact table is widened
 * `blockRows` rows at a time, each block freed after its product, so no more than one block of
 * float32 exists at once.
 */
export function tableTimes(
  table: tf.Tensor2D,
  xT: tf.Tensor2D,
  d: number,
  blockRows = HEAD_BLOCK_ROWS,
): tf.Tensor2D {
  if (!isCompact(table)) return tf.matMul(table, xT); // [V, d] x [d, n] -> [V, n]
  const rows = table.shape[0];
  const parts: tf.Tensor2D[] = [];
  try {
    for (let r = 0; r < rows; r += blockRows) {
      const count = Math.min(blockRows, rows - r);
      parts.push(
        tf.tidy(() => {
          const block = widenPackedBf16<tf.Rank.R2>(table, [count, d], r * d); // rows r…r+b-1
          return tf.matMul(block, xT); // [b, d] x [d, n] -> [b, n]
        }),
      );
    }
    return parts.length === 1 ? parts[0]! : tf.concat(parts, 0); // [V, n]
  } finally {
    if (parts.length > 1) tf.dispose(parts);
  }
}
