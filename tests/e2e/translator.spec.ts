/**
 * Browser tests of the built-in English → Chinese translator (the page's default model), against the
 * built app in Debian's Chromium: the wiring (translations, labelled heatmaps, errors, unknown
 * words) and the one translation the issue asks for, the bank pair told apart.
 * Every test also fails on any console error, page error or dialog.
 */
import { readFileSync } from 'node:fs';
import { type Locator, type Page, type Route } from '@playwright/test';
import { expect, test } from './fixtures';

type Side = 'A' | 'B';

/** A Chinese token: a Han character or CJK punctuation (the model may still be training). */
const CHINESE = /^(?:[\p{Script=Han}\u3000-\u303f\uff00-\uffef]|<unk>)$/u;
const KINDS = ['Encoder self-attention', 'Decoder self-attention', 'Cross-attention'];

const sentence = (page: Page, side: Side) =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });
const translation = (page: Page, side: Side) =>
  page.getByRole('status', { name: `Translation of Sentence ${side}`, exact: true });
const tokenList = (page: Page, side: Side) =>
  page.getByRole('list', { name: `Tokens of Sentence ${side}`, exact: true });
const heatmap = (page: Page, side: Side) =>
  page.getByRole('img', { name: new RegExp(`^Sentence ${side}, layer \\d+, head \\d+$`) });
const figure = (page: Page, side: Side) => page.locator(`figure.heatmap[data-slot="${side}"]`);
const modelPicker = (page: Page) => page.getByRole('combobox', { name: 'Model', exact: true });
const kindPicker = (page: Page) => page.getByRole('combobox', { name: 'Attention', exact: true });

/** The labels drawn on one axis of a heatmap (each SVG text's own text, without its <title>). */
async function axisLabels(page: Page, side: Side, axis: 'rows' | 'cols'): Promise<string[]> {
  return figure(page, side)
    .locator(`svg.heatmap-${axis} text`)
    .evaluateAll((nodes) => nodes.map((n) => n.firstChild?.nodeValue ?? ''));
}

/** True when the canvas has pixels that are not all the same. */
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

/** Waits until the heatmap of `side` is ready and drawn. */
async function ready(page: Page, side: Side): Promise<void> {
  await expect(figure(page, side)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect.poll(() => isDrawn(heatmap(page, side)), { timeout: 15_000 }).toBe(true);
}

async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(sentence(page, 'A')).toBeVisible();
}

