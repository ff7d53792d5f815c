export { PredictionsPanel, type PredictionsPanelProps } from './PredictionsPanel';
export { formatProbability, formatTemperature, visibleTokenText } from './format';
