/** Teaching matrices as export pictures (pure part): colour bar or legend, cell colours, sizes. */
import { describe, expect, it } from 'vitest';
import { computeFigureLayout, fitScale } from '../../../src/views/export/figure';
import { figureSvg } from '../../../src/views/export/svg';
import { colorScale } from '../../../src/views/teach/common/colors';
import {
  teachMatrixSpec,
  teachTitle,
  type TeachMatrixLegend,
} from '../../../src/views/teach/common/matrixPicture';

const bar: TeachMatrixLegend = {
  kind: 'bar',
  label: 'Score',
  maskedLabel: 'Masked (−∞)',
  format: (v) => v.toFixed(2),
};
const pattern: TeachMatrixLegend = { kind: 'pattern', allowed: 'Allowed', masked: 'Masked' };
const labels = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);

/** A 3 × 3 causal score matrix: −∞ above the diagonal. */
const causal = Float64Array.from([1.5, -Infinity, -Infinity, -2, 0.5, -Infinity, 0.25, 3, -1]);

describe('teachMatrixSpec', () => {
  it('diverging scores: a symmetric bar in the on-screen colours, −∞ named by a hatched swatch', () => {
    const { spec, cell } = teachMatrixSpec({
      title: ['Scores after masking'],
      values: causal,
      rows: 3,
      cols: 3,
      rowLabels: labels(3),
      colLabels: labels(3),
      scheme: 'diverging',
      legend: bar,
    });
    const b = spec.colourBar!;
    expect([b.min, b.max]).toEqual([-3, 3]); // ± the largest |finite value|
    expect(b.ticks).toEqual([-3, 0, 3]);
    expect(b.maskedLabel).toBe('Masked (−∞)');
    expect(spec.legend).toBeNull();
    const screen = colorScale('diverging', [-2, 3]);
    expect(b.interpolate(0)).toBe(screen(-3));
    expect(b.interpolate(0.5)).toBe(screen(0));
    expect(b.interpolate(1)).toBe(screen(3));
    expect(cell(0, 1)).toBe('masked');
    expect(cell(1, 0)).toEqual({ color: screen(-2), value: -2 });
  });

  it('a matrix with no −∞ has a bar without the masked swatch; NaN cells stay blank', () => {
    const values = Float64Array.from([0, 0.2, Number.NaN, 0.8]);
    const { spec, cell } = teachMatrixSpec({
      title: ['Weights'],
      values,
      rows: 2,
      cols: 2,
      rowLabels: labels(2),
      colLabels: labels(2),
      scheme: 'weights',
      legend: { ...bar, label: 'Attention weight' },
    });
    expect(spec.colourBar!.maskedLabel).toBeUndefined();
    expect([spec.colourBar!.min, spec.colourBar!.max]).toEqual([0, 0.8]);
    expect(spec.colourBar!.ticks).toEqual([0, 0.4, 0.8]);
    expect(cell(1, 0)).toBeNull();
    expect(cell(1, 1)).toEqual({ color: colorScale('weights', [0, 0.8])(0.8), value: 0.8 });
  });

  it('a boolean mask pattern has no colour bar but an allowed / masked legend', () => {
    const values = Float64Array.from([1, -Infinity, 1, 1]);
    const { spec } = teachMatrixSpec({
      title: ['Mask the engine used'],
      values,
      rows: 2,
      cols: 2,
      rowLabels: labels(2),
      colLabels: labels(2),
      scheme: 'sequential',
      domain: [0, 1],
      legend: pattern,
    });
    expect(spec.colourBar).toBeNull();
    expect(spec.legend!.items).toEqual([
      { label: 'Allowed', color: colorScale('sequential', [0, 1])(1) },
      { label: 'Masked', color: null },
    ]);
    const layout = computeFigureLayout(spec);
    expect(layout.colourBar).toBeNull();
    const [allowed, masked] = layout.legend!.items;
    expect(allowed!.y).toBeGreaterThan(layout.grid.y + layout.grid.height);
    expect(masked!.x).toBeGreaterThan(allowed!.label.x); // side by side, in order
    expect(masked!.y + masked!.height).toBeLessThan(layout.height);
    // The hatched swatch is written as the masked pattern in the SVG too.
    const svg = figureSvg(layout, 2, 2, () => '#000000', null);
    expect(svg).toContain('>Allowed</text>');
    expect(svg.match(/fill="url\(#masked\)"/g)).toHaveLength(1);
  });

  it('1× is the layout size and 2× exactly twice it; the bar adds height, the labels width', () => {
    const input = {
      title: ['ALiBi', 'Heads: 8 · 16 × 16'],
      values: Float64Array.from({ length: 16 * 16 }, (_, i) => -Math.abs((i % 16) - (i >> 4))),
      rows: 16,
      cols: 16,
      rowLabels: labels(16),
      colLabels: labels(16),
      scheme: 'sequential' as const,
      legend: bar,
    };
    const { spec } = teachMatrixSpec(input);
    const layout = computeFigureLayout(spec);
    expect(layout.grid.width).toBe(16 * 32); // 32 px cells up to 16 tokens
    const one = fitScale(layout.width, layout.height, 1);
    const two = fitScale(layout.width, layout.height, 2);
    expect([one.width, one.height]).toEqual([layout.width, layout.height]);
    expect([two.width, two.height]).toEqual([2 * layout.width, 2 * layout.height]);
    expect(one.downscaled || two.downscaled).toBe(false);
    const bare = computeFigureLayout({ ...spec, colourBar: null });
    expect(layout.height).toBeGreaterThan(bare.height);
    const unlabelled = computeFigureLayout({ ...spec, rowLabels: [], colLabels: [] });
    expect(layout.width).toBeGreaterThan(unlabelled.width);
  });
});

describe('teachTitle', () => {
  it('keeps the given details and the sentence line, drops blank ones', () => {
    expect(teachTitle('Softmax', ['src', ' ', ''], 'Sentence: hi')).toEqual([
      'Softmax',
      'src',
      'Sentence: hi',
    ]);
    expect(teachTitle('Bias', [], null)).toEqual(['Bias']);
  });
});
