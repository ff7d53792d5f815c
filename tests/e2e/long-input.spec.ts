/**
 * Views for long inputs (issue 14): a tiny Llama from the Hub mirror with `?ondemand=16`, so a
 * ~60-token input takes the on-demand path. The zoomable heatmap paints its overview, zooms with
 * the wheel down to single cells whose exact weight equals the short path's weight of that cell
 * (read first, in the same page, without `?ondemand`), pans by dragging, answers the keyboard and
 * Reset; selecting chips zooms to them; the heads grid draws pooled thumbnails.
 */
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { HUB, heatmap, isDrawn, loadById, loaded, openHub, ready, sentence } from './hubMirror';

const TEXT =
  'The cat sat on the mat. The dog sat on the log. The cat sat on the mat again, and the dog ' +
  'sat on the log again.';
/** The cell compared between the two paths (0-based query, key): deep in the lower triangle. */
const CELL = { query: 40, key: 23 };

interface ViewState {
  scale: number;
  x: number;
  y: number;
}

async function viewOf(canvas: Locator): Promise<ViewState> {
  const raw = (await canvas.getAttribute('data-view')) ?? '';
  const [scale, x, y] = raw.split(',').map(Number);
  return { scale: scale!, x: x!, y: y! };
}

/** The weight a tooltip or readout ends with ("… : 0.1234"). */
const weightIn = (text: string): string => /([\d.]+)\s*$/.exec(text.trim())?.[1] ?? '';

/** Loads tiny-llama on the mirror (with `extra` URL parameters) and runs sentence A. */
async function openLlama(page: Page, extra = ''): Promise<void> {
  await openHub(page, `${HUB}${extra}`);
  await loadById(page, 'tiny-llama');
  await loaded(page, 'tiny-llama');
  await sentence(page, 'B').fill('');
  await sentence(page, 'A').fill(TEXT);
  await ready(page, 'A');
}

test('a long input zooms from the overview to single cells with the exact weights', async ({
  page,
}) => {
  test.setTimeout(60_000);

  // 1. The short path: the full heatmap's tooltip for CELL.
  await openLlama(page);
  const full = heatmap(page, 'A');
  await full.scrollIntoViewIfNeeded();
  const rows = await full.evaluate((c: HTMLCanvasElement) => c.height);
  expect(rows).toBeGreaterThan(CELL.query);
  const box = (await full.boundingBox())!;
  const cell = box.width / (await full.evaluate((c: HTMLCanvasElement) => c.width));
  await page.mouse.move(box.x + (CELL.key + 0.5) * cell, box.y + (CELL.query + 0.5) * cell);
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  const expected = weightIn((await tooltip.textContent()) ?? '');
  expect(expected).toMatch(/^0\.\d{4}$/);

  // 2. The same input on the on-demand path: the zoomable heatmap.
  await openLlama(page, '&ondemand=16');
  const canvas = heatmap(page, 'A');
  await expect(page.locator('figure.heatmap-zoom[data-slot="A"]')).toBeVisible();
  await expect.poll(() => isDrawn(canvas)).toBe(true);
  await expect(canvas).toHaveAttribute('data-mode', /exact|pooled/);
  await expect(page.locator('.zoom-rule').first()).not.toBeEmpty();
  const fit = await viewOf(canvas);
  expect(fit).toMatchObject({ x: 0, y: 0 });

  // Wheel over CELL until cells carry their labels, then read its exact weight.
  await canvas.scrollIntoViewIfNeeded();
  const zbox = (await canvas.boundingBox())!;
  const at = (v: ViewState) => ({
    x: zbox.x + (CELL.key + 0.5 - v.x) * v.scale,
    y: zbox.y + (CELL.query + 0.5 - v.y) * v.scale,
  });
  let p = at(fit);
  await page.mouse.move(p.x, p.y);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -100);
  await expect.poll(async () => (await viewOf(canvas)).scale).toBeGreaterThan(fit.scale * 3);
  const zoomed = await viewOf(canvas);
  await expect(canvas).toHaveAttribute('data-mode', 'exact');
  p = at(zoomed);
  await page.mouse.move(p.x, p.y);
  const readout = page.locator('.zoom-readout').first();
  await expect(readout).toContainText(`#${CELL.query + 1} `);
  await expect(readout).toContainText(`#${CELL.key + 1} `);
  expect(weightIn((await readout.textContent()) ?? '')).toBe(expected);
  // Single cells carry their token labels.
  await expect(page.locator('.zoom-rows text').first()).toBeVisible();

  // Drag pans: the matrix follows the pointer.
  await page.mouse.move(zbox.x + zbox.width / 2, zbox.y + zbox.height / 2);
  await page.mouse.down();
  await page.mouse.move(zbox.x + zbox.width / 2 + 60, zbox.y + zbox.height / 2 + 60, {
    steps: 4,
  });
  await page.mouse.up();
  const dragged = await viewOf(canvas);
  expect(dragged.x).toBeLessThan(zoomed.x);
  expect(dragged.y).toBeLessThan(zoomed.y);

  // Keyboard: + zooms, an arrow pans, 0 resets; then the Reset button.
  await canvas.focus();
  await page.keyboard.press('+');
  await expect.poll(async () => (await viewOf(canvas)).scale).toBeGreaterThan(dragged.scale);
  const before = await viewOf(canvas);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await viewOf(canvas)).x).toBeGreaterThan(before.x);
  await page.keyboard.press('0');
  await expect.poll(() => viewOf(canvas)).toEqual(fit);
  await page.keyboard.press('+');
  await expect.poll(async () => (await viewOf(canvas)).scale).toBeGreaterThan(fit.scale);
  await page.getByRole('button', { name: 'Reset zoom' }).first().click();
  await expect.poll(() => viewOf(canvas)).toEqual(fit);

  if (process.env.H5_SHOT) await page.screenshot({ path: '/tmp/h5-zoom.png', fullPage: true });
  // Selecting chips zooms to their tokens.
  const chips = page.getByRole('list', { name: 'Tokens of Sentence A', exact: true });
  const from = chips.locator('li[data-index="10"]');
  const to = chips.locator('li[data-index="14"]');
  await chips.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width - 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
  // Tokens 10–14 fill the canvas from its top-left corner (or as far as the largest zoom allows).
  await expect(canvas).toHaveAttribute('data-window', /^10-(1[5-9]|2\d)x10-(1[5-9]|2\d)$/);

  // The heads grid: pooled (or exact) thumbnails of every head.
  await page.getByRole('tab', { name: 'Heads' }).click();
  const grid = page.getByRole('img', {
    name: /^Attention of all 2 layers × 4 heads of Sentence A$/,
  });
  await expect.poll(() => isDrawn(grid)).toBe(true);
  await expect(page.locator('.an-thumb')).toHaveCount(8);
  await expect(page.getByRole('note').filter({ hasText: 'computed on demand' })).toBeVisible();
  if (process.env.H5_SHOT) await page.screenshot({ path: '/tmp/h5-heads.png', fullPage: true });

  // Lines needs every weight: it says so instead of waiting for them.
  await page.getByRole('tab', { name: 'Lines' }).click();
  await expect(
    page.getByRole('note').filter({ hasText: 'the Lines view needs every weight' }),
  ).toBeVisible();
});
