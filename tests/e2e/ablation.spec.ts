/**
 * Switching heads off (issue 16, item 1) on the built-in translator (2 encoder and 2 decoder
 * layers of 4 heads): the toggles in the heads grid and the Attention tab, the bar that counts them,
 * the share link, and what the model does without them.
 */
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Side = 'A' | 'B';

const toggle = (page: Page, layer: number, head: number) =>
  page.getByRole('button', { name: `Switch off layer ${layer}, head ${head}`, exact: true });

const allOn = (page: Page) => page.getByRole('button', { name: 'Switch all back on', exact: true });

const translation = (page: Page, side: Side) =>
  page.getByRole('status', { name: `Translation of Sentence ${side}`, exact: true });

const heatmap = (page: Page, side: Side) =>
  page.getByRole('img', { name: new RegExp(`^Sentence ${side}, layer \\d+, head \\d+$`) });

const headsGrid = (page: Page) =>
  page.getByRole('img', { name: /^Attention of all \d+ layers × \d+ heads of Sentence A$/ });

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

/** The heads grid of the chosen kind, drawn. */
async function openHeads(page: Page, kind?: string): Promise<void> {
  await openTab(page, 'Heads');
  if (kind)
    await page
      .getByRole('combobox', { name: 'Attention', exact: true })
      .selectOption({ label: kind });
  await expect(headsGrid(page)).toBeVisible({ timeout: 30_000 });
}

/** Both sentences have finished running (their heatmaps or grid are not stale). */
async function settled(page: Page): Promise<void> {
  await expect(page.locator('[data-state="loading"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('.an-grid.is-stale')).toHaveCount(0, { timeout: 30_000 });
}

/** The heatmap of `side` once ready: its pixels as a data URL (after `differentFrom`, if given). */
async function readyPicture(page: Page, side: Side, differentFrom?: string): Promise<string> {
  const canvas = heatmap(page, side);
  const box = (c: Locator) => c.locator('xpath=ancestor::*[@data-state][1]');
  let url = '';
  await expect
    .poll(
      async () => {
        const state = await box(canvas).getAttribute('data-state');
        url = await canvas.evaluate((node) => (node as HTMLCanvasElement).toDataURL());
        return state === 'ready' && url !== differentFrom;
      },
      { timeout: 30_000, message: `heatmap of Sentence ${side} is ready` },
    )
    .toBe(true);
  return url;
}

test('heads switch off in the grid and the Attention tab, are counted, and travel in the link', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await openHeads(page);
  await expect(allOn(page)).toHaveCount(0);
  await expect(toggle(page, 1, 1)).toHaveAttribute('aria-pressed', 'false');

  await toggle(page, 1, 1).click();
  await toggle(page, 2, 3).click();
  await expect(toggle(page, 1, 1)).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle(page, 2, 3)).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle(page, 1, 2)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('heading', { name: '2 heads off' })).toBeVisible();
  await expect(allOn(page)).toBeVisible();
  const mode = page.getByRole('combobox', { name: 'Switched-off heads give', exact: true });
  await expect(mode).toHaveValue('zero');
  await expect(mode.locator('option')).toHaveText(['Zero', 'Their mean over the sentence']);
  // The thumbnail says so too.
  await expect(page.getByRole('button', { name: /^L1 H1: .*\(switched off\)$/ })).toBeVisible();
  await settled(page);

  // The Compare tab's head metrics mark them too.
  await openTab(page, 'Compare');
  await expect(page.locator('.cmp-metrics').getByText('switched off')).toHaveCount(2);
  await openHeads(page);

  // Open the switched-off head: the Attention tab marks it and can switch it back on.
  await page.getByRole('button', { name: /^L2 H3: / }).click();
  await expect(page.getByRole('tab', { name: 'Attention', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByText('Layer 2, head 3 is switched off')).toBeVisible();
  await expect(toggle(page, 2, 3)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.heatmap-caption').first()).toContainText('switched off');

  await mode.selectOption({ label: 'Their mean over the sentence' });
  await expect(mode).toHaveValue('mean');
  await settled(page);

  // Copy link keeps the switched-off heads and the mode.
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const field = page.getByRole('textbox', { name: 'Link to this view' });
  await expect(field).toHaveValue(/#s=[A-Za-z0-9_-]+$/);
  const link = await field.inputValue();

  await toggle(page, 2, 3).click();
  await expect(toggle(page, 2, 3)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByText('Layer 2, head 3 is switched off')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '1 head off' })).toBeVisible();
  await allOn(page).click();
  await expect(allOn(page)).toHaveCount(0);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { name: '2 heads off' })).toBeVisible();
  await expect(
    other.getByRole('combobox', { name: 'Switched-off heads give', exact: true }),
  ).toHaveValue('mean');
  await expect(toggle(other, 2, 3)).toHaveAttribute('aria-pressed', 'true');
  await openHeads(other);
  await expect(toggle(other, 1, 1)).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle(other, 2, 3)).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle(other, 2, 2)).toHaveAttribute('aria-pressed', 'false');
  await settled(other);
  await other.close();
});

test('switching heads off changes the later layers and the translation; back on restores them', async ({
  page,
}) => {
  await page.goto('/');
  await expect(translation(page, 'A')).toHaveText(/\S/, { timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Layer', exact: true }).selectOption({ label: '2' });
  const layer2 = await readyPicture(page, 'A');
  await settled(page);
  const translated = ((await translation(page, 'A').textContent()) ?? '').trim();

  // Every head of the encoder's first layer off: its second layer attends differently.
  await openHeads(page, 'Encoder self-attention');
  for (let h = 1; h <= 4; h++) await toggle(page, 1, h).click();
  await expect(page.getByRole('heading', { name: '4 heads off' })).toBeVisible();
  await settled(page);
  await openTab(page, 'Attention');
  const without = await readyPicture(page, 'A', layer2);
  expect(without).not.toEqual(layer2);

  // Every head of the model off: the run still happens, says so, and translates otherwise.
  await openHeads(page, 'Encoder self-attention');
  for (let h = 1; h <= 4; h++) await toggle(page, 2, h).click();
  for (const kind of ['Decoder self-attention', 'Cross-attention']) {
    await openHeads(page, kind);
    for (let l = 1; l <= 2; l++) for (let h = 1; h <= 4; h++) await toggle(page, l, h).click();
  }
  await expect(page.getByRole('heading', { name: '24 heads off' })).toBeVisible();
  await expect(
    page.getByText('Every head is off: only the residual stream and the MLPs carry the input'),
  ).toBeVisible();
  await settled(page);
  await openTab(page, 'Attention');
  await expect(translation(page, 'A')).not.toHaveText(translated, { timeout: 30_000 });

  // Back on: the same translation and the same picture as before.
  await allOn(page).click();
  await expect(translation(page, 'A')).toHaveText(translated, { timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Attention', exact: true }).selectOption({
    label: 'Encoder self-attention',
  });
  await page.getByRole('combobox', { name: 'Layer', exact: true }).selectOption({ label: '2' });
  await settled(page);
  expect(await readyPicture(page, 'A')).toEqual(layer2);
});
