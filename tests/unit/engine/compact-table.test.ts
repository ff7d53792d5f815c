/**
 * bfloat16 token tables kept compact (src/engine/compactTable.ts): gathered rows and the head's
 * block-by-block product are bit for bit those of the widened table, and a BF16 checkpoint's
 * model holds its table in half the bytes with the same attention and logits.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bf16Values, createModel, initBackend } from '../../../src/engine';
import {
  gatherRows,
  isCompact,
  tableTimes,
  uploadCompactTable,
} from '../../../src/engine/compactTable';
import { uploadWeight } from '../../../src/engine/ops';
import { setWasmKernelsEnabled } from '../../../src/engine/wasm-kernels/host';
import { loadHfModel } from '../../../src/loader/hf';
import { mulberry32 } from '../../../src/lib/random';
import { BASE, fakeFetch } from '../loader/fakeHub';

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});
afterEach(() => setWasmKernelsEnabled(true));

/** A [rows, cols] table of random bfloat16 words. */
function table(rows: number, cols: number, seed: number): Bf16Values {
  const rand = mulberry32(seed);
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  return new Bf16Values(
    Uint16Array.from({ length: rows * cols }, () => {
      f[0] = (rand() - 0.5) * 4;
      return bits[0]! >>> 16;
    }),
  );
}

describe('compact token tables', () => {
  const [V, d] = [50, 12];
  const w = { shape: [V, d], data: table(V, d, 3) };

  it('gathered rows and the head in uneven blocks equal the widened table exactly', async () => {
    const compact = uploadCompactTable('embed.tokens', w)!;
    const full = uploadWeight(w) as tf.Tensor2D;
    expect(isCompact(compact)).toBe(true);
    expect(compact.shape).toEqual([V, d / 2]);
    const ids = tf.tensor1d([0, 49, 7, 7, 23], 'int32');
    const x = tf.randomNormal([3, d]) as tf.Tensor2D;
    const xT = tf.transpose(x);
    const before = tf.memory().numTensors;
    const rows = gatherRows(compact, ids, d);
    expect(await rows.data()).toEqual(await tf.gather(full, ids).data());
    const blocked = tableTimes(compact, xT, d, 7); // 8 blocks, the last of 1 row
    expect(blocked.shape).toEqual([V, 3]);
    expect(await blocked.data()).toEqual(await tf.matMul(full, xT).data());
    tf.dispose([rows, blocked]);
    expect(tf.memory().numTensors).toBe(before + 2); // the two reference results only
    tf.dispose([compact, full, ids, x, xT]);
  });

  it('stays float32 where it cannot be compact: other weights, odd widths, no bf16 kernel', () => {
    expect(uploadCompactTable('decoder.0.ffn.w1', w)).toBeNull();
    expect(
      uploadCompactTable('embed.tokens', { shape: [10, 3], data: table(10, 3, 1) }),
    ).toBeNull();
    expect(
      uploadCompactTable('embed.tokens', { shape: [V, d], data: new Float32Array(V * d) }),
    ).toBeNull();
    setWasmKernelsEnabled(false);
    expect(uploadCompactTable('embed.tokens', w)).toBeNull();
  });

  it("a BF16 checkpoint's model: the table in half the bytes, the same attention and logits", async () => {
    const hf = await loadHfModel(
      { kind: 'hub', id: 'tiny-llama', baseUrl: BASE },
      { cache: null, fetch: fakeFetch() },
    );
    const { vocabSize, dModel } = hf.config;
    const ids = Array.from({ length: 7 }, (_, i) => (i * 11 + 2) % vocabSize);
    const outputs = async () => {
      const before = tf.memory().numBytes;
      const model = createModel(hf.config, hf.weights);
      const bytes = tf.memory().numBytes - before;
      const r = await model.run({ sourceIds: ids, logitsAt: [ids.length - 1] });
      model.dispose();
      return { bytes, stacks: r.stacks.map((s) => s.weights), logits: r.positionLogits };
    };
    const compact = await outputs();
    setWasmKernelsEnabled(false); // every weight widened in JS, as float32
    const widened = await outputs();
    // The embeddings, and the output head when it is its own matrix (tiny-llama's is).
    const tables = hf.config.lmHead === 'separate' ? 2 : 1;
    expect(tables).toBe(2);
    expect(widened.bytes - compact.bytes).toBe(tables * 2 * vocabSize * dModel);
    expect(compact.logits).toEqual(widened.logits);
    compact.stacks.forEach((w, i) => expect(w).toEqual(widened.stacks[i]));
  });
});
