/**
 * Browser tests of the masks tab's model runs (padding through the model, the attention of an
 * encoder–decoder playground), the teaching pictures' PNG exports, and the teaching tabs in dark
 * theme (axe scan).
 */
import { readFileSync } from 'node:fs';
import { type Locator, type Page } from '@playwright/test';
import { computeFigureLayout } from '../../src/views/export/figure';
import { teachMatrixSpec } from '../../src/views/teach/common/matrixPicture';
import { expect, test } from './fixtures';
import { distinctColours, pngSize } from './png';
import { wcagViolations } from './axe';

async function openTab(page: Page, name: string, url = '/'): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

/** Hovers the cell (row, col) of a matrix canvas of `rows` × `cols` cells; returns its readout. */
async function readCell(
  canvas: Locator,
  rows: number,
  cols: number,
  row: number,
  col: number,
): Promise<string> {
  const box = await canvas.boundingBox();
  expect(box).not.toBeNull();
  await canvas.hover({
    position: { x: ((col + 0.5) * box!.width) / cols, y: ((row + 0.5) * box!.height) / rows },
  });
  const id = await canvas.getAttribute('aria-describedby');
  expect(id).toBeTruthy();
  const readout = canvas.page().locator(`[id="${id}"]`);
  return (await readout.textContent()) ?? '';
}

/** Clicks an export's "Download PNG" and returns the file's name and bytes. */
async function downloadPng(page: Page, group: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    group.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  const bytes = readFileSync(await file.path());
  pngSize(bytes);
  return { name: file.suggestedFilename(), bytes };
}

test('padding runs through the model: [PAD] keys get 0 and real rows match the unpadded run', async ({
  page,
}) => {
  await openTab(page, 'Masks');
  await expect(page.getByTestId('mask-pairs')).toBeVisible({ timeout: 45_000 });
  await page.getByRole('radio', { name: /^Padding/ }).check();
  for (const slot of ['A', 'B']) {
    const card = page.getByTestId(`mask-padded-${slot}`);
    const padKeys = card.getByTestId('pad-key-max');
    await expect(padKeys).toContainText('is 0.', { timeout: 30_000 });
    const diff = await card.getByTestId('pad-real-diff').innerText();
    const value = Number(/is ([^:]+):/.exec(diff)?.[1]);
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1e-6);
    // The extra [PAD] (2 by default) make [PAD] query rows in both sentences.
    await expect(card.getByTestId('pad-query-rows')).toContainText(/share of its weight: 1\.0000/);
  }
  // The [PAD] columns are the model's numbers: a score before masking, a −∞ after, 0 after softmax.
  const card = page.getByTestId('mask-padded-A');
  const pairs = await card.getByTestId('mask-pairs-padding').innerText();
  const n = Number(/N = (\d+)/.exec(pairs)?.[1]);
  const real = Number(/Attended pairs: (\d+)/.exec(pairs)?.[1]) / n;
  expect(real).toBeLessThan(n);
  const before = card.getByRole('img', { name: /scores before masking$/ });
  expect(await readCell(before, n, n, 0, n - 1)).toMatch(/→ \[PAD\]: −?\d+\.\d+$/);
  const after = card.getByRole('img', { name: /scores after masking/ });
  expect(await readCell(after, n, n, 0, n - 1)).toMatch(/→ \[PAD\]: −∞$/);
  const weights = card.getByRole('img', { name: /softmax weights$/ });
  expect(await readCell(weights, n, n, n - 1, n - 1)).toMatch(/^\[PAD\] → \[PAD\]: 0\.0000$/);
  expect(await readCell(weights, n, n, n - 1, 0)).toMatch(/^\[PAD\] → .+: 0\.\d{4}$/);
});

