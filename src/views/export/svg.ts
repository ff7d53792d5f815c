/**
 * SVG export, for vector views and for heatmaps as vectors.
 *
 *  - `figureSvg(layout, cells)`: the same composed picture as the PNG (title, labels, colour bar),
 *    built as a string from the pure layout; one <rect> per cell.
 *  - `serializeSvgElement(svg, options)`: any SVG on the page (the lines view, …) as a standalone
 *    file: computed styles inlined (CSS variables and page stylesheets do not travel), xmlns set, an
 *    optional title and background. Uses XMLSerializer (no HTML parsing; text stays text).
 *
 * All text is XML-escaped, so a token like `<script>` is written as `&lt;script&gt;`.
 */
import { SINK_HATCH } from '../heatmap/sinkHatch';
import { FIGURE_FONT, type ColourBarSpec, type FigureLayout, type TextItem } from './figure';

import { escapeXml } from './xml';

export { escapeXml };

const SVG_NS = 'http://www.w3.org/2000/svg';

const num = (v: number): string => String(Math.round(v * 100) / 100);

function textElement(item: TextItem): string {
  const anchor = item.anchor && item.anchor !== 'start' ? ` text-anchor="${item.anchor}"` : '';
  const weight = item.bold ? ' font-weight="600"' : '';
  const family = escapeXml(item.mono ? FIGURE_FONT.mono : FIGURE_FONT.sans);
  const fill = item.muted ? '#5d6573' : '#1a1d23';
  const place = item.rotated
    ? `transform="translate(${num(item.x)},${num(item.y)}) rotate(-90)"`
    : `x="${num(item.x)}" y="${num(item.y)}"`;
  return `<text ${place} font-family="${family}" font-size="${item.size}"${weight}${anchor} fill="${fill}">${escapeXml(item.text)}</text>`;
}

/** What `cellColor` returns for a cell of the left-out first token (drawn with the sink's stripes). */
export const SINK_CELL = 'sink';

/**
 * The picture of `layout` as an SVG document. `cellColor(row, col)` gives each cell's CSS colour,
 * null for a masked cell (drawn hatched), or SINK_CELL for the left-out first token (striped).
 */
export function figureSvg(
  layout: FigureLayout,
  rows: number,
  cols: number,
  cellColor: (row: number, col: number) => string | null,
  colourBar?: ColourBarSpec | null,
  description?: string,
  /** Prefix of the document's ids, so that several pictures can share one SVG file. */
  idPrefix = '',
): string {
  const masked = `${idPrefix}masked`;
  const sink = `${idPrefix}sink`;
  const barId = `${idPrefix}bar`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="${SVG_NS}" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
  );
  if (description) out.push(`<title>${escapeXml(description)}</title>`);
  out.push(
    `<defs><pattern id="${masked}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f7f9"/><rect width="3" height="6" fill="#e4e7ec"/></pattern>`,
    `<pattern id="${sink}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="5" height="5" fill="${SINK_HATCH.light}"/><rect width="2" height="5" fill="${SINK_HATCH.dark}"/></pattern>`,
  );
  if (colourBar) {
    out.push(`<linearGradient id="${barId}" x1="0" x2="1" y1="0" y2="0">`);
    for (let i = 0; i <= 20; i++)
      out.push(
        `<stop offset="${i / 20}" stop-color="${escapeXml(colourBar.interpolate(i / 20))}"/>`,
      );
    out.push('</linearGradient>');
  }
  out.push('</defs>');
  out.push(`<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>`);
  for (const item of layout.title) out.push(textElement(item));
  const g = layout.grid;
  const c = g.cellSize;
  out.push('<g shape-rendering="crispEdges">');
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < cols; k++) {
      const color = cellColor(r, k);
      out.push(
        `<rect x="${num(g.x + k * c)}" y="${num(g.y + r * c)}" width="${c}" height="${c}" fill="${color === null ? `url(#${masked})` : color === SINK_CELL ? `url(#${sink})` : escapeXml(color)}"/>`,
      );
    }
  out.push('</g>');
  for (const item of layout.rowLabels) out.push(textElement(item));
  for (const item of layout.colLabels) out.push(textElement(item));
  const bar = layout.colourBar;
  if (bar && colourBar) {
    out.push(textElement(bar.label));
    out.push(
      `<rect x="${num(bar.x)}" y="${num(bar.y)}" width="${bar.width}" height="${bar.height}" fill="url(#${barId})" stroke="#c5cbd6"/>`,
    );
    for (const tick of bar.ticks) {
      out.push(
        `<line x1="${num(tick.x)}" x2="${num(tick.x)}" y1="${num(bar.y + bar.height)}" y2="${num(bar.y + bar.height + 3)}" stroke="#5d6573"/>`,
      );
      out.push(textElement(tick));
    }
    if (bar.masked) {
      const m = bar.masked;
      out.push(
        `<rect x="${num(m.x)}" y="${num(m.y)}" width="${m.width}" height="${m.height}" fill="url(#${masked})" stroke="#c5cbd6"/>`,
      );
      out.push(textElement(m.label));
    }
  }
  for (const item of layout.legend?.items ?? []) {
    out.push(
      `<rect x="${num(item.x)}" y="${num(item.y)}" width="${item.width}" height="${item.height}" fill="${item.color === null ? `url(#${masked})` : escapeXml(item.color)}" stroke="#c5cbd6"/>`,
    );
    out.push(textElement(item.label));
  }
  if (layout.footer) out.push(textElement(layout.footer));
  out.push('</svg>');
  return out.join('\n');
}

/** Style properties copied onto each element of a serialized SVG. */
export const SVG_STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

export interface SerializeSvgOptions {
  /** Becomes the file's <title> (and accessible name). */
  title?: string;
  /** A background rectangle behind everything (e.g. '#ffffff'); default none (transparent). */
  background?: string;
  /** Copy computed styles onto each element; default true. */
  inlineStyles?: boolean;
}

/**
 * A standalone SVG file of an element on the page. Call in the browser; the element is cloned,
 * never changed.
 */
export function serializeSvgElement(svg: SVGSVGElement, options: SerializeSvgOptions = {}): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  if (options.inlineStyles !== false) {
    const source = [svg, ...Array.from(svg.querySelectorAll('*'))];
    const target = [clone, ...Array.from(clone.querySelectorAll('*'))];
    source.forEach((el, i) => {
      const copy = target[i];
      if (!copy) return;
      const computed = getComputedStyle(el);
      const style = SVG_STYLE_PROPERTIES.map((p) => {
        const v = computed.getPropertyValue(p);
        return v ? `${p}:${v}` : '';
      })
        .filter(Boolean)
        .join(';');
      if (style) copy.setAttribute('style', style);
      copy.removeAttribute('class');
    });
  }
  const box = svg.getBoundingClientRect();
  const width = svg.getAttribute('width') ?? String(Math.ceil(box.width));
  const height = svg.getAttribute('height') ?? String(Math.ceil(box.height));
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', width);
  clone.setAttribute('height', height);
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.removeAttribute('aria-hidden');
  if (options.background) {
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('width', '100%');
    rect.setAttribute('height', '100%');
    rect.setAttribute('fill', options.background);
    clone.insertBefore(rect, clone.firstChild);
  }
  if (options.title) {
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = options.title;
    clone.insertBefore(title, clone.firstChild);
  }
  return new XMLSerializer().serializeToString(clone);
}

/** An SVG string as a file. */
export function svgBlob(svg: string): Blob {
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n`, svg], {
    type: 'image/svg+xml;charset=utf-8',
  });
}
