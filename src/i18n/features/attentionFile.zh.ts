/** 中文：注意力文件（在别处计算的注意力，作为句子 A 的结果打开），并入 zh.ts。 */
import type { attentionFileEn } from './attentionFile.en';

export const attentionFileZh: Record<keyof typeof attentionFileEn, string> = {
  'attentionFile.open': '打开注意力文件',
  'attentionFile.close': '关闭注意力文件',
  'attentionFile.opening': '正在打开注意力文件…',
  'attentionFile.summary': '句子 A：{model}——注意力在别处计算（{file}）',
  'attentionFile.dropHint': '拖入注意力文件（.safetensors 或 .json）即可打开',
  'attentionFile.refused': '注意力文件被拒绝：{message}',
  'attentionFile.dismiss': '关闭提示',
  'attentionFile.needsModel': '此视图需要模型；打开的注意力文件只有权重',
};