test('the default page translates both sentences with the built-in translator', async ({
  page,
}) => {
  await openApp(page);
  await expect(modelPicker(page)).toHaveValue('translator');
  await expect(modelPicker(page).locator('option:checked')).toHaveText(
    'Built-in translator (English → Chinese)',
  );
  for (const side of ['A', 'B'] as const) {
    const out = translation(page, side);
    await expect(out).toHaveText(/\S/, { timeout: 30_000 });
    await expect(out).toHaveAttribute('lang', /^zh/);
    await ready(page, side);
  }
  await expect(tokenList(page, 'A').getByRole('listitem')).toContainText(['bank', 'river']);
  await expect(page.getByRole('heading', { name: 'Built-in translator' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Playground model' })).toHaveCount(0);
  await expect(page.getByText('Loaded', { exact: true })).toBeVisible();
});

test('the default bank pair is told apart: 河岸/岸边 by the river, 银行 for the money', async ({
  page,
}) => {
  // Both demo sentences are held out of the training corpus (see the model card).
  await openApp(page);
  await expect(translation(page, 'A')).toHaveText(/河岸|岸边/, { timeout: 30_000 });
  await expect(translation(page, 'A')).not.toHaveText(/银行/);
  await expect(translation(page, 'B')).toHaveText(/银行/, { timeout: 30_000 });
});

test('the three attention kinds each draw a heatmap with their own axes', async ({ page }) => {
  await openApp(page);
  await ready(page, 'A');
  await expect(kindPicker(page).locator('option')).toHaveText(KINDS);
  const source = (await tokenList(page, 'A').getByRole('listitem').allTextContents()).map((t) =>
    t.trim(),
  );

  // Encoder self-attention: English tokens on both axes.
  await expect(kindPicker(page)).toHaveValue('encoder-self');
  expect(await axisLabels(page, 'A', 'rows')).toEqual(source);
  expect(await axisLabels(page, 'A', 'cols')).toEqual(source);
  await expect(figure(page, 'A')).toContainText('Rows and columns: the English tokens.');

  // Cross-attention: Chinese tokens being written × English tokens.
  await kindPicker(page).selectOption({ label: 'Cross-attention' });
  await ready(page, 'A');
  await expect.poll(() => axisLabels(page, 'A', 'rows')).not.toEqual(source);
  const rows = await axisLabels(page, 'A', 'rows');
  const written = rows.slice(0, -1); // y1…yn; the last row writes </s> (or the next token)
  expect(written.length, `cross rows: ${rows.join(' ')}`).toBeGreaterThan(0);
  for (const r of written) expect(r, `cross rows: ${rows.join(' ')}`).toMatch(CHINESE);
  expect(await axisLabels(page, 'A', 'cols')).toEqual(source);
  await expect(figure(page, 'A')).toContainText(
    'Rows: Chinese token being written; columns: English tokens it looks at.',
  );
  const out = ((await translation(page, 'A').textContent()) ?? '').trim();
  expect(written.join('').replace(/<unk>/g, '')).toBe(out);
  const canvas = heatmap(page, 'A');
  expect(await canvas.evaluate((c: HTMLCanvasElement) => [c.height, c.width])).toEqual([
    rows.length,
    source.length,
  ]);

  // Decoder self-attention: rows the token written at each step; columns <s>, y1…yn.
  await kindPicker(page).selectOption({ label: 'Decoder self-attention' });
  await ready(page, 'A');
  const cols = await axisLabels(page, 'A', 'cols');
  expect(cols[0]).toBe('<s>');
  expect(await axisLabels(page, 'A', 'rows')).toEqual(rows);
  expect(cols.slice(1)).toEqual(rows.slice(0, -1));
  await expect(figure(page, 'A')).toContainText(
    'Rows: the Chinese token being written at that step; columns: the tokens written before it.',
  );
  // Causal: the upper triangle is masked.
  await expect(figure(page, 'A').getByText('masked', { exact: true })).toBeVisible();
  await ready(page, 'B');
});

test('switching models re-runs both sentences; the playground settings show only for it', async ({
  page,
}) => {
  const downloads: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/model.safetensors')) downloads.push(r.url());
  });
  await openApp(page);
  await ready(page, 'A');
  await modelPicker(page).selectOption({ label: 'Playground (random weights)' });
  await expect(page.getByRole('heading', { name: 'Playground model' })).toBeVisible();
  await expect(translation(page, 'A')).toHaveCount(0);
  await ready(page, 'A');
  await ready(page, 'B');
  await expect(kindPicker(page)).toHaveCount(0); // the playground is an encoder by default

  await modelPicker(page).selectOption('translator');
  await expect(page.getByRole('heading', { name: 'Playground model' })).toHaveCount(0);
  await expect(translation(page, 'B')).toHaveText(/\S/, { timeout: 30_000 });
  await ready(page, 'B');
  // Once per engine worker: B moves to a second worker (two cores up), which loads its own copy.
  const engineWorkers = page.workers().filter((w) => w.url().includes('engine.worker')).length;
  expect(downloads.length, 'the weights download once per engine worker').toBeGreaterThan(0);
  expect(downloads.length, 'the weights download once per engine worker').toBeLessThanOrEqual(
    Math.max(1, engineWorkers),
  );
});

test('?model=playground starts with the playground', async ({ page }) => {
  await openApp(page, '?model=playground');
  await expect(modelPicker(page)).toHaveValue('playground');
  await ready(page, 'A');
  await expect(translation(page, 'A')).toHaveCount(0);
});

test('the translator shows its download while it loads, and the playground need not wait', async ({
  page,
}) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const weights = readFileSync('public/models/en-zh-tiny/model.safetensors');
  await page.route('**/models/en-zh-tiny/model.safetensors', async (route) => {
    await released;
    await route.fulfill({ status: 200, contentType: 'application/octet-stream', body: weights });
  });
  await openApp(page);
  // The progress bar, named the same before and after the first file's progress arrives (the
  // worker starts before the interface renders, so that may come first).
  await expect(page.getByRole('progressbar', { name: 'Loading the translator…' })).toBeVisible();
  await expect(figure(page, 'A')).toContainText('Loading the model…');

  // A download in flight never holds up the other model.
  await modelPicker(page).selectOption('playground');
  await ready(page, 'A');
  await ready(page, 'B');
  await modelPicker(page).selectOption('translator');
  await expect(figure(page, 'B')).toContainText('Loading the model…');

  release();
  await expect(translation(page, 'A')).toHaveText(/\S/, { timeout: 30_000 });
  await expect(page.getByText('Loaded', { exact: true })).toBeVisible();
  await ready(page, 'A');
  await ready(page, 'B');
});

