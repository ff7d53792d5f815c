/**
 * Browser tests of the teaching views (src/views/teach) against the built app. Every test also
 * fails on any console error, page error or dialog.
 */
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function openTab(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

/** Whether a canvas has been painted with more than one colour. */
async function drawn(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    if (c.width === 0 || c.height === 0) return false;
    const copy = document.createElement('canvas');
    copy.width = c.width;
    copy.height = c.height;
    const ctx = copy.getContext('2d');
    if (!ctx) return false;
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 4; i < px.length; i += 4)
      if (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2] || px[i + 3] !== px[3])
        return true;
    return false;
  });
}

const number = (text: string): number => Number(text.replace('−', '-'));

test('step by step shows the default model’s real numbers for the chosen query', async ({
  page,
}) => {
  await openTab(page, 'Step by step');
  // The page recomputes the engine's numbers and says how close they are.
  const check = page.getByTestId('steps-check');
  await expect(check).toBeVisible({ timeout: 45_000 });
  await expect(check).toContainText('largest difference');
  // …and the page's float64 recomputation agrees with the engine's weights and output.
  const diffs = ((await check.textContent()) ?? '')
    .match(/scores ([^,]+), weights ([^,]+), output ([^.]+(?:\.\d+e[−-]?\d+)?)/)!
    .slice(1)
    .map((x) => number(x.trim()));
  expect(diffs).toHaveLength(3);
  for (const d of diffs) expect(d).toBeLessThan(1e-4);
  await expect(page.getByText(/d_k = \d+/).first()).toBeVisible();

  const query = page.getByRole('group', { name: 'Query token' });
  await expect(query.getByRole('button', { name: 'bank', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The query vector q of "bank" is a list of numbers.
  const q = page.getByRole('list', { name: 'q of “bank”' });
  await expect(q.getByRole('listitem').first()).toHaveText(/^−?\d+\.\d\d$/);
  // Every key has a row with a weight; the weights sum to 1.
  const table = page.getByRole('table', { name: 'Scores of the query “bank” against every key' });
  await expect(table.getByRole('rowheader', { name: 'river', exact: true })).toBeVisible();
  const sum = table.locator('tfoot td');
  expect(number(await sum.innerText())).toBeCloseTo(1, 3);

  // Another query: the numbers follow it.
  const before = await q.innerText();
  await query.getByRole('button', { name: 'river', exact: true }).click();
  const qRiver = page.getByRole('list', { name: 'q of “river”' });
  await expect(qRiver).toBeVisible();
  expect(await qRiver.innerText()).not.toEqual(before);

  const matrix = page.getByRole('img', { name: /^Attention weights of this head/ });
  await expect.poll(() => drawn(matrix)).toBe(true);
});

test('by hand: the dictionary example gives 8 and the cat/mat rows sum to 1', async ({ page }) => {
  await openTab(page, 'Step by step');
  await page.getByRole('radio', { name: 'By hand (small worked examples)' }).check();

  const result = page.getByRole('status', { name: 'Result of the lookup' });
  await expect(result).toHaveText('8');
  await expect(page.getByText('0.6 × 10 + 0.4 × 5 + 0 × 2 =')).toBeVisible();

  // Every row of the cat/mat softmax sums to 1.
  const sums = page.getByTestId('hand-weights').locator('tbody tr td:last-child');
  await expect(sums).toHaveCount(6);
  for (const text of await sums.allInnerTexts()) expect(number(text)).toBeCloseTo(1, 3);

  // Editing recomputes live: all the weight on apple gives its value.
  await page.getByRole('textbox', { name: 'Weight of apple' }).fill('1');
  await page.getByRole('textbox', { name: 'Weight of banana' }).fill('0');
  await expect(result).toHaveText('10');
  await page.getByRole('textbox', { name: 'Value of apple' }).fill('7');
  await expect(result).toHaveText('7');
});

test('masks gallery: the attended-pairs count changes with the window width', async ({ page }) => {
  await openTab(page, 'Masks');
  const pairs = page.getByTestId('mask-pairs');
  await expect(pairs).toBeVisible({ timeout: 45_000 });
  await page.getByRole('radio', { name: /Sliding window/ }).check();
  const count = async (): Promise<number> => {
    const match = /Attended pairs: (\d+) of N² = (\d+)/.exec(await pairs.innerText());
    expect(match).not.toBeNull();
    return Number(match![1]);
  };
  const slider = page.getByRole('slider', { name: 'Window radius r' });
  await slider.fill('0');
  // The count is the playground run's: it follows once the run with the new mask is back.
  const n = Number(/N = (\d+)/.exec(await pairs.innerText())?.[1]);
  await expect.poll(count).toBe(n);
  const narrow = await count();
  await slider.fill('2');
  await expect.poll(count).toBeGreaterThan(narrow);
  const wide = await count();
  await slider.fill('1');
  await expect.poll(count).toBeLessThan(wide);
  await expect.poll(count).toBeGreaterThan(narrow);

  // The three matrices are drawn.
  for (const name of [/scores before masking$/, /scores after masking/, /softmax weights$/]) {
    const canvas = page.getByRole('img', { name }).first();
    await expect.poll(() => drawn(canvas)).toBe(true);
  }
});

test('masks gallery: a custom mask cell changes the playground model’s softmax', async ({
  page,
}) => {
  await openTab(page, 'Masks');
  await expect(page.getByTestId('mask-pairs')).toBeVisible({ timeout: 45_000 });
  // The default model is the translator: the masks run on the playground and say so.
  await expect(page.getByTestId('mask-other-model')).toBeVisible();
  await expect(page.getByTestId('mask-source')).toContainText('playground model');
  await page.getByRole('radio', { name: /^Custom/ }).check();
  const softmax = page.getByTestId('mask-softmax');
  const pairs = page.getByTestId('mask-pairs');
  const count = async (): Promise<number> =>
    Number(/Attended pairs: (\d+)/.exec(await pairs.innerText())?.[1] ?? NaN);
  // Starts causal: N(N + 1)/2 pairs, once the run with the custom mask is back.
  const n = Number(/N = (\d+)/.exec(await pairs.innerText())?.[1]);
  expect(n).toBeGreaterThan(2);
  await expect.poll(count, { timeout: 20_000 }).toBe((n * (n + 1)) / 2);
  await expect(page.locator('.teach-triptych[aria-busy="false"]')).toBeVisible();
  const before = await softmax.getAttribute('data-checksum');
  expect(before).toMatch(/^[0-9a-f]{8}$/);

  // Allow query 1 → key 2 (above the diagonal, masked by causal): click that cell.
  const editor = page.getByRole('img', { name: /^Custom mask editor/ });
  const box = await editor.boundingBox();
  expect(box).not.toBeNull();
  const cell = box!.width / n; // the canvas is n × n square cells
  await editor.click({ position: { x: cell * 2.5, y: cell * 0.5 } });
  await expect.poll(count, { timeout: 20_000 }).toBe((n * (n + 1)) / 2 + 1);
  await expect
    .poll(() => softmax.getAttribute('data-checksum'), { timeout: 20_000 })
    .not.toBe(before);
  const canvas = page.getByRole('img', { name: /softmax weights$/ }).first();
  await expect.poll(() => drawn(canvas)).toBe(true);
});

test('positional encodings: heatmap, curves and the RoPE demonstration render', async ({
  page,
}) => {
  await openTab(page, 'Positions (Positional encodings)');
  const table = page.getByRole('img', { name: /^Sinusoidal table: 64 positions/ });
  await expect.poll(() => drawn(table)).toBe(true);

  const plots = page.getByRole('img', { name: /^Line plot:/ });
  await expect(plots).toHaveCount(2);
  for (const plot of await plots.all()) {
    const d = await plot.locator('path').first().getAttribute('d');
    expect(d ?? '').toMatch(/^M[\d.]+,[\d.]+L/);
  }
  await expect(page.getByRole('img', { name: /^The pair’s axis rotated/ })).toBeVisible();
  await expect(page.getByText(/same diagonal: \d/)).toBeVisible();
  const alibi = page.getByRole('img', { name: /^ALiBi bias of head 1/ });
  await expect.poll(() => drawn(alibi)).toBe(true);
  // The translator has no learned table, and says so.
  await expect(page.getByTestId('learned-none')).toContainText('sinusoidal', { timeout: 45_000 });
});

test('same word: “bank” gets a different query vector and weights in the two sentences', async ({
  page,
}) => {
  await openTab(page, 'Same word, different weights');
  const readout = page.getByTestId('same-q');
  await expect(readout).toBeVisible({ timeout: 45_000 });
  const cos = Number(
    /similarity of the two query vectors: (−?[\d.]+)/.exec(await readout.innerText())?.[1],
  );
  expect(cos).toBeLessThan(0.9999);
  await expect(page.getByRole('list', { name: 'q of “bank” in sentence A' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Weights of “bank” in sentence B' })).toBeVisible();
  await expect(page.getByTestId('same-top')).toContainText('in sentence B');
});

test('efficient attention: the tiled softmax equals the full one for every tile size', async ({
  page,
}) => {
  await openTab(page, 'Tiling (Efficient attention)');
  const diff = page.getByTestId('flash-diff');
  await expect(diff).toBeVisible({ timeout: 45_000 });
  const slider = page.getByRole('slider', { name: 'Tile size (keys per tile)' });
  for (const size of ['1', '3', '7']) {
    await slider.fill(size);
    const text = await diff.innerText();
    const [weights, output] = [...text.matchAll(/(\d(?:\.\d)?e[−-]\d+|\b0\b)/g)].map((m) =>
      number(m[1]!.replace('−', '-')),
    );
    expect(weights).toBeLessThan(1e-6);
    expect(output).toBeLessThan(1e-6);
  }
  await expect(page.getByTestId('flash-memory')).toContainText('numbers');
  // Memory as N grows: the full matrix is N², the tiles grow linearly.
  const growth = page.getByTestId('flash-memory-growth');
  await expect(growth.locator('tbody tr')).toHaveCount(5);
  await expect(growth.locator('tbody tr').last()).toContainText('1,073,741,824');
});

test('the teaching tabs are translated', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await page.getByRole('tab', { name: '逐步计算', exact: true }).click();
  await expect(page.getByRole('heading', { name: '一步一步计算注意力' })).toBeVisible();
  await page.getByRole('radio', { name: '手算（小型示例）' }).check();
  await expect(page.getByRole('status', { name: '查询结果' })).toHaveText('8');
});

test('an open teaching tab switches language at once, and back', async ({ page }) => {
  // The teaching strings load with the view (src/views/teach/messages.ts), both languages at once.
  await openTab(page, 'Masks');
  await expect(page.getByRole('heading', { name: 'Masks gallery' })).toBeVisible();
  await page.getByRole('button', { name: '中文', exact: true }).click();
  await expect(page.getByRole('heading', { name: '掩码一览' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Masks gallery' })).toHaveCount(0);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Masks gallery' })).toBeVisible();
});
