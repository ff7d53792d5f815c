/**
 * Greedy translation through a decode session (encoder run once, last-row logits per step) gives
 * exactly what the step-by-step path gives: the same ids, and a final forward with the same
 * stacks, streamed layers, hidden states and logits. The encoder runs once per translation, and
 * no tensor outlives a translation, an aborted one, or the model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createModel,
  createPlaygroundWeights,
  greedyTranslate,
  initBackend,
  type AttentionModel,
  type GreedyOptions,
  type GreedyResult,
  type LayerAttention,
  type MaskSpec,
  type PositionalKind,
} from '../../../src/engine';
import { encoderPassCount } from '../../../src/engine/transformer';
import { makeConfig } from './helpers';

interface Case {
  name: string;
  positional: PositionalKind;
  norm: 'pre' | 'post';
  layers: number;
  decoderLayers: number;
  seed: number;
  sourceIds: number[];
  mask?: MaskSpec;
}

const CASES: Case[] = [
  {
    name: 'post-norm, learned',
    positional: 'learned',
    norm: 'post',
    layers: 2,
    decoderLayers: 2,
    seed: 3,
    sourceIds: [4, 9, 2, 7, 1],
  },
  {
    name: 'pre-norm, sinusoidal',
    positional: 'sinusoidal',
    norm: 'pre',
    layers: 1,
    decoderLayers: 3,
    seed: 17,
    sourceIds: [5, 5, 12, 3],
  },
  {
    name: 'rope, 3 encoder layers',
    positional: 'rope',
    norm: 'pre',
    layers: 3,
    decoderLayers: 1,
    seed: 29,
    sourceIds: [1, 2, 3, 4, 5, 6, 7],
  },
  {
    name: 'alibi, padded source',
    positional: 'alibi',
    norm: 'post',
    layers: 2,
    decoderLayers: 2,
    seed: 41,
    sourceIds: [8, 3, 11, 0, 0, 0],
    mask: { kind: 'padding', validLength: 3 },
  },
  {
    name: 'learned, padded source',
    positional: 'learned',
    norm: 'pre',
    layers: 2,
    decoderLayers: 2,
    seed: 53,
    sourceIds: [6, 14, 2, 9, 0],
    mask: { kind: 'padding', validLength: 4 },
  },
];

function modelFor(c: Case): AttentionModel {
  const config = makeConfig({
    architecture: 'encoder-decoder',
    heads: 2,
    headSize: 4,
    layers: c.layers,
    decoderLayers: c.decoderLayers,
    positional: c.positional,
    norm: c.norm,
    vocabSize: 17,
    targetVocabSize: 13,
    maxPositions: 10,
  });
  return createModel(config, createPlaygroundWeights(config, c.seed));
}

function optionsFor(c: Case, eos: number): GreedyOptions {
  return { bos: 0, eos, maxLength: 8, ...(c.mask ? { mask: c.mask } : {}) };
}

/** A translation and every layer it streamed (kind, layer and a copy of the weights). */
async function translate(
  model: AttentionModel,
  c: Case,
  options: GreedyOptions,
): Promise<{
  result: GreedyResult;
  streamed: { kind: string; layer: number; weights: number[] }[];
}> {
  const streamed: { kind: string; layer: number; weights: number[] }[] = [];
  const onLayer = (l: LayerAttention): void => {
    streamed.push({ kind: l.kind, layer: l.layer, weights: Array.from(l.weights) });
  };
  const result = await greedyTranslate(model, c.sourceIds, options, { onLayer });
  return { result, streamed };
}

