/**
 * From the store to export files for one sentence's heatmap: what is shown (model, kind, layer,
 * head, tokens), its pictures (PNG/SVG through the generic figure), its CSV and the whole result's
 * JSON. The React menu (ExportMenu.tsx) only wires these to buttons.
 */
import type { AttentionKind } from '../../engine';
import { headMatrix, matrixMax } from '../../analysis';
import type { TranslateFn } from '../../i18n';
import type { Language } from '../../i18n/language';
import { formatTickIn } from '../../i18n/numbers';
import { pickBlock } from '../../store/selectors';
import type { AppState, BlockResult, ColorMapName, SentenceSlot } from '../../store';
import { legendTicks, matrixToRgba, scaleMax } from '../heatmap/color';
import { COLOR_MAP_INTERPOLATORS, colorMapLut } from '../heatmap/colormaps';
import { computeFigureLayout, type ColourBarSpec, type FigureSpec } from './figure';
import { makeCanvas2d, type AnyCanvas, type ExportPictureOptions } from './png';
import { figureSvg } from './svg';
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
  s: Pick<AppState, 'model' | 'translatorInfo' | 'translatorUrl'> & Partial<Pick<AppState, 'hub'>>,
): string {
  if (s.model === 'playground') return 'playground';
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

export interface HeadPictureInput {
  data: HeatmapExportData;
  layer: number;
  head: number;
  /** The sentence's name as the page shows it ("Sentence A"). */
  name: string;
  t: TranslateFn;
  language: Language;
  colorMap: ColorMapName;
}

/** One head's matrix and the figure around it (title, labels, colour bar), without the pixels. */
export function headFigure({ data, layer, head, name, t, language, colorMap }: HeadPictureInput): {
  spec: FigureSpec & { colourBar: ColourBarSpec };
  matrix: Float32Array;
  allowed: Uint8Array | null;
  max: number;
} {
  const { block } = data;
  const layerData = block.data[layer]!;
  const matrix = headMatrix(layerData, head, block.queryLength, block.keyLength);
  const max = scaleMax(matrixMax(matrix));
  const mask = block.mask;
  const allowed =
    mask && mask.rows === block.queryLength && mask.cols === block.keyLength ? mask.allowed : null;
  const ticks = [...legendTicks(max, 4).filter((v) => v === 0 || v < max * 0.8), max];
  const title = [
    `${data.modelId} · ${t(`view.kind.${block.kind}`)} · ${t('export.layerHead', {
      layer: layer + 1,
      head: head + 1,
    })}`,
    `${name}: ${data.sentence.trim()}`,
  ];
  if (data.translation && block.kind !== 'encoder-self')
    title.push(`${t('translation.heading')}: ${data.translation}`);
  return {
    spec: {
      title,
      rows: block.queryLength,
      cols: block.keyLength,
      rowLabels: data.queryTokens,
      colLabels: data.keyTokens,
      colourBar: {
        min: 0,
        max,
        interpolate: COLOR_MAP_INTERPOLATORS[colorMap],
        label: t('legend.label'),
        ticks,
        format: (v) => formatTickIn(language, v),
        maskedLabel: allowed?.includes(0) ? t('heatmap.masked') : undefined,
      },
    },
    matrix,
    allowed,
    max,
  };
}

/** A canvas with one pixel per cell (masked cells transparent). Browser only. */
function cellsCanvas(
  matrix: Float32Array,
  rows: number,
  cols: number,
  max: number,
  colorMap: ColorMapName,
  allowed: Uint8Array | null,
): AnyCanvas {
  const rgba = matrixToRgba(matrix, rows, cols, max, colorMapLut(colorMap), allowed ?? undefined);
  const { canvas, ctx } = makeCanvas2d(Math.max(1, cols), Math.max(1, rows));
  if (ctx && rows > 0 && cols > 0) {
    const image = ctx.createImageData(cols, rows);
    image.data.set(rgba);
    ctx.putImageData(image, 0, 0);
  }
  return canvas;
}

/** The generic picture options of one head (feed to exportCanvasPng). */
export function headPicture(
  input: HeadPictureInput,
  scale: number,
  downscaleNotice: (percent: number) => string,
): ExportPictureOptions {
  const { spec, matrix, allowed, max } = headFigure(input);
  return {
    ...spec,
    matrix: {
      source: cellsCanvas(matrix, spec.rows, spec.cols, max, input.colorMap, allowed),
    },
    scale,
    downscaleNotice,
  };
}

/** One head as an SVG document (vector: one rect per cell, text labels). */
export function headSvg(input: HeadPictureInput): string {
  const { spec, matrix, allowed, max } = headFigure(input);
  const layout = computeFigureLayout(spec);
  const lut = colorMapLut(input.colorMap);
  const size = lut.length / 3;
  const hex = (i: number) => lut[i]!.toString(16).padStart(2, '0');
  return figureSvg(
    layout,
    spec.rows,
    spec.cols,
    (r, c) => {
      const i = r * spec.cols + c;
      if (allowed && allowed[i] === 0) return null;
      const v = Math.min(1, Math.max(0, (matrix[i] ?? 0) / max));
      const j = Math.round(v * (size - 1)) * 3;
      return `#${hex(j)}${hex(j + 1)}${hex(j + 2)}`;
    },
    spec.colourBar,
    spec.title.join(' — '),
  );
}

/** The whole result of both sentences (every complete block), for the JSON export. */
export function resultInput(s: AppState): ResultInput {
  const model: ResultInput['model'] =
    s.model === 'translator'
      ? { id: modelIdOf(s), type: 'translator', translator: s.translatorInfo }
      : s.model === 'hf'
        ? { id: modelIdOf(s), type: 'hf', hf: s.hub.info }
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
