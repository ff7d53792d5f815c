import { describe, expect, it } from 'vitest';
import { isUprightLabel } from '../../../src/views/heatmap/layout';
import { formatBytes, progressFraction } from '../../../src/views/translation/format';

describe('translator view helpers', () => {
  it('formats download sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_345)).toBe('12 KB');
    expect(formatBytes(4_900_140)).toBe('4.9 MB');
    expect(formatBytes(Number.NaN)).toBe('?');
  });

  it('gives a progress fraction only when the total is known', () => {
    expect(progressFraction(50, 200)).toBe(0.25);
    expect(progressFraction(300, 200)).toBe(1);
    expect(progressFraction(50, null)).toBeNull();
    expect(progressFraction(50, 0)).toBeNull();
  });

  it('draws single Chinese characters upright, other column labels rotated', () => {
    expect(isUprightLabel('银')).toBe(true);
    expect(isUprightLabel('。')).toBe(true);
    expect(isUprightLabel('银行')).toBe(false);
    expect(isUprightLabel('<s>')).toBe(false);
    expect(isUprightLabel('I')).toBe(false);
  });
});
