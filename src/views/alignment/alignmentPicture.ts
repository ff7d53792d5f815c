/**
 * The alignment picture as export content (PNG at 1×/2×/4×): lines painted as vectors at the
 * export's scale, token labels drawn as text (the export waits for their Chinese glyphs).
 */
import type { PictureContent } from '../export/composite';
import { drawText } from '../export/png';
import type { AlignmentLayout, AlignmentLine } from './layout';
import { LABEL_SIZE } from './layout';

export interface AlignmentPictureSpec {
  title: readonly string[];
  layout: AlignmentLayout;
  lines: readonly AlignmentLine[];
  /** Labels of the written (top) and source (bottom) tokens. */
  targets: readonly string[];
  sources: readonly string[];
}

/** The line colour of the light theme's accent (pictures are always drawn light). */
const LINE_COLOUR = '#4a3aa8';

export function alignmentPicture(spec: AlignmentPictureSpec): PictureContent {
  const { layout } = spec;
  const labels = [
    ...spec.targets.map((text, i) => ({
      text,
      x: layout.targetX[i] ?? 0,
      y: layout.targetLabelY[i] ?? 0,
      size: LABEL_SIZE,
      anchor: 'middle' as const,
    })),
    ...spec.sources.map((text, j) => ({
      text,
      x: layout.sourceX[j] ?? 0,
      y: layout.sourceLabelY[j] ?? 0,
      size: LABEL_SIZE,
      anchor: 'middle' as const,
    })),
  ];
  return {
    title: spec.title,
    rows: Math.max(1, Math.ceil(layout.height)),
    cols: Math.max(1, Math.ceil(layout.width)),
    cellSize: 1,
    colourBar: null,
    hatchTransparent: false,
    matrix: {
      paint(ctx, area) {
        ctx.save();
        ctx.translate(area.x, area.y);
        ctx.strokeStyle = LINE_COLOUR;
        ctx.lineWidth = 2;
        ctx.lineCap = 'round';
        for (const line of spec.lines) {
          ctx.globalAlpha = line.opacity;
          ctx.beginPath();
          ctx.moveTo(line.x1, line.y1);
          ctx.lineTo(line.x2, line.y2);
          ctx.stroke();
        }
        ctx.globalAlpha = 1;
        for (const label of labels) drawText(ctx, label);
        ctx.restore();
      },
      texts: labels.map((l) => l.text),
    },
  };
}
