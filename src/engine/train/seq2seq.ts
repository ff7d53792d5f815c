/**
 * The encoder–decoder forward for training: the same computation as the engine's Transformer
 * (transformer.ts, attention.ts), on a padded batch of sentences at once and differentiable.
 * It shares the engine's LayerNorm, activations and positional tables; a unit test checks that it
 * gives the engine's own logits for the same weights. Pre- and post-norm, sinusoidal or learned
 * positions (what the built-in model needs); RoPE/ALiBi are for the engine's playground only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { activate, layerNorm } from '../ops';
import { sinusoidalTable } from '../positional';
import type { TransformerConfig } from '../types';
import { gradMatMul } from './grad-matmul';

/** A padded batch: ids row-major [B][T], with each sentence's true length. */
export interface Seq2SeqBatch {
  size: number;
  sourceLength: number; // S, padded
  targetLength: number; // T, padded
  source: Int32Array; // [B][S]
  sourceLengths: number[];
  targetIn: Int32Array; // [B][T]: BOS y1 … y(n-1)
  targetOut: Int32Array; // [B][T]: y1 … y(n-1) EOS
  targetLengths: number[];
}

export type ParamMap = Map<string, tf.Variable>;

const NEG = -1e9;

function lin(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return tf.add<tf.Tensor2D>(gradMatMul(x, w), b); // [N, in] x [in, out] -> [N, out]
}

/** [B·T, d] -> [B·H, T, dh] */
function toHeads(x: tf.Tensor2D, b: number, t: number, h: number): tf.Tensor3D {
  const dh = x.shape[1] / h;
  return tf.reshape(tf.transpose(tf.reshape(x, [b, t, h, dh]), [0, 2, 1, 3]), [b * h, t, dh]);
}

/** [B·H, T, dh] -> [B·T, d] */
function fromHeads(x: tf.Tensor3D, b: number, t: number, h: number): tf.Tensor2D {
  const dh = x.shape[2];
  return tf.reshape(tf.transpose(tf.reshape(x, [b, h, t, dh]), [0, 2, 1, 3]), [b * t, h * dh]);
}

export class Seq2SeqTrainer {
  constructor(
    readonly config: TransformerConfig,
    readonly params: ParamMap,
  ) {
    if (config.architecture !== 'encoder-decoder')
      throw new Error('Seq2SeqTrainer needs an encoder-decoder config');
    if (
      config.positional !== 'sinusoidal' &&
      config.positional !== 'learned' &&
      config.positional !== 'none'
    )
      throw new Error(
        `training supports none/sinusoidal/learned positions, not ${config.positional}`,
      );
  }

  private p(name: string): tf.Variable {
    const v = this.params.get(name);
    if (!v) throw new Error(`no parameter ${name}`);
    return v;
  }

  private ln(prefix: string, x: tf.Tensor2D): tf.Tensor2D {
    return layerNorm(
      x,
      this.p(`${prefix}.gamma`) as tf.Tensor1D,
      this.p(`${prefix}.beta`) as tf.Tensor1D,
      this.config.layerNormEps,
    );
  }

  /** Embeddings by one-hot matmul (wasm has no gradient kernel for gather), plus positions. */
  private embed(side: 'embed' | 'target', ids: Int32Array, b: number, t: number): tf.Tensor2D {
    const table = this.p(`${side}.tokens`);
    const d = this.config.dModel;
    let x = gradMatMul(tf.oneHot(tf.tensor1d(ids, 'int32'), table.shape[0]), table) as tf.Tensor2D; // [B·T, V] x [V, d]
    if (this.config.scaleEmbeddings) x = tf.mul(x, Math.sqrt(d));
    let pos: tf.Tensor2D | null = null;
    if (this.config.positional === 'sinusoidal')
      pos = tf.tensor2d(sinusoidalTable(t, d, this.config.positionalBase), [t, d]);
    if (this.config.positional === 'learned')
      pos = tf.slice(this.p(`${side}.positions`), [0, 0], [t, d]) as tf.Tensor2D;
    if (pos) x = tf.reshape(tf.add(tf.reshape(x, [b, t, d]), pos), [b * t, d]);
    return x;
  }

  /** Multi-head attention over a batch; maskAdd broadcasts to [B, H, Tq, Tk]. */
  private attention(
    prefix: string,
    xq: tf.Tensor2D,
    xkv: tf.Tensor2D,
    b: number,
    tq: number,
    tk: number,
    maskAdd: tf.Tensor,
  ): tf.Tensor2D {
    const h = this.config.numHeads;
    const dh = this.config.dModel / h;
    const p = (n: string): tf.Variable => this.p(`${prefix}.${n}`);
    const q = tf.mul(toHeads(lin(xq, p('wq'), p('bq')), b, tq, h), 1 / Math.sqrt(dh)); // [B·H, Tq, dh]
    const kT = tf.transpose(toHeads(lin(xkv, p('wk'), p('bk')), b, tk, h), [0, 2, 1]); // [B·H, dh, Tk]
    const v = toHeads(lin(xkv, p('wv'), p('bv')), b, tk, h); // [B·H, Tk, dh]
    const scores = tf.reshape(gradMatMul(q, kT), [b, h, tq, tk]); // [B, H, Tq, Tk]
    const w = tf.reshape(tf.softmax(tf.add(scores, maskAdd)), [b * h, tq, tk]);
    const o = gradMatMul(w, v) as tf.Tensor3D; // [B·H, Tq, Tk] x [B·H, Tk, dh] -> [B·H, Tq, dh]
    return lin(fromHeads(o, b, tq, h), p('wo'), p('bo'));
  }

