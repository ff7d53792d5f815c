import type { teachTabsEn } from './teachTabs.en';

/** 首页就需要的教学视图文本：“学习”组的标签名，以及视图代码加载时的提示。键与 teachTabs.en.ts 相同。 */
export const teachTabsZh: Record<keyof typeof teachTabsEn, string> = {
  'tab.teach.steps': '逐步计算',
  'tab.teach.sqrt': '为什么除以 √d_k',
  'tab.teach.masks': '掩码',
  'tab.teach.positions': '位置编码',
  'tab.teach.same': '同一个词，不同权重',
  'tab.teach.flash': '高效注意力',
  'tab.teach.steps.short': '逐步计算',
  'tab.teach.sqrt.short': '√d_k',
  'tab.teach.masks.short': '掩码',
  'tab.teach.positions.short': '位置编码',
  'tab.teach.same.short': '同一个词',
  'tab.teach.flash.short': '高效注意力',
  'tab.train': '训练',
  'tab.train.short': '训练',

  'teach.status.loadingView': '正在加载此视图…',
};
