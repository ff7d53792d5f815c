/**
 * Multi-head attention written for the wasm fast path: one 2-D matmul per projection, then per
 * head 2-D matmuls against an explicitly transposed Kᵀ (no batched or transposed matmuls).
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyRope, linear } from './ops';

/** The eight tensors of one attention block; matrices stored [in][out]. */
export interface AttentionParams {
  wq: tf.Tensor2D;
  bq: tf.Tensor1D;
  wk: tf.Tensor2D;
  bk: tf.Tensor1D;
  wv: tf.Tensor2D;
  bv: tf.Tensor1D;
  wo: tf.Tensor2D;
  bo: tf.Tensor1D;
}

/** Per-call inputs that do not depend on the layer: mask, positions, scale. */
export interface AttentionSetup {
  numHeads: number;
  scale: number;
  /** 1 where allowed, as float [Tq, Tk]. */
  allowed: tf.Tensor2D;
  /** 0 where allowed, −1e9 where masked, [Tq, Tk]; absent when every pair is allowed. */
  maskAdd?: tf.Tensor2D;
  /** 1 for rows with at least one allowed key, else 0, [Tq, 1]; absent when every row has one. */
  rowHasKey?: tf.Tensor2D;
  /** RoPE tables [Tq, dh] and [Tk, dh]. */
  rope?: { cosQ: tf.Tensor2D; sinQ: tf.Tensor2D; cosK: tf.Tensor2D; sinK: tf.Tensor2D };
  /** ALiBi bias per head, [H][Tq, Tk] (already negative). */
  alibi?: tf.Tensor2D[];
  /** Head whose intermediates should be returned. */
  traceHead?: number;
}

export interface HeadTrace {
  q: tf.Tensor2D;
  k: tf.Tensor2D;
  v: tf.Tensor2D;
  rawScores: tf.Tensor2D;
  scaledScores: tf.Tensor2D;
  maskedScores: tf.Tensor2D;
  weights: tf.Tensor2D;
  output: tf.Tensor2D;
}

export interface AttentionOutput {
  output: tf.Tensor2D; // [Tq, d]
  weights: tf.Tensor3D; // [H, Tq, Tk]
  trace?: HeadTrace;
}

/** Attention of queries from `xq` [Tq, d] over keys/values from `xkv` [Tk, d]. */
export function multiHeadAttention(
  xq: tf.Tensor2D,
  xkv: tf.Tensor2D,
  p: AttentionParams,
  setup: AttentionSetup,
): AttentionOutput {
  const d = xq.shape[1];
  const tk = xkv.shape[0];
  const heads = setup.numHeads;
  const dh = d / heads;
  const q = linear(xq, p.wq, p.bq); // [Tq, d] x [d, d] -> [Tq, d]
  const k = linear(xkv, p.wk, p.bk); // [Tk, d] x [d, d] -> [Tk, d]
  const v = linear(xkv, p.wv, p.bv); // [Tk, d] x [d, d] -> [Tk, d]
  // Split heads with one transpose each and contiguous slices (strided column slices cost more).
  const qHeads = splitHeads(q, heads); // H x [Tq, dh]
  const vHeads = splitHeads(v, heads); // H x [Tk, dh]
  const kT = setup.rope ? null : tf.transpose(k); // [d, Tk]: rows h·dh… are head h's Kᵀ
  const kHeads = setup.rope ? splitHeads(k, heads) : null;

  const headOutputs: tf.Tensor2D[] = [];
  const headWeights: tf.Tensor2D[] = [];
  let trace: HeadTrace | undefined;
  for (let h = 0; h < heads; h++) {
    let qh = qHeads[h]!;
    const vh = vHeads[h]!;
    let khT: tf.Tensor2D;
    if (setup.rope) {
      qh = applyRope(qh, setup.rope.cosQ, setup.rope.sinQ);
      khT = tf.transpose(applyRope(kHeads![h]!, setup.rope.cosK, setup.rope.sinK)); // [dh, Tk]
    } else {
      khT = tf.slice(kT!, [h * dh, 0], [dh, tk]); // [dh, Tk]
    }
    // Scaling q ([Tq, dh]) instead of the scores ([Tq, Tk]) is the same product, for less work.
    let scaled = tf.matMul<tf.Tensor2D>(tf.mul(qh, setup.scale), khT); // [Tq, dh] x [dh, Tk] -> [Tq, Tk]
    const bias = setup.alibi?.[h];
    if (bias) scaled = tf.add(scaled, bias);
    const masked = setup.maskAdd ? tf.add<tf.Tensor2D>(scaled, setup.maskAdd) : scaled;
    let w = tf.softmax(masked); // [Tq, Tk]
    // A row with no allowed key would be a uniform softmax over −1e9s: zero it (documented rule).
    if (setup.rowHasKey) w = tf.mul(w, setup.rowHasKey);
    const out = tf.matMul<tf.Tensor2D>(w, vh); // [Tq, Tk] x [Tk, dh] -> [Tq, dh]
    headOutputs.push(out);
    headWeights.push(w);
    if (setup.traceHead === h) {
      const raw = tf.matMul<tf.Tensor2D>(qh, khT); // unscaled Q·Kᵀ for the teaching view
      trace = {
        q: qh,
        k: tf.transpose(khT),
        v: vh,
        rawScores: raw,
        scaledScores: scaled,
        maskedScores: tf.where<tf.Tensor2D>(
          tf.cast(setup.allowed, 'bool'),
          scaled,
          tf.fill(scaled.shape, Number.NEGATIVE_INFINITY),
        ),
        weights: w,
        output: out,
      };
    }
  }
  const concat = heads === 1 ? headOutputs[0]! : tf.concat(headOutputs, 1); // [Tq, d]
  return {
    output: linear(concat, p.wo, p.bo), // [Tq, d] x [d, d] -> [Tq, d]
    weights: tf.stack(headWeights) as tf.Tensor3D, // [H, Tq, Tk]
    trace,
  };
}

/** [T, d] -> H tensors [T, dh], via one [H, T, dh] transpose. */
function splitHeads(x: tf.Tensor2D, heads: number): tf.Tensor2D[] {
  if (heads === 1) return [x];
  const [t, d] = x.shape;
  const headMajor = tf.transpose(tf.reshape(x, [t, heads, d / heads]), [1, 0, 2]); // [H, T, dh]
  return tf.unstack(headMajor) as tf.Tensor2D[];
}
