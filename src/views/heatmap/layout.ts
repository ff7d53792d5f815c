/**
 * Pure layout of a heatmap: cell size, label thinning and label positions. The component only
 * paints what this computes ("compute, then draw"); unit tests cover it in Node.
 */

export interface HeatmapLayoutOptions {
  /** Width the whole heatmap (row labels + cells) may take, in CSS px. Default: no limit. */
  availableWidth?: number;
  /** Smallest cell in CSS px; below this the heatmap scrolls instead of shrinking. Default 6. */
  minCell?: number;
  /** Largest cell in CSS px. Default 32. */
  maxCell?: number;
  /** Label font size in CSS px. Default 12. */
  fontSize?: number;
  /** Labels longer than this many characters are cut with an ellipsis. Default 14. */
  maxLabelChars?: number;
  /** Width of a text in CSS px; default `estimateTextWidth`. */
  measure?: (text: string, fontSize: number) => number;
}

export interface AxisLabel {
  /** Token index on this axis. */
  index: number;
  /** Text to draw (possibly shortened). */
  text: string;
  /** The token's full text (for a title / accessible name). */
  full: string;
  /** Centre of the token's row or column, in CSS px from the start of the grid. */
  center: number;
}

export interface HeatmapLayout {
  rows: number;
  cols: number;
  /** Side of one cell in CSS px. */
  cellSize: number;
  gridWidth: number;
  gridHeight: number;
  /** Width of the row-label gutter (query tokens, left). */
  rowLabelWidth: number;
  /** Height of the column-label gutter (key tokens, top; text runs vertically). */
  colLabelHeight: number;
  /** Every `labelStep`-th label is drawn when cells are smaller than a line of text. */
  rowLabelStep: number;
  colLabelStep: number;
  rowLabels: AxisLabel[];
  colLabels: AxisLabel[];
  fontSize: number;
}

const LABEL_PADDING = 8;

/** Wide (East Asian, emoji) characters count as one em; others about 0.6 em. */
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}]|[\u{20000}-\u{3fffd}]/u;

/**
 * Whether a column label reads better upright than rotated: one wide character (a Chinese
 * character, CJK punctuation). Rotated, it would lie on its side.
 */
export function isUprightLabel(text: string): boolean {
  const chars = Array.from(text);
  return chars.length === 1 && WIDE.test(chars[0]!);
}

/** A font-independent estimate of a text's width (so layout is deterministic and testable). */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += WIDE.test(ch) ? 1 : 0.62;
  return ems * fontSize;
}

/** Shortens `text` to at most `maxChars` characters (code points), ending with "…" when cut. */
export function shortenLabel(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

/**
 * How many labels to skip so that drawn labels do not overlap: 1 (draw all) when a cell is at
 * least a line of text tall, else every n-th.
 */
export function labelStep(cellSize: number, fontSize: number): number {
  const line = fontSize * 1.2;
  if (cellSize <= 0) return 1;
  return cellSize >= line ? 1 : Math.ceil(line / cellSize);
}

/** Indices 0, step, 2·step, … below `count`. */
export function thinnedIndices(count: number, step: number): number[] {
  const out: number[] = [];
  const s = Math.max(1, Math.floor(step));
  for (let i = 0; i < count; i += s) out.push(i);
  return out;
}

export function computeHeatmapLayout(
  tokensQ: readonly string[],
  tokensK: readonly string[],
  options: HeatmapLayoutOptions = {},
): HeatmapLayout {
  const fontSize = options.fontSize ?? 12;
  const minCell = options.minCell ?? 6;
  const maxCell = Math.max(minCell, options.maxCell ?? 32);
  const maxChars = options.maxLabelChars ?? 14;
  const measure = options.measure ?? estimateTextWidth;
  const rows = tokensQ.length;
  const cols = tokensK.length;

  const widest = (tokens: readonly string[]): number =>
    tokens.reduce((w, t) => Math.max(w, measure(shortenLabel(t, maxChars), fontSize)), 0);
  const rowLabelWidth = Math.ceil(widest(tokensQ) + LABEL_PADDING);
  const colLabelHeight = Math.ceil(widest(tokensK) + LABEL_PADDING);

  let cellSize = maxCell;
  if (options.availableWidth !== undefined && cols > 0) {
    const fit = Math.floor((options.availableWidth - rowLabelWidth) / cols);
    cellSize = Math.min(maxCell, Math.max(minCell, fit));
  }

  const rowLabelStep = labelStep(cellSize, fontSize);
  const colLabelStep = labelStep(cellSize, fontSize);
  const label =
    (tokens: readonly string[]) =>
    (index: number): AxisLabel => {
      const full = tokens[index] ?? '';
      return {
        index,
        full,
        text: shortenLabel(full, maxChars),
        center: index * cellSize + cellSize / 2,
      };
    };

  return {
    rows,
    cols,
    cellSize,
    gridWidth: cols * cellSize,
    gridHeight: rows * cellSize,
    rowLabelWidth,
    colLabelHeight,
    rowLabelStep,
    colLabelStep,
    rowLabels: thinnedIndices(rows, rowLabelStep).map(label(tokensQ)),
    colLabels: thinnedIndices(cols, colLabelStep).map(label(tokensK)),
    fontSize,
  };
}

/** The cell under a point given in CSS px from the grid's top-left corner, or null outside it. */
export function cellAt(
  x: number,
  y: number,
  cellSize: number,
  rows: number,
  cols: number,
): { query: number; key: number } | null {
  if (cellSize <= 0 || x < 0 || y < 0) return null;
  const key = Math.floor(x / cellSize);
  const query = Math.floor(y / cellSize);
  if (query >= rows || key >= cols) return null;
  return { query, key };
}

/** The cell an arrow key moves to, clamped to the grid. */
export function moveCell(
  cell: { query: number; key: number },
  key: string,
  rows: number,
  cols: number,
): { query: number; key: number } | null {
  const clamp = (v: number, n: number): number => Math.min(n - 1, Math.max(0, v));
  switch (key) {
    case 'ArrowUp':
      return { query: clamp(cell.query - 1, rows), key: cell.key };
    case 'ArrowDown':
      return { query: clamp(cell.query + 1, rows), key: cell.key };
    case 'ArrowLeft':
      return { query: cell.query, key: clamp(cell.key - 1, cols) };
    case 'ArrowRight':
      return { query: cell.query, key: clamp(cell.key + 1, cols) };
    case 'Home':
      return { query: cell.query, key: 0 };
    case 'End':
      return { query: cell.query, key: cols - 1 };
    default:
      return null;
  }
}
