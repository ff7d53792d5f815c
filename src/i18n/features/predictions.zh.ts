/** 中文：下一个词元的预测面板（Hugging Face 语言模型），并入 zh.ts。 */
import type { predictionsEn } from './predictions.en';

export const predictionsZh: Record<keyof typeof predictionsEn, string> = {
  'predictions.heading': '下一个词元',
  'predictions.region': '{name}之后的下一个词元',
  'predictions.label': '{name}的预测',
  'predictions.hint':
    '模型认为最后一个词元之后最可能出现的 10 个词元。点击一个，把它接到句子末尾并重新运行。',
  'predictions.pending': '预测中…',
  'predictions.temperature': '温度',
  'predictions.temperatureValue': 'T = {value}',
  'predictions.special': '特殊词元',
  'predictions.append': '接到{name}末尾',
  'predictions.space': '空格',
};
