/**
 * A model built while its checkpoint downloads: the loader hands over each weight as soon as its
 * bytes are in, and it is uploaded at once (BF16 widened and nn.Linear weights turned in the wasm
 * heap); an attention block is laid out per head once all its parts are in. When the last byte
 * lands only the last tensors remain. `finish` gives the model `createModel(config, weights)`
 * would give, bit for bit: it takes a tensor made ahead only when the final weight map holds the
 * very array it was made from, and uploads the rest.
 *
 * Tensors belong to the backend they were made on: after a backend switch (or `dispose`) the
 * build stops and `finish` uploads everything itself.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attentionFromArrays } from './attention';
import { ATTENTION_PARTS, PrebuiltWeights, uploadModelWeight } from './prebuilt';
import { expectedWeightShapes, kvHeadsOf } from './schema';
import { createModel } from './transformer';
import type { AttentionModel, TransformerConfig } from './types';
import type { NamedArray, WeightMap } from './weights';

export interface ModelBuildOptions {
  /**
   * Engine weight names the checkpoint will give. An attention block is made once every one of
   * its parts named here is in; a bias not named is a zero bias (as the loader fills it).
   */
  expects: ReadonlySet<string>;
}

export interface ModelBuild {
  /** One weight, as the checkpoint's bytes for it are all in (again: replaces the first). */
  add(name: string, weight: NamedArray): void;
  /** The model, from the final config and weight map. */
  finish(config: TransformerConfig, weights: WeightMap): AttentionModel;
  /** Frees what was made (a failed or cancelled load); later calls do nothing. */
  dispose(): void;
}

const ATTENTION = /^(.+\.(?:self|cross))\.(wq|wk|wv|wo|bq|bk|bv|bo|qnorm|knorm)$/;

export function startModelBuild(config: TransformerConfig, options: ModelBuildOptions): ModelBuild {
  const backend = tf.backend();
  const prebuilt = new PrebuiltWeights();
  const shapes = expectedWeightShapes(config);
  const blocks = new Map<string, Map<string, NamedArray | undefined>>();
  let live = true;

  const stop = (): void => {
    live = false;
    prebuilt.dispose();
  };
  const usable = (): boolean => {
    if (live && tf.backend() !== backend) stop();
    return live;
  };

  /** Makes the block once each part the checkpoint gives is in (qnorm/knorm only if it has them). */
  const tryBlock = (prefix: string, parts: Map<string, NamedArray | undefined>): void => {
    for (const part of ATTENTION_PARTS) {
      const name = `${prefix}.${part}`;
      const needed = part.startsWith('w') || options.expects.has(name);
      if (needed && !parts.has(part)) return;
    }
    const used = new Map<string, NamedArray | undefined>();
    for (const part of ATTENTION_PARTS) {
      let w = parts.get(part);
      const shape = shapes.get(`${prefix}.${part}`);
      if (!w && part.startsWith('b') && shape) w = prebuilt.zeroBias(shape[0] ?? 0);
      used.set(part, w);
    }
    const params = attentionFromArrays(
      (part) => used.get(part),
      config.numHeads,
      kvHeadsOf(config),
    );
    prebuilt.setBlock(prefix, used, params);
  };

  return {
    add(name, weight) {
      if (!usable()) return;
      const attention = ATTENTION.exec(name);
      if (!attention) {
        prebuilt.setTensor(name, weight, uploadModelWeight(config, name, weight));
        return;
      }
      const [, prefix, part] = attention as unknown as [string, string, string];
      let parts = blocks.get(prefix);
      if (!parts) blocks.set(prefix, (parts = new Map<string, NamedArray | undefined>()));
      parts.set(part, weight);
      tryBlock(prefix, parts);
    },
    finish(finalConfig, weights) {
      if (!usable()) return createModel(finalConfig, weights);
      live = false;
      try {
        return createModel(finalConfig, weights, prebuilt);
      } catch (error) {
        prebuilt.dispose();
        throw error;
      }
    },
    dispose() {
      if (live) stop();
    },
  };
}
