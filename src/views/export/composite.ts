/**
 * Pictures made of more than one matrix: live canvases placed side by side (heads grid, lines), or
 * several labelled matrices in a row (compare: A, B and their difference). Both become the generic
 * figure's content (title above, colour bar below, downscale rule of `fitScale`), so every picture
 * export has the same 1×/2×/4× choice and the same notice past the canvas limits.
 *
 * The trick: the content is the figure's "matrix" of width × height cells of 1 CSS px each, painted
 * by a painter instead of pixels.
 */
import {
  computeFigureLayout,
  type ColourBarSpec,
  type FigureLayout,
  type FigureSpec,
  type TextItem,
} from './figure';
import {
  drawText,
  paintFigure,
  pictureTexts,
  type ExportPictureOptions,
  type MatrixSource,
} from './png';

/** What a picture shows, without its resolution (PictureExport adds scale and notice). */
export type PictureContent = Omit<ExportPictureOptions, 'scale' | 'downscaleNotice'>;

export { pictureTitle } from './pictureTitle';

/** A live canvas (or a decoded image) placed in a composite, CSS px from the content's corner. */
export interface PlacedCanvas {
  canvas: HTMLCanvasElement | HTMLImageElement;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CanvasCompositeSpec {
  title: readonly string[];
  /** Size of the content, CSS px. */
  width: number;
  height: number;
  /** Their backing stores are copied (nearest neighbour: cells stay sharp). */
  canvases: readonly PlacedCanvas[];
  /** Token labels and captions, in content coordinates (drawn with fillText, never markup). */
  labels?: readonly TextItem[];
  colourBar?: ColourBarSpec | null;
}

/** Live canvases and labels as one figure, with the title above and the colour bar below. */
export function canvasComposite(spec: CanvasCompositeSpec): PictureContent {
  return {
    title: spec.title,
    rows: Math.max(1, Math.ceil(spec.height)),
    cols: Math.max(1, Math.ceil(spec.width)),
    cellSize: 1,
    colourBar: spec.colourBar ?? null,
    hatchTransparent: false,
    matrix: {
      paint(ctx, area) {
        ctx.translate(area.x, area.y);
        for (const c of spec.canvases)
          if (c.canvas.width > 0 && c.canvas.height > 0 && c.width > 0 && c.height > 0)
            ctx.drawImage(c.canvas, c.x, c.y, c.width, c.height);
        for (const label of spec.labels ?? []) drawText(ctx, label);
      },
      texts: (spec.labels ?? []).map((label) => label.text),
    },
  };
}

/** One labelled matrix of a row of figures, with its own caption and colour bar. */
export interface FigurePart extends FigureSpec {
  matrix: MatrixSource;
  hatchTransparent?: boolean;
}

/** Space between the parts of a row, CSS px. */
export const PART_GAP = 8;

/** Where each part of a row goes: their layouts side by side, top-aligned. */
export function rowLayout(parts: readonly FigureSpec[]): {
  layouts: FigureLayout[];
  offsets: number[];
  width: number;
  height: number;
} {
  const layouts = parts.map((p) => computeFigureLayout(p));
  const offsets: number[] = [];
  let x = 0;
  for (const l of layouts) {
    offsets.push(x);
    x += l.width + PART_GAP;
  }
  return {
    layouts,
    offsets,
    width: Math.max(1, x - PART_GAP),
    height: Math.max(1, ...layouts.map((l) => l.height)),
  };
}

/** Several labelled matrices side by side under one title (each keeps its own colour bar). */
export function figureRow(title: readonly string[], parts: readonly FigurePart[]): PictureContent {
  const row = rowLayout(parts);
  return {
    title,
    rows: row.height,
    cols: row.width,
    cellSize: 1,
    colourBar: null,
    hatchTransparent: false,
    matrix: {
      paint(ctx, area) {
        parts.forEach((part, i) => {
          ctx.save();
          ctx.translate(area.x + row.offsets[i]!, area.y);
          paintFigure(ctx, row.layouts[i]!, part);
          ctx.restore();
        });
      },
      texts: pictureTexts(parts),
    },
  };
}
