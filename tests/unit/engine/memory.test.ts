/**
 * No tensor leaks: the live tensor count is the same after 100 forwards as before them, and back
 * to the start once the model is disposed. Runs that fail (bad ids, aborted) leak nothing either.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createModel,
  createPlaygroundWeights,
  initBackend,
  type ArchitectureKind,
  type MaskSpec,
  type PositionalKind,
  type RunInput,
} from '../../../src/engine';
import { makeConfig } from './helpers';

const RUNS = 100;

const MASKS: MaskSpec[] = [
  { kind: 'none' },
  { kind: 'causal' },
  { kind: 'padding', validLength: 3 },
  { kind: 'window', radius: 1 },
  { kind: 'bigbird', radius: 1, globalTokens: [0], randomPerRow: 1, seed: 7 },
];

const CASES: { architecture: ArchitectureKind; positional: PositionalKind }[] = [
  { architecture: 'encoder', positional: 'sinusoidal' },
  { architecture: 'decoder', positional: 'rope' },
  { architecture: 'encoder-decoder', positional: 'alibi' },
  { architecture: 'encoder-decoder', positional: 'learned' },
];

describe('engine memory', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });

  for (const { architecture, positional } of CASES) {
    it(`${architecture}/${positional}: numTensors unchanged after ${RUNS} runs`, async () => {
      const start = tf.memory().numTensors;
      const config = makeConfig({ architecture, heads: 2, headSize: 4, layers: 2, positional });
      const model = createModel(config, createPlaygroundWeights(config, 11));
      const loaded = tf.memory().numTensors;
      for (let i = 0; i < RUNS; i++) {
        const input: RunInput = {
          sourceIds: [1, 2, 3, 4, 5, 6].slice(0, 2 + (i % 5)),
          mask: MASKS[i % MASKS.length],
          skipWeights: i % 7 === 3,
        };
        if (architecture === 'encoder-decoder') input.targetIds = [0, 3, 4].slice(0, 1 + (i % 3));
        if (i % 3 === 0) {
          input.intermediates = {
            kind: architecture === 'decoder' ? 'decoder-self' : i % 2 ? 'encoder-self' : 'cross',
            layer: i % 2,
            head: i % 2,
          };
          if (architecture === 'encoder') input.intermediates.kind = 'encoder-self';
        }
        await model.run(input);
      }
      expect(tf.memory().numTensors, 'after runs').toBe(loaded);

      // Failed runs clean up too.
      await expect(model.run({ sourceIds: [999] })).rejects.toThrow();
      const controller = new AbortController();
      const aborted = model.run(
        { sourceIds: [1, 2, 3], targetIds: [0, 1] },
        { signal: controller.signal, onLayer: () => controller.abort() },
      );
      await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
      expect(tf.memory().numTensors, 'after failed runs').toBe(loaded);

      model.dispose();
      expect(tf.memory().numTensors, 'after dispose').toBe(start);
    });
  }
});
