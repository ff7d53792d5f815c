/** 中文：长输入的视图（第 14 号议题）：可缩放热力图、词元窗口和说明各视图限制的提示。并入 zh.ts。 */
import type { longInputEn } from './longInput.en';

export const longInputZh: Record<keyof typeof longInputEn, string> = {
  'zoom.pooled':
    '总览：每个像素显示它覆盖的至多 {rows}×{cols} 个格子中的最大权重。放大可看到单个格子。',
  'zoom.cells': '每个格子是一对词元：查询 {r0}–{r1}，键 {c0}–{c1}。',
  'zoom.window': '查询 {r0}–{r1} × 键 {c0}–{c1}（共 {rows} × {cols}）',
  'zoom.readoutCell': '#{q} {query} → #{k} {key}: {weight}',
  'zoom.readoutBlock': '查询 {r0}–{r1} × 键 {c0}–{c1}：最大 {max}，平均 {mean}',
  'zoom.reset': '重置缩放',
  'zoom.in': '放大',
  'zoom.out': '缩小',
  'zoom.help':
    '滚动鼠标滚轮或按 + / − 缩放，拖动或按方向键平移，按 0 或 Home 重置。在文本或词元中选中一段即可放大到这些词元。',
  'zoom.loading': '正在计算这一区域…',
  'zoom.error': '无法计算这一区域：{message}',
  'zoom.tokenWindow': '第 {from}–{to} 个词元，共 {total} 个（热力图当前的行）',
  'zoom.showAll': '显示全部词元',
  'zoom.fitSelection': '放大到选中的词元',
  'longInput.notice': '这段输入有 {tokens} 个词元，因此权重按需计算、不会保留：{view}',
  'longInput.linesFocus':
    '这段输入有 {tokens} 个词元，因此权重按需计算：“连线”视图只显示一个聚焦窗口，查询 {r0}–{r1}、键 {c0}–{c1}（即“注意力”页中放大后的热力图；在那里缩放即可移动窗口，每边最多 {max} 个词元）。窗口之外的键不画出，所以一个查询的连线之和不一定为 1。',
  'longInput.compare':
    '逐个头比较两个句子需要全部权重。请在“注意力”页分别查看每个句子的可缩放热力图。',
  'longInput.aggregate': '汇总（所有头和层的平均值与 rollout）需要全部权重。请换一段较短的输入。',
  'longInput.generic': '这个视图需要全部权重。请换一段较短的输入。',
  'longInput.steps':
    '这段输入有 {tokens} 个词元，因此权重按需计算。“逐步计算”会为所选的头重新计算一个查询；表格会列出全部 {tokens} 个键。',
  'longInput.heads': '每个缩略图都经过池化：一个像素显示它覆盖的格子块中的最大权重。',
};
