/**
 * Pure geometry of the alignment picture: the written tokens in a row on top, the source tokens in
 * a row below, and one line per written token to the source token it looks at most (the a_ij
 * picture). d3's point scale spreads each row over the same width.
 */
import { scalePoint } from 'd3-scale';
import type { AlignmentLink } from '../../analysis/alignment';

/** Smallest distance between two tokens of a row, CSS px (wider rows scroll). */
export const MIN_STEP = 40;
/** Font size of the token labels, CSS px. */
export const LABEL_SIZE = 14;
/**
 * Lightest line drawn: the opacity is the weight a_ij, but an argmax line lighter than this would
 * vanish (a head that spreads its attention still has one heaviest source).
 */
export const MIN_OPACITY = 0.15;

export interface AlignmentLayout {
  width: number;
  height: number;
  /** Centre x of each written token (top row) and each source token (bottom row). */
  targetX: number[];
  sourceX: number[];
  /** Baselines of the two rows of labels, and the y where lines start and end. */
  targetLabelY: number;
  sourceLabelY: number;
  lineTop: number;
  lineBottom: number;
}

/** Lays out `targets` written tokens over `sources` source tokens in at least `width` px. */
export function alignmentLayout(targets: number, sources: number, width: number): AlignmentLayout {
  const n = Math.max(targets, sources, 1);
  const w = Math.max(Math.floor(width), n * MIN_STEP);
  const row = (count: number): number[] => {
    const x = scalePoint<number>()
      .domain(Array.from({ length: count }, (_, i) => i))
      .range([0, w])
      .padding(0.5);
    return Array.from({ length: count }, (_, i) => x(i) ?? w / 2);
  };
  const targetLabelY = LABEL_SIZE + 4;
  const lineTop = targetLabelY + 8;
  const lineBottom = lineTop + 110;
  const sourceLabelY = lineBottom + LABEL_SIZE + 6;
  return {
    width: w,
    height: sourceLabelY + 8,
    targetX: row(targets),
    sourceX: row(sources),
    targetLabelY,
    sourceLabelY,
    lineTop,
    lineBottom,
  };
}

/** One drawn line: ends in CSS px and its opacity. */
export interface AlignmentLine extends AlignmentLink {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  opacity: number;
}

/** The lines of `links` in `layout` (links to tokens outside the rows are left out). */
export function alignmentLines(
  layout: AlignmentLayout,
  links: readonly AlignmentLink[],
): AlignmentLine[] {
  const out: AlignmentLine[] = [];
  for (const link of links) {
    const x1 = layout.targetX[link.target];
    const x2 = layout.sourceX[link.source];
    if (x1 === undefined || x2 === undefined) continue;
    const weight = Number.isFinite(link.weight) ? link.weight : 0;
    out.push({
      ...link,
      x1,
      y1: layout.lineTop,
      x2,
      y2: layout.lineBottom,
      opacity: Math.min(1, Math.max(MIN_OPACITY, weight)),
    });
  }
  return out;
}

/** Shortens a long token label to `max` characters (an ellipsis marks the cut). */
export function shortLabel(text: string, max = 8): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
