/**
 * Greedy translation with an encoder–decoder model, one token at a time, then one last forward
 * with every attention weight read back (encoder self, decoder self, cross). Through a decode
 * session the encoder runs once per translation and each step projects only its last row.
 */
import type { AttentionModel, DecodeInput, ForwardResult, RunHooks } from './types';

export interface GreedyOptions {
  bos: number;
  eos: number;
  maxLength: number;
  /** The source's mask (e.g. padding) and which attention it applies to, for every run. */
  mask?: DecodeInput['mask'];
  maskedAttention?: DecodeInput['maskedAttention'];
  /** Heads switched off while decoding and in the final forward. */
  ablation?: DecodeInput['ablation'];
  /** Value-vector norms in the final forward's stacks. */
  valueNorms?: boolean;
  /**
   * 'full' re-runs the whole model for every step, as before decode sessions: the reference the
   * tests and the benchmark compare against. Default 'cached' (when the model supports it).
   */
  steps?: 'cached' | 'full';
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
  const input: DecodeInput = { sourceIds };
  if (options.mask) input.mask = options.mask;
  if (options.maskedAttention) input.maskedAttention = options.maskedAttention;
  if (options.ablation) input.ablation = options.ablation;
  if (options.valueNorms) input.valueNorms = true;
  if (options.steps === 'full' || !model.openDecode) return fullSteps(model, input, options, hooks);
  const session = model.openDecode(input);
  try {
    const vocab = model.config.targetVocabSize ?? model.config.vocabSize;
    const { output, finished } = await decode(options, model.config.maxPositions, (prefix) =>
      session.nextLogits(prefix, hooks.signal).then((logits) => argmaxRow(logits, 0, vocab)),
    );
    const forward = await session.finish([options.bos, ...output], hooks);
    return { output, finished, forward };
  } finally {
    session.dispose();
  }
}

/** The greedy loop: `next` gives the token after [BOS, …output]. */
async function decode(
  options: GreedyOptions,
  maxPositions: number,
  next: (prefix: number[]) => Promise<number>,
): Promise<{ output: number[]; finished: boolean }> {
  const maxLength = Math.min(options.maxLength, maxPositions - 1);
  const output: number[] = [];
  while (output.length < maxLength) {
    const token = await next([options.bos, ...output]);
    if (token === options.eos) return { output, finished: true };
    output.push(token);
  }
  return { output, finished: false };
}

/** Every step a whole forward (encoder included), reading every row's logits. */
async function fullSteps(
  model: AttentionModel,
  input: DecodeInput,
  options: GreedyOptions,
  hooks: RunHooks,
): Promise<GreedyResult> {
  const vocab = model.config.targetVocabSize ?? model.config.vocabSize;
  const { output, finished } = await decode(options, model.config.maxPositions, async (prefix) => {
    const step = await model.run(
      { ...input, targetIds: prefix, skipWeights: true },
      { signal: hooks.signal },
    );
    return argmaxRow(step.logits!, prefix.length - 1, vocab);
  });
  const forward = await model.run({ ...input, targetIds: [options.bos, ...output] }, hooks);
  return { output, finished, forward };
}
