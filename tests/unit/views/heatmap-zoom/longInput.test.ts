import { describe, expect, it } from 'vitest';
import { LONG_INPUT_TOKENS, isZoomBlock } from '../../../../src/views/heatmap-zoom/longInput';
import { chipWindow, MAX_WINDOW_CHIPS } from '../../../../src/views/tokens/chipWindow';
import type { BlockResult } from '../../../../src/store/types';

const block = (n: number, extra: object = {}): BlockResult =>
  ({
    kind: 'encoder-self',
    layers: 1,
    heads: 1,
    queryLength: n,
    keyLength: n,
    data: [null],
    mask: null,
    ...extra,
  }) as BlockResult;

describe('when the zoomable views take over', () => {
  it('switches above the threshold, or for any on-demand block', () => {
    expect(isZoomBlock(block(LONG_INPUT_TOKENS))).toBe(false);
    expect(isZoomBlock(block(LONG_INPUT_TOKENS + 1))).toBe(true);
    expect(isZoomBlock(block(10, { onDemand: true }))).toBe(true);
    expect(isZoomBlock(block(20), 16)).toBe(true);
    expect(isZoomBlock(undefined)).toBe(false);
  });
});

describe('chips of a long input', () => {
  it('shows the heatmap rows, at most MAX_WINDOW_CHIPS of them', () => {
    expect(chipWindow([1200, 1264], 4096)).toEqual([1200, 1264]);
    expect(chipWindow([0, 4096], 4096)).toEqual([0, MAX_WINDOW_CHIPS]);
    expect(chipWindow(undefined, 4096)).toEqual([0, MAX_WINDOW_CHIPS]);
    expect(chipWindow(undefined, 40)).toEqual([0, 40]);
    expect(chipWindow([50, 70], 40)).toEqual([40, 40]);
  });
});
