/** 中文：关闭注意力头（消融，issue 16）的开关和计数栏，并入 zh.ts。 */
import type { ablationEn } from './ablation.en';

export const ablationZh: Record<keyof typeof ablationEn, string> = {
  'ablation.region': '已关闭的头',
  'ablation.toggle': '关闭第 {layer} 层第 {head} 个头',
  'ablation.headOff': '第 {layer} 层第 {head} 个头已关闭',
  'ablation.mark': '已关闭',
  'ablation.thumbOff': '{name}（已关闭）',
  'ablation.count': '已关闭 {count} 个头',
  'ablation.countOne': '已关闭 1 个头',
  'ablation.allOn': '全部重新打开',
  'ablation.mode': '关闭的头输出',
  'ablation.mode.zero': '零',
  'ablation.mode.mean': '它们在整句上的平均值',
  'ablation.explain':
    '关闭的头仍会显示它看向哪里，但模型在没有它输出的情况下继续计算：译文、预测和后面各层的注意力会显示它原本的作用。',
  'ablation.allOff': '所有头都已关闭：只有残差流和 MLP 在传递输入',
  'ablation.gridHelp': '点缩略图上的 ⊘ 关闭一个头：两个句子会在没有它输出的情况下重新运行。',
};
