/**
 * One head of a sentence's heatmap as an exported picture (PNG through the generic figure, SVG,
 * and the matrix behind the CSV). Loaded on demand by ExportMenu when an export is chosen, so the
 * figure, PNG and SVG code stay out of the first page.
 */
import { headMatrix, matrixMax } from '../../analysis';
import type { TranslateFn } from '../../i18n';
import type { Language } from '../../i18n/language';
import { formatTickIn } from '../../i18n/numbers';
import type { ColorMapName } from '../../store';
import { legendTicks, matrixToRgba, scaleMax } from '../heatmap/color';
import { COLOR_MAP_INTERPOLATORS, colorMapLut } from '../heatmap/colormaps';
import { computeFigureLayout, type ColourBarSpec, type FigureSpec } from './figure';
import type { HeatmapExportData } from './heatmapExport';
import { makeCanvas2d, type AnyCanvas, type ExportPictureOptions } from './png';
import { figureSvg } from './svg';

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
