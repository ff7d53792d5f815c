/**
 * Multi-head attention written for the wasm fast path: one 2-D matmul per projection, then per
 * head 2-D matmuls against an explicitly transposed Kᵀ (no batched or transposed matmuls).
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyRope, linear } from './ops';

/**
 * One attention block's weights, rearranged per head at load time so the forward needs no
 * slicing: each projection is [d+1, dh] with the bias as its last row (inputs get a column of
 * ones). All three are projected the same way, [T, d+1] x [d+1, dh]; K is then transposed per
 * head ([Tk, dh] is small), with or without RoPE. (Kᵀ computed directly as [dh, d+1] x [d+1, Tk]
 * was no faster and needed a transpose of the whole input besides.)
 */
export interface AttentionParams {
  /** H × [d+1, dh] */
  q: tf.Tensor2D[];
  /** H × [d+1, dh] */
  k: tf.Tensor2D[];
  /** H × [d+1, dh] */
  v: tf.Tensor2D[];
  wo: tf.Tensor2D; // [d, d]
  bo: tf.Tensor1D; // [d]
}

/** Checkpoint-layout weights ([in][out] matrices, biases) of one attention block. */
export interface AttentionWeights {
  wq: tf.Tensor2D;
  bq: tf.Tensor1D;
  wk: tf.Tensor2D;
  bk: tf.Tensor1D;
  wv: tf.Tensor2D;
  bv: tf.Tensor1D;
  wo: tf.Tensor2D;
  bo: tf.Tensor1D;
}

/** [d, d] weight + [d] bias -> H × [d+1, dh]: head h's columns with its bias as the last row. */
function perHead(w: tf.Tensor2D, b: tf.Tensor1D, heads: number): tf.Tensor2D[] {
  const withBias = tf.concat([w, tf.reshape(b, [1, -1])], 0); // [d+1, d]
  return tf.split<tf.Tensor2D>(withBias, heads, 1);
}

/** Builds the per-head form (call inside tf.tidy and keep the result). */
export function prepareAttention(w: AttentionWeights, heads: number): AttentionParams {
  return {
    q: perHead(w.wq, w.bq, heads),
    k: perHead(w.wk, w.bk, heads),
    v: perHead(w.wv, w.bv, heads),
    wo: tf.clone(w.wo),
    bo: tf.clone(w.bo),
  };
}

/** Every tensor of prepared params, for dispose(). */
export function attentionTensors(p: AttentionParams): tf.Tensor[] {
  return [...p.q, ...p.k, ...p.v, p.wo, p.bo];
}

/** [T, d] -> [T, d+1] with a column of ones, so x·[W; b] = x·W + b. */
function withOnes(x: tf.Tensor2D): tf.Tensor2D {
  return tf.concat([x, tf.ones([x.shape[0], 1])], 1);
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
  /** H × [Tq, Tk]: left unstacked, so the forward copies each head straight to its place. */
  weights: tf.Tensor2D[];
  trace?: HeadTrace;
}

/** Attention of queries from `xq` [Tq, d] over keys/values from `xkv` [Tk, d]. */
export function multiHeadAttention(
  xq: tf.Tensor2D,
  xkv: tf.Tensor2D,
  p: AttentionParams,
  setup: AttentionSetup,
): AttentionOutput {
  const heads = setup.numHeads;
  const xqA = withOnes(xq); // [Tq, d+1]
  const xkvA = xkv === xq ? xqA : withOnes(xkv); // [Tk, d+1]

  const headOutputs: tf.Tensor2D[] = [];
  const headWeights: tf.Tensor2D[] = [];
  let trace: HeadTrace | undefined;
  for (let h = 0; h < heads; h++) {
    let qh = tf.matMul<tf.Tensor2D>(xqA, p.q[h]!); // [Tq, d+1] x [d+1, dh] -> [Tq, dh]
    const vh = tf.matMul<tf.Tensor2D>(xkvA, p.v[h]!); // [Tk, d+1] x [d+1, dh] -> [Tk, dh]
    let kh = tf.matMul<tf.Tensor2D>(xkvA, p.k[h]!); // [Tk, d+1] x [d+1, dh] -> [Tk, dh]
    if (setup.rope) {
      qh = applyRope(qh, setup.rope.cosQ, setup.rope.sinQ);
      kh = applyRope(kh, setup.rope.cosK, setup.rope.sinK);
    }
    const khT = tf.transpose(kh); // [dh, Tk]
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
        k: kh,
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
    weights: headWeights,
    trace,
  };
}
