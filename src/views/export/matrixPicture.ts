/**
 * Any labelled matrix (an average, a rollout, a head of sentence A or B, a difference B − A) as an
 * export figure: its colours, caption, token labels and colour bar, as PNG content or as SVG.
 *
 *  - 'sequential': the chosen colour map over [0, max];
 *  - 'diverging': the app's diverging map over [−max, +max] (zero is the neutral middle).
 *
 * Compare and aggregates use it; the SVG is vector (one <rect> per cell, labels as <text>).
 */
import { matrixMax } from '../../analysis';
import type { ColorMapName } from '../../store';
import { maxAbsOf, symmetricMax } from '../aggregate/diverging';
import { legendTicks, lutIndex, matrixToRgba, scaleMax } from '../heatmap/color';
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
import { figureSvg } from './svg';

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
  /** Caption of the colour bar. */
  barLabel: string;
  /** Tick text (the app's number format). */
  format: (value: number) => string;
}

/** The figure of one matrix, and each cell's colour, without pixels (Node-testable). */
export function matrixPartSpec(input: MatrixPartInput): {
  spec: FigureSpec & { colourBar: ColourBarSpec };
  top: number;
  cellColor: (row: number, col: number) => string;
} {
  const rows = input.rowLabels.length;
  const cols = input.colLabels.length;
  const diverging = input.scale === 'diverging';
  const top = diverging
    ? symmetricMax(input.max ?? maxAbsOf(input.matrix))
    : scaleMax(input.max ?? matrixMax(input.matrix));
  const ticks = diverging
    ? [-top, 0, top]
    : [...legendTicks(top, 4).filter((v) => v === 0 || v < top * 0.8), top];
  const lut = diverging ? DIVERGING_LUT : colorMapLut(input.colorMap);
  const size = lut.length / 3;
  const hex = (i: number) => lut[i]!.toString(16).padStart(2, '0');
  return {
    spec: {
      title: [input.caption],
      rows,
      cols,
      rowLabels: input.rowLabels,
      colLabels: input.colLabels,
      colourBar: {
        min: diverging ? -top : 0,
        max: top,
        interpolate: diverging ? interpolateDiverging : COLOR_MAP_INTERPOLATORS[input.colorMap],
        label: input.barLabel,
        ticks,
        format: diverging ? (v) => `${v > 0 ? '+' : ''}${input.format(v)}` : (v) => input.format(v),
      },
    },
    top,
    cellColor: (r, c) => {
      const v = input.matrix[r * cols + c] ?? 0;
      const j = (diverging ? lutIndex(v + top, 2 * top, size) : lutIndex(v, top, size)) * 3;
      return `#${hex(j)}${hex(j + 1)}${hex(j + 2)}`;
    },
  };
}

/** One matrix as a part of a PNG (a canvas with one pixel per cell). Browser only. */
export function matrixPart(input: MatrixPartInput): FigurePart {
  const { spec, top } = matrixPartSpec(input);
  const { rows, cols } = spec;
  const rgba =
    input.scale === 'diverging'
      ? signedMatrixToRgba(input.matrix, rows, cols, top)
      : matrixToRgba(input.matrix, rows, cols, top, colorMapLut(input.colorMap));
  const { canvas, ctx } = makeCanvas2d(Math.max(1, cols), Math.max(1, rows));
  if (ctx && rows > 0 && cols > 0) {
    const image = ctx.createImageData(cols, rows);
    image.data.set(rgba);
    ctx.putImageData(image, 0, 0);
  }
  return { ...spec, matrix: { source: canvas }, hatchTransparent: false };
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
