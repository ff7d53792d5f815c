/**
 * A one-word label for what a head does, read off its metrics (see metrics.ts) with fixed,
 * exported thresholds so the UI can state the rule it applied.
 */
import type { HeadMetrics, StackMetrics } from './metrics';

/** The pattern labels, in precedence order: the first rule that holds names the head. */
export const HEAD_PATTERNS = [
  'previous-token',
  'next-token',
  'self',
  'first-token',
  'broad',
  'local',
  'other',
] as const;

export type HeadPattern = (typeof HEAD_PATTERNS)[number];

/**
 * Thresholds of `classifyHead`. Shares are means over query rows of the attention mass on the
 * keys in question (so 0.5 = "on average at least half of each query's attention").
 *
 * Rules, tried in this order (the first that holds wins):
 *  1. 'previous-token': previousShare ≥ `previousToken`;
 *  2. 'next-token':     nextShare ≥ `nextToken`;
 *  3. 'self':           selfShare ≥ `self`;
 *  4. 'first-token':    firstShare ≥ `sink` or specialShare ≥ `sink` (an attention sink on the first
 *                       token or on special tokens such as [CLS]/[SEP]/<s>);
 *  5. 'broad':          normalizedEntropy ≥ `broadEntropy` (spread almost evenly over the keys);
 *  6. 'local':          meanDistance ≤ `localDistance` tokens (concentrated on a small window);
 *  7. 'other'.
 * The positional rules come first because they are the most specific (two of them hold at once only
 * for a head that splits its attention about evenly between two positions; the order then decides).
 * A sink only claims the head when no positional rule does, and 'broad' is tested before 'local'
 * because on short inputs even a uniform head has a small mean distance.
 */
export const PATTERN_THRESHOLDS = Object.freeze({
  /** Minimum previousShare for 'previous-token'. */
  previousToken: 0.5,
  /** Minimum nextShare for 'next-token'. */
  nextToken: 0.5,
  /** Minimum selfShare for 'self'. */
  self: 0.5,
  /** Minimum firstShare (or specialShare) for 'first-token'. */
  sink: 0.5,
  /** Minimum normalizedEntropy (0…1) for 'broad'. */
  broadEntropy: 0.8,
  /** Maximum meanDistance, in tokens, for 'local'. */
  localDistance: 2,
});

export type PatternThresholds = { readonly [K in keyof typeof PATTERN_THRESHOLDS]: number };

/** The metrics `classifyHead` reads. */
export type PatternMetrics = Pick<
  HeadMetrics,
  | 'previousShare'
  | 'nextShare'
  | 'selfShare'
  | 'firstShare'
  | 'specialShare'
  | 'normalizedEntropy'
  | 'meanDistance'
>;

/** The pattern label of one head (rules and precedence: see `PATTERN_THRESHOLDS`). */
export function classifyHead(
  m: PatternMetrics,
  thresholds: PatternThresholds = PATTERN_THRESHOLDS,
): HeadPattern {
  if (m.previousShare >= thresholds.previousToken) return 'previous-token';
  if (m.nextShare >= thresholds.nextToken) return 'next-token';
  if (m.selfShare >= thresholds.self) return 'self';
  if (m.firstShare >= thresholds.sink || m.specialShare >= thresholds.sink) return 'first-token';
  if (m.normalizedEntropy >= thresholds.broadEntropy) return 'broad';
  if (m.meanDistance <= thresholds.localDistance) return 'local';
  return 'other';
}

/** The pattern of every head of `stackMetrics`' result, row-major [layers][heads]. */
export function classifyStack(
  metrics: StackMetrics,
  thresholds: PatternThresholds = PATTERN_THRESHOLDS,
): HeadPattern[] {
  const out: HeadPattern[] = [];
  for (let i = 0; i < metrics.layers * metrics.heads; i++) {
    out.push(
      classifyHead(
        {
          previousShare: metrics.previousShare[i]!,
          nextShare: metrics.nextShare[i]!,
          selfShare: metrics.selfShare[i]!,
          firstShare: metrics.firstShare[i]!,
          specialShare: metrics.specialShare[i]!,
          normalizedEntropy: metrics.normalizedEntropy[i]!,
          meanDistance: metrics.meanDistance[i]!,
        },
        thresholds,
      ),
    );
  }
  return out;
}
