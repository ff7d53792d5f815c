import type { trainedEn } from './trained.en';

/** 在“训练”标签页中训练的模型作为页面模型时的简体中文文本，展开到 zh.ts。键与 trained.en.ts 相同。 */
export const trainedZh: Record<keyof typeof trainedEn, string> = {
  'model.choice.trained': '训练所得：{task}（{layers} 层 × {heads} 个头）',
  'trained.summary':
    '在“训练”标签页中以“{task}”任务训练：{layers} 层 × {heads} 个头 · d_model {dModel} · 第 {step} 步',
  'trained.panel.title': '训练所得的模型',
  'trained.panel.task': '任务“{task}” · {positional} 位置编码 · 训练了 {step} 步',
  'trained.panel.accuracy': '取出时的留出集准确率：{value}',
  'trained.panel.vocab':
    '它的词表：{symbols}。符号之间用空格分隔；其他内容会被标为未知。最多读取 {length} 个词元。',
  'trained.panel.more': '可在“训练”标签页中继续训练、保存权重或打开已保存的权重。',
  'trained.footer': '在本浏览器的“训练”标签页中训练的模型：它的头从随机权重开始学会了任务的模式。',
};
