/**
 * English strings of the translator's direction (English → Chinese or Chinese → English) and of
 * the cross-attention alignment card, spread into en.ts. Placeholders are written `{name}`.
 */
export const directionEn = {
  'model.choice.translator-zh-en': 'Built-in translator (Chinese → English)',
  'direction.heatmap.axes.encoder-self': 'Rows and columns: the Chinese characters.',
  'direction.heatmap.axes.decoder-self':
    'Rows: the English word being written at that step; columns: the words written before it.',
  'direction.heatmap.axes.cross':
    'Rows: English word being written; columns: Chinese characters it looks at.',
  'direction.translator.note':
    'A tiny encoder–decoder Transformer trained in this project on a synthetic Chinese–English corpus. It reads one Chinese character at a time and writes English words; it knows only its own small vocabulary.',
  'direction.translator.vocab': 'Vocabulary: {source} Chinese characters, {target} English words',
  'direction.translator.limits':
    'Reads up to {source} Chinese characters; writes up to {target} English tokens',
  'direction.translator.summary':
    'zh → en · {encoder}+{decoder} layers × {heads} heads · d_model {dModel}',
  'direction.loadError': 'The Chinese → English model is not available: {message}',
  'direction.loadErrorHint':
    'Its files are missing or unreadable. Try again, or go back to English → Chinese.',
  'direction.backToEnZh': 'Use English → Chinese',
  'direction.examples': 'Examples',
  'direction.example.apples': '我爱吃苹果。',
  'direction.example.bank': 'Two kinds of “bank” (河岸 · 银行)',

  'alignment.heading': 'Alignment: which source token each written token looks at most',
  'alignment.note':
    'For every token the decoder writes (top row), a line goes to the source token with the largest cross-attention weight a_ij (bottom row). A darker line is a larger weight.',
  'alignment.head': 'Alignment head',
  'alignment.average': 'Average over heads',
  'alignment.headN': 'Head {head}',
  'alignment.layer': 'Layer {layer}',
  'alignment.written': 'Written ({name})',
  'alignment.source': 'Source ({name})',
  'alignment.figure': 'Alignment of {name}, layer {layer}, {which}: {count} lines',
  'alignment.pair': '{target} → {source} ({weight})',
  'alignment.accuracy':
    'Alignment accuracy on {pairs} known word pairs: {correct} of {pairs} ({percent}).',
  'alignment.accuracyNone': 'No known word pairs in this sentence: accuracy is not measured.',
  'alignment.accuracyHelp':
    'A pair counts as right when the written word’s line goes to one of its source tokens (e.g. apples → 苹 or 果).',
  'alignment.modelCard': 'Model card',
  'alignment.modelCardNote':
    'The {card} gives the same measure over its probe set of held-out sentences, per head and per layer.',
  'alignment.waiting': 'The alignment appears once the cross-attention of this layer has arrived.',
  'alignment.export': 'Alignment as PNG',
} as const;
