/**
 * Picture exports beyond the main heatmap: the heads grid at 1× and 2× (exact pixel sizes from the
 * same pure layout the app uses), and compare / aggregates as PNG and as SVG with token labels.
 */
import { readFileSync } from 'node:fs';
import { type Download, type Locator, type Page } from '@playwright/test';
import { canvasComposite, pictureTitle } from '../../src/views/export/composite';
import { computeFigureLayout } from '../../src/views/export/figure';
import { expect, test } from './fixtures';
import { pngSize } from './png';

async function openTab(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await expect(page.locator('figure[data-slot="A"]')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });
  await expect(page.locator('figure[data-slot="B"]')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

async function download(page: Page, button: Locator): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { file, bytes: readFileSync(await file.path()) };
}

/** Parses an SVG file in the page: whether it parsed, and its texts. */
async function parseSvg(page: Page, source: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      root: doc.documentElement.localName,
      rects: doc.querySelectorAll('rect').length,
      texts: Array.from(doc.querySelectorAll('text'), (t) => t.textContent ?? ''),
    };
  }, source);
}

test('heads grid PNG: 1× has the layout’s exact size, 2× exactly twice that', async ({ page }) => {
  await openTab(page, 'Heads');
  const group = page.getByRole('group', { name: 'Export heads grid' });
  const button = group.getByRole('button', { name: 'Download PNG' });
  await expect(button).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('[data-metrics="ready"]')).toBeVisible({ timeout: 30_000 });

  // The expected size, from the grid as shown and the same pure layout.
  const grid = page.locator('.an-grid-canvas');
  const shown = await grid.evaluate((c: HTMLCanvasElement) => ({
    width: parseFloat(c.style.width),
    height: parseFloat(c.style.height),
    label: c.getAttribute('aria-label') ?? '',
  }));
  const sentence = 'The bank is near the river.'; // the default sentence A
  const layout = computeFigureLayout(
    canvasComposite({
      title: pictureTitle('en-zh-tiny', shown.label, [{ name: 'Sentence A', text: sentence }]),
      width: shown.width,
      height: shown.height,
      canvases: [],
      colourBar: {
        max: 1,
        interpolate: () => '#000',
        label: 'Weight ÷ the head’s largest weight',
        ticks: [0, 0.5, 1],
      },
    }),
  );

  await group.getByRole('radio', { name: '1×' }).check();
  const one = await download(page, button);
  expect(one.file.suggestedFilename()).toMatch(
    /^atlas_en-zh-tiny_enc_heads_L1-\d+_bank-river\.png$/,
  );
  const size1 = pngSize(one.bytes);
  expect(size1).toEqual({ width: layout.width, height: layout.height });
  await expect(group.getByRole('status')).toContainText(
    `(${size1.width.toLocaleString('en')} × ${size1.height.toLocaleString('en')} px)`,
  );

  await group.getByRole('radio', { name: '2×' }).check();
  const two = await download(page, button);
  expect(pngSize(two.bytes)).toEqual({ width: 2 * size1.width, height: 2 * size1.height });
});

test('compare: PNG of A, B and B − A; SVG that parses and holds the token labels', async ({
  page,
}) => {
  await openTab(page, 'Compare');
  const group = page.getByRole('group', { name: 'Export comparison' });
  await group.getByRole('radio', { name: '1×' }).check();
  const png = await download(page, group.getByRole('button', { name: 'Download PNG' }));
  expect(png.file.suggestedFilename()).toMatch(/^atlas_en-zh-tiny_enc_compare_L1H1_.+\.png$/);
  expect(pngSize(png.bytes).width).toBeGreaterThan(600); // two matrices side by side at least

  const svg = await download(page, group.getByRole('button', { name: 'Download SVG' }));
  expect(svg.file.suggestedFilename()).toMatch(/^atlas_en-zh-tiny_enc_compare_L1H1_.+\.svg$/);
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe('svg');
  for (const word of ['bank', 'river', 'deposited', 'money']) expect(parsed.texts).toContain(word);
  expect(parsed.texts).toContain('Sentence A');
  expect(parsed.texts).toContain('Sentence B');
  expect(parsed.texts.some((t) => t.startsWith('Sentence A: The bank is near the river.'))).toBe(
    true,
  );
});

test('aggregates: SVG of the mean over heads with its token labels and colour bar', async ({
  page,
}) => {
  await openTab(page, 'Aggregates');
  const group = page.getByRole('group', { name: 'Export aggregates' });
  const svgButton = group.getByRole('button', { name: 'Download SVG' });
  await expect(svgButton).toBeEnabled({ timeout: 30_000 });
  const svg = await download(page, svgButton);
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  expect(parsed.error).toBe(false);
  const tokens = await page
    .getByRole('list', { name: 'Tokens of Sentence A' })
    .getByRole('listitem')
    .allTextContents()
    .catch(() => []);
  for (const word of ['bank', 'river']) expect(parsed.texts).toContain(word);
  expect(parsed.texts).toContain('Attention weight');
  expect(parsed.rects).toBeGreaterThan(tokens.length);

  await group.getByRole('radio', { name: '4×' }).check();
  const png = await download(page, group.getByRole('button', { name: 'Download PNG' }));
  await expect(group.getByRole('status')).toContainText(/\(([\d,]+) × ([\d,]+) px\)/);
  const text = (await group.getByRole('status').textContent()) ?? '';
  const m = /\(([\d,]+) × ([\d,]+) px\)/.exec(text)!;
  expect(pngSize(png.bytes)).toEqual({
    width: Number(m[1]!.replace(/,/g, '')),
    height: Number(m[2]!.replace(/,/g, '')),
  });
});
