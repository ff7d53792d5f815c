/**
 * The app's one store, made of typed slices. It is the only seam between the engine (in a worker,
 * reached through the engine client) and the views.
 */
import { create } from 'zustand';
import { createAnalysisSlice } from './analysisSlice';
import { createInputSlice } from './inputSlice';
import { createModelSlice } from './modelSlice';
import { createRunSlice } from './runSlice';
import { setBackendLostHandler } from './engineClient';
import { cancelScheduled } from './scheduler';
import { createTeachSlice } from './teachSlice';
import { createShareSlice } from './shareSlice';
import { createHubSlice } from './hubSlice';
import { createAttentionFileSlice } from './attentionFileSlice';
import { createPredictionSlice } from './predictionSlice';
export {
  activeMaskedToken,
  canMaskSentence,
  fillsMaskNow,
  selectMaskChips,
  type MaskChipsSource,
  type MaskedToken,
} from './fillerSlice';
import { createFillerSlice } from './fillerSlice';
import { createImportanceSlice } from './importanceSlice';
import { createWeightingSlice } from './weightingSlice';
import { createAblationSlice } from './ablationSlice';
import { createTrainSlice } from './trainSlice';
import { createDirectionSlice } from './directionSlice';
import type { AppState } from './types';
import { createViewSlice } from './viewSlice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createAttentionFileSlice(...a),
  ...createInputSlice(...a),
  ...createModelSlice(...a),
  ...createRunSlice(...a),
  ...createViewSlice(...a),
  ...createTeachSlice(...a),
  ...createAnalysisSlice(...a),
  ...createShareSlice(...a),
  ...createHubSlice(...a),
  ...createPredictionSlice(...a),
  ...createFillerSlice(...a),
  ...createImportanceSlice(...a),
  ...createWeightingSlice(...a),
  ...createAblationSlice(...a),
  ...createTrainSlice(...a),
  ...createDirectionSlice(...a),
}));

const initialState = useAppStore.getState();

setBackendLostHandler((backend) => useAppStore.getState().onBackendLost(backend));

/** Back to the initial state, with pending debounced runs dropped (tests call this between cases). */
export function resetAppStore(): void {
  cancelScheduled();
  useAppStore.setState(initialState, true);
}

export type * from './types';
export {
  EXAMPLE_SENTENCES,
  DEFAULT_MODEL,
  DEFAULT_MASK,
  DEFAULT_TRANSLATOR_URL,
  TRANSLATOR_MAX_TOKENS,
  LIMITS,
  emptyRun,
} from './defaults';
export {
  normalizePlayground,
  validHeadCounts,
  headsFit,
  toMaskSpec,
  kindsOf,
  snapHeads,
  viewChoices,
  type ViewChoices,
} from './model';
export { readUrlOptions, absoluteUrl, asFolder, type UrlOptions } from './urlParams';
export {
  ATTENTION_FILE_BUDGET_BYTES,
  setAttentionFileBudget,
  type AttentionFileInfo,
  type AttentionFileSlice,
} from './attentionFileSlice';
export {
  setEngineClient,
  getEngineClient,
  setDebounceMs,
  getDebounceMs,
  loseWebglContextForTest,
} from './engineClient';
export { sentenceRunsPosted } from './runSlice';
export { isScheduled } from './scheduler';
export {
  PREDICTION_TEMPERATURE,
  selectPredictionPanel,
  type PredictionPanelSource,
} from './predictionSlice';
export { startApp, openShareLink, decodeAgainst } from './openLink';
export {
  THEMES,
  COLOR_MAPS,
  COLOR_SCALES,
  type ThemeChoice,
  type ColorMapName,
  type ColorScaleName,
  type ShareNotice,
} from './shareSlice';
export {
  ABLATION_MODES,
  ADOPT,
  isHeadOff,
  modelHeadShape,
  totalHeads,
  type AblationMode,
  type AblationSlice,
  type HeadShape,
} from './ablationSlice';
export {
  IMPORTANCE_CACHE_SIZE,
  planImportance,
  selectImportancePanel,
  type ImportanceError,
  type ImportanceMeasure,
  type ImportancePanelSource,
  type ImportancePlan,
  type ImportanceSlice,
} from './importanceSlice';
export {
  WEIGHTINGS,
  isValueWeighted,
  shownBlock,
  shownLayer,
  type Weighting,
  type WeightingSlice,
} from './weightingSlice';
export {
  TRAIN_MAX_SNAPSHOTS,
  setTrainClient,
  setTrainUiInterval,
  type TrainPoint,
  type TrainSlice,
  type TrainState,
  type TrainStatus,
} from './trainSlice';
export {
  BANK_PAIR_ZH,
  DIRECTIONS,
  DIRECTION_LANGS,
  DIRECTION_SENTENCES,
  TRANSLATOR_URLS,
  sentencesAfterSwitch,
  type TranslatorDirection,
} from './direction';
export { directionFields, type DirectionSlice } from './directionSlice';
