/**
 * Any labelled matrix (an average, a rollout, a head of sentence A or B, a difference B − A) as an
 * export figure: its colours, caption, token labels and colour bar, as PNG content or as SVG.
 *
 *  - 'sequential': the chosen colour map over [0, max], linear or log, with the first token left
 *    out (hatched) when asked (see heatmap/colorScale.ts);
 *  - 'diverging': the app's diverging map over [−max, +max] (zero is the neutral middle).
 *
 * Compare and aggregates use it; the SVG is vector (one <rect> per cell, labels as <text>).
 */
import type { TranslateFn } from '../../i18n';
import type { ColorMapName, ColorScaleName } from '../../store';
import { maxAbsOf, symmetricMax } from '../aggregate/diverging';
import { lutIndex } from '../heatmap/color';
import {
  cellScaleOf,
  formatScaleTick,
  isHatchedColumn,
  scaledToRgba,
  scaleLutIndex,
  scaleNote,
  scaleTicks,
} from '../heatmap/colorScale';
import { drawSinkHatch } from '../heatmap/sinkHatch';
import {
  COLOR_MAP_INTERPOLATORS,
  colorMapLut,
  DIVERGING_LUT,
  interpolateDiverging,
  signedMatrixToRgba,
} from '../heatmap/colormaps';
import { figureRow, rowLayout, type FigurePart, type PictureContent } from './composite';
import { computeFigureLayout, type ColourBarSpec, type FigureSpec } from './figure';
import { makeCanvas2d } from './png';
import { figureSvg, SINK_CELL } from './svg';

export interface MatrixPartInput {
  /** The part's caption ("Sentence A", "Difference B − A"). */
  caption: string;
  /** [rows] and [cols] token labels. */
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** Row-major [rows][cols] values. */
  matrix: Float32Array;
  scale: 'sequential' | 'diverging';
  /** Top of a sequential scale or half-width of a diverging one; default from the matrix. */
  max?: number;
  colorMap: ColorMapName;
  /** A sequential scale's colours: linear (default) or log. */
  colorScale?: ColorScaleName;
  /** A sequential scale over the keys after the first, which is drawn hatched (default false). */
  leaveOutFirst?: boolean;
  /** When given, a sequential part's title says how its colours were scaled (log, sink left out). */
  t?: TranslateFn;
  /** Caption of the colour bar. */
  barLabel: string;
  /** Tick text (the app's number format). */
  format: (value: number) => string;
}

/** The figure of one matrix, and each cell's colour, without pixels (Node-testable). */
export function matrixPartSpec(input: MatrixPartInput): {
  spec: FigureSpec & { colourBar: ColourBarSpec };
  top: number;
  /** The first column is the left-out first token: drawn hatched, not coloured. */
  hatchFirst: boolean;
  /** Each cell's colour, or SINK_CELL for the hatched first column. */
  cellColor: (row: number, col: number) => string;
  /** RGBA pixels, one per cell (the hatched column transparent). */
  rgba: () => Uint8ClampedArray;
} {
  const rows = input.rowLabels.length;
  const cols = input.colLabels.length;
  const diverging = input.scale === 'diverging';
  const seq = cellScaleOf(
    input.matrix,
    rows,
    cols,
    { kind: input.colorScale ?? 'linear', leaveOutFirst: input.leaveOutFirst ?? false },
    input.max,
  );
  const top = diverging ? symmetricMax(input.max ?? maxAbsOf(input.matrix)) : seq.max;
  const ticks = diverging ? [-top, 0, top] : [...scaleTicks(seq, 4), top];
  const lut = diverging ? DIVERGING_LUT : colorMapLut(input.colorMap);
  const size = lut.length / 3;
  const hex = (i: number) => lut[i]!.toString(16).padStart(2, '0');
  const note = !diverging && input.t ? scaleNote(seq, input.t, input.format) : null;
  return {
    spec: {
      title: note ? [input.caption, note] : [input.caption],
      rows,
      cols,
      rowLabels: input.rowLabels,
      colLabels: input.colLabels,
      colourBar: {
        min: diverging ? -top : seq.floor,
        max: top,
        interpolate: diverging ? interpolateDiverging : COLOR_MAP_INTERPOLATORS[input.colorMap],
        label: input.barLabel,
        ticks,
        format: diverging
          ? (v) => `${v > 0 ? '+' : ''}${input.format(v)}`
          : (v) => formatScaleTick(v, input.format),
        ...(diverging ? {} : { position: seq.position }),
      },
    },
    top,
    hatchFirst: !diverging && seq.hatchFirst,
    cellColor: (r, c) => {
      const v = input.matrix[r * cols + c] ?? 0;
      if (!diverging && isHatchedColumn(seq, c)) return SINK_CELL;
      const j = (diverging ? lutIndex(v + top, 2 * top, size) : scaleLutIndex(seq, v, size)) * 3;
      return `#${hex(j)}${hex(j + 1)}${hex(j + 2)}`;
    },
    rgba: () =>
      diverging
        ? signedMatrixToRgba(input.matrix, rows, cols, top)
        : scaledToRgba(input.matrix, rows, cols, seq, lut),
  };
}

