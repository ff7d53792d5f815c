/**
 * Measured head importance and value-weighted attention (issue 16, items 2 and 3) on the built-in
 * translator: the Heads tab's "Head importance" panel measures every head (progress, then a
 * layers × heads heatmap and a ranked table with the translation per head, kept for the input),
 * and the "Show" choice redraws the heatmap as ‖α·f(x)‖ with its own colour bar title.
 */
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

const translation = (page: Page) =>
  page.getByRole('status', { name: 'Translation of Sentence A', exact: true });

const heatmap = (page: Page) =>
  page.getByRole('img', { name: /^Sentence A, layer \d+, head \d+$/ });

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

/** The heatmap's pixels once its figure is ready and they differ from `differentFrom`. */
async function readyPicture(page: Page, differentFrom?: string): Promise<string> {
  const canvas = heatmap(page);
  const box = (c: Locator) => c.locator('xpath=ancestor::*[@data-state][1]');
  let url = '';
  await expect
    .poll(
      async () => {
        const state = await box(canvas).getAttribute('data-state');
        url = await canvas.evaluate((node) => (node as HTMLCanvasElement).toDataURL());
        return state === 'ready' && url !== differentFrom;
      },
      { timeout: 30_000, message: 'heatmap of Sentence A is ready' },
    )
    .toBe(true);
  return url;
}

test('"Measure head importance" shows progress, then a heatmap and a ranked table of every head', async ({
  page,
}) => {
  await page.goto('/');
  await expect(translation(page)).toHaveText(/\S/, { timeout: 30_000 });
  await openTab(page, 'Heads');
  const panel = page.getByRole('region', { name: 'Head importance', exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.getByText('Not measured yet for this input.')).toBeVisible();

  await panel.getByRole('button', { name: 'Measure head importance', exact: true }).click();
  // Progress (the translator's 24 heads, one forward each), or the result if it was that fast.
  await expect(
    panel.getByText(/\d+ of \d+ heads|Starting…/).or(panel.getByRole('table')),
  ).toBeVisible();

  const table = panel.getByRole('table', { name: /^Heads ranked by / });
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table).toHaveAccessibleName(
    'Heads ranked by Drop in log-probability of the translation',
  );
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(rows.first().locator('td').first()).toHaveText('1');
  // The translator's table says what each head's removal did to the translation.
  await expect(
    table.getByRole('columnheader', { name: 'Translation with the head off' }),
  ).toBeVisible();
  await expect(panel.getByText(/^Translation with every head on: \S/)).toBeVisible();

  // The heatmap: 2 encoder + 2 decoder + 2 cross layers × 4 heads, with its colour bar.
  const grid = panel.getByRole('img', {
    name: /^Head importance of Sentence A, 6 layers × 4 heads/,
  });
  await expect(grid).toBeVisible();
  await expect(
    panel.getByRole('group', { name: 'Drop in log-probability of the translation (nats)' }),
  ).toBeVisible();
  const painted = await grid.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
    return { width: c.width, height: c.height, opaque };
  });
  expect(painted).toEqual({ width: 4, height: 6, opaque: 24 });

  // Show all: every head ranked.
  await panel.getByRole('button', { name: 'Show all 24', exact: true }).click();
  await expect(rows).toHaveCount(24);

  // Another input has no ranking; back to this one, its ranking is there at once.
  await openTab(page, 'Attention');
  const input = page.getByRole('textbox', { name: 'Sentence A', exact: true });
  const text = await input.inputValue();
  await input.fill('The river is wide.');
  await openTab(page, 'Heads');
  await expect(panel.getByText('Not measured yet for this input.')).toBeVisible({
    timeout: 30_000,
  });
  await openTab(page, 'Attention');
  await input.fill(text);
  await openTab(page, 'Heads');
  await expect(panel.getByRole('table')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Measure again', exact: true })).toBeEnabled();
});

test('Cancel stops a measurement and keeps the previous ranking', async ({ page }) => {
  await page.goto('/');
  await expect(translation(page)).toHaveText(/\S/, { timeout: 30_000 });
  await openTab(page, 'Heads');
  const panel = page.getByRole('region', { name: 'Head importance', exact: true });
  await panel.getByRole('button', { name: 'Measure head importance', exact: true }).click();
  const table = panel.getByRole('table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  const first = await table.locator('tbody').textContent();

  await panel.getByRole('button', { name: 'Measure again', exact: true }).click();
  const cancel = panel.getByRole('button', { name: 'Cancel', exact: true });
  // The measurement may finish before the click lands; either way the ranking stays.
  if (await cancel.isVisible()) await cancel.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(cancel).toBeHidden({ timeout: 60_000 });
  await expect(table).toBeVisible();
  expect(await table.locator('tbody').textContent()).toBe(first);
});

test('"Show" value-weighted attention redraws the heatmap with its own colour bar', async ({
  page,
}) => {
  await page.goto('/');
  await expect(translation(page)).toHaveText(/\S/, { timeout: 30_000 });
  const weights = await readyPicture(page);
  const show = page.getByRole('group', { name: 'Show', exact: true });
  await expect(show.getByRole('button', { name: 'Attention weights α' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await show.getByRole('button', { name: 'Value-weighted ‖α·f(x)‖' }).click();
  await expect(show.getByRole('button', { name: 'Value-weighted ‖α·f(x)‖' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const weighted = await readyPicture(page, weights);
  expect(weighted).not.toEqual(weights);
  const figure = heatmap(page).locator('xpath=ancestor::figure[1]');
  await expect(figure.locator('.legend-title')).toHaveText('‖α·f(x)‖');
  await expect(figure.getByText(/Kobayashi et al\. 2020/)).toBeVisible();

  // The Heads tab's thumbnails follow the choice too (and say what they show).
  await openTab(page, 'Heads');
  await expect(page.getByText(/contributes to the query’s output/).first()).toBeVisible({
    timeout: 30_000,
  });

  // Back to the weights: the first picture again.
  await openTab(page, 'Attention');
  await show.getByRole('button', { name: 'Attention weights α' }).click();
  expect(await readyPicture(page, weighted)).toEqual(weights);
});
