/**
 * Browser test of masked-LM fillers with the tiny BERT fixture (its MLM head `cls.predictions.*`)
 * served as a Hub at /hub-test/: the token chips are mask toggles, masking "cat" shows it as
 * [MASK] and lists the 10 likeliest fillers with their percentages (plain items, no append), and
 * clicking the chip again restores the token and the hint.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loadById, loaded, openHub, ready, sentence, tokenList } from './hubMirror';

const predictions = (page: Page) =>
  page.getByRole('list', { name: 'Predictions for Sentence A', exact: true });
const panel = (page: Page) =>
  page.getByRole('region', { name: 'Masked token of Sentence A', exact: true });
const chipTexts = async (page: Page): Promise<string[]> =>
  (await tokenList(page, 'A').getByRole('listitem').allTextContents()).map((t) => t.trim());
const HINT = 'Click a token to mask it and see what the model would fill in';

test('a BERT model fills a masked token: [MASK] chip, 10 fillers with percentages, unmask restores', async ({
  page,
}) => {
  await openHub(page);
  await sentence(page, 'A').fill('the cat sat on the mat.');
  await loadById(page, 'tiny-bert');
  await loaded(page, 'tiny-bert');
  await ready(page, 'A');
  const before = await chipTexts(page);
  expect(before).toEqual(['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat', '.', '[SEP]']);

  // Every word is a toggle; [CLS] and [SEP] are not. The hint is above the chips and in the panel.
  const chips = tokenList(page, 'A');
  await expect(chips.getByRole('button')).toHaveCount(7);
  await expect(chips.getByRole('button', { name: /^Mask token 1 / })).toHaveCount(0);
  // Above the chips and in the panel, for each sentence (both are masked-LM runs).
  await expect(page.getByText(HINT, { exact: true })).toHaveCount(4);
  await expect(panel(page).getByText(HINT, { exact: true })).toBeVisible();
  await expect(predictions(page)).toHaveCount(0);

  // Mask "cat" (token 3): the chip becomes [MASK], pressed; the panel lists 10 fillers.
  const cat = chips.getByRole('button', { name: 'Mask token 3 (cat)', exact: true });
  await expect(cat).toHaveAttribute('aria-pressed', 'false');
  await cat.click();
  await expect(cat).toHaveAttribute('aria-pressed', 'true');
  await expect(cat).toHaveText('[MASK]', { timeout: 30_000 });
  await ready(page, 'A');
  expect(await chipTexts(page)).toEqual([
    '[CLS]',
    'the',
    '[MASK]',
    'sat',
    'on',
    'the',
    'mat',
    '.',
    '[SEP]',
  ]);
  await expect(panel(page)).toContainText('Fillers for [MASK] (token 3: “cat”)');
  const list = predictions(page);
  await expect(list.getByRole('listitem')).toHaveCount(10, { timeout: 30_000 });
  await expect(list).not.toHaveClass(/is-stale/);
  await expect(list.getByRole('button')).toHaveCount(0); // fillers do not append
  const percentages = await list.locator('.prediction-probability').allTextContents();
  expect(percentages).toHaveLength(10);
  for (const p of percentages) expect(p).toMatch(/^(?:<)?\d+\.\d%$/);
  const values = percentages.map((p) => Number.parseFloat(p.replace('<', '')));
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
  await expect(sentence(page, 'A')).toHaveValue('the cat sat on the mat.');

  // Click the masked chip again: "cat" is back, the list gives way to the hint.
  await cat.click();
  await expect(cat).toHaveAttribute('aria-pressed', 'false');
  await expect(cat).toHaveText('cat', { timeout: 30_000 });
  await ready(page, 'A');
  expect(await chipTexts(page)).toEqual(before);
  await expect(predictions(page)).toHaveCount(0);
  await expect(panel(page).getByText(HINT, { exact: true })).toBeVisible();
});
