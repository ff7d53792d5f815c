/**
 * Browser tests of Hugging Face checkpoints: the fixtures at tests/fixtures/hf/<name>/ are served
 * as a Hub at /hub-test/ (`/hub-test/{id}/resolve/{revision}/{file}`, same-origin through
 * `?hub=/hub-test/`), or opened as files. Every test also fails on any console error, page error
 * or dialog (a 404 of a wrong model id included).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  FIXTURES,
  HUB,
  figure,
  heatmap,
  hubStatus,
  isDrawn,
  loadButton,
  loadById,
  loaded,
  modelId,
  modelPicker,
  openHub,
  ready,
  sentence,
  tokenList,
  type Side,
} from './hubMirror';

const allHeatmaps = (page: Page) =>
  page.getByRole('img', { name: /^Sentence [AB], layer \d+, head \d+$/ });
const pairBox = (page: Page) =>
  page.getByRole('checkbox', { name: 'Sentence pair (A [SEP] B)', exact: true });

const chips = async (page: Page, side: Side): Promise<string[]> =>
  (await tokenList(page, side).getByRole('listitem').allTextContents()).map((t) => t.trim());

test('a BERT model by id: progress to 100%, both sentences with [CLS]/[SEP]; then as a pair', async ({
  page,
}) => {
  await openHub(page);
  await sentence(page, 'A').fill('the cat sat on the mat.');
  await sentence(page, 'B').fill('the dog ran in the park.');
  await loadById(page, 'tiny-bert');
  await loaded(page, 'tiny-bert');
  await expect(page.locator('.model-summary')).toContainText('tiny-bert · 2 layers × 4 heads');
  await expect(page.locator('.hub-facts')).toContainText('Reads up to 48 tokens');

  for (const side of ['A', 'B'] as const) {
    await ready(page, side);
    const tokens = await chips(page, side);
    expect(tokens[0]).toBe('[CLS]');
    expect(tokens[tokens.length - 1]).toBe('[SEP]');
    await expect(tokenList(page, side).locator('.chip-special')).toHaveText(['[CLS]', '[SEP]']);
  }
  expect(await chips(page, 'A')).toEqual([
    '[CLS]',
    'the',
    'cat',
    'sat',
    'on',
    'the',
    'mat',
    '.',
    '[SEP]',
  ]);
  await expect(allHeatmaps(page)).toHaveCount(2);

  // Sentence pair: ONE run of [CLS] A [SEP] B [SEP], one heatmap, the segments named.
  await pairBox(page).check();
  await expect(allHeatmaps(page)).toHaveCount(1);
  await expect.poll(() => chips(page, 'A')).toContain('dog');
  await ready(page, 'A');
  const pair = await chips(page, 'A');
  expect(pair).toEqual([
    '[CLS]',
    'the',
    'cat',
    'sat',
    'on',
    'the',
    'mat',
    '.',
    '[SEP]',
    'the',
    'dog',
    'ran',
    'in',
    'the',
    'park',
    '.',
    '[SEP]',
  ]);
  expect(pair.filter((t) => t === '[SEP]')).toHaveLength(2);
  const canvas = heatmap(page, 'A');
  expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.height, c.width])).toEqual([17, 17]);
  await expect(page.getByTestId('hub-segments')).toHaveText(
    'Sentence pair: tokens 1–9 are sentence A (token type 0), tokens 10–17 sentence B (token type 1).',
  );
  await expect(page.getByText('Sentence B is the second half of the sentence pair')).toBeVisible();

  // Typing in B re-runs the pair.
  await sentence(page, 'B').fill('the river');
  await expect.poll(() => chips(page, 'A')).toContain('river');
  await ready(page, 'A');

  // Off again: each sentence alone.
  await pairBox(page).uncheck();
  await ready(page, 'B');
  await expect(allHeatmaps(page)).toHaveCount(2);
  expect(await chips(page, 'B')).toEqual(['[CLS]', 'the', 'river', '[SEP]']);
});

test('a GPT-2 model: causal attention, the upper triangle masked; no sentence pairs', async ({
  page,
}) => {
  await openHub(page, `${HUB}&hf=tiny-gpt2`);
  await expect(modelPicker(page)).toHaveValue('hf');
  await expect(modelId(page)).toHaveValue('tiny-gpt2');
  await sentence(page, 'A').fill('Hello world, hello.');
  await loadButton(page).click();
  await loaded(page, 'tiny-gpt2');
  await expect(page.locator('.hub-facts')).toContainText('decoder: causal');
  await expect(pairBox(page)).toBeDisabled();
  await ready(page, 'A');
  await ready(page, 'B');

  const alpha = await heatmap(page, 'A').evaluate((node) => {
    const c = node as HTMLCanvasElement;
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return Array.from({ length: c.height }, (_, r) =>
      Array.from({ length: c.width }, (_, k) => px[(r * c.width + k) * 4 + 3]),
    );
  });
  expect(alpha.length).toBeGreaterThan(2);
  alpha.forEach((row, r) =>
    row.forEach((a, k) => expect(a, `row ${r}, key ${k}`).toBe(k > r ? 0 : 255)),
  );
  await expect(figure(page, 'A').getByText('masked', { exact: true })).toBeVisible();
});

test('a wrong model id: a readable 404 error; the translator still works after switching back', async ({
  page,
}) => {
  await openHub(page);
  await loadById(page, 'no-such-model');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The Hugging Face model could not be loaded', {
    timeout: 30_000,
  });
  await expect(alert).toContainText('config.json not found (HTTP 404)');
  await expect(alert).toContainText('is the model id right?');
  const text = (await alert.textContent()) ?? '';
  expect(text, 'no stack trace').not.toMatch(/\bat \S+ \(|\.js:\d+|\.ts:\d+/);
  await expect(hubStatus(page)).toContainText('no-such-model: not loaded');

  await alert.getByRole('button', { name: 'Use the built-in translator' }).click();
  await expect(modelPicker(page)).toHaveValue('translator');
  await expect(page.getByRole('alert')).toHaveCount(0);
  const translation = page.getByRole('status', { name: 'Translation of Sentence A', exact: true });
  await expect(translation).toHaveText(/\S/, { timeout: 30_000 });
  await ready(page, 'A');
});

test('a failed load keeps the previous model; Cancel stops a download; a reload loads from cache', async ({
  page,
}) => {
  let release!: () => void;
  const until = new Promise<void>((resolve) => (release = resolve));
  await openHub(page, HUB, { id: 'slow-bert', until });
  await loadById(page, 'tiny-bert');
  await loaded(page, 'tiny-bert');
  // The offline copy is written after the model is ready, and the page says when it is kept.
  await expect(hubStatus(page)).toContainText('saved for offline use');
  await ready(page, 'A');

  // A wrong id: the error, and tiny-bert keeps running.
  await loadById(page, 'no-such-model');
  await expect(page.getByRole('alert')).toContainText('The model loaded before (tiny-bert)');
  await sentence(page, 'A').fill('the big red dog');
  await expect.poll(() => chips(page, 'A')).toContain('dog');
  await ready(page, 'A');

  // A download that hangs: Cancel.
  await loadById(page, 'slow-bert');
  await expect(hubStatus(page)).toHaveAttribute('data-state', 'loading');
  await expect(hubStatus(page)).toContainText('Loading slow-bert…');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(hubStatus(page)).toContainText('Loading slow-bert was cancelled.');
  await expect(loadButton(page)).toBeEnabled();
  release();

  // Cache Storage: after a reload, with the Hub unreachable, tiny-bert still loads.
  await page.unroute('**/hub-test/**');
  await page.route('**/hub-test/**', (route) =>
    new URL(route.request().url()).pathname.startsWith('/hub-test/')
      ? route.abort()
      : route.fallback(),
  );
  await page.reload();
  await modelPicker(page).selectOption('hf');
  await loadById(page, 'tiny-bert');
  await loaded(page, 'tiny-bert');
  await expect(hubStatus(page)).toContainText('from cache');
  await ready(page, 'A');
});

test('a DistilBERT model from files (Open model files) draws its heatmaps', async ({ page }) => {
  await openHub(page);
  const dir = path.join(FIXTURES, 'tiny-distilbert');
  await page
    .getByLabel('Open model files', { exact: true })
    .setInputFiles(readdirSync(dir).map((f) => path.join(dir, f)));
  await loaded(page, 'tiny-distilbert');
  await expect(page.locator('.hub-facts')).toContainText('distilbert');
  await ready(page, 'A');
  await ready(page, 'B');
  const tokens = await chips(page, 'A');
  expect(tokens[0]).toBe('[CLS]');
  expect(tokens[tokens.length - 1]).toBe('[SEP]');

  // The other views run on it too: all heads, and one head step by step.
  await page.getByRole('tab', { name: 'Heads', exact: true }).click();
  const grid = page.getByRole('img', { name: 'Attention of all 2 layers × 4 heads of Sentence A' });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => isDrawn(grid)).toBe(true);
  await page.getByRole('tab', { name: 'Step by step', exact: true }).click();
  await expect(page.getByText(/tiny-distilbert/).first()).toBeVisible();
  await expect(page.getByTestId('steps-check')).toContainText('largest difference', {
    timeout: 30_000,
  });
});
