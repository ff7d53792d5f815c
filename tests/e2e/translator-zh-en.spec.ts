/**
 * Browser test of the Chinese → English direction (issue 17, items 2 and 3), one page: the model
 * picker's second translator, its example sentences, the translation's accessible name and
 * language, the cross-attention heatmap's English rows over Chinese columns, the alignment
 * picture's lines, the Compare and Same-word tabs following the written English "bank", and the
 * switch back restoring the English examples.
 *
 * Until the zh-en model's files are committed (public/models/zh-en-tiny/), its folder is served
 * from the en-zh model's files, so the wiring is still checked (but not the English output).
 */
import { existsSync, readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pngSize } from './png';
import { wcagViolations } from './axe';

const HAS_ZH_EN = existsSync('public/models/zh-en-tiny/config.json');
const CARD = 'public/models/zh-en-tiny/MODEL_CARD.md';
/** The final model: its card is the full one, not the early checkpoint's note. */
const FINAL_ZH_EN = existsSync(CARD) && !readFileSync(CARD, 'utf8').includes('early checkpoint');

const sentence = (page: Page, side: 'A' | 'B') =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });
const translation = (page: Page, side: 'A' | 'B') =>
  page.getByRole('status', { name: `Translation of Sentence ${side}`, exact: true });
const modelPicker = (page: Page) => page.getByRole('combobox', { name: 'Model', exact: true });
const kindPicker = (page: Page) => page.getByRole('combobox', { name: 'Attention', exact: true });
const figure = (page: Page) => page.locator('figure.heatmap[data-slot="A"]');
const alignment = (page: Page) =>
  page.getByRole('img', { name: /^Alignment of Sentence A, layer \d+, average over heads/i });