test('encoder–decoder playground: the mask goes to the chosen attention', async ({ page }) => {
  await page.goto('/?model=playground');
  await page.getByRole('combobox', { name: 'Architecture' }).selectOption('encoder-decoder');
  await page.getByRole('tab', { name: 'Masks', exact: true }).click();
  const pairs = page.getByTestId('mask-pairs');
  await expect(pairs).toBeVisible({ timeout: 45_000 });
  const count = async (): Promise<number> =>
    Number(/Attended pairs: (\d+)/.exec(await pairs.innerText())?.[1] ?? NaN);
  const n = Number(/N = (\d+)/.exec(await pairs.innerText())?.[1]);
  expect(n).toBeGreaterThan(2);
  const picker = page.getByTestId('mask-attention');
  const source = page.getByTestId('mask-source');

  await page.getByRole('radio', { name: /^No mask/ }).check();
  await expect.poll(count).toBe(n * n); // encoder self-attention: everything
  await picker.getByRole('radio', { name: 'Decoder self-attention' }).check();
  await expect(source).toContainText('Decoder self-attention');
  await expect.poll(count).toBe((n * (n + 1)) / 2); // the decoder adds causal
  await page.getByRole('radio', { name: /^Sliding window/ }).check();
  await page.getByRole('slider', { name: 'Window radius r' }).fill('1');
  await expect.poll(count).toBe(2 * n - 1); // window ∩ causal: the diagonal and one before
  await expect(page.getByTestId('mask-cost-window')).toContainText(`${2 * n - 1} / ${n * n}`);

  await picker.getByRole('radio', { name: 'Cross-attention' }).check();
  await expect(source).toContainText('Cross-attention');
  await expect(page.getByTestId('mask-axes')).toContainText('decoder rows × encoder columns');
  await expect.poll(count).toBe(n + 2 * (n - 1)); // the window as it is, no causal
  await page.getByRole('radio', { name: /^Causal/ }).check();
  await expect.poll(count).toBe((n * (n + 1)) / 2);
});

/** The text labels a MatrixCanvas draws left of its rows (its SVG next to the canvas). */
async function rowLabelsOf(canvas: Locator): Promise<string[]> {
  return canvas.evaluate((c) => {
    const grid = c.closest('.teach-matrix-grid');
    const svgs = grid ? Array.from(grid.querySelectorAll(':scope > svg')) : [];
    return Array.from(svgs[1]?.querySelectorAll('text') ?? [], (t) => t.textContent ?? '');
  });
}

/** Downloads at 1× and 2× and checks both sizes against the layout computed from `spec`. */
async function expectExactSizes(
  page: Page,
  group: Locator,
  spec: Parameters<typeof teachMatrixSpec>[0],
): Promise<{ name: string; bytes: Buffer }> {
  const layout = computeFigureLayout(teachMatrixSpec(spec).spec);
  await group.getByRole('radio', { name: '1×' }).check();
  const one = await downloadPng(page, group);
  expect(pngSize(one.bytes)).toEqual({ width: layout.width, height: layout.height });
  await expect(group.getByRole('status')).toContainText(
    `(${layout.width.toLocaleString('en')} × ${layout.height.toLocaleString('en')} px)`,
  );
  await group.getByRole('radio', { name: '2×' }).check();
  const two = await downloadPng(page, group);
  expect(pngSize(two.bytes)).toEqual({ width: 2 * layout.width, height: 2 * layout.height });
  return two;
}

const BAR = { kind: 'bar', maskedLabel: 'Masked (−∞)', format: String } as const;

test('mask and positions pictures download as PNG at 1× and 2×, sized as the layout computes', async ({
  page,
}) => {
  await openTab(page, 'Masks');
  await expect(page.getByTestId('mask-pairs')).toBeVisible({ timeout: 45_000 });
  const softmax = page.getByTestId('mask-softmax');
  await expect(page.locator('.teach-triptych[aria-busy="false"]')).toBeVisible();
  const n = Number(/N = (\d+)/.exec(await page.getByTestId('mask-pairs').innerText())?.[1]);
  const dk = /d_k = (\d+)/.exec(await page.getByTestId('mask-source').innerText())?.[1];
  const radius = await page.getByRole('slider', { name: 'Window radius r' }).inputValue();
  const tokens = await rowLabelsOf(softmax.getByRole('img'));
  expect(tokens).toHaveLength(n);
  const values = new Float64Array(n * n).fill(1 / n); // the layout does not depend on the values
  const group = softmax.getByRole('group', { name: /^Export Softmax/ });
  const mask = await expectExactSizes(page, group, {
    title: [
      'Sliding window: softmax weights',
      `playground model · Encoder self-attention · layer 1 · head 1 · d_k = ${dk}`,
      `Window radius r: ${radius}`,
      'Sentence: The bank is near the river.',
    ],
    values,
    rows: n,
    cols: n,
    rowLabels: tokens,
    colLabels: tokens,
    scheme: 'weights',
    legend: { ...BAR, label: 'Attention weight' },
  });
  expect(mask.name).toMatch(/^atlas_[^_]+_mask-window_encoder-self_L1H1_softmax_.*\.png$/);
  expect(await distinctColours(page, mask.bytes, 5)).toBeGreaterThan(4);
  await expect(softmax.getByRole('status')).toContainText(`Saved ${mask.name}`);

  await page.getByRole('tab', { name: 'Positions (Positional encodings)', exact: true }).click();
  const alibi = page.getByRole('group', { name: 'Export ALiBi: a distance penalty per head' });
  const canvas = page.getByRole('img', { name: /^ALiBi bias of head 1 / });
  const label = (await canvas.getAttribute('aria-label')) ?? '';
  const P = 16;
  const positions = Array.from({ length: P }, (_, i) => String(i));
  const picture = await expectExactSizes(page, alibi, {
    title: [label, `Heads: 8 · ${P} × ${P}`],
    values: new Float64Array(P * P),
    rows: P,
    cols: P,
    rowLabels: positions,
    colLabels: positions,
    scheme: 'sequential',
    legend: { ...BAR, label: 'Bias added to the score' },
  });
  expect(picture.name).toMatch(/^atlas_[^_]+_alibi_head1-of-8_n16.*\.png$/);
  expect(await distinctColours(page, picture.bytes, 5)).toBeGreaterThan(4);
});