  private ffn(prefix: string, x: tf.Tensor2D): tf.Tensor2D {
    const hidden = activate(
      lin(x, this.p(`${prefix}.w1`), this.p(`${prefix}.b1`)),
      this.config.activation,
    );
    return lin(hidden, this.p(`${prefix}.w2`), this.p(`${prefix}.b2`));
  }

  /** Logits [B·T, targetVocab] for a batch (call inside tf.tidy / optimizer.minimize). */
  logits(batch: Seq2SeqBatch): tf.Tensor2D {
    const { size: b, sourceLength: s, targetLength: t } = batch;
    const pre = this.config.norm === 'pre';
    // Key padding [B, 1, 1, S]; causal + target padding [B, 1, T, T].
    const srcPad = new Float32Array(b * s);
    for (let i = 0; i < b; i++)
      for (let k = batch.sourceLengths[i]!; k < s; k++) srcPad[i * s + k] = NEG;
    const srcMask = tf.tensor4d(srcPad, [b, 1, 1, s]);
    const tgtMaskData = new Float32Array(b * t * t);
    for (let i = 0; i < b; i++)
      for (let q = 0; q < t; q++)
        for (let k = 0; k < t; k++)
          if (k > q || k >= batch.targetLengths[i]!) tgtMaskData[(i * t + q) * t + k] = NEG;
    const tgtMask = tf.tensor4d(tgtMaskData, [b, 1, t, t]);

    let x = this.embed('embed', batch.source, b, s);
    for (let i = 0; i < this.config.numLayers; i++) {
      const pfx = `encoder.${i}`;
      const a = this.attention(
        `${pfx}.self`,
        pre ? this.ln(`${pfx}.ln1`, x) : x,
        pre ? this.ln(`${pfx}.ln1`, x) : x,
        b,
        s,
        s,
        srcMask,
      );
      x = pre ? tf.add(x, a) : this.ln(`${pfx}.ln1`, tf.add(x, a));
      const f = this.ffn(`${pfx}.ffn`, pre ? this.ln(`${pfx}.ln2`, x) : x);
      x = pre ? tf.add(x, f) : this.ln(`${pfx}.ln2`, tf.add(x, f));
    }
    const memory = pre ? this.ln('encoder.lnf', x) : x;

    let y = this.embed('target', batch.targetIn, b, t);
    for (let i = 0; i < (this.config.numDecoderLayers ?? this.config.numLayers); i++) {
      const pfx = `decoder.${i}`;
      const selfIn = pre ? this.ln(`${pfx}.ln1`, y) : y;
      const a = this.attention(`${pfx}.self`, selfIn, selfIn, b, t, t, tgtMask);
      y = pre ? tf.add(y, a) : this.ln(`${pfx}.ln1`, tf.add(y, a));
      const c = this.attention(
        `${pfx}.cross`,
        pre ? this.ln(`${pfx}.ln2`, y) : y,
        memory,
        b,
        t,
        s,
        srcMask,
      );
      y = pre ? tf.add(y, c) : this.ln(`${pfx}.ln2`, tf.add(y, c));
      const f = this.ffn(`${pfx}.ffn`, pre ? this.ln(`${pfx}.ln3`, y) : y);
      y = pre ? tf.add(y, f) : this.ln(`${pfx}.ln3`, tf.add(y, f));
    }
    if (pre) y = this.ln('decoder.lnf', y);
    return lin(y, this.p('output.w'), this.p('output.b'));
  }

  /** Mean cross-entropy over real (non-padding) target positions, with label smoothing. */
  loss(batch: Seq2SeqBatch, labelSmoothing = 0): tf.Scalar {
    const logits = this.logits(batch);
    const vocab = logits.shape[1];
    const weights = new Float32Array(batch.size * batch.targetLength);
    for (let i = 0; i < batch.size; i++)
      for (let k = 0; k < batch.targetLengths[i]!; k++) weights[i * batch.targetLength + k] = 1;
    const labels = tf.oneHot(tf.tensor1d(batch.targetOut, 'int32'), vocab);
    return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(
      labels,
      logits,
      tf.tensor1d(weights),
      labelSmoothing,
      tf.Reduction.SUM_BY_NONZERO_WEIGHTS,
    );
  }
}
