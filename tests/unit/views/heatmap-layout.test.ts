import { describe, expect, it } from 'vitest';
import {
  cellAt,
  computeHeatmapLayout,
  estimateTextWidth,
  labelStep,
  moveCell,
  shortenLabel,
  thinnedIndices,
} from '../../../src/views/heatmap/layout';

const words = (n: number): string[] => Array.from({ length: n }, (_, i) => `w${i}`);

describe('computeHeatmapLayout', () => {
  it('lays out one cell per query row and key column, with every label when cells are large', () => {
    const tokens = ['The', 'bank', 'is', 'near', 'the', 'river', '.'];
    const layout = computeHeatmapLayout(tokens, tokens, { maxCell: 30 });
    expect(layout.rows).toBe(7);
    expect(layout.cols).toBe(7);
    expect(layout.cellSize).toBe(30);
    expect(layout.gridWidth).toBe(210);
    expect(layout.gridHeight).toBe(210);
    expect(layout.rowLabels.map((l) => l.text)).toEqual(tokens);
    expect(layout.colLabels.map((l) => l.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(layout.rowLabels[2]!.center).toBe(75);
    expect(layout.rowLabelWidth).toBeGreaterThan(estimateTextWidth('river', 12));
  });

  it('shrinks cells to fit the available width, but not below minCell', () => {
    const fit = computeHeatmapLayout(words(20), words(20), {
      availableWidth: 400,
      minCell: 6,
      maxCell: 40,
    });
    expect(fit.rowLabelWidth + fit.gridWidth).toBeLessThanOrEqual(400);
    expect(fit.cellSize).toBeLessThan(40);
    const tiny = computeHeatmapLayout(words(500), words(500), { availableWidth: 400, minCell: 6 });
    expect(tiny.cellSize).toBe(6);
    expect(tiny.gridWidth).toBe(3000); // wider than the space: the view scrolls
  });

  it('thins labels when a cell is smaller than a line of text', () => {
    const layout = computeHeatmapLayout(words(100), words(100), {
      availableWidth: 600,
      minCell: 4,
      maxCell: 40,
      fontSize: 12,
    });
    expect(layout.cellSize).toBeLessThan(12 * 1.2);
    expect(layout.rowLabelStep).toBeGreaterThan(1);
    expect(layout.rowLabels.length).toBeLessThan(100);
    expect(layout.rowLabels[0]!.index).toBe(0);
    // Labels drawn never overlap: consecutive centres are at least a line apart.
    const gaps = layout.rowLabels.slice(1).map((l, i) => l.center - layout.rowLabels[i]!.center);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(12 * 1.2);
  });

  it('handles different query and key lengths and no tokens', () => {
    const layout = computeHeatmapLayout(words(3), words(5), { maxCell: 10 });
    expect([layout.gridWidth, layout.gridHeight]).toEqual([50, 30]);
    const empty = computeHeatmapLayout([], [], { availableWidth: 300 });
    expect(empty.rowLabels).toEqual([]);
    expect(empty.gridWidth).toBe(0);
  });

  it('shortens long labels but keeps the full text', () => {
    const long = 'supercalifragilisticexpialidocious';
    const layout = computeHeatmapLayout([long], [long], { maxLabelChars: 10 });
    expect(layout.rowLabels[0]!.text).toBe('supercali…');
    expect(layout.rowLabels[0]!.full).toBe(long);
  });
});

describe('label helpers', () => {
  it('labelStep is 1 for big cells and grows as cells shrink', () => {
    expect(labelStep(20, 12)).toBe(1);
    expect(labelStep(7, 12)).toBe(3);
    expect(labelStep(1, 12)).toBe(15);
  });

  it('thinnedIndices', () => {
    expect(thinnedIndices(7, 3)).toEqual([0, 3, 6]);
    expect(thinnedIndices(0, 2)).toEqual([]);
    expect(thinnedIndices(3, 0)).toEqual([0, 1, 2]);
  });

  it('shortenLabel counts code points (no broken surrogate pairs)', () => {
    expect(shortenLabel('short', 10)).toBe('short');
    expect(shortenLabel('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('estimates CJK characters wider than Latin ones', () => {
    expect(estimateTextWidth('银行', 12)).toBeGreaterThan(estimateTextWidth('ab', 12));
  });
});

describe('cell hit-testing and keyboard moves', () => {
  it('cellAt maps CSS pixels to (query, key)', () => {
    expect(cellAt(0, 0, 10, 3, 4)).toEqual({ query: 0, key: 0 });
    expect(cellAt(39.9, 29.9, 10, 3, 4)).toEqual({ query: 2, key: 3 });
    expect(cellAt(40, 5, 10, 3, 4)).toBeNull();
    expect(cellAt(-1, 5, 10, 3, 4)).toBeNull();
  });

  it('moveCell clamps to the grid and ignores other keys', () => {
    expect(moveCell({ query: 0, key: 0 }, 'ArrowUp', 3, 3)).toEqual({ query: 0, key: 0 });
    expect(moveCell({ query: 0, key: 0 }, 'ArrowDown', 3, 3)).toEqual({ query: 1, key: 0 });
    expect(moveCell({ query: 1, key: 2 }, 'ArrowRight', 3, 3)).toEqual({ query: 1, key: 2 });
    expect(moveCell({ query: 1, key: 2 }, 'Home', 3, 3)).toEqual({ query: 1, key: 0 });
    expect(moveCell({ query: 1, key: 0 }, 'End', 3, 3)).toEqual({ query: 1, key: 2 });
    expect(moveCell({ query: 1, key: 1 }, 'a', 3, 3)).toBeNull();
  });
});