/** One matrix as a part of a PNG (a canvas with one pixel per cell). Browser only. */
export function matrixPart(input: MatrixPartInput): FigurePart {
  const { spec, hatchFirst, rgba } = matrixPartSpec(input);
  const { rows, cols } = spec;
  const { canvas, ctx } = makeCanvas2d(Math.max(1, cols), Math.max(1, rows));
  if (ctx && rows > 0 && cols > 0) {
    const image = ctx.createImageData(cols, rows);
    image.data.set(rgba());
    ctx.putImageData(image, 0, 0);
  }
  return {
    ...spec,
    matrix: hatchFirst
      ? {
          paint(c, area) {
            c.imageSmoothingEnabled = false;
            c.drawImage(canvas, area.x, area.y, area.width, area.height);
            drawSinkHatch(c, area.x, area.y, area.cellSize, area.height);
          },
        }
      : { source: canvas },
    hatchTransparent: false,
  };
}

/** Matrices side by side under one title, as PNG content. Browser only. */
export function matricesPicture(
  title: readonly string[],
  inputs: readonly MatrixPartInput[],
): PictureContent | null {
  const valid = inputs.filter(isValid);
  return valid.length > 0 ? figureRow(title, valid.map(matrixPart)) : null;
}

function isValid(input: MatrixPartInput): boolean {
  const n = input.rowLabels.length * input.colLabels.length;
  return n > 0 && input.matrix.length === n;
}

/**
 * Matrices side by side under one title, as one SVG document: the title as <text>, then each
 * matrix as a nested <svg> of its own figure (cells as <rect>, labels as <text>, its colour bar).
 */
export function matricesSvg(
  title: readonly string[],
  inputs: readonly MatrixPartInput[],
): string | null {
  const valid = inputs.filter(isValid);
  if (valid.length === 0) return null;
  const parts = valid.map(matrixPartSpec);
  const row = rowLayout(parts.map((p) => p.spec));
  // The outer picture: the title over a content area the size of the row (as the PNG lays it out).
  const outer = computeFigureLayout({ title, rows: row.height, cols: row.width, cellSize: 1 });
  const inner = parts.map((p, i) =>
    figureSvg(
      row.layouts[i]!,
      p.spec.rows,
      p.spec.cols,
      p.cellColor,
      p.spec.colourBar,
      undefined,
      `p${i}-`,
    ).replace(/^<svg /, `<svg x="${outer.grid.x + row.offsets[i]!}" y="${outer.grid.y}" `),
  );
  const shell = figureSvg(outer, 0, 0, () => null, null, title.join(' — '), 'outer-');
  return shell.replace(/<\/svg>$/, `${inner.join('\n')}\n</svg>`);
}
