/**
 * The attention engine's public API. Pure TypeScript over tfjs; nothing here returns a tensor.
 * The worker is the only caller in the app; tests call it directly in Node.
 */
export * from './types';
export type { Token, Tokenizer } from './tokenize/types';
export type { NamedArray, WeightMap } from './weights';
export { Bf16Values, floatValues } from './weights';
export { splitWords } from './tokenize/words';
export { createHashTokenizer, hashPadId } from './tokenize/hash-tokenizer';
export { padIds, PAD_TEXT, type PaddedIds } from './padding';
export { attentionKindsOf, buildMask, countAllowed, intersectMasks, runMasks } from './masks';
export { sinusoidalTable, alibiSlopes, ropeInverseFrequencies } from './positional';
export {
  initBackend,
  currentBackend,
  liveTensorCount,
  type BackendName,
  type BackendInfo,
  type BackendOptions,
  type WasmPaths,
} from './backend';
export type { BackendFailure, BackendFailureReason } from './backendFailure';
export { isWebglContextLost, loseWebglContext, watchWebglContext } from './gpuContext';
export { expectedWeightShapes, validateConfig, validateWeights } from './schema';
export { createModel } from './transformer';
export { startModelBuild, type ModelBuild, type ModelBuildOptions } from './modelBuild';
export {
  playgroundConfig,
  createPlaygroundWeights,
  type PlaygroundOptions,
  DEFAULT_PLAYGROUND,
} from './playground';
export { greedyTranslate, type GreedyOptions, type GreedyResult } from './translate';
export {
  createVocabTokenizer,
  ENGLISH,
  ENGLISH_CASED,
  CHARACTERS,
  DIRECTIONS,
  joinEnglish,
  translationTokenizers,
  SPECIAL_TOKENS,
  type TranslationDirection,
  type TranslationVocab,
  type VocabTokenizer,
  type Splitter,
} from './tokenize/vocab-tokenizer';