test('a broken model file gives a readable error, and the playground still works', async ({
  page,
}) => {
  // The broken copy: the real config and vocabulary, and a model.safetensors cut short. Served
  // from disk, so no request is left in flight when the page moves on.
  await page.route(
    (url) => url.pathname.startsWith('/broken/'),
    async (route: Route) => {
      const file = new URL(route.request().url()).pathname.split('/').pop()!;
      const bytes = readFileSync(`public/models/en-zh-tiny/${file}`);
      await route.fulfill({
        status: 200,
        contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        body: file === 'model.safetensors' ? bytes.subarray(0, 100) : bytes,
      });
    },
  );
  await openApp(page, '?translator=/broken/');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveCount(1, { timeout: 30_000 });
  await expect(alert).toContainText('The built-in translator could not be loaded');
  await expect(alert).toContainText('model.safetensors');
  const text = (await alert.textContent()) ?? '';
  expect(text, 'no stack trace').not.toMatch(/\bat \S+ \(|\.js:\d+|\.ts:\d+/);
  await expect(figure(page, 'A')).toHaveAttribute('data-state', 'error');

  await alert.getByRole('button', { name: 'Use the playground' }).click();
  await expect(modelPicker(page)).toHaveValue('playground');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await ready(page, 'A');
  await ready(page, 'B');

  // Back to the broken translator: the same readable error again, nothing else breaks.
  await modelPicker(page).selectOption('translator');
  await expect(page.getByRole('alert')).toContainText('model.safetensors');
  await modelPicker(page).selectOption('playground');
  await ready(page, 'A');
});

test('a word outside the vocabulary is marked and listed, and the sentence still runs', async ({
  page,
}) => {
  await openApp(page);
  await ready(page, 'A');
  await sentence(page, 'A').fill('The zorblax is near the river.');
  const chip = tokenList(page, 'A')
    .getByRole('listitem')
    .filter({ hasText: /^zorblax$/ });
  await expect(chip).toHaveClass(/chip-unknown/);
  await expect(chip).toHaveAttribute('title', /vocabulary/);
  await expect(
    tokenList(page, 'A')
      .getByRole('listitem')
      .filter({ hasText: /^river$/ }),
  ).not.toHaveClass(/chip-unknown/);
  await expect(
    page.getByRole('status').filter({ hasText: "Not in the model's vocabulary" }),
  ).toHaveText("Not in the model's vocabulary: zorblax (shown as <unk>)");
  await expect(translation(page, 'A')).toHaveText(/\S/);
  await ready(page, 'A');

  // Only unknown words: still a run, with a translation (possibly poor) and a heatmap.
  await sentence(page, 'B').fill('Zorblax quux fnord.');
  await expect(page.getByRole('status').filter({ hasText: 'zorblax, quux, fnord' })).toBeVisible();
  await ready(page, 'B');
});

test('the model picker and the captions speak Chinese', async ({ page }) => {
  await openApp(page);
  await ready(page, 'A');
  await page.getByRole('button', { name: '中文' }).click();
  const picker = page.getByRole('combobox', { name: '模型', exact: true });
  await expect(picker.locator('option')).toHaveText([
    '内置翻译模型（英译中）',
    '内置翻译模型（中译英）',
    '演示模型（随机权重）',
    'Hugging Face 模型（BERT、GPT-2…）',
  ]);
  await page.getByRole('combobox', { name: '注意力类型', exact: true }).selectOption('cross');
  await expect(page.locator('figure.heatmap[data-slot="A"]')).toContainText(
    '行：正在写出的汉字；列：它所关注的英文词元。',
  );
  await expect(page.getByRole('status', { name: '句子 A的译文' })).toHaveText(/\S/);
});
