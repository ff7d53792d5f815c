/**
 * Weights uploaded before the model that uses them is made (while its checkpoint still downloads,
 * see modelBuild.ts), and the one upload path both that and `createModel` take, so a model built
 * either way holds the same tensors bit for bit.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attentionTensors, type AttentionParams } from './attention';
import { uploadCompactTable } from './compactTable';
import { uploadWeight } from './ops';
import type { TransformerConfig } from './types';
import type { NamedArray } from './weights';

/** Exact GELU runs as h·(1 + erf(h)) with h = u/√2: W1, b1 and W2 carry the 1/√2 (see ffn). */
export const foldsGelu = (config: TransformerConfig): boolean =>
  config.activation === 'gelu' && config.mlpKind !== 'gated';

const GELU_FOLDED = /\.ffn\.(w1|b1|w2)$/;

/**
 * Uploads one non-attention weight as the model keeps it: with the GELU fold where it applies,
 * and a bfloat16 token table as its packed words (compactTable.ts).
 */
export function uploadModelWeight(
  config: TransformerConfig,
  name: string,
  w: NamedArray,
): tf.Tensor {
  const compact = uploadCompactTable(name, w);
  if (compact) return compact;
  const tensor = uploadWeight(w);
  if (!foldsGelu(config) || !GELU_FOLDED.test(name)) return tensor;
  const scaled = tf.tidy(() => tf.mul(tensor, Math.SQRT1_2));
  tensor.dispose();
  return scaled;
}

/** The parts of one attention block (engine names after `{block}.{i}.{self|cross}.`). */
export const ATTENTION_PARTS = [
  'wq',
  'wk',
  'wv',
  'wo',
  'bq',
  'bk',
  'bv',
  'bo',
  'qnorm',
  'knorm',
] as const;

/**
 * Tensors made ahead, each with the plain array it was made from: the model takes one only when
 * its weight map holds that very array (so a file read over, or a checkpoint whose bias turned
 * out not to be zeros, is uploaded again from what the model really gets).
 */
export class PrebuiltWeights {
  private readonly tensors = new Map<string, { from: NamedArray; tensor: tf.Tensor }>();
  private readonly blocks = new Map<
    string,
    { parts: Map<string, NamedArray | undefined>; params: AttentionParams }
  >();
  /** Zero biases made up for a block whose checkpoint has none (the loader adds the same). */
  private readonly zeros = new WeakSet<NamedArray>();

  setTensor(name: string, from: NamedArray, tensor: tf.Tensor): void {
    this.tensors.get(name)?.tensor.dispose();
    this.tensors.set(name, { from, tensor });
  }

  /** A zero bias of `length` standing in for one the checkpoint does not carry. */
  zeroBias(length: number): NamedArray {
    const zero: NamedArray = { shape: [length], data: new Float32Array(length) };
    this.zeros.add(zero);
    return zero;
  }

  setBlock(
    prefix: string,
    parts: Map<string, NamedArray | undefined>,
    params: AttentionParams,
  ): void {
    this.dropBlock(prefix);
    this.blocks.set(prefix, { parts, params });
  }

  dropBlock(prefix: string): void {
    const block = this.blocks.get(prefix);
    if (block) for (const t of attentionTensors(block.params)) t.dispose();
    this.blocks.delete(prefix);
  }

  /** The tensor made from exactly `w` (handed over: the caller owns it), else null. */
  takeTensor(name: string, w: NamedArray): tf.Tensor | null {
    const made = this.tensors.get(name);
    if (!made || made.from !== w) return null;
    this.tensors.delete(name);
    return made.tensor;
  }

  /** The block made from exactly the parts `part` gives (handed over), else null. */
  takeBlock(
    prefix: string,
    part: (name: string) => NamedArray | undefined,
  ): AttentionParams | null {
    const block = this.blocks.get(prefix);
    if (!block) return null;
    for (const name of ATTENTION_PARTS) {
      const final = part(name);
      const used = block.parts.get(name);
      if (final === used) continue;
      const zerosBoth =
        used !== undefined &&
        this.zeros.has(used) &&
        final !== undefined &&
        final.data instanceof Float32Array &&
        final.data.length === used.data.length &&
        final.data.every((v) => Object.is(v, 0));
      if (!zerosBoth) return null;
    }
    this.blocks.delete(prefix);
    return block.params;
  }

  /** Frees whatever was not taken. */
  dispose(): void {
    for (const { tensor } of this.tensors.values()) tensor.dispose();
    this.tensors.clear();
    for (const prefix of [...this.blocks.keys()]) this.dropBlock(prefix);
  }
}
