/**
 * The Lines view as files: an SVG document of the lines (one <line> per token pair, grouped by head
 * and opacity step) with the tokens as <text>, and the labels a PNG writes beside the canvas.
 */
import { escapeXml } from '../export/xml';
import { batchLines, headColor, keyY, queryY, type LineSeg, type LinesLayout } from './geometry';

export interface LinesPictureInput {
  layout: LinesLayout;
  lines: readonly LineSeg[];
  heads: number;
  queryTokens: readonly string[];
  keyTokens: readonly string[];
  title: string;
  /** Stroke width, CSS px (the view's 1.6, or 2.5 with a token in focus). */
  lineWidth?: number;
}

const TITLE_HEIGHT = 28;
const FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, &quot;Noto Sans&quot;, sans-serif';

/** A standalone SVG of the lines and tokens (text escaped; no markup from the tokens). */
export function linesSvg({
  layout,
  lines,
  heads,
  queryTokens,
  keyTokens,
  title,
  lineWidth = 1.6,
}: LinesPictureInput): string {
  const w = layout.width;
  const h = layout.height + TITLE_HEIGHT;
  const x0 = layout.leftX + 2;
  const x1 = layout.rightX - 2;
  const n = (v: number) => String(Math.round(v * 100) / 100);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(w)}" height="${n(h)}" viewBox="0 0 ${n(w)} ${n(h)}" font-family="${FONT}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="8" y="${TITLE_HEIGHT / 2}" dominant-baseline="middle" font-size="14" font-weight="600" fill="#1f2330">${escapeXml(title)}</text>`,
    `<g transform="translate(0 ${TITLE_HEIGHT})">`,
    `<g stroke-linecap="round" stroke-width="${n(lineWidth)}">`,
  ];
  for (const group of batchLines(lines)) {
    out.push(
      `<g data-head="${group.head + 1}" stroke="${headColor(group.head, heads)}" stroke-opacity="${n(group.alpha)}">`,
    );
    for (const line of group.lines)
      out.push(
        `<line x1="${n(x0)}" y1="${n(queryY(layout, line.query))}" x2="${n(x1)}" y2="${n(keyY(layout, line.key))}"/>`,
      );
    out.push('</g>');
  }
  out.push('</g>', `<g font-size="12" fill="#1f2330" dominant-baseline="middle">`);
  queryTokens.forEach((text, i) =>
    out.push(
      `<text x="${n(layout.leftX - 6)}" y="${n(queryY(layout, i))}" text-anchor="end">${escapeXml(text)}</text>`,
    ),
  );
  keyTokens.forEach((text, j) =>
    out.push(
      `<text x="${n(layout.rightX + 6)}" y="${n(keyY(layout, j))}">${escapeXml(text)}</text>`,
    ),
  );
  out.push('</g>', '</g>', '</svg>');
  return out.join('\n');
}

/** The tokens beside the lines, for a PNG drawn with fillText (CSS px, frame coordinates). */
export function linesLabels(
  layout: LinesLayout,
  queryTokens: readonly string[],
  keyTokens: readonly string[],
): { text: string; x: number; y: number; align: 'left' | 'right' }[] {
  return [
    ...queryTokens.map((text, i) => ({
      text,
      x: layout.leftX - 6,
      y: queryY(layout, i),
      align: 'right' as const,
    })),
    ...keyTokens.map((text, j) => ({
      text,
      x: layout.rightX + 6,
      y: keyY(layout, j),
      align: 'left' as const,
    })),
  ];
}
