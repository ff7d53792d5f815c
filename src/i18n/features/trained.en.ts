/**
 * English strings of a model trained in the Train tab as the page's model (model picker, summary,
 * side panel), spread into en.ts: they show on the first page, unlike the Train tab's own strings.
 */
export const trainedEn = {
  'model.choice.trained': 'Trained: {task} ({layers} layers × {heads} heads)',
  'trained.summary':
    'Trained in the Train tab on “{task}”: {layers} layers × {heads} heads · d_model {dModel} · step {step}',
  'trained.panel.title': 'Trained model',
  'trained.panel.task': 'Task “{task}” · {positional} positions · {step} training steps',
  'trained.panel.accuracy': 'Held-out accuracy when it was taken: {value}',
  'trained.panel.vocab':
    'Its vocabulary: {symbols}. Separate symbols with spaces; anything else is marked unknown. It reads at most {length} tokens.',
  'trained.panel.more':
    'Train it further, save its weights or open saved weights in the Train tab.',
  'trained.footer':
    'A model trained in this browser in the Train tab: its heads learned the task’s pattern from random weights.',
} as const;
