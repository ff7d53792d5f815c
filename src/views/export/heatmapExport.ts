/**
 * From the store to export data for one sentence's heatmap: what is shown (model, kind, layer,
 * head, tokens), whether it can be exported, and the whole result for the JSON. Light on purpose
 * (the menus read it on the first page); the pictures are drawn by headPicture.ts, which loads
 * only when an export is chosen.
 */
import type { AttentionKind } from '../../engine';
import { pickBlock } from '../../store/selectors';
import type { AppState, BlockResult, SentenceSlot } from '../../store';
import type { ResultBlockInput, ResultInput } from './json';

/** A block whose every layer has arrived. */
export type CompleteBlock = Omit<BlockResult, 'data'> & { data: Float32Array[] };

/** Everything needed to export what one heatmap shows. */
export interface HeatmapExportData {
  slot: SentenceSlot;
  /** Model id for titles and file names ('en-zh-tiny', 'playground'). */
  modelId: string;
  sentence: string;
  translation: string | null;
  kind: AttentionKind;
  layer: number;
  head: number;
  block: CompleteBlock;
  queryTokens: string[];
  keyTokens: string[];
}

/** The translator's name, else its folder's last part; 'playground' for the playground. */
export function modelIdOf(
  s: Pick<AppState, 'model' | 'translatorInfo' | 'translatorUrl'> &
    Partial<Pick<AppState, 'hub' | 'trainedModel'>>,
): string {
  if (s.model === 'playground') return 'playground';
  if (s.model === 'trained') return `trained-${s.trainedModel?.task ?? 'model'}`;
  if (s.model === 'hf') return s.hub?.info?.name ?? 'hf';
  if (s.translatorInfo?.name) return s.translatorInfo.name;
  const parts = s.translatorUrl.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? 'translator';
}

function isComplete(block: BlockResult): block is BlockResult & { data: Float32Array[] } {
  return block.data.length === block.layers && block.data.every((d) => d !== null);
}

/** Labels of a block's axes: its own, or the run's tokens; null when they do not match its size. */
function axisTokens(block: BlockResult, tokens: readonly { text: string }[]) {
  const texts = tokens.map((t) => t.text);
  const queryTokens = block.rowTokens ?? texts;
  const keyTokens = block.colTokens ?? texts;
  if (queryTokens.length !== block.queryLength || keyTokens.length !== block.keyLength) return null;
  return { queryTokens, keyTokens };
}

/** What the slot's heatmap shows, once its run is complete; null before (nothing to export). */
export function selectHeatmapExport(s: AppState, slot: SentenceSlot): HeatmapExportData | null {
  const run = s.runs[slot];
  if (run.state !== 'ready' || run.tokens.length === 0) return null;
  const block = pickBlock(run.blocks, s.kind);
  if (!block || !isComplete(block)) return null;
  const axes = axisTokens(block, run.tokens);
  if (!axes) return null;
  return {
    slot,
    modelId: modelIdOf(s),
    sentence: s.sentences[slot],
    translation: run.translation?.text ?? null,
    kind: block.kind,
    layer: Math.min(s.layer, block.layers - 1),
    head: Math.min(s.head, block.heads - 1),
    block,
    ...axes,
  };
}

/** Whether the slot has something to export (cheap; for enabling the menu). */
export const selectCanExport =
  (slot: SentenceSlot) =>
  (s: AppState): boolean => {
    const run = s.runs[slot];
    if (run.state !== 'ready') return false;
    const block = pickBlock(run.blocks, s.kind);
    return !!block && isComplete(block);
  };

/** The whole result of both sentences (every complete block), for the JSON export. */
export function resultInput(s: AppState): ResultInput {
  const model: ResultInput['model'] =
    s.model === 'translator'
      ? { id: modelIdOf(s), type: 'translator', translator: s.translatorInfo }
      : s.model === 'hf'
        ? { id: modelIdOf(s), type: 'hf', hf: s.hub.info }
        : s.model === 'trained' && s.trainedModel
          ? {
              id: modelIdOf(s),
              type: 'trained',
              trained: {
                task: s.trainedModel.task,
                settings: s.trainedModel.settings,
                step: s.trainedModel.step,
                accuracy: s.trainedModel.accuracy,
                vocab: s.trainedModel.vocab,
              },
            }
          : {
              id: 'playground',
              type: 'playground',
              playground: { ...s.playground },
              mask: { ...s.mask },
            };
  const sentences = (['A', 'B'] as const).flatMap((slot) => {
    const run = s.runs[slot];
    if (run.tokens.length === 0) return [];
    const blocks = run.blocks.flatMap((b): ResultBlockInput[] => {
      if (!isComplete(b)) return [];
      const axes = axisTokens(b, run.tokens);
      if (!axes) return [];
      return [
        {
          kind: b.kind,
          layers: b.layers,
          heads: b.heads,
          queryLength: b.queryLength,
          keyLength: b.keyLength,
          queryTokens: axes.queryTokens,
          keyTokens: axes.keyTokens,
          data: b.data,
          mask: b.mask,
        },
      ];
    });
    return [
      {
        slot,
        text: s.sentences[slot],
        tokens: run.tokens,
        translation: run.translation?.text ?? null,
        blocks,
      },
    ];
  });
  return { model, sentences };
}
