/**
 * Pure layout of an exported picture ("compute, then draw"): a title, a matrix with its row and
 * column labels, a colour bar and an optional footer, in CSS px at 1×. The PNG painter (png.ts) and
 * the SVG writer (svg.ts) both draw exactly what this computes, and tests check it in Node.
 *
 * Also the size rule for big pictures: Chromium refuses canvases over 65,535 px a side or
 * 268,435,456 px in all, so a picture that would pass either is drawn at a smaller scale instead of
 * coming out blank (`fitScale`).
 */
import { CJK_FAMILY } from '../fonts/chineseFont';
import { estimateTextWidth, isUprightLabel, shortenLabel } from '../heatmap/layout';

/** Chromium's canvas limits. */
export const CANVAS_LIMITS = { maxSide: 65_535, maxArea: 268_435_456 } as const;

export { EXPORT_SCALES, type ExportScale } from './scales';

export const FIGURE_FONT = {
  /** Title and colour-bar text. */
  sans: `system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans CJK SC", "PingFang SC", ${CJK_FAMILY}, sans-serif`,
  /** Token labels (as on the page). */
  mono: `ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", ${CJK_FAMILY}, monospace`,
} as const;

const PAD = 16;
const TITLE_SIZE = 15;
const SUBTITLE_SIZE = 13;
const LINE = 1.4;
const LABEL_SIZE = 12;
const LABEL_PAD = 8;
const LABEL_CHARS = 16;
const BAR_WIDTH = 220;
const BAR_HEIGHT = 12;
const SMALL = 11;
const MIN_CONTENT = 360;
const MAX_TITLE_LINES = 4;
/** A legend swatch's width and the space between two swatches. */
const SWATCH = 16;
const SWATCH_GAP = 24;

/** The colour bar under the matrix. */
export interface ColourBarSpec {
  /** Bottom and top of the scale; min defaults to 0. */
  min?: number;
  max: number;
  /** t ∈ [0, 1] → CSS colour (a d3 interpolator). */
  interpolate: (t: number) => string;
  /** Caption left of the bar ("Attention weight"). */
  label: string;
  /** Tick values inside [min, max]; default min, the middle and max. */
  ticks?: readonly number[];
  /** Tick text; default String(value). */
  format?: (value: number) => string;
  /** When set, a hatched swatch with this caption follows the bar (masked cells). */
  maskedLabel?: string;
  /**
   * A value's place along the bar in [0, 1] (a log scale's); default linear over [min, max]. The
   * bar's gradient is `interpolate` over that place, so ticks land on their colours.
   */
  position?: (value: number) => number;
}

/**
 * A legend of flat swatches instead of a colour bar, for a matrix with no value scale (a boolean
 * mask pattern: "allowed" and "masked"). A swatch of colour null is hatched like masked cells.
 */
export interface SwatchLegendSpec {
  items: readonly { label: string; color: string | null }[];
}

/** What to lay out: the matrix is `rows` × `cols` cells. */
export interface FigureSpec {
  /** Title lines; the first is drawn bold, each wraps to the picture's width. */
  title: readonly string[];
  rows: number;
  cols: number;
  /** Query (row) labels, `rows` of them; omitted: no left gutter. */
  rowLabels?: readonly string[];
  /** Key (column) labels, `cols` of them; omitted: no top gutter. */
  colLabels?: readonly string[];
  /** Side of a cell in CSS px at 1×; default `defaultCellSize(rows, cols)`. */
  cellSize?: number;
  colourBar?: ColourBarSpec | null;
  /** Swatches under the matrix (after the colour bar, if both are given). */
  legend?: SwatchLegendSpec | null;
  /** A muted line at the bottom (e.g. the downscale notice). */
  footer?: string;
}

export interface TextItem {
  text: string;
  x: number;
  y: number;
  size: number;
  bold?: boolean;
  /** 'start' (default), 'middle' or 'end'. */
  anchor?: 'start' | 'middle' | 'end';
  /** Rotated −90° about (x, y) (column labels). */
  rotated?: boolean;
  mono?: boolean;
  muted?: boolean;
}

