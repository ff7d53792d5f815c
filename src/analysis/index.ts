/**
 * Pure analysis of attention weights: typed arrays in, numbers out. No tfjs, no DOM, and no import
 * from outside src/analysis.
 *
 * Shapes (all row-major): a head is [queryLength][keyLength] (rows = queries, each summing to 1
 * over the keys); a layer is [heads][queryLength][keyLength]; a stack is
 * [layers][heads][queryLength][keyLength] (`AttentionStackLike`, satisfied by the engine's
 * `AttentionStack`); per-head results are [layers][heads].
 */
export { matrixMax, headMatrix } from './matrix';
export type { AllowedMask, AttentionStackLike, KeyFlags } from './types';
export {
  isPunctuation,
  isSpecialToken,
  normalizeToken,
  punctuationMask,
  specialTokenMask,
} from './tokens';
export {
  METRIC_NAMES,
  headMetrics,
  metricsAt,
  stackMetrics,
  type HeadMetrics,
  type MetricName,
  type MetricOptions,
  type StackMetrics,
} from './metrics';
export {
  HEAD_PATTERNS,
  PATTERN_THRESHOLDS,
  classifyHead,
  classifyStack,
  type HeadPattern,
  type PatternMetrics,
  type PatternThresholds,
} from './patterns';
export {
  alignFocusRows,
  difference,
  focusDivergence,
  focusDivergenceGrid,
  jensenShannon,
  rankHeadsByFocusDivergence,
  sharedWords,
  type Difference,
  type FocusAlignment,
  type FocusSide,
  type FocusStackSide,
  type HeadDivergence,
  type SharedWord,
} from './compare';
export {
  MAX_FLOW_TOKENS,
  attentionFlow,
  attentionFlowFrom,
  averageAll,
  averageHeads,
  averageLayers,
  residualAttention,
  rollout,
  rolloutLayers,
  type RolloutOptions,
} from './rollout';
export { LayeredFlowNetwork, layeredMaxFlow } from './maxflow';
export {
  logSumExp,
  predictionProbabilities,
  type PredictionCandidate,
  type PredictionEntry,
} from './predictions';
export {
  normsFit,
  valueWeightedHead,
  valueWeightedLayer,
  valueWeightedLayerCached,
} from './valueWeighted';
export {
  IMPORTANCE_TOP,
  formatImportanceScore,
  importanceDomain,
  importanceGrid,
  importanceKey,
  importancePosition,
  rankImportance,
  visibleRows,
  type ImportanceEntry,
  type ImportanceGrid,
  type ImportanceInput,
  type ImportanceRow,
  type RankedEntry,
} from './headRanking';
export {
  bandEdges,
  createPooler,
  poolWindow,
  type PooledWindow,
  type WindowPooler,
} from './pooling';
