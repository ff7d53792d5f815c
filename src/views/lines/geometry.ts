/**
 * Pure geometry of the lines view (BertViz's head view): query tokens in a left column, key tokens
 * in a right column, one line per (head, query, key) whose opacity is the weight.
 */
import { schemeTableau10, interpolateSinebow } from 'd3-scale-chromatic';

/** Up to this many tokens per side every line is drawn; above it only the hovered token's lines. */
export const ALL_LINES_MAX_TOKENS = 64;

/** Lines lighter than this are not drawn (they would be invisible anyway). */
export const LINE_THRESHOLD = 0.01;

export interface LinesLayoutOptions {
  /** Height of one token row, CSS px. Default 22 (16 above ALL_LINES_MAX_TOKENS tokens). */
  rowHeight?: number;
  /** Width of each token column, CSS px. Default 120. */
  labelWidth?: number;
  /** Smallest width of the band between the columns, CSS px. Default 160. */
  minBand?: number;
}

export interface LinesLayout {
  rows: number;
  cols: number;
  rowHeight: number;
  labelWidth: number;
  /** Total size, CSS px. */
  width: number;
  height: number;
  /** x of the lines' ends: right edge of the left column, left edge of the right column. */
  leftX: number;
  rightX: number;
  /** y of the first query row's top and the first key row's top (the shorter column is centred). */
  rowTop: number;
  colTop: number;
}

/** Lays out `rows` query tokens against `cols` key tokens in `width` CSS px. */
export function linesLayout(
  rows: number,
  cols: number,
  width: number | undefined,
  options: LinesLayoutOptions = {},
): LinesLayout {
  const many = Math.max(rows, cols) > ALL_LINES_MAX_TOKENS;
  const rowHeight = options.rowHeight ?? (many ? 16 : 22);
  const labelWidth = options.labelWidth ?? 120;
  const minBand = options.minBand ?? 160;
  const total = Math.max(2 * labelWidth + minBand, Math.floor(width ?? 0));
  const band = Math.min(total - 2 * labelWidth, 520);
  const height = Math.max(rows, cols) * rowHeight;
  return {
    rows,
    cols,
    rowHeight,
    labelWidth,
    width: 2 * labelWidth + band,
    height,
    leftX: labelWidth,
    rightX: labelWidth + band,
    rowTop: (height - rows * rowHeight) / 2,
    colTop: (height - cols * rowHeight) / 2,
  };
}

/** Centre y of query row `i`. */
export function queryY(layout: LinesLayout, i: number): number {
  return layout.rowTop + (i + 0.5) * layout.rowHeight;
}

/** Centre y of key row `j`. */
export function keyY(layout: LinesLayout, j: number): number {
  return layout.colTop + (j + 0.5) * layout.rowHeight;
}

/** One line: head `head`'s attention from query `query` to key `key`. */
export interface LineSeg {
  head: number;
  query: number;
  key: number;
  weight: number;
}

export interface CollectOptions {
  /** Lines lighter than this are dropped. Default LINE_THRESHOLD. */
  threshold?: number;
  /** Keep only this query's lines (a hovered left token). */
  query?: number | null;
  /** Keep only lines into this key (a hovered right token). */
  key?: number | null;
}

/**
 * The lines of the `visible` heads of one layer ([heads][rows][cols] row-major), lightest first
 * (so the strongest are drawn on top), optionally only those of one query or one key.
 */
export function collectLines(
  layer: Float32Array,
  rows: number,
  cols: number,
  visible: readonly number[],
  options: CollectOptions = {},
): LineSeg[] {
  const threshold = options.threshold ?? LINE_THRESHOLD;
  const q0 = options.query ?? null;
  const k0 = options.key ?? null;
  const out: LineSeg[] = [];
  for (const head of visible) {
    const base = head * rows * cols;
    if (base + rows * cols > layer.length || head < 0) continue;
    for (let q = q0 ?? 0; q < (q0 === null ? rows : q0 + 1) && q < rows; q++) {
      for (let k = k0 ?? 0; k < (k0 === null ? cols : k0 + 1) && k < cols; k++) {
        const w = layer[base + q * cols + k]!;
        if (w >= threshold) out.push({ head, query: q, key: k, weight: w });
      }
    }
  }
  return out.sort((a, b) => a.weight - b.weight);
}

/** Opacity steps lines are batched into (one canvas path per head and step). */
export const ALPHA_STEPS = 20;

/** The opacity step of a weight: 1…ALPHA_STEPS (weights ≥ 1 take the last). */
export function alphaStep(weight: number): number {
  return Math.max(1, Math.min(ALPHA_STEPS, Math.round(weight * ALPHA_STEPS)));
}

/**
 * Lines grouped by head and opacity step, so a canvas strokes one path per group (at most
 * heads × ALPHA_STEPS strokes, however many lines). Groups come out lightest first.
 */
export function batchLines(
  lines: readonly LineSeg[],
): { head: number; alpha: number; lines: LineSeg[] }[] {
  const groups = new Map<number, { head: number; alpha: number; lines: LineSeg[] }>();
  for (const line of lines) {
    const step = alphaStep(line.weight);
    const id = line.head * (ALPHA_STEPS + 1) + step;
    let g = groups.get(id);
    if (!g) {
      g = { head: line.head, alpha: step / ALPHA_STEPS, lines: [] };
      groups.set(id, g);
    }
    g.lines.push(line);
  }
  return [...groups.values()].sort((a, b) => a.alpha - b.alpha || a.head - b.head);
}

/** The colour of head `head` of `count`: Tableau 10 up to 10 heads, evenly spaced hues beyond. */
export function headColor(head: number, count: number): string {
  if (count <= schemeTableau10.length) return schemeTableau10[head % schemeTableau10.length]!;
  return interpolateSinebow(head / count);
}
