/** 中文：遮盖词元与填空（带 MLM 头的 BERT 系列模型），并入 zh.ts。 */
import type { fillersEn } from './fillers.en';

export const fillersZh: Record<keyof typeof fillersEn, string> = {
  'fillers.hint': '点击一个词元将其遮盖，看看模型会填入什么',
  'fillers.mask': '遮盖第 {number} 个词元（{token}）',
  'fillers.heading': '填空',
  'fillers.region': '{name}中被遮盖的词元',
  'fillers.intro': '{mask} 的填充词（第 {number} 个词元：“{token}”）',
  'fillers.listHint':
    '模型认为最可能填入被遮盖位置的 10 个词元。再次点击被遮盖的词元即可取消遮盖。',
  'fillers.pending': '填空中…',
};
