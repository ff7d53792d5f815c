/**
 * The app's own Chinese font (src/views/fonts/chineseFont.ts): every font stack, on the page, in
 * the PNG and in the SVG, names Noto Sans SC after the Latin families (Latin text keeps the system
 * font), and a PNG export knows every string it will draw so it can wait for their glyphs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canvasComposite, figureRow } from '../../../src/views/export/composite';
import { computeFigureLayout, FIGURE_FONT } from '../../../src/views/export/figure';
import { pictureTexts } from '../../../src/views/export/png';
import { figureSvg } from '../../../src/views/export/svg';
import { CJK_FAMILY, ensureChineseGlyphs, hasChinese } from '../../../src/views/fonts/chineseFont';

const families = (stack: string) => stack.split(',').map((f) => f.trim().replace(/'/g, '"'));

/** Checks that Noto Sans SC comes after the system's Latin families and before the generic one. */
function expectChineseLast(stack: string, generic: string): void {
  const list = families(stack);
  expect(list).toContain(CJK_FAMILY);
  expect(list.at(-1)).toBe(generic);
  expect(list.indexOf(CJK_FAMILY)).toBe(list.length - 2);
  expect(list.indexOf(CJK_FAMILY)).toBeGreaterThan(0);
}

describe('the font stacks', () => {
  it('of the exported pictures end with Noto Sans SC, then the generic family', () => {
    expect(CJK_FAMILY).toBe('"Noto Sans SC"');
    expectChineseLast(FIGURE_FONT.sans, 'sans-serif');
    expectChineseLast(FIGURE_FONT.mono, 'monospace');
    expect(families(FIGURE_FONT.sans)[0]).toBe('system-ui');
  });

  it('of the page (app.css --font and --mono) do the same', () => {
    const css = readFileSync(path.resolve('src/app.css'), 'utf8');
    const variable = (name: string) =>
      new RegExp(`--${name}:([^;]+);`).exec(css)?.[1]?.replace(/\s+/g, ' ') ?? '';
    expectChineseLast(variable('font'), 'sans-serif');
    expectChineseLast(variable('mono'), 'monospace');
  });

  it('are written into the SVG export', () => {
    const layout = computeFigureLayout({
      title: ['注意力'],
      rows: 1,
      cols: 1,
      rowLabels: ['河'],
      colLabels: ['bank'],
    });
    const svg = figureSvg(layout, 1, 1, () => '#000');
    expect(svg).toContain('font-family="system-ui');
    expect(svg).toContain('&quot;Noto Sans SC&quot;, monospace');
    expect(svg).toContain('>河</text>');
  });
});

describe('the Chinese text of a picture', () => {
  it('is told from Latin text', () => {
    expect(hasChinese('我爱吃苹果')).toBe(true);
    expect(hasChinese('。')).toBe(true);
    expect(hasChinese('The bank is near the river.')).toBe(false);
    expect(hasChinese('<unk> 12 ü')).toBe(false);
  });

  it('is collected from titles, labels and painters, without canvases or functions', () => {
    const composite = canvasComposite({
      title: ['标题'],
      width: 10,
      height: 10,
      canvases: [],
      labels: [{ text: '河', x: 0, y: 0, size: 12 }],
    });
    const texts = pictureTexts(composite);
    expect(texts).toContain('标题');
    expect(texts).toContain('河');

    const row = figureRow(
      ['row'],
      [
        {
          title: ['A'],
          rows: 1,
          cols: 1,
          rowLabels: ['银'],
          colLabels: ['行'],
          matrix: { source: new Float32Array(1) as unknown as CanvasImageSource },
        },
      ],
    );
    expect(pictureTexts(row)).toEqual(expect.arrayContaining(['row', 'A', '银', '行']));
  });

  it('needs no font when there is none (and never throws without a document)', async () => {
    await expect(ensureChineseGlyphs(['The bank'])).resolves.toBeUndefined();
    await expect(ensureChineseGlyphs(['银行'])).resolves.toBeUndefined();
  });
});
