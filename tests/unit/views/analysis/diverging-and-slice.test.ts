import { beforeEach, describe, expect, it } from 'vitest';
import { resetAppStore, useAppStore } from '../../../../src/store';
import { MAX_COMPARE_HEADS } from '../../../../src/store/analysisSlice';
import { divergingTicks, maxAbsOf, symmetricMax } from '../../../../src/views/aggregate/diverging';

describe('symmetric domain of differences', () => {
  it('is ±max|B − A|, with 0 in the middle', () => {
    expect(maxAbsOf([0.1, -0.4, 0.2, NaN, -Infinity])).toBe(0.4);
    expect(maxAbsOf([])).toBe(0);
    expect(symmetricMax(0.4)).toBe(0.4);
    expect(symmetricMax(0)).toBe(1);
    expect(divergingTicks(0.25)).toEqual([-0.25, 0, 0.25]);
  });
});

describe('analysis slice', () => {
  beforeEach(() => resetAppStore());
  const s = () => useAppStore.getState();

  it('starts on sentence A, layer order, every line head shown', () => {
    expect(s().analysisSlot).toBe('A');
    expect(s().gridSort).toBe('index');
    expect(s().gridFilter).toBe('all');
    expect(s().hiddenLineHeads).toEqual([]);
    expect(s().focusWord).toBeNull();
    expect(s().aggregateMode).toBe('heads');
  });

  it('toggles heads for comparison and keeps at most four, dropping the oldest', () => {
    s().toggleCompareHead({ layer: 0, head: 1 });
    s().toggleCompareHead({ layer: 2, head: 0 });
    expect(s().compareHeads).toEqual([
      { layer: 0, head: 1 },
      { layer: 2, head: 0 },
    ]);
    s().toggleCompareHead({ layer: 0, head: 1 });
    expect(s().compareHeads).toEqual([{ layer: 2, head: 0 }]);
    for (let h = 0; h < 6; h++) s().toggleCompareHead({ layer: 1, head: h });
    expect(s().compareHeads).toHaveLength(MAX_COMPARE_HEADS);
    expect(s().compareHeads[0]).toEqual({ layer: 1, head: 2 });
    s().clearCompareHeads();
    expect(s().compareHeads).toEqual([]);
  });

  it('toggles line heads, and shows or hides them all', () => {
    s().toggleLineHead(2);
    s().toggleLineHead(0);
    expect(s().hiddenLineHeads).toEqual([0, 2]);
    s().toggleLineHead(2);
    expect(s().hiddenLineHeads).toEqual([0]);
    s().setAllLineHeads(false, 3);
    expect(s().hiddenLineHeads).toEqual([0, 1, 2]);
    s().setAllLineHeads(true, 3);
    expect(s().hiddenLineHeads).toEqual([]);
  });

  it('keeps the focus word, grid order and aggregate mode', () => {
    s().setFocusWord('bank');
    s().setGridSort('entropy');
    s().setGridDescending(false);
    s().setGridFilter('self');
    s().setAggregateMode('rollout');
    s().setAnalysisSlot('B');
    expect(s()).toMatchObject({
      focusWord: 'bank',
      gridSort: 'entropy',
      gridDescending: false,
      gridFilter: 'self',
      aggregateMode: 'rollout',
      analysisSlot: 'B',
    });
  });
});
