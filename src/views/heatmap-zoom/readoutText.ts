/** The words of the zoomable heatmap's hover readout (pure, so both languages are testable). */
import type { TranslateFn } from '../../i18n';
import type { Readout } from './draw';

/**
 * One cell: "#41 sat → #24 the: 0.1234" (1-based positions, both tokens, the exact weight); a
 * pooled block: "Queries 33–40 × keys 17–24: max …, mean …" (1-based, inclusive).
 */
export function readoutText(
  t: TranslateFn,
  readout: Readout | null,
  queryTokens: readonly string[],
  keyTokens: readonly string[],
  formatWeight: (weight: number) => string,
): string {
  if (!readout) return '';
  if (readout.exact)
    return t('zoom.readoutCell', {
      q: readout.query + 1,
      query: queryTokens[readout.query] ?? '',
      k: readout.key + 1,
      key: keyTokens[readout.key] ?? '',
      weight: formatWeight(readout.weight),
    });
  return t('zoom.readoutBlock', {
    r0: readout.rows[0] + 1,
    r1: readout.rows[1],
    c0: readout.cols[0] + 1,
    c1: readout.cols[1],
    max: formatWeight(readout.max),
    mean: formatWeight(readout.mean),
  });
}
