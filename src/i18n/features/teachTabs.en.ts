/**
 * English strings of the teaching views that the first page needs: the tab labels of the "Learn"
 * group and the line shown while a teaching view's chunk loads. Spread into en.ts (eager); the
 * views' own strings (teach.en.ts) load with the views.
 */
export const teachTabsEn = {
  'tab.teach.steps': 'Step by step',
  'tab.teach.sqrt': 'Why √d_k',
  'tab.teach.masks': 'Masks',
  'tab.teach.positions': 'Positional encodings',
  'tab.teach.same': 'Same word, different weights',
  'tab.teach.flash': 'Efficient attention',
  // Short labels shown on the tab row (the full names above stay the tabs' accessible names).
  'tab.teach.steps.short': 'Step by step',
  'tab.teach.sqrt.short': '√d_k',
  'tab.teach.masks.short': 'Masks',
  'tab.teach.positions.short': 'Positions',
  'tab.teach.same.short': 'Same word',
  'tab.teach.flash.short': 'Tiling',
  'tab.train': 'Train',
  'tab.train.short': 'Train',

  'teach.status.loadingView': 'Loading this view…',
} as const;
