/**
 * Hugging Face checkpoints (BERT, RoBERTa, XLM-RoBERTa, DistilBERT, GPT-2) from the Hub or local
 * files, as plain data for the engine. The app calls `loadHfModel`; the rest is for tests, tools
 * and a UI that wants finer control (cache status, error codes, a tokenizer rebuilt in a worker).
 */
export {
  loadHfModel,
  loadFromSource,
  type HfModel,
  type HfModelSource,
  type HfLoadOptions,
  type HfWeightListener,
  type HfWeightPlan,
  type HfLoadProgress,
} from './load';
export { HfLoadError, type HfLoadErrorCode } from './errors';
export {
  normalizeHfConfig,
  parseHfConfigText,
  HF_CONFIG_KEYS,
  HF_ACTIVATIONS,
  SUPPORTED_MODEL_TYPES,
  type HfFamily,
  type HfModelInfo,
  type HfModelType,
} from './config';
export {
  createHfTokenizer,
  createHfTokenizerFromSource,
  type HfEncoding,
  type HfToken,
  type HfTokenizer,
  type HfTokenizerFiles,
  type HfTokenizerSource,
} from './tokenizer';
export {
  hubFileUrl,
  hubSource,
  checkModelId,
  isHfModelCached,
  clearHfCache,
  HF_HUB_URL,
  HF_CACHE_NAME,
  DEFAULT_STALL_TIMEOUT_MS,
  type CacheLike,
  type CacheStorageLike,
  type HubLocation,
} from './hub';
export { localFilesSource, type HeaderProbe, type HfFileSource, type NamedBlob } from './files';
export {
  compactTableParameters,
  countParameters,
  estimateSize,
  parseSafetensorsHeader,
  safetensorsHeaderLength,
  sizeRefusal,
  workingSetBytes,
  ENGINE_MEMORY_LIMIT,
  WASM_HEAP_MAX_BYTES,
  type HfSizeEstimate,
  type SafetensorsHeaderInfo,
} from './size';
export { preflightSize, type Preflight } from './preflight';
export { hfWeightsFromSafetensors, HfWeightCollector, type HfWeights } from './weights';
