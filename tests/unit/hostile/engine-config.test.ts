/**
 * Absurd model configs, as a hostile or broken config.json would give them: each is refused with
 * a sentence naming the field, before any per-layer loop or tensor is made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  createModel,
  initBackend,
  validateConfig,
  type TransformerConfig,
} from '../../../src/engine/index.ts';

const GOOD: TransformerConfig = {
  architecture: 'encoder-decoder',
  vocabSize: 972,
  targetVocabSize: 671,
  dModel: 128,
  numHeads: 4,
  numLayers: 2,
  numDecoderLayers: 2,
  dFF: 512,
  maxPositions: 128,
  positional: 'sinusoidal',
  positionalBase: 10000,
  norm: 'pre',
  activation: 'relu',
  layerNormEps: 1e-5,
  scale: { kind: 'default' },
  scaleEmbeddings: false,
};

/** The message validateConfig gives for `GOOD` with `change` applied (fields set to undefined are removed). */
function errorOf(change: Record<string, unknown>): string {
  const config: Record<string, unknown> = { ...GOOD, ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete config[key];
  try {
    validateConfig(config as unknown as TransformerConfig);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(change)} to be refused`);
}

describe('absurd config fields are named', () => {
  it('accepts the shipped translator’s config', () => {
    expect(() => validateConfig(GOOD)).not.toThrow();
  });

  it.each([
    [{ numHeads: 0 }, 'numHeads must be a positive integer (got 0)'],
    [{ numHeads: 5 }, 'numHeads (5) must divide dModel (128)'],
    [{ numLayers: 1e9 }, 'numLayers (1000000000) is over the limit of 200'],
    [{ numDecoderLayers: 1e9 }, 'numDecoderLayers (1000000000) is over the limit of 200'],
    [{ dModel: -128 }, 'dModel must be a positive integer (got -128)'],
    [{ dFF: 2.5 }, 'dFF must be a whole number (got 2.5)'],
    [{ vocabSize: '972' }, 'vocabSize must be a whole number (got "972")'],
    [{ vocabSize: 1e12 }, 'vocabSize (1000000000000) is over the limit of 1000000'],
    [{ maxPositions: Number.NaN }, 'maxPositions must be a whole number (got NaN)'],
    [{ maxPositions: Infinity }, 'maxPositions must be a whole number (got Infinity)'],
    [{ targetVocabSize: null }, null],
    [{ dModel: undefined }, 'dModel is missing'],
    [{ numLayers: undefined }, 'numLayers is missing'],
    [{ positionOffset: -1 }, 'positionOffset must be zero or more (got -1)'],
    [{ typeVocabSize: 1e6 }, 'typeVocabSize (1000000) is over the limit of 1024'],
    [
      { architecture: 'mixture' },
      'architecture must be one of encoder, decoder, encoder-decoder (got "mixture")',
    ],
    [
      { positional: undefined },
      'positional must be one of none, sinusoidal, learned, rope, alibi (got nothing)',
    ],
    [{ norm: 7 }, 'norm must be one of pre, post (got 7)'],
    [
      { activation: 'swish' },
      'activation must be one of relu, gelu, gelu_tanh, silu (got "swish")',
    ],
    [{ layerNormEps: 0 }, 'layerNormEps must be a number above 0 and below 1 (got 0)'],
    [{ positionalBase: -10000 }, 'positionalBase must be a number above 0 (got -10000)'],
    [{ scale: 'default' }, 'scale must be an object with a kind (got "default")'],
    [
      { scale: { kind: 'custom', factor: Number.NaN } },
      'scale.factor must be a finite number (got NaN)',
    ],
    [{ scaleEmbeddings: 'no' }, 'scaleEmbeddings must be true or false (got "no")'],
    [
      { numHeads: 6, dModel: 126, positional: 'rope' },
      'RoPE needs an even head size; dModel/numHeads is 21',
    ],
  ])('%j', (change, message) => {
    if (message === null) {
      // null means "not given" for an optional field
      const config = { ...GOOD, ...change } as unknown as TransformerConfig;
      expect(() => validateConfig(config)).not.toThrow();
      return;
    }
    expect(errorOf(change)).toBe(`Invalid model config: ${message}`);
  });

  it('lists every problem at once', () => {
    expect(errorOf({ numHeads: 0, numLayers: -2, activation: undefined })).toBe(
      'Invalid model config: numHeads must be a positive integer (got 0); numLayers must be a positive integer (got -2); activation must be one of relu, gelu, gelu_tanh, silu (got nothing)',
    );
  });

  it('a config that is not an object', () => {
    for (const value of [null, 'config', 3, [1, 2]])
      expect(() => validateConfig(value as unknown as TransformerConfig)).toThrow(
        /^Invalid model config: the config must be an object \(got /,
      );
  });
});

describe('refused before anything is built', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });
  afterAll(() => tf.disposeVariables());

  it('createModel with 10^9 layers throws the config error and makes no tensor', () => {
    const before = tf.memory().numTensors;
    // No weights at all: had the config been accepted, the weights check would complain instead.
    expect(() => createModel({ ...GOOD, numLayers: 1e9 }, new Map())).toThrow(
      'Invalid model config: numLayers (1000000000) is over the limit of 200',
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