export interface FigureLayout {
  /** Picture size in CSS px at 1× (integers). */
  width: number;
  height: number;
  title: TextItem[];
  /** The matrix: cells of `cellSize` from (x, y). */
  grid: { x: number; y: number; width: number; height: number; cellSize: number };
  rowLabels: TextItem[];
  colLabels: TextItem[];
  colourBar: {
    x: number;
    y: number;
    width: number;
    height: number;
    label: TextItem;
    ticks: (TextItem & { value: number })[];
    /** The hatched swatch and its caption, when asked for. */
    masked: { x: number; y: number; width: number; height: number; label: TextItem } | null;
  } | null;
  legend: {
    items: {
      x: number;
      y: number;
      width: number;
      height: number;
      color: string | null;
      label: TextItem;
    }[];
  } | null;
  footer: TextItem | null;
}

/** Cell side at 1×: big for short sentences, never below what one line of label needs. */
export function defaultCellSize(rows: number, cols: number): number {
  const n = Math.max(rows, cols);
  if (n <= 16) return 32;
  if (n <= 48) return 24;
  return 16;
}

/** Separator of title parts ("model · kind · layer"): lines break between parts first. */
const PART_SEPARATOR = ' · ';

/**
 * Breaks `text` into lines no wider than `width` (estimated): between " · " parts where it can,
 * else at spaces, else anywhere in a long word (CJK text has no spaces). At most `maxLines`; the
 * last one ends with "…" when text was left out.
 */
