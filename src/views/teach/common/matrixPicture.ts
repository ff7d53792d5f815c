/**
 * A teaching matrix (mask pattern, scores, softmax, ALiBi bias, position tables…) as an export
 * picture: its cells in the colours MatrixCanvas shows, its token or position labels, a title, and
 * a colour bar over the same scale (sequential or diverging). Masked cells (−∞) are hatched as on
 * screen and named by a hatched swatch after the bar. A matrix with no value scale (a boolean mask
 * pattern) gets a two-swatch legend (allowed / masked) instead of a bar.
 *
 * `teachMatrixSpec` is pure (layout and cell colours, Node-testable); `teachMatrixPicture` adds the
 * painter for PictureExport (browser).
 */
import { finiteExtent } from '../../../analysis/teach/matrix';
import type { PictureContent } from '../../export/composite';
import { defaultCellSize, type FigureSpec } from '../../export/figure';
import { hatch } from '../../export/png';
import { colorDomain, colorScale, textOn, type Scheme } from './colors';
import { fixed } from './format';

/** How the picture explains its colours. */
export type TeachMatrixLegend =
  | {
      kind: 'bar';
      /** Caption of the colour bar ("Score", "Attention weight"). */
      label: string;
      /** Caption of the hatched swatch, shown when some cell is −∞ ("Masked (−∞)"). */
      maskedLabel: string;
      /** Tick text. */
      format: (value: number) => string;
    }
  | {
      /** A boolean pattern: 1 = allowed (drawn in the scale's colour of 1), −∞ = masked. */
      kind: 'pattern';
      allowed: string;
      masked: string;
    };

export interface TeachMatrixPictureInput {
  title: readonly string[];
  /** Row-major [rows][cols]; −∞ masked (hatched), NaN no value (left blank). */
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  scheme: Scheme;
  /** Colour domain as given to MatrixCanvas; default the finite extent of the values. */
  domain?: [number, number];
  legend: TeachMatrixLegend;
  /** Numbers inside cells big enough for them (as on screen), with `digits` decimals. */
  showValues?: boolean;
  digits?: number;
}

/** The title lines of a teaching picture: what, the details, then the sentence. */
export function teachTitle(
  first: string,
  details: readonly string[],
  sentenceLine: string | null,
): string[] {
  return [
    first,
    ...details.filter((d) => d.trim() !== ''),
    ...(sentenceLine ? [sentenceLine] : []),
  ];
}

/** What a cell shows: a colour, the masked hatch, or nothing. */
export type TeachCell = { color: string; value: number } | 'masked' | null;

/** Cells at least this big (CSS px at 1×) carry their number, as MatrixCanvas does. */
const VALUE_CELL = 30;

export function teachMatrixSpec(input: TeachMatrixPictureInput): {
  spec: FigureSpec;
  cell: (row: number, col: number) => TeachCell;
} {
  const { rows, cols, values, scheme, legend } = input;
  const extent = input.domain ?? finiteExtent(values);
  const color = colorScale(scheme, extent);
  let anyMasked = false;
  for (let i = 0; i < rows * cols && !anyMasked; i++) anyMasked = values[i] === -Infinity;
  const [min, max] = colorDomain(scheme, extent);
  const spec: FigureSpec = {
    title: input.title,
    rows,
    cols,
    rowLabels: input.rowLabels.slice(0, rows),
    colLabels: input.colLabels.slice(0, cols),
    cellSize: defaultCellSize(rows, cols),
    colourBar:
      legend.kind === 'bar'
        ? {
            min,
            max,
            interpolate: (t) => color(min + t * (max - min)),
            label: legend.label,
            ticks: scheme === 'diverging' ? [min, 0, max] : [min, (min + max) / 2, max],
            format: legend.format,
            ...(anyMasked ? { maskedLabel: legend.maskedLabel } : {}),
          }
        : null,
    legend:
      legend.kind === 'pattern'
        ? {
            items: [
              { label: legend.allowed, color: color(1) },
              { label: legend.masked, color: null },
            ],
          }
        : null,
  };
  return {
    spec,
    cell: (r, c) => {
      const v = values[r * cols + c] ?? Number.NaN;
      if (v === -Infinity) return 'masked';
      if (Number.isNaN(v)) return null;
      return { color: color(v), value: v };
    },
  };
}

/** The picture for PictureExport's `picture` prop. Browser only (paints on a canvas). */
export function teachMatrixPicture(input: TeachMatrixPictureInput): PictureContent | null {
  if (input.rows <= 0 || input.cols <= 0) return null;
  const { spec, cell } = teachMatrixSpec(input);
  const { rows, cols } = input;
  return {
    ...spec,
    hatchTransparent: false,
    matrix: {
      paint(ctx, area) {
        const size = area.cellSize;
        const numbers = (input.showValues ?? true) && size >= VALUE_CELL;
        ctx.font = `${Math.min(11, size / 3)}px ui-monospace, Menlo, Consolas, monospace`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < cols; c++) {
            const x = area.x + c * size;
            const y = area.y + r * size;
            const shown = cell(r, c);
            if (shown === 'masked') hatch(ctx, x, y, size, size);
            else if (shown) {
              ctx.fillStyle = shown.color;
              ctx.fillRect(x, y, size, size);
              if (numbers) {
                ctx.fillStyle = textOn(shown.color);
                ctx.fillText(fixed(shown.value, input.digits ?? 2), x + size / 2, y + size / 2);
              }
            }
          }
      },
    },
  };
}
