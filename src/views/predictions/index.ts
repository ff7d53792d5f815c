export { PredictionsPanel, type PredictionsPanelProps } from './PredictionsPanel';
export { DEFAULT_MASK_TEXT, fillerHeading, maskTokenText } from './fillers';
export { formatProbability, formatTemperature, visibleTokenText } from './format';
