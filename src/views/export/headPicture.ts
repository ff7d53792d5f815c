/**
 * One head of a sentence's heatmap as an exported picture (PNG through the generic figure, SVG,
 * and the matrix behind the CSV). Loaded on demand by ExportMenu when an export is chosen, so the
 * figure, PNG and SVG code stay out of the first page.
 */
import { headMatrix } from '../../analysis';
import type { TranslateFn } from '../../i18n';
import type { Language } from '../../i18n/language';
import { formatTickIn } from '../../i18n/numbers';
import type { ColorMapName, ColorScaleName } from '../../store';
import { COLOR_MAP_INTERPOLATORS, colorMapLut } from '../heatmap/colormaps';
import {
  cellScaleOf,
  formatScaleTick,
  isHatchedColumn,
  scaledToRgba,
  scaleLutIndex,
  scaleNote,
  scaleTicks,
  type CellScale,
} from '../heatmap/colorScale';
import { drawSinkHatch } from '../heatmap/sinkHatch';
import { computeFigureLayout, type ColourBarSpec, type FigureSpec } from './figure';
import type { HeatmapExportData } from './heatmapExport';
import { makeCanvas2d, type AnyCanvas, type ExportPictureOptions } from './png';
import { figureSvg, SINK_CELL } from './svg';

export interface HeadPictureInput {
  data: HeatmapExportData;
  layer: number;
  head: number;
  /** The sentence's name as the page shows it ("Sentence A"). */
  name: string;
  t: TranslateFn;
  language: Language;
  colorMap: ColorMapName;
  /** Linear (default) or log colours, as on the page. */
  colorScale?: ColorScaleName;
  /** Colours over the keys after the first, which is drawn hatched (default false). */
  leaveOutFirst?: boolean;
}

/** The colour bar of a sequential scale: its ticks (log: powers of ten) and their places. */
export function scaleBar(
  scale: CellScale,
  interpolate: (t: number) => string,
  label: string,
  format: (value: number) => string,
): ColourBarSpec {
  return {
    min: scale.kind === 'log' ? scale.floor : 0,
    max: scale.max,
    interpolate,
    label,
    ticks: [...scaleTicks(scale, 4), scale.max],
    format: (v) => formatScaleTick(v, format),
    position: scale.position,
  };
}

/** One head's matrix and the figure around it (title, labels, colour bar), without the pixels. */
export function headFigure(input: HeadPictureInput): {
  spec: FigureSpec & { colourBar: ColourBarSpec };
  matrix: Float32Array;
  allowed: Uint8Array | null;
  scale: CellScale;
} {
  const { data, layer, head, name, t, language, colorMap } = input;
  const { block } = data;
  const layerData = block.data[layer]!;
  const matrix = headMatrix(layerData, head, block.queryLength, block.keyLength);
  const scale = cellScaleOf(matrix, block.queryLength, block.keyLength, {
    kind: input.colorScale ?? 'linear',
    leaveOutFirst: input.leaveOutFirst ?? false,
  });
  const mask = block.mask;
  const allowed =
    mask && mask.rows === block.queryLength && mask.cols === block.keyLength ? mask.allowed : null;
  const title = [
    `${data.modelId} · ${t(`view.kind.${block.kind}`)} · ${t('export.layerHead', {
      layer: layer + 1,
      head: head + 1,
    })}`,
    `${name}: ${data.sentence.trim()}`,
  ];
  if (data.translation && block.kind !== 'encoder-self')
    title.push(`${t('translation.heading')}: ${data.translation}`);
  const note = scaleNote(scale, t, (v) => formatTickIn(language, v));
  if (note) title.push(note);
  return {
    spec: {
      title,
      rows: block.queryLength,
      cols: block.keyLength,
      rowLabels: data.queryTokens,
      colLabels: data.keyTokens,
      colourBar: {
        ...scaleBar(scale, COLOR_MAP_INTERPOLATORS[colorMap], t('legend.label'), (v) =>
          formatTickIn(language, v),
        ),
        maskedLabel: allowed?.includes(0) ? t('heatmap.masked') : undefined,
      },
    },
    matrix,
    allowed,
    scale,
  };
}

/** A canvas with one pixel per cell (masked cells and a hatched first column transparent). Browser only. */
export function cellsCanvas(
  matrix: Float32Array,
  rows: number,
  cols: number,
  scale: CellScale,
  colorMap: ColorMapName,
  allowed: Uint8Array | null,
): AnyCanvas {
  const rgba = scaledToRgba(matrix, rows, cols, scale, colorMapLut(colorMap), allowed ?? undefined);
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
  const { spec, matrix, allowed, scale: cells } = headFigure(input);
  const source = cellsCanvas(matrix, spec.rows, spec.cols, cells, input.colorMap, allowed);
  return {
    ...spec,
    matrix: cells.hatchFirst
      ? {
          paint(ctx, area) {
            ctx.imageSmoothingEnabled = false;
            ctx.drawImage(source, area.x, area.y, area.width, area.height);
            drawSinkHatch(ctx, area.x, area.y, area.cellSize, area.height);
          },
        }
      : { source },
    scale,
    downscaleNotice,
  };
}

/** One head as an SVG document (vector: one rect per cell, text labels). */
export function headSvg(input: HeadPictureInput): string {
  const { spec, matrix, allowed, scale } = headFigure(input);
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
      if (isHatchedColumn(scale, c)) return SINK_CELL;
      const j = scaleLutIndex(scale, matrix[i] ?? 0, size) * 3;
      return `#${hex(j)}${hex(j + 1)}${hex(j + 2)}`;
    },
    spec.colourBar,
    spec.title.join(' — '),
  );
}
