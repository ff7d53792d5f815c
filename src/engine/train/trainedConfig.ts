/** The engine config a model trained in the Train tab fits (no tfjs: the loader and workers use it). */
import type { TrainedModel } from '../../analysis/trainedModel';
import type { TransformerConfig } from '../types';

/** Width of the feed-forward layer (the Train tab's models use 4·d_model). */
export const TRAINED_FF_FACTOR = 4;

/**
 * The engine config the weights fit: a pre-norm encoder (or causal decoder) with ReLU and no
 * output head (the task's classes are not a vocabulary; their head stays in the file only).
 */
export function trainedEngineConfig(m: TrainedModel): TransformerConfig {
  const { settings } = m;
  return {
    architecture: m.causal ? 'decoder' : 'encoder',
    vocabSize: m.vocab.length,
    dModel: settings.dModel,
    numHeads: settings.heads,
    numLayers: settings.layers,
    dFF: TRAINED_FF_FACTOR * settings.dModel,
    maxPositions: m.length,
    positional: settings.positional,
    positionalBase: 10000,
    norm: 'pre',
    activation: 'relu',
    layerNormEps: 1e-5,
    scale: { kind: 'default' },
    scaleEmbeddings: false,
    outputHead: false,
  };
}
