/**
 * Multi-head attention written for the wasm fast path: one 2-D matmul per projection, then per
 * head 2-D matmuls against an explicitly transposed Kᵀ (no batched or transposed matmuls).
 */
import * as tf from '@tensorflow/tfjs-core';
import { applyRope, linear, rmsNorm, uploadWeight } from './ops';
import { transpose2d } from './wasm-kernels/transpose';
import { uploadBf16 } from './wasm-kernels/bf16';
import { Bf16Values, floatValues, type NamedArray } from './weights';

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
  /** Hkv × [d+1, dh] (Hkv = H unless heads share keys and values, as in grouped-query attention) */
  k: tf.Tensor2D[];
  /** Hkv × [d+1, dh] */
  v: tf.Tensor2D[];
  wo: tf.Tensor2D; // [H·dh, d]
  bo: tf.Tensor1D; // [d]
  /** RMSNorm weights of each head's q and k over dh (Qwen3, Gemma 3), [dh] each. */
  qNorm?: tf.Tensor1D;
  kNorm?: tf.Tensor1D;
}

/**
 * One projection's head columns as its own [d+1, dh] matrix with the bias as the last row, cut
 * from the plain [d][n·dh] array and [n·dh] bias: a copy per row in JS, then one upload per head.
 * (Cutting uploaded tensors with tf.split took the wasm backend's synchronous slice path and was
 * the largest part of building a model.)
 */
function headMatrices(w: NamedArray, b: NamedArray, heads: number): tf.Tensor2D[] {
  const [d, width] = w.shape as [number, number];
  const dh = width / heads;
  const bias = floatValues(b.data);
  const values = w.data;
  if (w.transposed)
    // Held as [n·dh][d]: head h's rows are one block, turned on the backend, bias row below.
    return Array.from({ length: heads }, (_, h) =>
      tf.tidy(() => {
        const [from, to] = [h * dh * d, (h + 1) * dh * d];
        const turned =
          values instanceof Bf16Values
            ? (uploadBf16(
                new Bf16Values(values.words.subarray(from, to)),
                [d, dh],
                true,
              ) as tf.Tensor2D)
            : transpose2d(tf.tensor2d(values.subarray(from, to), [dh, d])); // [d, dh]
        return tf.concat([turned, tf.tensor2d(bias.subarray(h * dh, (h + 1) * dh), [1, dh])]);
      }),
    );
  const data = floatValues(values);
  return Array.from({ length: heads }, (_, h) => {
    const m = new Float32Array((d + 1) * dh);
    for (let r = 0; r < d; r++)
      m.set(data.subarray(r * width + h * dh, r * width + (h + 1) * dh), r * dh); // row r, head h
    m.set(bias.subarray(h * dh, (h + 1) * dh), d * dh); // the bias row
    return tf.tensor2d(m, [d + 1, dh]);
  });
}

/**
 * Builds the per-head form of one attention block from its checkpoint-layout weights (engine
 * names wq…bo, qnorm/knorm; see weights.ts): `part('wq')` [d][H·dh], `part('wk')` [d][Hkv·dh], …
 */
export function attentionFromArrays(
  part: (name: string) => NamedArray | undefined,
  heads: number,
  kvHeads = heads,
): AttentionParams {
  const need = (name: string): NamedArray => {
    const w = part(name);
    if (!w) throw new Error(`internal: no attention weight ${name}`);
    return w;
  };
  const wo = need('wo');
  const p: AttentionParams = {
    q: headMatrices(need('wq'), need('bq'), heads),
    k: headMatrices(need('wk'), need('bk'), kvHeads),
    v: headMatrices(need('wv'), need('bv'), kvHeads),
    wo: uploadWeight(wo) as tf.Tensor2D,
    bo: tf.tensor1d(floatValues(need('bo').data)),
  };
  const qNorm = part('qnorm');
  const kNorm = part('knorm');
  if (qNorm && kNorm) {
    p.qNorm = tf.tensor1d(floatValues(qNorm.data));
    p.kNorm = tf.tensor1d(floatValues(kNorm.data));
  }
  return p;
}

