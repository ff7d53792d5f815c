/**
 * The playground: a Transformer with seeded random weights whose size the user sets, so every view
 * works before any trained model is loaded. Same options and seed, same weights, on every machine.
 */
import { gaussian, mulberry32 } from '../lib/random';
import { expectedWeightShapes } from './schema';
import type { ArchitectureKind, PositionalKind, TransformerConfig } from './types';
import type { WeightMap } from './weights';

export interface PlaygroundOptions {
  architecture: ArchitectureKind;
  layers: number;
  heads: number;
  dModel: number;
  positional: PositionalKind;
  norm: 'pre' | 'post';
  seed: number;
  maxPositions: number;
  /** Hash buckets of the word tokenizer. */
  vocabSize: number;
}

export const DEFAULT_PLAYGROUND: PlaygroundOptions = {
  architecture: 'encoder',
  layers: 4,
  heads: 4,
  dModel: 64,
  positional: 'sinusoidal',
  norm: 'post',
  seed: 42,
  maxPositions: 512,
  vocabSize: 4096,
};

export function playgroundConfig(options: PlaygroundOptions): TransformerConfig {
  return {
    architecture: options.architecture,
    vocabSize: options.vocabSize,
    dModel: options.dModel,
    numHeads: options.heads,
    numLayers: options.layers,
    numDecoderLayers: options.architecture === 'encoder-decoder' ? options.layers : undefined,
    dFF: options.dModel * 4,
    maxPositions: options.maxPositions,
    positional: options.positional,
    positionalBase: 10000,
    norm: options.norm,
    activation: 'gelu',
    layerNormEps: 1e-5,
    scale: { kind: 'default' },
    scaleEmbeddings: false,
  };
}

/**
 * Random weights for any config. Matrices ~ N(0, 1/in) keep activations at unit scale through
 * the layers, so softmax rows are neither uniform nor one-hot; LayerNorm starts at identity.
 */
export function createPlaygroundWeights(config: TransformerConfig, seed: number): WeightMap {
  const normal = gaussian(mulberry32(seed));
  const weights: WeightMap = new Map();
  for (const [name, shape] of expectedWeightShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    const leaf = name.slice(name.lastIndexOf('.') + 1);
    if (leaf === 'gamma') data.fill(1);
    else if (leaf === 'beta') data.fill(0);
    else {
      const isTable = name.endsWith('tokens') || name.endsWith('positions');
      const std = isTable
        ? name.endsWith('positions')
          ? 0.5
          : 1
        : shape.length === 2
          ? 1 / Math.sqrt(shape[0]!)
          : 0.02;
      for (let i = 0; i < size; i++) data[i] = normal() * std;
    }
    weights.set(name, { shape, data });
  }
  return weights;
}