const TEACH_TABS = [
  'Step by step',
  'Why √d_k',
  'Masks',
  'Positions (Positional encodings)',
  'Same word, different weights',
  'Tiling (Efficient attention)',
];

test('teaching tabs in dark theme: no serious or critical axe violations', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  for (const name of TEACH_TABS) {
    await page.getByRole('tab', { name, exact: true }).click();
    // Let the tab's run land (its spinner goes), so the scan sees the finished view.
    await expect(page.locator('.teach-status[role="status"]')).toHaveCount(0, { timeout: 45_000 });
    const violations = await wcagViolations(page);
    const bad = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${name}: ${v.id} (${v.impact}): ${v.nodes
            .slice(0, 5)
            .map((node) => `${node.target.join(' ')} ${node.any[0]?.message ?? ''}`)
            .join(' | ')}`,
      );
    expect(bad).toEqual([]);
  }
});

/** WCAG relative luminance of "rgb(r, g, b)" / "#rrggbb". */
function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  const rgb = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(colour);
  const parts = hex
    ? hex.slice(1, 4).map((h) => parseInt(h, 16))
    : rgb
      ? rgb.slice(1, 4).map(Number)
      : null;
  if (!parts) throw new Error(`Not a colour: ${colour}`);
  const [r, g, b] = parts.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

test('dark theme: the sinusoid curves export as an SVG whose text reads on its own background', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openTab(page, 'Positions (Positional encodings)');
  const group = page.getByRole('group', { name: 'Export Chosen dimensions over the positions' });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    group.getByRole('button', { name: 'Download SVG' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/^atlas_[^_]+_positions_curves_d64_n64.*\.svg$/);
  const source = readFileSync(await file.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const background = Array.from(root.children).find((el) => el.tagName === 'rect');
    const fills = Array.from(root.querySelectorAll('text')).map(
      (el) => /(?:^|;)\s*fill:\s*([^;]+)/.exec(el.getAttribute('style') ?? '')?.[1] ?? '',
    );
    return {
      root: root.tagName,
      error: doc.querySelector('parsererror')?.textContent ?? null,
      background: background?.getAttribute('fill') ?? null,
      fills,
    };
  }, source);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.background).not.toBeNull();
  // The dark panel, not white: the text was computed for the dark theme.
  expect(luminance(parsed.background!)).toBeLessThan(0.1);
  expect(parsed.fills.length).toBeGreaterThan(4);
  for (const fill of parsed.fills) expect(contrast(fill, parsed.background!)).toBeGreaterThan(4.5);

  // The PNG: the plot drawn from its vector under a title, 2× exactly twice 1×, never blank.
  await group.getByRole('radio', { name: '1×' }).check();
  const one = pngSize((await downloadPng(page, group)).bytes);
  await expect(group.getByRole('status')).toContainText(
    `(${one.width.toLocaleString('en')} × ${one.height.toLocaleString('en')} px)`,
  );
  const plot = await group.locator('xpath=..').locator('svg').first().boundingBox();
  expect(one.width).toBeGreaterThanOrEqual(Math.ceil(plot!.width));
  await group.getByRole('radio', { name: '2×' }).check();
  const two = await downloadPng(page, group);
  expect(pngSize(two.bytes)).toEqual({ width: 2 * one.width, height: 2 * one.height });
  expect(await distinctColours(page, two.bytes, 5)).toBeGreaterThan(4);
});
