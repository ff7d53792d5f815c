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
  /**
   * Baseline of each written token's label and each source token's label. When labels are wider
   * than the room between neighbours, every other label moves one line away from the lines
   * (staggered), so neighbours never overlap.
   */
  targetLabelY: number[];
  sourceLabelY: number[];
  /** The y where lines start (under the written tokens) and end (over the source tokens). */
  lineTop: number;
  lineBottom: number;
}

/** Han characters and full-width forms: about one em wide; other characters about 0.6 em. */
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** An estimate of a label's width in CSS px at LABEL_SIZE (no DOM to measure in). */
export function labelWidth(text: string): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : 0.6;
  return em * LABEL_SIZE;
}

/** The least distance each row's labels need between neighbours, CSS px. */
export interface RowSteps {
  target: number;
  source: number;
}

/**
 * Lays out `targets` written tokens over `sources` source tokens in at least `width` px. Each row
 * wants `steps` px between neighbours (at least MIN_STEP; more for wide labels, see labelWidth);
 * a row with less room staggers its labels, and past half its step the picture grows.
 */
export function alignmentLayout(
  targets: number,
  sources: number,
  width: number,
  steps: RowSteps = { target: MIN_STEP, source: MIN_STEP },
): AlignmentLayout {
  const stepOf = (wanted: number): number => Math.max(MIN_STEP, wanted);
  const need = (count: number, step: number): number => count * Math.max(MIN_STEP, step / 2);
  const w = Math.max(
    Math.floor(width),
    need(targets, stepOf(steps.target)),
    need(sources, stepOf(steps.source)),
  );
  // With point padding 0.5, neighbours of a row of `count` are w / count apart.
  const staggers = (count: number, step: number): boolean => count > 0 && w / count < step;
  const staggerTop = staggers(targets, stepOf(steps.target));
  const staggerBottom = staggers(sources, stepOf(steps.source));
  const row = (count: number): number[] => {
    const x = scalePoint<number>()
      .domain(Array.from({ length: count }, (_, i) => i))
      .range([0, w])
      .padding(0.5);
    return Array.from({ length: count }, (_, i) => x(i) ?? w / 2);
  };
  const line = LABEL_SIZE + 4;
  const lineTop = (staggerTop ? 2 * line : line) + 8;
  const lineBottom = lineTop + 110;
  const bottom = lineBottom + LABEL_SIZE + 6;
  // Even labels sit next to the lines; odd ones one line further out when their row staggers.
  const outward = (i: number, stagger: boolean): number => (stagger && i % 2 === 1 ? line : 0);
  return {
    width: w,
    height: bottom + (staggerBottom ? line : 0) + 8,
    targetX: row(targets),
    sourceX: row(sources),
    targetLabelY: Array.from({ length: targets }, (_, i) => lineTop - 8 - outward(i, staggerTop)),
    sourceLabelY: Array.from({ length: sources }, (_, j) => bottom + outward(j, staggerBottom)),
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
