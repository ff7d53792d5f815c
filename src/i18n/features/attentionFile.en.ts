/**
 * English strings of attention files (attention computed elsewhere, opened as sentence A's
 * result), spread into en.ts. Placeholders are written `{name}`.
 */
export const attentionFileEn = {
  'attentionFile.open': 'Open attention file',
  'attentionFile.close': 'Close attention file',
  'attentionFile.opening': 'Opening the attention file…',
  'attentionFile.summary': 'Sentence A: {model} — attention computed elsewhere ({file})',
  'attentionFile.dropHint': 'Drop an attention file (.safetensors or .json) to open it',
  'attentionFile.refused': 'Attention file refused: {message}',
  'attentionFile.dismiss': 'Dismiss',
  'attentionFile.needsModel':
    'This view needs the model; the open attention file holds only weights',
};
