/** Pure ordering and filtering of the heads grid by metric and pattern label. */
import type { HeadPattern, StackMetrics } from '../../analysis';
import type { GridFilter, GridSortKey, HeadRef } from '../../store/types';

/** The metrics and pattern labels of every head of a block, [layers][heads] row-major. */
export interface BlockMetrics {
  layers: number;
  heads: number;
  metrics: StackMetrics;
  patterns: HeadPattern[];
}

/**
 * The heads to show, in order: layer by layer ('index'), or by one metric (largest first when
 * `descending`; ties keep layer-then-head order), keeping only the heads whose pattern is `filter`.
 * Without metrics (still computing) every head is kept in layer order.
 */
export function orderHeads(
  layers: number,
  heads: number,
  sort: GridSortKey,
  descending: boolean,
  filter: GridFilter,
  metrics: BlockMetrics | null,
): HeadRef[] {
  const all: HeadRef[] = [];
  for (let layer = 0; layer < layers; layer++)
    for (let head = 0; head < heads; head++) all.push({ layer, head });
  if (!metrics || metrics.layers !== layers || metrics.heads !== heads) return all;
  const kept =
    filter === 'all'
      ? all
      : all.filter((r) => metrics.patterns[r.layer * heads + r.head] === filter);
  if (sort === 'index') return kept;
  const values = metrics.metrics[sort];
  const sign = descending ? -1 : 1;
  const value = (r: HeadRef) => {
    const v = values[r.layer * heads + r.head]!;
    return Number.isFinite(v) ? v : -Infinity;
  };
  // Array.prototype.sort is stable: equal values keep layer-then-head order.
  return [...kept].sort((a, b) => sign * (value(a) - value(b)) || 0);
}

/** How many heads carry each pattern label (labels with no head are left out). */
export function patternCounts(patterns: readonly HeadPattern[]): Map<HeadPattern, number> {
  const counts = new Map<HeadPattern, number>();
  for (const p of patterns) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}
