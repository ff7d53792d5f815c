/**
 * English strings of switched-off heads (ablation, issue 16): the toggles in the heads grid and
 * the Attention tab, the bar that counts them and switches them back on. Spread into en.ts.
 */
export const ablationEn = {
  'ablation.region': 'Switched-off heads',
  'ablation.toggle': 'Switch off layer {layer}, head {head}',
  'ablation.headOff': 'Layer {layer}, head {head} is switched off',
  'ablation.mark': 'switched off',
  'ablation.thumbOff': '{name} (switched off)',
  'ablation.count': '{count} heads off',
  'ablation.countOne': '1 head off',
  'ablation.allOn': 'Switch all back on',
  'ablation.mode': 'Switched-off heads give',
  'ablation.mode.zero': 'Zero',
  'ablation.mode.mean': 'Their mean over the sentence',
  'ablation.explain':
    'A switched-off head still shows where it looks, but the model runs on without its output: the translation, the predictions and the later layers show what it was doing.',
  'ablation.allOff': 'Every head is off: only the residual stream and the MLPs carry the input',
  'ablation.gridHelp':
    'Switch a head off with ⊘ on its thumbnail: both sentences run again without its output.',
} as const;
