/** How the analysis views write metric values. */
import type { MetricName } from '../../analysis';

/** Whether a metric is a share of attention (shown as a percentage). */
export function isShare(name: MetricName): boolean {
  return name.endsWith('Share');
}

/**
 * A metric value as the views show it: shares as whole percentages ("42%"), entropies with two
 * decimals, the mean distance with one; "–" for a value that is not a number.
 */
export function formatMetric(name: MetricName, value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (isShare(name)) return `${Math.round(value * 100)}%`;
  if (name === 'meanDistance') return value.toFixed(1);
  return value.toFixed(2);
}

/** A Jensen–Shannon divergence in bits, three decimals ("–" when undefined). */
export function formatBits(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '–';
}
