/**
 * English strings of masked-LM fillers (BERT-family checkpoints with their MLM head): token chips
 * as mask toggles, and the predictions panel listing the fillers. Placeholders are written `{name}`.
 */
export const fillersEn = {
  'fillers.hint': 'Click a token to mask it and see what the model would fill in',
  'fillers.mask': 'Mask token {number} ({token})',
  'fillers.heading': 'Fill the mask',
  'fillers.region': 'Masked token of {name}',
  'fillers.intro': 'Fillers for {mask} (token {number}: “{token}”)',
  'fillers.listHint':
    'The model’s 10 likeliest tokens in place of the masked one. Click the masked token again to unmask it.',
  'fillers.pending': 'Filling in…',
} as const;
