/**
 * English strings of the next-token predictions panel (Hugging Face language models), spread into
 * en.ts. Placeholders are written `{name}`.
 */
export const predictionsEn = {
  'predictions.heading': 'Next token',
  'predictions.region': 'Next token after {name}',
  'predictions.label': 'Predictions for {name}',
  'predictions.hint':
    'The model’s 10 likeliest next tokens after the last one. Click one to append it and run again.',
  'predictions.pending': 'Predicting…',
  'predictions.temperature': 'Temperature',
  'predictions.temperatureValue': 'T = {value}',
  'predictions.special': 'special token',
  'predictions.append': 'Append to {name}',
  'predictions.space': 'space',
} as const;
