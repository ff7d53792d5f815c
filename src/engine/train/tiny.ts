/**
 * A tiny Transformer encoder (causal for decoder-style tasks) trained from scratch on the Train
 * tab's tasks: per-position classification, pre-norm blocks, the engine's LayerNorm and positional
 * tables, matmuls through gradMatMul (fast wasm gradients) and embeddings by one-hot matmul (wasm
 * has no gradient for gather). Owns its variables and optimizer; `dispose()` frees them all.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gaussian, mulberry32 } from '../../lib/random';
import { layerNorm } from '../ops';
import { alibiSlopes, alibiBias, ropeTables, sinusoidalTable } from '../positional';
import type { PositionalKind } from '../types';
import { gradMatMul } from './grad-matmul';

export interface TinyModelConfig {
  layers: number;
  heads: number;
  dModel: number;
  positional: PositionalKind;
  /** Sequence length T (fixed per task). */
  length: number;
  inputVocab: number;
  outputVocab: number;
  causal: boolean;
  seed: number;
}

/** A batch: ids and targets row-major [B][T]; a target below 0 is not scored. */
export interface TinyBatch {
  size: number;
  input: Int32Array;
  target: Int32Array;
}

const NEG = -1e9;
const EPS = 1e-5;

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

/** RoPE (rotate_half layout) on [B·H, T, dh] with tables [T, dh]. */
function rope3d(x: tf.Tensor3D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor3D {
  const half = x.shape[2] / 2;
  const [x1, x2] = tf.split(x, [half, half], 2) as [tf.Tensor3D, tf.Tensor3D];
  const rotated = tf.concat([tf.neg(x2), x1], 2); // [B·H, T, dh]
  return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
}

export class TinyTransformer {
  readonly params = new Map<string, tf.Variable>();
  /** Constant tensors (positions, masks), made once and freed by dispose. */
  private readonly constants: tf.Tensor[] = [];
  private readonly sinusoid: tf.Tensor2D | null = null;
  private readonly rope: { cos: tf.Tensor2D; sin: tf.Tensor2D } | null = null;
  /** Additive [1 or H, T, T] bias: causal mask and/or ALiBi. */
  private readonly bias: tf.Tensor3D | null = null;

  constructor(readonly config: TinyModelConfig) {
    const { dModel: d, length: t, heads: h, layers } = config;
    const normal = gaussian(mulberry32(config.seed));
    const add = (name: string, shape: number[], std: number | 'ones' | 'zeros'): void => {
      const size = shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(size);
      if (std === 'ones') data.fill(1);
      else if (std !== 'zeros') for (let i = 0; i < size; i++) data[i] = normal() * std;
      const init = tf.tensor(data, shape);
      this.params.set(name, tf.variable(init, true));
      init.dispose();
    };
    const w = (fanIn: number): number => 1 / Math.sqrt(fanIn);
    add('embed', [config.inputVocab, d], 1);
    if (config.positional === 'learned') add('positions', [t, d], 1);
    for (let i = 0; i < layers; i++) {
      add(`l${i}.ln1.g`, [d], 'ones');
      add(`l${i}.ln1.b`, [d], 'zeros');
      for (const m of ['q', 'k', 'v', 'o']) {
        add(`l${i}.w${m}`, [d, d], w(d));
        add(`l${i}.b${m}`, [d], 'zeros');
      }
      add(`l${i}.ln2.g`, [d], 'ones');
      add(`l${i}.ln2.b`, [d], 'zeros');
      add(`l${i}.w1`, [d, 4 * d], w(d));
      add(`l${i}.b1`, [4 * d], 'zeros');
      add(`l${i}.w2`, [4 * d, d], w(4 * d));
      add(`l${i}.b2`, [d], 'zeros');
    }
    add('lnf.g', [d], 'ones');
    add('lnf.b', [d], 'zeros');
    add('out.w', [d, config.outputVocab], w(d));
    add('out.b', [config.outputVocab], 'zeros');

    const keep = <T extends tf.Tensor>(x: T): T => {
      this.constants.push(x);
      return x;
    };
    if (config.positional === 'sinusoidal')
      this.sinusoid = keep(tf.tensor2d(sinusoidalTable(t, d), [t, d]));
    if (config.positional === 'rope') {
      const tables = ropeTables(t, d / h);
      this.rope = {
        cos: keep(tf.tensor2d(tables.cos, [t, d / h])),
        sin: keep(tf.tensor2d(tables.sin, [t, d / h])),
      };
    }
    const alibi = config.positional === 'alibi';
    if (alibi || config.causal) {
      const rows = alibi ? h : 1;
      const slopes = alibiSlopes(h);
      const data = new Float32Array(rows * t * t);
      for (let r = 0; r < rows; r++) {
        const head = alibi ? alibiBias(slopes[r]!, t, t) : new Float32Array(t * t);
        for (let q = 0; q < t; q++)
          for (let k = 0; k < t; k++)
            data[(r * t + q) * t + k] = config.causal && k > q ? NEG : head[q * t + k]!;
      }
      this.bias = keep(tf.tensor3d(data, [rows, t, t]));
    }
  }

  private p(name: string): tf.Variable {
    const v = this.params.get(name);
    if (!v) throw new Error(`no parameter ${name}`);
    return v;
  }

  private ln(prefix: string, x: tf.Tensor2D): tf.Tensor2D {
    return layerNorm(
      x,
      this.p(`${prefix}.g`) as tf.Tensor1D,
      this.p(`${prefix}.b`) as tf.Tensor1D,
      EPS,
    );
  }

  /**
   * Logits [B·T, C] for ids [B][T]; with `weights` given, each layer's attention [B·H, T, T] is
   * pushed to it. Call inside tf.tidy or an optimizer's minimize.
   */
  logits(input: Int32Array, b: number, weights?: tf.Tensor3D[]): tf.Tensor2D {
    const { length: t, heads: h, dModel: d } = this.config;
    const dh = d / h;
    const ids = tf.oneHot(tf.tensor1d(input, 'int32'), this.config.inputVocab);
    let x = gradMatMul(ids, this.p('embed')) as tf.Tensor2D; // [B·T, V] x [V, d] -> [B·T, d]
    const pos =
      this.config.positional === 'learned'
        ? this.p('positions')
        : this.config.positional === 'sinusoidal'
          ? this.sinusoid
          : null;
    if (pos) x = tf.reshape(tf.add(tf.reshape(x, [b, t, d]), pos), [b * t, d]);
    for (let i = 0; i < this.config.layers; i++) {
      const p = (n: string): tf.Variable => this.p(`l${i}.${n}`);
      const xn = this.ln(`l${i}.ln1`, x);
      let q = toHeads(lin(xn, p('wq'), p('bq')), b, t, h); // [B·H, T, dh]
      let k = toHeads(lin(xn, p('wk'), p('bk')), b, t, h); // [B·H, T, dh]
      const v = toHeads(lin(xn, p('wv'), p('bv')), b, t, h); // [B·H, T, dh]
      if (this.rope) {
        q = rope3d(q, this.rope.cos, this.rope.sin);
        k = rope3d(k, this.rope.cos, this.rope.sin);
      }
      const kT = tf.transpose(k, [0, 2, 1]); // [B·H, dh, T]
      let scores = tf.mul<tf.Tensor3D>(gradMatMul(q, kT), 1 / Math.sqrt(dh)); // [B·H, T, T]
      if (this.bias)
        scores = tf.reshape(
          tf.add(tf.reshape(scores, [b, h, t, t]), this.bias), // + [1|H, T, T]
          [b * h, t, t],
        );
      const w = tf.softmax(scores); // [B·H, T, T]
      if (weights) weights.push(w);
      const o = gradMatMul(w, v) as tf.Tensor3D; // [B·H, T, T] x [B·H, T, dh] -> [B·H, T, dh]
      x = tf.add(x, lin(fromHeads(o, b, t, h), p('wo'), p('bo')));
      const hidden = tf.relu(lin(this.ln(`l${i}.ln2`, x), p('w1'), p('b1'))); // [B·T, 4d]
      x = tf.add(x, lin(hidden, p('w2'), p('b2')));
    }
    return lin(this.ln('lnf', x), this.p('out.w'), this.p('out.b')); // [B·T, C]
  }

  /** Mean cross-entropy over the scored positions. */
  loss(batch: TinyBatch): tf.Scalar {
    const logits = this.logits(batch.input, batch.size);
    const mask = new Float32Array(batch.target.length);
    const labels = new Int32Array(batch.target.length);
    batch.target.forEach((y, i) => {
      mask[i] = y >= 0 ? 1 : 0;
      labels[i] = Math.max(0, y);
    });
    return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(
      tf.oneHot(tf.tensor1d(labels, 'int32'), this.config.outputVocab),
      logits,
      tf.tensor1d(mask),
      0,
      tf.Reduction.SUM_BY_NONZERO_WEIGHTS,
    );
  }

  /** Predicted class per position, [B][T]. */
  predict(input: Int32Array, b: number): number[][] {
    const t = this.config.length;
    const best = tf.tidy(() => tf.argMax(this.logits(input, b), 1).dataSync());
    return Array.from({ length: b }, (_, i) => Array.from(best.subarray(i * t, (i + 1) * t)));
  }

  /** Attention of every head on one sequence: per layer, [H][T][T] row-major. */
  attention(input: number[]): Float32Array[] {
    const weights: tf.Tensor3D[] = [];
    return tf.tidy(() => {
      this.logits(Int32Array.from(input), 1, weights);
      return weights.map((w) => w.dataSync() as Float32Array);
    });
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
    for (const c of this.constants) c.dispose();
  }
}
