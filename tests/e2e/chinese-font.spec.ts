/**
 * The app's own Chinese font (Noto Sans SC, src/views/fonts/chineseFont.ts) on a machine without
 * one: Debian's Chromium here has no Chinese font, so without the bundled font every Chinese
 * character is an empty box, and all boxes look alike. Two different characters drawn with the
 * app's font stack must therefore give different pixels, and so must the exported PNG of the
 * cross-attention heatmap (Chinese rows) with and without the font's files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

const figure = (page: Page) => page.locator('figure.heatmap[data-slot="A"]');
const heatmap = (page: Page) =>
  page.getByRole('img', { name: /^(?:Sentence A|句子 A), layer \d+, head \d+$/ });

async function ready(page: Page): Promise<void> {
  await expect(heatmap(page)).toBeVisible({ timeout: 30_000 });
  await expect(figure(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

/** Noto Sans SC's woff2 files, as the built app requests them. */
const FONT_FILES = /\/assets\/noto-sans-sc-\d+-400-normal-[\w-]+\.woff2$/;

/**
 * Serves every Noto Sans SC subset with the file of a subset that holds no Han character (emoji
 * and symbols): the faces load without an error, but their characters fall back to the system,
 * as on a page without the bundled font.
 */
async function withoutChineseGlyphs(context: BrowserContext): Promise<void> {
  const wrong = readFileSync(
    path.resolve('node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-4-400-normal.woff2'),
  );
  await context.route(FONT_FILES, (route) =>
    route.fulfill({ status: 200, contentType: 'font/woff2', body: wrong }),
  );
}

/**
 * The pixels of `text` drawn at 32 px with `family`, after waiting for the font's glyphs (what
 * the PNG export does), as a string key.
 */
async function glyphPixels(page: Page, text: string, family: string): Promise<string> {
  return page.evaluate(
    async ({ text, family }) => {
      await document.fonts.load(`32px ${family}`, text);
      const c = document.createElement('canvas');
      c.width = 40;
      c.height = 40;
      const ctx = c.getContext('2d')!;
      ctx.font = `32px ${family}`;
      ctx.fillStyle = '#000';
      ctx.textBaseline = 'middle';
      ctx.fillText(text, 4, 20);
      const alpha = ctx.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 3);
      return Array.from(alpha).join(',');
    },
    { text, family },
  );
}

const pageFamily = (page: Page) => page.evaluate(() => getComputedStyle(document.body).fontFamily);

/** Downloads the PNG of Sentence A's cross-attention heatmap (Chinese rows). */
async function crossAttentionPng(page: Page): Promise<Buffer> {
  await page.goto('/');
  await ready(page);
  await page.getByRole('combobox', { name: 'Attention', exact: true }).selectOption('cross');
  await ready(page);
  const toggle = page.getByRole('button', { name: 'Export Sentence A' });
  await expect(toggle).toBeEnabled();
  await toggle.click();
  const panel: Locator = figure(page).locator('.export-panel');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  return readFileSync(await file.path());
}

test('switching to 中文 loads the bundled Noto Sans SC, self-hosted, in unicode-range subsets', async ({
  page,
}) => {
  const fetched = new Map<string, number>();
  page.on('response', (response) => {
    const url = response.url();
    if (/noto-sans-sc|\.woff2?$/.test(url))
      void response.body().then((b) => fetched.set(url, b.length));
  });
  await page.goto('/');
  await ready(page);
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');

  // Latin families first, then the app's Chinese font.
  const family = await pageFamily(page);
  expect(family).toMatch(/^system-ui, .*"Noto Sans SC", sans-serif$/);
  await expect
    .poll(() => page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '注意力')), {
      timeout: 15_000,
    })
    .toBe(true);

  // Served by the app itself, woff2 only, a few subsets rather than the whole font.
  await expect.poll(() => fetched.size).toBeGreaterThan(0);
  const origin = new URL(page.url()).origin;
  for (const url of fetched.keys()) {
    expect(url.startsWith(origin), url).toBe(true);
    expect(url, url).toMatch(FONT_FILES);
  }
  const bytes = [...fetched.values()].reduce((a, b) => a + b, 0);
  expect(fetched.size).toBeLessThan(40);
  console.log(`Noto Sans SC: ${fetched.size} woff2 subsets, ${bytes} bytes`);

  // Real glyphs: two characters differ (empty boxes would be identical).
  const zhu = await glyphPixels(page, '注', family);
  const yi = await glyphPixels(page, '意', family);
  expect(zhu).not.toBe(yi);
});

test('the exported PNG draws Chinese labels with real glyphs', async ({ browser }) => {
  const withFont = await browser.newContext({ acceptDownloads: true });
  const withoutFont = await browser.newContext({ acceptDownloads: true });
  await withoutChineseGlyphs(withoutFont);
  try {
    const a = await withFont.newPage();
    const b = await withoutFont.newPage();
    const real = await crossAttentionPng(a);
    const boxes = await crossAttentionPng(b);

    const family = await pageFamily(a);
    const realZhu = await glyphPixels(a, '注', family);
    expect(realZhu, 'two characters with the bundled font').not.toBe(
      await glyphPixels(a, '意', family),
    );
    const boxZhu = await glyphPixels(b, '注', family);
    const systemHasChinese = boxZhu !== (await glyphPixels(b, '意', family));
    test.skip(systemHasChinese, 'this machine has a Chinese font of its own');

    // Without the font's files Chinese is boxes; with them, the same PNG has other pixels.
    expect(realZhu).not.toBe(boxZhu);
    expect(real.length).toBeGreaterThan(0);
    expect(real.subarray(16, 24).equals(boxes.subarray(16, 24)), 'same size').toBe(true);
    expect(real.equals(boxes), 'PNG with and without the Chinese font').toBe(false);
  } finally {
    await withFont.close();
    await withoutFont.close();
  }
});