/** Every tensor of prepared params, for dispose(). */
export function attentionTensors(p: AttentionParams): tf.Tensor[] {
  return [
    ...p.q,
    ...p.k,
    ...p.v,
    p.wo,
    p.bo,
    ...(p.qNorm ? [p.qNorm] : []),
    ...(p.kNorm ? [p.kNorm] : []),
  ];
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
  /**
   * RoPE tables [Tq, r] and [Tk, r]: the first r dims of each head turn (r = dh unless the model
   * rotates only part of each head, as GPT-NeoX does).
   */
  rope?: { cosQ: tf.Tensor2D; sinQ: tf.Tensor2D; cosK: tf.Tensor2D; sinK: tf.Tensor2D };
  /** Scores ← cap · tanh(scores / cap) after scaling (Gemma 2's attn_logit_softcapping). */
  softcap?: number;
  /** eps of the per-head q/k RMSNorm (params.qNorm/kNorm). */
  qkNormEps?: number;
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
  /** When asked for: ‖v_j·W_O^h‖ per head and key, [H, Tk]. */
  valueNorms?: tf.Tensor2D;
  trace?: HeadTrace;
  /** With options.keep: what regenerates the weights (which are then not returned). */
  kept?: KeptAttention;
}

/** What one layer's attention does besides attending (interventions and extra outputs). */
export interface HeadOptions {
  /** Heads whose output is switched off in this layer. */
  off?: ReadonlySet<number>;
  /** 'zero' (default): the head's context vectors become zeros; 'mean': their mean over rows. */
  mode?: 'zero' | 'mean';
  /** Also return each head's value-vector norms ‖v_j·W_O^h‖ (AttentionOutput.valueNorms). */
  valueNorms?: boolean;
  /**
   * Attention on demand: return no weights but what regenerates them (AttentionOutput.kept), and
   * compute each head in its own tidy so only one head's [Tq, Tk] tensors are live at a time;
   * `onHead` sees each head's weights before they are freed.
   */
  keep?: { onHead?: (head: number, weights: tf.Tensor2D) => void };
  /**
   * The caller reads no weights (skipWeights): compute each head in its own tidy as with `keep`,
   * so a long input never holds every head's [Tq, Tk] at once; return neither weights nor kept.
   */
  dropWeights?: boolean;
}

/** What regenerates a layer's weights (AttentionOptions.keep). */
export interface KeptAttention {
  /** H × [Tq, dh]: after q-norm and RoPE, before the scale. */
  q: tf.Tensor2D[];
  /** Hkv × [dh, Tk]: after k-norm and RoPE. */
  kT: tf.Tensor2D[];
}

/**
 * One head's weights from its (post-RoPE) queries and transposed keys, as the forward computes them:
 * scale, soft-cap, ALiBi bias, mask, softmax, empty rows zeroed. `alibi`, `maskAdd` and `rowHasKey`
 * must cover the same rows as `qh`. Returns the scaled scores too (for the teaching trace).
 */
export function headWeights(
  qh: tf.Tensor2D,
  khT: tf.Tensor2D,
  scale: number,
  softcap: number | undefined,
  alibi: tf.Tensor2D | undefined,
  maskAdd: tf.Tensor2D | undefined,
  rowHasKey: tf.Tensor2D | undefined,
): { scaled: tf.Tensor2D; weights: tf.Tensor2D } {
  // Scaling q ([Tq, dh]) instead of the scores ([Tq, Tk]) is the same product, for less work.
  let scaled = tf.matMul<tf.Tensor2D>(tf.mul(qh, scale), khT); // [Tq, dh] x [dh, Tk] -> [Tq, Tk]
  if (softcap !== undefined) scaled = tf.mul(tf.tanh(tf.div(scaled, softcap)), softcap);
  if (alibi) scaled = tf.add(scaled, alibi);
  const masked = maskAdd ? tf.add<tf.Tensor2D>(scaled, maskAdd) : scaled;
  let w = tf.softmax(masked); // [Tq, Tk]
  // A row with no allowed key would be a uniform softmax over −1e9s: zero it (documented rule).
  if (rowHasKey) w = tf.mul(w, rowHasKey);
  return { scaled, weights: w };
}

