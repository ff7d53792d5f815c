/**
 * Browser tests of the analysis tabs (Heads, Lines, Compare, Aggregates) against the built app, on
 * the default model and sentences. Every test also fails on any console error, page error or dialog.
 */
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

const THUMB = /^L\d+ H\d+:/;

async function openTab(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'Sentence A', exact: true })).toBeVisible();
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

/** How many options a toolbar picker offers (the layers or heads of the shown kind). */
async function optionCount(page: Page, name: 'Layer' | 'Head'): Promise<number> {
  return page.getByRole('combobox', { name, exact: true }).locator('option').count();
}

/** True when the canvas has been drawn with more than one colour. */
async function isDrawn(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    if (c.width === 0 || c.height === 0) return false;
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 4; i < px.length; i += 4)
      for (let j = 0; j < 4; j++) if (px[i + j] !== px[j]) return true;
    return false;
  });
}

const headsGrid = (page: Page) =>
  page.getByRole('img', { name: /^Attention of all \d+ layers × \d+ heads of Sentence A$/ });

test('the heads grid shows one thumbnail per layer × head of the default model', async ({
  page,
}) => {
  await openTab(page, 'Heads');
  const grid = headsGrid(page);
  await expect(grid).toBeVisible({ timeout: 30_000 });
  const layers = await optionCount(page, 'Layer');
  const heads = await optionCount(page, 'Head');
  expect(layers * heads).toBeGreaterThan(1);
  await expect(grid).toHaveAccessibleName(
    `Attention of all ${layers} layers × ${heads} heads of Sentence A`,
  );
  await expect(page.getByRole('button', { name: THUMB })).toHaveCount(layers * heads);
  await expect(page.getByRole('button', { name: /^L1 H1:/ })).toBeVisible();
  await expect(
    page.getByRole('button', { name: new RegExp(`^L${layers} H${heads}:`) }),
  ).toBeVisible();
  await expect.poll(() => isDrawn(grid)).toBe(true);
  // The metrics arrive after the paint; then every head has a pattern label.
  await expect(
    page.getByText(`Showing ${layers * heads} of ${layers * heads} heads`),
  ).toBeVisible();

  // Hovering a token of the strip lights up its row in every thumbnail: veils dim the rest.
  const strip = page.getByRole('group', { name: /^Query tokens of Sentence A/ });
  const veils = page.locator('.an-veil');
  await expect(veils.first()).toHaveCSS('visibility', 'hidden');
  await strip.getByText('bank', { exact: true }).hover();
  await expect(veils.first()).toHaveCSS('visibility', 'visible');
  await expect(veils.first()).toHaveCSS('transform', /matrix/);
  await page.mouse.move(0, 0);
  await expect(veils.first()).toHaveCSS('visibility', 'hidden');
});

test('clicking a thumbnail opens that head in the Attention tab', async ({ page }) => {
  await openTab(page, 'Heads');
  await expect(headsGrid(page)).toBeVisible({ timeout: 30_000 });
  const layers = await optionCount(page, 'Layer');
  const heads = await optionCount(page, 'Head');
  const layer = layers; // the last layer and head: far from the default 1/1
  const head = heads;
  await page.getByRole('button', { name: new RegExp(`^L${layer} H${head}:`) }).click();
  await expect(page.getByRole('tab', { name: 'Attention', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('combobox', { name: 'Layer', exact: true })).toHaveValue(
    String(layer - 1),
  );
  await expect(page.getByRole('combobox', { name: 'Head', exact: true })).toHaveValue(
    String(head - 1),
  );
  await expect(
    page.getByRole('img', { name: `Sentence A, layer ${layer}, head ${head}`, exact: true }),
  ).toBeVisible();
});

test('sorting by a metric and filtering by pattern change the grid', async ({ page }) => {
  await openTab(page, 'Heads');
  await expect(headsGrid(page)).toBeVisible({ timeout: 30_000 });
  const total = (await optionCount(page, 'Layer')) * (await optionCount(page, 'Head'));
  await expect(page.getByText(`Showing ${total} of ${total} heads`)).toBeVisible();
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('entropy');
  // Sorted by entropy, each thumbnail shows its value (two decimals).
  await expect(page.locator('.an-thumb-value').first()).toHaveText(/^\d+\.\d\d$/);
  const filter = page.getByRole('combobox', { name: 'Pattern' });
  const options = await filter.locator('option').allTextContents();
  // Options read "Broad (8)": pick the first pattern some head has.
  const used = options.find((o) => {
    const m = /\((\d+)\)$/.exec(o);
    return m !== null && m[1] !== '0';
  });
  expect(used, `a pattern with heads among ${options.join(', ')}`).toBeDefined();
  const count = Number(/\((\d+)\)$/.exec(used!)![1]);
  await filter.selectOption({ label: used! });
  await expect(page.getByRole('button', { name: THUMB })).toHaveCount(count);
});

test('the compare tab proposes "bank" and ranks the heads by divergence', async ({ page }) => {
  await openTab(page, 'Compare');
  const focus = page.getByRole('group', { name: 'Focus word' });
  await expect(focus.getByRole('button', { name: 'bank', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
    { timeout: 30_000 },
  );
  const table = page.getByRole('table', {
    name: 'Heads ranked by the Jensen–Shannon divergence of “bank”',
  });
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first().locator('td').nth(1)).toHaveText(/^L\d+ H\d+$/);
  await expect(rows.first().locator('td').nth(2)).toHaveText(/0\.\d{3}|–/);

  // The default sentences have the same length: the difference B − A is drawn.
  await expect(
    page.getByRole('img', { name: /^Difference of sentence B minus sentence A/ }),
  ).toBeVisible();
  // The thresholds of the pattern labels are stated.
  await expect(page.getByText('previous-token share ≥ 50%')).toBeVisible();

  // Two heads ticked: side by side with their difference.
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await expect(
    page.getByRole('img', { name: /^Difference L\d+ H\d+ minus L\d+ H\d+ of Sentence A$/ }),
  ).toBeVisible();
});

test('the lines view draws lines, and toggling a head changes them', async ({ page }) => {
  await openTab(page, 'Lines');
  const canvas = page.getByRole('img', {
    name: /^Attention lines of Sentence A, layer 1: \d+ lines$/,
  });
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  const before = Number(await canvas.getAttribute('data-lines'));
  expect(before).toBeGreaterThan(0);
  await expect.poll(() => isDrawn(canvas)).toBe(true);
  const picture = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());

  await page.getByRole('checkbox', { name: 'Head 1', exact: true }).uncheck();
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-lines')))
    .toBeLessThan(before);
  expect(await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(picture);

  // Hovering a query token keeps only its lines.
  const queries = page.getByRole('list', { name: 'Query tokens of Sentence A' });
  await queries.getByRole('button', { name: 'bank', exact: true }).hover();
  await expect(page.getByText(/^Lines from “bank”: \d+$/)).toBeVisible();
});

test('aggregates: averages, rollout and flow (in their worker) are drawn', async ({ page }) => {
  await openTab(page, 'Aggregates');
  await expect(page.getByRole('img', { name: 'Sentence A: Layer 1, mean over heads' })).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await page.getByRole('button', { name: 'Attention rollout' }).click();
  const rollout = page.getByRole('img', { name: 'Sentence A: Rollout through layer 1' });
  await expect(rollout).toBeVisible();
  await expect.poll(() => isDrawn(rollout)).toBe(true);
  await page.getByRole('button', { name: 'Attention flow' }).click();
  await expect(page.getByRole('img', { name: 'Sentence A: Flow through layer 1' })).toBeVisible();
});