export function wrapText(text: string, size: number, width: number, maxLines: number): string[] {
  const fits = (s: string) => estimateTextWidth(s, size) <= width;
  const lines: string[] = [];
  let line = '';
  const push = (s: string) => {
    if (s !== '') lines.push(s);
  };
  /** Adds `unit` to the current line with `joiner`, or starts a new line with it. */
  const add = (unit: string, joiner: string): void => {
    const candidate = line === '' ? unit : `${line}${joiner}${unit}`;
    if (fits(candidate)) {
      line = candidate;
      return;
    }
    push(line);
    line = '';
    if (fits(unit)) {
      line = unit;
      return;
    }
    const words = unit.split(/\s+/).filter(Boolean);
    if (words.length > 1) {
      for (const word of words) add(word, ' ');
      return;
    }
    // One word wider than the line: cut it by characters.
    let rest = unit;
    while (!fits(rest)) {
      const chars = Array.from(rest);
      let n = chars.length - 1;
      while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
      push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
    }
    line = rest;
  };
  for (const part of text.split(PART_SEPARATOR)) {
    const unit = part.trim().replace(/\s+/g, ' ');
    if (unit !== '') add(unit, PART_SEPARATOR);
  }
  push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]!}…`;
  while (!fits(last) && last.length > 1) last = `${Array.from(last).slice(0, -2).join('')}…`;
  kept[maxLines - 1] = last;
  return kept;
}

/** Ticks of a colour bar when none are given: min, middle, max. */
function defaultTicks(min: number, max: number): number[] {
  return [min, (min + max) / 2, max];
}

export function computeFigureLayout(spec: FigureSpec): FigureLayout {
  const rows = Math.max(0, Math.floor(spec.rows));
  const cols = Math.max(0, Math.floor(spec.cols));
  const cell = Math.max(1, Math.round(spec.cellSize ?? defaultCellSize(rows, cols)));
  const rowTexts = (spec.rowLabels ?? []).slice(0, rows).map((t) => shortenLabel(t, LABEL_CHARS));
  const colTexts = (spec.colLabels ?? []).slice(0, cols).map((t) => shortenLabel(t, LABEL_CHARS));
  const widest = (texts: string[]) =>
    texts.reduce((w, t) => Math.max(w, estimateTextWidth(t, LABEL_SIZE)), 0);
  const rowGutter = rowTexts.length > 0 ? Math.ceil(widest(rowTexts) + LABEL_PAD) : 0;
  const colGutter =
    colTexts.length > 0
      ? Math.ceil(
          Math.max(
            LABEL_SIZE * LINE,
            ...colTexts.map((t) =>
              isUprightLabel(t) ? LABEL_SIZE * LINE : estimateTextWidth(t, LABEL_SIZE),
            ),
          ) + LABEL_PAD,
        )
      : 0;
  const gridWidth = cols * cell;
  const gridHeight = rows * cell;

  const bar = spec.colourBar ?? null;
  const barLabelWidth = bar ? Math.ceil(estimateTextWidth(bar.label, SMALL + 1)) : 0;
  const maskedWidth =
    bar?.maskedLabel !== undefined
      ? 16 + 6 + Math.ceil(estimateTextWidth(bar.maskedLabel, SMALL + 1))
      : 0;
  const barRowWidth = bar
    ? barLabelWidth + 12 + BAR_WIDTH + (maskedWidth > 0 ? 24 + maskedWidth : 0)
    : 0;

  const swatchWidths = (spec.legend?.items ?? []).map(
    (item) => SWATCH + 6 + Math.ceil(estimateTextWidth(item.label, SMALL + 1)),
  );
  const legendRowWidth = swatchWidths.reduce((w, s, i) => w + s + (i > 0 ? SWATCH_GAP : 0), 0);

  const contentWidth = Math.max(MIN_CONTENT, rowGutter + gridWidth, barRowWidth, legendRowWidth);
  const width = Math.ceil(contentWidth + 2 * PAD);

  let y = PAD;
  const title: TextItem[] = [];
  spec.title.forEach((line, i) => {
    const size = i === 0 ? TITLE_SIZE : SUBTITLE_SIZE;
    for (const part of wrapText(line, size, contentWidth, MAX_TITLE_LINES)) {
      y += size * LINE;
      title.push({ text: part, x: PAD, y: y - size * 0.35, size, bold: i === 0, muted: i > 0 });
    }
  });
  if (title.length > 0) y += 10;

  const gridX = PAD + rowGutter;
  const gridY = Math.ceil(y + colGutter);
  const colLabels: TextItem[] = colTexts.map((text, i) => {
    const cx = gridX + i * cell + cell / 2;
    return isUprightLabel(text)
      ? {
          text,
          x: cx,
          y: gridY - LABEL_PAD / 2 - 2,
          size: LABEL_SIZE,
          anchor: 'middle',
          mono: true,
        }
      : {
          text,
          x: cx + LABEL_SIZE * 0.35,
          y: gridY - LABEL_PAD / 2,
          size: LABEL_SIZE,
          rotated: true,
          mono: true,
        };
  });
  const rowLabels: TextItem[] = rowTexts.map((text, i) => ({
    text,
    x: gridX - LABEL_PAD / 2,
    y: gridY + i * cell + cell / 2 + LABEL_SIZE * 0.35,
    size: LABEL_SIZE,
    anchor: 'end',
    mono: true,
  }));
  y = gridY + gridHeight;

  let colourBar: FigureLayout['colourBar'] = null;
  if (bar) {
    y += 16;
    const min = bar.min ?? 0;
    const span = bar.max - min || 1;
    const barX = PAD + barLabelWidth + 12;
    const format = bar.format ?? ((v: number) => String(v));
    const ticks = (bar.ticks ?? defaultTicks(min, bar.max))
      .filter((v) => v >= min && v <= bar.max)
      .map((value): TextItem & { value: number } => ({
        value,
        text: format(value),
        x: barX + (bar.position ? bar.position(value) : (value - min) / span) * BAR_WIDTH,
        y: y + BAR_HEIGHT + 4 + SMALL,
        size: SMALL,
        anchor: 'middle',
        muted: true,
      }));
    // The end ticks sit inside the bar's ends.
    const first = ticks[0];
    if (first && first.x <= barX + 0.5) first.anchor = 'start';
    const last = ticks[ticks.length - 1];
    if (last && last !== first && last.x >= barX + BAR_WIDTH - 0.5) last.anchor = 'end';
    colourBar = {
      x: barX,
      y,
      width: BAR_WIDTH,
      height: BAR_HEIGHT,
      label: {
        text: bar.label,
        x: PAD,
        y: y + BAR_HEIGHT / 2 + (SMALL + 1) * 0.35,
        size: SMALL + 1,
        bold: true,
      },
      ticks,
      masked:
        bar.maskedLabel !== undefined
          ? {
              x: barX + BAR_WIDTH + 24,
              y,
              width: 16,
              height: BAR_HEIGHT,
              label: {
                text: bar.maskedLabel,
                x: barX + BAR_WIDTH + 24 + 16 + 6,
                y: y + BAR_HEIGHT / 2 + (SMALL + 1) * 0.35,
                size: SMALL + 1,
              },
            }
          : null,
    };
    y += BAR_HEIGHT + 4 + SMALL * LINE;
  }

  let legend: FigureLayout['legend'] = null;
  if (spec.legend && spec.legend.items.length > 0) {
    y += 16;
    let x = PAD;
    const top = y;
    legend = {
      items: spec.legend.items.map((item, i) => {
        const placed = {
          x,
          y: top,
          width: SWATCH,
          height: BAR_HEIGHT,
          color: item.color,
          label: {
            text: item.label,
            x: x + SWATCH + 6,
            y: top + BAR_HEIGHT / 2 + (SMALL + 1) * 0.35,
            size: SMALL + 1,
          },
        };
        x += swatchWidths[i]! + SWATCH_GAP;
        return placed;
      }),
    };
    y += BAR_HEIGHT + 4;
  }

  let footer: TextItem | null = null;
  if (spec.footer) {
    y += 10 + SMALL;
    footer = { text: spec.footer, x: PAD, y, size: SMALL, muted: true };
  }

  return {
    width,
    height: Math.ceil(y + PAD),
    title,
    grid: { x: gridX, y: gridY, width: gridWidth, height: gridHeight, cellSize: cell },
    rowLabels,
    colLabels,
    colourBar,
    legend,
    footer,
  };
}

/** The scale a picture of width × height (CSS px) is drawn at, and its size in pixels. */
export interface FittedScale {
  /** Scale actually used (≤ requested). */
  scale: number;
  requested: number;
  /** Size of the PNG in pixels. */
  width: number;
  height: number;
  /** True when the requested scale would have passed the canvas limits. */
  downscaled: boolean;
}

/**
 * Fits `requested` scale under the canvas limits. Integer sizes times integer scales stay exact
 * (2× is exactly twice 1×); a downscaled picture keeps the aspect ratio and fits both limits.
 */
export function fitScale(
  width: number,
  height: number,
  requested: number,
  limits: { maxSide: number; maxArea: number } = CANVAS_LIMITS,
): FittedScale {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const full = { width: Math.round(w * requested), height: Math.round(h * requested) };
  if (
    full.width <= limits.maxSide &&
    full.height <= limits.maxSide &&
    full.width * full.height <= limits.maxArea
  )
    return { scale: requested, requested, ...full, downscaled: false };
  let scale = Math.min(
    requested,
    limits.maxSide / w,
    limits.maxSide / h,
    Math.sqrt(limits.maxArea / (w * h)),
  );
  // Floor to 1/1000 and make sure the rounded size really fits.
  scale = Math.floor(scale * 1000) / 1000;
  let out = { width: Math.floor(w * scale), height: Math.floor(h * scale) };
  while (
    scale > 0.001 &&
    (out.width > limits.maxSide ||
      out.height > limits.maxSide ||
      out.width * out.height > limits.maxArea)
  ) {
    scale -= 0.001;
    out = { width: Math.floor(w * scale), height: Math.floor(h * scale) };
  }
  return {
    scale,
    requested,
    width: Math.max(1, out.width),
    height: Math.max(1, out.height),
    downscaled: true,
  };
}