/** Attention of queries from `xq` [Tq, d] over keys/values from `xkv` [Tk, d]. */
export function multiHeadAttention(
  xq: tf.Tensor2D,
  xkv: tf.Tensor2D,
  p: AttentionParams,
  setup: AttentionSetup,
  options: HeadOptions = {},
): AttentionOutput {
  const heads = setup.numHeads;
  const kvHeads = p.k.length;
  const group = heads / kvHeads; // query heads per kv head
  const xqA = withOnes(xq); // [Tq, d+1]
  const xkvA = xkv === xq ? xqA : withOnes(xkv); // [Tk, d+1]
  const eps = setup.qkNormEps ?? 1e-6;
  const rope = setup.rope;

  // Keys and values once per kv head: grouped query heads reuse them.
  const keysT: tf.Tensor2D[] = [];
  const keys: tf.Tensor2D[] = [];
  const values: tf.Tensor2D[] = [];
  for (let g = 0; g < kvHeads; g++) {
    let kh = tf.matMul<tf.Tensor2D>(xkvA, p.k[g]!); // [Tk, d+1] x [d+1, dh] -> [Tk, dh]
    if (p.kNorm) kh = rmsNorm(kh, p.kNorm, eps);
    if (rope) kh = applyRope(kh, rope.cosK, rope.sinK);
    keys.push(kh);
    keysT.push(tf.transpose(kh)); // [dh, Tk]
    values.push(tf.matMul<tf.Tensor2D>(xkvA, p.v[g]!)); // [Tk, d+1] x [d+1, dh] -> [Tk, dh]
  }

  const keep = options.keep;
  const keptQ: tf.Tensor2D[] = [];
  const headOutputs: tf.Tensor2D[] = [];
  const weightsOut: tf.Tensor2D[] = [];
  const norms: tf.Tensor1D[] = [];
  const dh = p.q[0]!.shape[1];
  let trace: HeadTrace | undefined;
  for (let h = 0; h < heads; h++) {
    const g = Math.floor(h / group);
    let qh = tf.matMul<tf.Tensor2D>(xqA, p.q[h]!); // [Tq, d+1] x [d+1, dh] -> [Tq, dh]
    if (p.qNorm) qh = rmsNorm(qh, p.qNorm, eps);
    if (rope) qh = applyRope(qh, rope.cosQ, rope.sinQ);
    const kh = keys[g]!;
    const khT = keysT[g]!;
    const vh = values[g]!;
    const weigh = (): { scaled: tf.Tensor2D; weights: tf.Tensor2D } =>
      headWeights(
        qh,
        khT,
        setup.scale,
        setup.softcap,
        setup.alibi?.[h],
        setup.maskAdd,
        setup.rowHasKey,
      );
    const perHead = keep !== undefined || options.dropWeights === true;
    if (perHead) {
      if (keep) keptQ.push(qh);
      if (setup.traceHead !== h) {
        // Its own scope: the head's [Tq, Tk] tensors are freed before the next head starts.
        const out = tf.tidy(() => {
          const { weights: w } = weigh();
          keep?.onHead?.(h, w);
          return tf.matMul<tf.Tensor2D>(w, vh); // [Tq, Tk] x [Tk, dh] -> [Tq, dh]
        });
        headOutputs.push(options.off?.has(h) ? switchedOff(out, options.mode ?? 'zero') : out);
        continue;
      }
    }
    const { scaled, weights: w } = weigh();
    if (keep) keep.onHead?.(h, w);
    const out = tf.matMul<tf.Tensor2D>(w, vh); // [Tq, Tk] x [Tk, dh] -> [Tq, dh]
    headOutputs.push(options.off?.has(h) ? switchedOff(out, options.mode ?? 'zero') : out);
    if (!perHead) weightsOut.push(w);
    if (options.valueNorms) {
      // f(x_j) = v_j·W_O^h, head h's rows of the output projection (its bias is no key's).
      const woHead = tf.slice(p.wo, [h * dh, 0], [dh, p.wo.shape[1]]); // [dh, d]
      const f = tf.matMul<tf.Tensor2D>(vh, woHead); // [Tk, dh] x [dh, d] -> [Tk, d]
      norms.push(tf.sqrt(tf.sum<tf.Tensor1D>(tf.square(f), 1))); // [Tk]
    }
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
  const concat = heads === 1 ? headOutputs[0]! : tf.concat(headOutputs, 1); // [Tq, H·dh]
  return {
    output: linear(concat, p.wo, p.bo), // [Tq, H·dh] x [H·dh, d] -> [Tq, d]
    weights: weightsOut,
    trace,
    ...(keep ? { kept: { q: keptQ, kT: keysT } } : {}),
    ...(options.valueNorms ? { valueNorms: tf.stack(norms) as tf.Tensor2D } : {}), // [H, Tk]
  };
}

/** A switched-off head's context vectors [Tq, dh]: zeros, or their mean over the rows. */
function switchedOff(out: tf.Tensor2D, mode: 'zero' | 'mean'): tf.Tensor2D {
  if (mode === 'zero') return tf.zerosLike(out);
  return tf.mul(tf.onesLike(out), tf.mean(out, 0, true)); // [Tq, dh] ⊙ [1, dh]
}
