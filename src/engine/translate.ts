/**
 * Greedy translation with an encoder–decoder model, one token at a time, then one last forward
 * with every attention weight read back (encoder self, decoder self, cross).
 */
import type { AttentionModel, ForwardResult, RunHooks } from './types';

export interface GreedyOptions {
  bos: number;
  eos: number;
  maxLength: number;
}

export interface GreedyResult {
  /** Generated target ids, without BOS and without the final EOS. */
  output: number[];
  /** True when decoding stopped at EOS (false: cut at maxLength). */
  finished: boolean;
  /** The forward over [BOS, …output] with all attention stacks. */
  forward: ForwardResult;
}

function argmaxRow(logits: Float32Array, row: number, vocab: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let v = 0; v < vocab; v++) {
    const x = logits[row * vocab + v]!;
    if (x > bestValue) {
      bestValue = x;
      best = v;
    }
  }
  return best;
}

export async function greedyTranslate(
  model: AttentionModel,
  sourceIds: number[],
  options: GreedyOptions,
  hooks: RunHooks = {},
): Promise<GreedyResult> {
  const vocab = model.config.targetVocabSize ?? model.config.vocabSize;
  const maxLength = Math.min(options.maxLength, model.config.maxPositions - 1);
  const output: number[] = [];
  let finished = false;
  while (output.length < maxLength) {
    const step = await model.run(
      { sourceIds, targetIds: [options.bos, ...output], skipWeights: true },
      { signal: hooks.signal },
    );
    const next = argmaxRow(step.logits!, output.length, vocab);
    if (next === options.eos) {
      finished = true;
      break;
    }
    output.push(next);
  }
  const forward = await model.run({ sourceIds, targetIds: [options.bos, ...output] }, hooks);
  return { output, finished, forward };
}
