/**
 * Browser test of the next-token predictions panel with the tiny GPT-2 fixture, served as a Hub at
 * /hub-test/ (`?hub=/hub-test/`, as in hub.spec.ts): the 10 likeliest next tokens with their
 * percentages, the temperature re-weighting them on the page, and a click appending the token to
 * the sentence and running it again.
 */
import { type Page } from '@playwright/test';
import { visibleTokenText } from '../../src/views/predictions/format';
import { expect, test } from './fixtures';
import { serveHub } from './hubMirror';

const sentence = (page: Page) => page.getByRole('textbox', { name: 'Sentence A', exact: true });
const predictions = (page: Page, side: 'A' | 'B' = 'A') =>
  page.getByRole('list', { name: `Predictions for Sentence ${side}`, exact: true });
const temperature = (page: Page) =>
  page
    .getByRole('region', { name: 'Next token after Sentence A', exact: true })
    .getByRole('slider', { name: 'Temperature', exact: true });
const percentages = async (page: Page): Promise<string[]> =>
  predictions(page).locator('.prediction-probability').allTextContents();

test('a GPT-2 model predicts the next token: top 10, temperature, click to append', async ({
  page,
}) => {
  await serveHub(page);
  await page.goto('/?hub=/hub-test/&hf=tiny-gpt2');
  await expect(sentence(page)).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  if ((await picker.inputValue()) !== 'hf')
    await picker.selectOption({ label: 'Hugging Face model (BERT, GPT-2…)' });
  await sentence(page).fill('Hello world, hello');
  await page.getByRole('button', { name: 'Load', exact: true }).click();

  // Ten predictions, best first, each a button with its probability as a percentage.
  const list = predictions(page);
  await expect(list.getByRole('listitem')).toHaveCount(10, { timeout: 30_000 });
  await expect(list).not.toHaveClass(/is-stale/);
  await expect(list.getByRole('button')).toHaveCount(10);
  const before = await percentages(page);
  expect(before).toHaveLength(10);
  for (const p of before) expect(p).toMatch(/^(?:<)?\d+\.\d%$/);
  const values = before.map((p) => Number.parseFloat(p.replace('<', '')));
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
  await expect(predictions(page, 'B').getByRole('listitem')).toHaveCount(10);

  // A lower temperature sharpens the distribution: the percentages change, no run needed.
  const slider = temperature(page);
  await expect(slider).toHaveValue('1');
  await slider.focus();
  await slider.press('Home');
  await expect(slider).toHaveValue('0.1');
  await expect.poll(() => percentages(page)).not.toEqual(before);
  const sharp = await percentages(page);
  expect(Number.parseFloat(sharp[0]!)).toBeGreaterThan(values[0]!);

  // Clicking the best token appends its text to sentence A and runs it again.
  const first = list.getByRole('button').first();
  const shown = (await first.locator('.prediction-token').textContent()) ?? '';
  const text = await sentence(page).inputValue();
  await first.click();
  await expect.poll(() => sentence(page).inputValue()).not.toBe(text);
  const appended = await sentence(page).inputValue();
  expect(appended.startsWith(text)).toBe(true);
  expect(visibleTokenText(appended.slice(text.length))).toBe(shown);
  await expect(page.locator('figure.heatmap[data-slot="A"]')).toHaveAttribute(
    'data-state',
    'ready',
    { timeout: 30_000 },
  );
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await expect(list).not.toHaveClass(/is-stale/);
});
