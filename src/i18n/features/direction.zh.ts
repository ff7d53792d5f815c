/** 中文：翻译方向（英 → 中 或 中 → 英）与交叉注意力对齐卡片，并入 zh.ts。 */
import type { directionEn } from './direction.en';

export const directionZh: Record<keyof typeof directionEn, string> = {
  'model.choice.translator-zh-en': '内置翻译模型（中译英）',
  'direction.heatmap.axes.encoder-self': '行和列：汉字。',
  'direction.heatmap.axes.decoder-self': '行：这一步正在写出的英文词；列：在它之前已写出的词。',
  'direction.heatmap.axes.cross': '行：正在写出的英文词；列：它所关注的汉字。',
  'direction.translator.note':
    '一个很小的编码器–解码器 Transformer，在本项目中用合成的汉英语料训练而成。它一次读入一个汉字，写出英文词；它只认识自己的小词表。',
  'direction.translator.vocab': '词表：{source} 个汉字，{target} 个英文词',
  'direction.translator.limits': '最多读入 {source} 个汉字，最多写出 {target} 个英文词元',
  'direction.translator.summary':
    '中 → 英 · {encoder}+{decoder} 层 × {heads} 个头 · d_model {dModel}',
  'direction.loadError': '中文 → 英文模型不可用：{message}',
  'direction.loadErrorHint': '它的文件缺失或无法读取。请重试，或改回英文 → 中文。',
  'direction.backToEnZh': '改用英文 → 中文',
  'direction.examples': '例句',
  'direction.example.apples': '我爱吃苹果。',
  'direction.example.bank': '两种“bank”（河岸 · 银行）',

  'alignment.heading': '对齐：每个写出的词元最关注哪个源词元',
  'alignment.note':
    '解码器每写出一个词元（上行），就从它向交叉注意力权重 a_ij 最大的源词元（下行）连一条线。线越深，权重越大。',
  'alignment.head': '对齐所用的头',
  'alignment.average': '所有头的平均',
  'alignment.headN': '第 {head} 个头',
  'alignment.layer': '第 {layer} 层',
  'alignment.written': '写出的词元（{name}）',
  'alignment.source': '源词元（{name}）',
  'alignment.figure': '{name}的对齐，第 {layer} 层，{which}：{count} 条线',
  'alignment.pair': '{target} → {source}（{weight}）',
  'alignment.accuracy': '在 {pairs} 个已知词对上的对齐准确率：{correct} / {pairs}（{percent}）。',
  'alignment.accuracyNone': '这句话里没有已知词对：不计算准确率。',
  'alignment.accuracyHelp':
    '写出的词的连线落在它对应的某个源词元上（例如 apples → 苹 或 果），这一对就算对齐正确。',
  'alignment.modelCard': '模型卡',
  'alignment.modelCardNote':
    '{card}给出了同一指标在其探针集（训练时留出的句子）上的结果，按头和按层列出。',
  'alignment.waiting': '这一层的交叉注意力到达后，就会显示对齐。',
  'alignment.export': '对齐图 PNG',
};
