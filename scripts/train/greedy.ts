/** Batched greedy decoding with the training forward: for evaluation during and after training. */
import * as tf from '@tensorflow/tfjs-core';
import type { Seq2SeqTrainer } from '../../src/engine/train/seq2seq.ts';
import { makeBatch, type EncodedPair } from './data.ts';

const EOS = 3;

/** Greedy translations (target ids without BOS/EOS) of each source, `maxLength` tokens at most. */
export function greedyDecode(
  trainer: Seq2SeqTrainer,
  sources: number[][],
  maxLength: number,
): number[][] {
  const outputs = sources.map(() => [] as number[]);
  const done = sources.map(() => false);
  for (let step = 0; step < maxLength && done.includes(false); step++) {
    // Every row decodes `step` tokens so far; finished rows just carry their output along.
    const items: EncodedPair[] = sources.map((source, i) => ({
      source,
      target: outputs[i]!.slice(0, step),
    }));
    const batch = makeBatch(items);
    const next = tf.tidy(() => {
      const logits = trainer.logits(batch); // [B·T, V]
      const rows = tf.reshape(logits, [batch.size, batch.targetLength, -1]);
      return tf.argMax(tf.squeeze(tf.slice(rows, [0, step, 0], [-1, 1, -1]), [1]), -1).dataSync();
    });
    next.forEach((id, i) => {
      if (done[i]) return;
      if (id === EOS || outputs[i]!.length >= maxLength) done[i] = true;
      else outputs[i]!.push(id);
    });
  }
  return outputs;
}