test('Chinese → English: examples, translation, English rows, alignment lines, and back', async ({
  page,
}) => {
  // The first Chinese → English run downloads and starts a second model: slow on a busy machine.
  test.setTimeout(120_000);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  if (!HAS_ZH_EN)
    await page.route('**/models/zh-en-tiny/*', (route) =>
      route.continue({ url: route.request().url().replace('/zh-en-tiny/', '/en-zh-tiny/') }),
    );
  await page.goto('/');
  await expect(sentence(page, 'A')).toHaveValue('The bank is near the river.');
  await expect(translation(page, 'A')).toHaveText(/\S/, { timeout: 30_000 });
  // The zh-en model is downloaded only once chosen.
  expect(requested.filter((p) => p.includes('zh-en-tiny'))).toEqual([]);

  await modelPicker(page).selectOption({ label: 'Built-in translator (Chinese → English)' });
  await expect(sentence(page, 'A')).toHaveValue('我爱吃苹果。');
  await expect(sentence(page, 'B')).toHaveValue('他把钱存进了银行。');
  // The boxes take lang zh-Hans once the page's font has their glyphs (which also makes Chromium
  // draw them again: it shows empty boxes for text that came before its font).
  await expect(sentence(page, 'A')).toHaveAttribute('lang', 'zh-Hans');
  const out = translation(page, 'A');
  await expect(out).toHaveAttribute('lang', 'en');
  await expect(out).toHaveText(/\S/, { timeout: 60_000 });
  if (HAS_ZH_EN) await expect(out).toHaveText(/^[A-Z][a-z]*( [A-Za-z]+)*\s?[.!?]$/);
  // The final model must give the article's sentence.
  if (FINAL_ZH_EN) await expect(out).toHaveText('I love eating apples.');
  expect(requested.some((p) => p.includes('/models/zh-en-tiny/'))).toBe(true);

  // Cross-attention: English words being written (rows) over Chinese characters (columns).
  await kindPicker(page).selectOption({ label: 'Cross-attention' });
  await expect(figure(page)).toContainText(
    'Rows: English word being written; columns: Chinese characters it looks at.',
  );
  await expect(figure(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const cols = await figure(page)
    .locator('svg.heatmap-cols text')
    .evaluateAll((nodes) => nodes.map((n) => n.firstChild?.nodeValue ?? ''));
  expect(cols.slice(0, 5), `columns: ${cols.join(' ')}`).toEqual(['我', '爱', '吃', '苹', '果']);

  // The alignment picture: one line per written token, to a Chinese character.
  const picture = alignment(page);
  await expect(picture).toBeVisible();
  const rows = await figure(page).locator('svg.heatmap-rows text').count();
  await expect(picture).toHaveAttribute('data-lines', String(rows));
  expect(await picture.locator('line').count()).toBe(rows);
  await expect(
    page.getByText(/^Alignment accuracy on \d+ known word pairs|^No known word pairs/).first(),
  ).toBeVisible();
  // The model's own figure over its probe set is in its card, beside its files.
  await expect(page.getByRole('link', { name: 'Model card' }).first()).toHaveAttribute(
    'href',
    /\/models\/zh-en-tiny\/MODEL_CARD\.md$/,
  );
  // The card and the translator panel's example buttons pass an accessibility scan.
  const violations = await wcagViolations(page, '.alignment', '.direction-examples');
  expect(violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  // One head instead of the average: still one line per written token.
  await page
    .getByRole('combobox', { name: 'Alignment head', exact: true })
    .first()
    .selectOption({ label: 'Head 1' });
  await expect(
    page.getByRole('img', { name: /^Alignment of Sentence A, layer \d+, Head 1: / }),
  ).toHaveAttribute('data-lines', String(rows));

  // The picture as PNG, drawn once the page's own Chinese font has the characters.
  const exportGroup = page.getByRole('group', { name: 'Alignment as PNG' }).first();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    exportGroup.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/alignment_L\d+_H1.*\.png$/);
  expect(pngSize(readFileSync(await file.path())).width).toBeGreaterThan(200);
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '我爱吃苹果'))).toBe(
    true,
  );

  // Step by step follows one written token of the cross-attention: its query picker lists the
  // heatmap's rows (the English words being written), and choosing one explains its query.
  const rowLabels = await figure(page)
    .locator('svg.heatmap-rows text')
    .evaluateAll((nodes) => nodes.map((n) => n.firstChild?.nodeValue ?? ''));
  await page.getByRole('tab', { name: 'Step by step', exact: true }).click();
  const query = page.getByRole('group', { name: 'Query token' });
  await expect(query.getByRole('button')).toHaveText(rowLabels, { timeout: 45_000 });
  const pick = HAS_ZH_EN ? rowLabels.indexOf('apples') : 1;
  expect(pick, `rows: ${rowLabels.join(' ')}`).toBeGreaterThanOrEqual(0);
  await query.getByRole('button').nth(pick).click();
  await expect(page.getByText(`The token “${rowLabels[pick]}” asks its question`)).toBeVisible();

  // Compare follows the English the decoder writes: it offers the "bank" pair, then proposes the
  // written "bank" (its cross-attention rows over the Chinese characters) as the focus word.
  await page.getByRole('tab', { name: 'Compare', exact: true }).click();
  const compareNote = page.getByTestId('compare-zh-en');
  await expect(compareNote).toContainText('the English words the decoder writes');
  await compareNote.getByRole('button', { name: /^Use the “bank” pair/ }).click();
  // The sentences are the pair now: the button goes away.
  await expect(compareNote.getByRole('button')).toHaveCount(0);
  if (HAS_ZH_EN) {
    const focus = page.getByRole('group', { name: 'Focus word' });
    await expect(focus.getByRole('button', { name: 'bank', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
      { timeout: 45_000 },
    );
    await expect(
      page.getByRole('table', { name: 'Heads ranked by the Jensen–Shannon divergence of “bank”' }),
    ).toBeVisible();
  }
  // Same word: the encoder's rows are Chinese characters, where 河岸 and 银行 share no word; the
  // tab says why instead of looking for "bank" there, and its button goes to cross-attention.
  await page.getByRole('tab', { name: 'Same word, different weights', exact: true }).click();
  await kindPicker(page).selectOption({ label: 'Encoder self-attention' });
  const sameNote = page.getByTestId('same-zh-en');
  await expect(sameNote).toContainText('河岸 and 银行 have no character in common');
  await expect(page.getByTestId('same-q')).toHaveCount(0);
  const noteViolations = await wcagViolations(
    page,
    '[data-testid="same-zh-en"]',
    '[data-testid="same-heads"]',
  );
  expect(noteViolations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  await sameNote.getByRole('button', { name: 'Compare “bank” in cross-attention' }).click();
  await expect(kindPicker(page)).toHaveValue('cross');
  if (HAS_ZH_EN) {
    await expect(page.getByTestId('same-q')).toBeVisible({ timeout: 45_000 });
    await expect(page.getByRole('list', { name: 'q of “bank” in sentence B' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Weights of “bank” in sentence A' })).toBeVisible();
  }
  await page.getByRole('tab', { name: 'Attention', exact: true }).click();
  await expect(sentence(page, 'A')).toHaveValue('他坐在河岸上。');
  await expect(sentence(page, 'B')).toHaveValue('他把钱存进了银行。');
  // Sentence A back to the direction's example, so that switching back restores English there too.
  await sentence(page, 'A').fill('我爱吃苹果。');

  // Back to English → Chinese: the English examples return.
  await modelPicker(page).selectOption({ label: 'Built-in translator (English → Chinese)' });
  await expect(sentence(page, 'A')).toHaveValue('The bank is near the river.');
  await expect(sentence(page, 'B')).toHaveValue('I deposited money in the bank.');
  await expect(translation(page, 'A')).toHaveAttribute('lang', 'zh-Hans');
});
