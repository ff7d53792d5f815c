/**
 * The training forward must be the app's forward: a padded batch through Seq2SeqTrainer gives,
 * for every real target position, the logits the engine computes for that sentence alone.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createModel,
  createPlaygroundWeights,
  initBackend,
  type TransformerConfig,
} from '../../../src/engine/index.ts';
import { floatValues } from '../../../src/engine/weights';
import { Seq2SeqTrainer } from '../../../src/engine/train/seq2seq.ts';
import { gradMatMul } from '../../../src/engine/train/grad-matmul.ts';
import { makeBatch, type EncodedPair } from '../../../scripts/train/data.ts';

const base: TransformerConfig = {
  architecture: 'encoder-decoder',
  vocabSize: 40,
  targetVocabSize: 30,
  dModel: 16,
  numHeads: 4,
  numLayers: 2,
  numDecoderLayers: 2,
  dFF: 32,
  maxPositions: 32,
  positional: 'sinusoidal',
  positionalBase: 10000,
  norm: 'pre',
  activation: 'relu',
  layerNormEps: 1e-5,
  scale: { kind: 'default' },
  scaleEmbeddings: false,
};

const pairs: EncodedPair[] = [
  { source: [5, 6, 7, 8, 9, 10], target: [4, 5, 6] },
  { source: [11, 12], target: [7, 8, 9, 10, 11] },
  { source: [13, 14, 15, 16], target: [12] },
];

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

describe('Seq2SeqTrainer', () => {
  for (const variant of [
    { norm: 'pre', positional: 'sinusoidal', activation: 'relu' },
    { norm: 'post', positional: 'learned', activation: 'gelu' },
  ] as const) {
    it(`matches the engine per sentence (${variant.norm}-norm, ${variant.positional})`, async () => {
      const config = { ...base, ...variant };
      const weights = createPlaygroundWeights(config, 3);
      const params = new Map(
        [...weights].map(([n, w]) => [
          n,
          tf.variable(tf.tensor(floatValues(w.data), w.shape), true, `${n}-${variant.norm}`),
        ]),
      );
      const trainer = new Seq2SeqTrainer(config, params);
      const batch = makeBatch(pairs);
      const batchLogits = tf.tidy(() => trainer.logits(batch).arraySync());
      const model = createModel(config, weights);
      const vocab = config.targetVocabSize ?? config.vocabSize;
      let worst = 0;
      for (const [i, p] of pairs.entries()) {
        const result = await model.run({ sourceIds: p.source, targetIds: [2, ...p.target] });
        for (let t = 0; t <= p.target.length; t++) {
          const row = batchLogits[i * batch.targetLength + t]!;
          for (let v = 0; v < vocab; v++)
            worst = Math.max(worst, Math.abs(row[v]! - result.logits![t * vocab + v]!));
        }
      }
      model.dispose();
      tf.dispose([...params.values()]);
      expect(worst).toBeLessThan(1e-4);
    });
  }

  it('gradMatMul gives the same gradients as tf.matMul', () => {
    const a = tf.randomNormal([5, 7], 0, 1, 'float32', 1);
    const b = tf.randomNormal([7, 3], 0, 1, 'float32', 2);
    const ours = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(gradMatMul(x, y))))([
      a,
      b,
    ]);
    const theirs = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([
      a,
      b,
    ]);
    for (let i = 0; i < 2; i++) {
      const diff = tf.max(tf.abs(tf.sub(ours[i]!, theirs[i]!))).dataSync()[0]!;
      expect(diff).toBeLessThan(1e-4);
    }
    tf.dispose([a, b, ...ours, ...theirs]);
  });

  it('a few Adam steps lower the loss on a fixed batch', () => {
    const config = base;
    const weights = createPlaygroundWeights(config, 9);
    const params = new Map(
      [...weights].map(([n, w]) => [
        n,
        tf.variable(tf.tensor(floatValues(w.data), w.shape), true, `${n}-adam`),
      ]),
    );
    const trainer = new Seq2SeqTrainer(config, params);
    const batch = makeBatch(pairs);
    const optimizer = tf.train.adam(1e-2);
    const first = tf.tidy(() => trainer.loss(batch).dataSync()[0]!);
    for (let i = 0; i < 30; i++) optimizer.minimize(() => trainer.loss(batch), true)?.dispose();
    const last = tf.tidy(() => trainer.loss(batch).dataSync()[0]!);
    expect(last).toBeLessThan(first * 0.5);
    optimizer.dispose();
    tf.dispose([...params.values()]);
  });
});