describe('greedy translation with a decode session', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });

  for (const c of CASES) {
    it(`${c.name}: the same ids and final forward as the step-by-step path`, async () => {
      const model = modelFor(c);
      // First with an EOS no step writes (cut at maxLength), then with EOS = the third token
      // written, so that decoding also stops at EOS.
      const cut = await translate(model, c, { ...optionsFor(c, 99), steps: 'full' });
      expect(cut.result.output).toHaveLength(8);
      const eos = cut.result.output[2]!;
      for (const options of [optionsFor(c, 99), optionsFor(c, eos)]) {
        const full = await translate(model, c, { ...options, steps: 'full' });
        const cached = await translate(model, c, options);
        expect(cached.result.output).toEqual(full.result.output);
        expect(cached.result.finished).toBe(full.result.finished);
        expect(cached.result.forward.stacks).toEqual(full.result.forward.stacks);
        expect(cached.result.forward.hidden).toEqual(full.result.forward.hidden);
        expect(cached.result.forward.logits).toEqual(full.result.forward.logits);
        expect(cached.streamed).toEqual(full.streamed);
        expect(cached.result.forward.stacks.map((s) => s.kind)).toEqual([
          'encoder-self',
          'decoder-self',
          'cross',
        ]);
      }
      expect(optionsFor(c, eos).eos).toBe(eos);
      model.dispose();
    });
  }

  it('a padding mask changes the translation (the mask reaches every step)', async () => {
    const c = CASES[3]!;
    const model = modelFor(c);
    const masked = await greedyTranslate(model, c.sourceIds, optionsFor(c, 99));
    const unmasked = await greedyTranslate(model, c.sourceIds, { bos: 0, eos: 99, maxLength: 8 });
    const cross = (r: GreedyResult) => r.forward.stacks.find((s) => s.kind === 'cross')!;
    // Cross-attention gives the padded source keys (3, 4, 5) exactly zero weight.
    const w = cross(masked).weights;
    for (let i = 0; i < w.length; i++) if (i % 6 >= 3) expect(w[i]).toBe(0);
    expect(cross(unmasked).weights).not.toEqual(cross(masked).weights);
    model.dispose();
  });

  it('each decode step returns the last row of the full logits', async () => {
    const c = CASES[0]!;
    const model = modelFor(c);
    const session = model.openDecode!({ sourceIds: c.sourceIds });
    const vocab = 13;
    for (const prefix of [[0], [0, 5], [0, 5, 2, 11]]) {
      const full = await model.run({
        sourceIds: c.sourceIds,
        targetIds: prefix,
        skipWeights: true,
      });
      const last = full.logits!.subarray((prefix.length - 1) * vocab, prefix.length * vocab);
      const step = await session.nextLogits(prefix);
      expect(step).toHaveLength(vocab);
      expect(step).toEqual(last);
    }
    session.dispose();
    model.dispose();
  });

  it('runs the encoder once per translation (the full path once per step and once more)', async () => {
    const c = CASES[1]!;
    const model = modelFor(c);
    let before = encoderPassCount();
    const cached = await greedyTranslate(model, c.sourceIds, optionsFor(c, 99));
    expect(cached.output).toHaveLength(8);
    expect(encoderPassCount() - before).toBe(1);
    before = encoderPassCount();
    await greedyTranslate(model, c.sourceIds, { ...optionsFor(c, 99), steps: 'full' });
    expect(encoderPassCount() - before).toBe(9);
    model.dispose();
  });

  it('frees every tensor after translations, aborted translations and dispose', async () => {
    const start = tf.memory().numTensors;
    const c = CASES[3]!;
    const model = modelFor(c);
    const loaded = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await greedyTranslate(model, c.sourceIds, optionsFor(c, 99));
    expect(tf.memory().numTensors).toBe(loaded);

    // Aborted in the final forward, after the encoder output was cached.
    const controller = new AbortController();
    const aborted = greedyTranslate(model, c.sourceIds, optionsFor(c, 99), {
      signal: controller.signal,
      onLayer: (l) => {
        if (l.kind === 'cross') controller.abort();
      },
    });
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(loaded);

    // Aborted during decoding (both paths): the signal reads aborted from its 20th check on, so
    // some runs stop between blocks, after an embedding was made.
    for (const steps of ['cached', 'full'] as const)
      for (const abortAt of [20, 21, 22, 23]) {
        let checks = 0;
        const lateSignal = {
          get aborted() {
            return ++checks >= abortAt;
          },
        } as AbortSignal;
        await expect(
          greedyTranslate(
            model,
            c.sourceIds,
            { ...optionsFor(c, 99), steps },
            {
              signal: lateSignal,
            },
          ),
        ).rejects.toMatchObject({ name: 'AbortError' });
        expect(checks).toBeGreaterThanOrEqual(abortAt);
        expect(tf.memory().numTensors).toBe(loaded);
      }

    // A session left open with its encoder output is freed by model.dispose().
    const session = model.openDecode!({ sourceIds: c.sourceIds, mask: c.mask });
    await session.nextLogits([0]);
    expect(tf.memory().numTensors).toBeGreaterThan(loaded);
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
    await expect(session.nextLogits([0])).rejects.toThrow(/session has ended/);
  });
});
