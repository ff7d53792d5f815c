/**
 * Export, share, language and accessibility, against the built app (`vite build` + `vite preview`).
 * Every test also fails on any console error, page error or dialog (a `<script>` in a shared
 * sentence must stay text).
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { type Download, type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { unzipSync } from 'fflate';
import { distinctColours, pngSize } from './png';
import { wcagViolations } from './axe';

type Side = 'A' | 'B';

const sentence = (page: Page, side: Side) =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });
const heatmap = (page: Page, side: Side) =>
  page.getByRole('img', { name: new RegExp(`^Sentence ${side}, layer \\d+, head \\d+$`) });
const figure = (page: Page, side: Side) => page.locator(`figure[data-slot="${side}"]`);
const layerSelect = (page: Page) => page.getByRole('combobox', { name: 'Layer', exact: true });
const headSelect = (page: Page) => page.getByRole('combobox', { name: 'Head', exact: true });

async function ready(page: Page, side: Side): Promise<void> {
  await expect(heatmap(page, side)).toBeVisible({ timeout: 30_000 });
  await expect(figure(page, side)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await ready(page, 'A');
  await ready(page, 'B');
}

/** Opens the export menu of a sentence's heatmap; returns the menu's panel. */
async function exportMenu(page: Page, side: Side): Promise<Locator> {
  const toggle = page.getByRole('button', { name: `Export Sentence ${side}` });
  await expect(toggle).toBeEnabled();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return figure(page, side).locator('.export-panel');
}

async function download(page: Page, button: Locator): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { file, bytes: readFileSync(path) };
}

/** What the export status line reports: "Saved name.png (W × H px)." */
async function reportedSize(panel: Locator): Promise<{ width: number; height: number }> {
  const status = panel.getByRole('status');
  await expect(status).toContainText('Saved');
  const text = (await status.textContent()) ?? '';
  const m = /\(([\d,]+) × ([\d,]+) px\)/.exec(text);
  expect(m, text).not.toBeNull();
  return { width: Number(m![1]!.replace(/,/g, '')), height: Number(m![2]!.replace(/,/g, '')) };
}

test('PNG export at 1× and 2× through the real download path', async ({ page }) => {
  await openApp(page);
  const panel = await exportMenu(page, 'A');

  const one = await download(page, panel.getByRole('button', { name: 'Download PNG' }));
  expect(one.file.suggestedFilename()).toBe('atlas_en-zh-tiny_enc_L1H1_bank-river.png');
  const size1 = pngSize(one.bytes);
  expect(size1).toEqual(await reportedSize(panel));
  expect(size1.width).toBeGreaterThan(300);
  expect(await distinctColours(page, one.bytes)).toBeGreaterThan(10);

  await panel.getByRole('radio', { name: '2×' }).check();
  const two = await download(page, panel.getByRole('button', { name: 'Download PNG' }));
  const size2 = pngSize(two.bytes);
  expect(size2).toEqual({ width: 2 * size1.width, height: 2 * size1.height });
  expect(await distinctColours(page, two.bytes)).toBeGreaterThan(10);

  // The file is named after what it shows: another head, another name.
  await headSelect(page).selectOption({ index: 2 });
  await ready(page, 'A');
  const three = await download(page, panel.getByRole('button', { name: 'Download PNG' }));
  expect(three.file.suggestedFilename()).toBe('atlas_en-zh-tiny_enc_L1H3_bank-river.png');
  expect(three.bytes.equals(two.bytes)).toBe(false);
});

test('"Download all heads" writes one ZIP with a PNG per layer and head', async ({ page }) => {
  await openApp(page);
  const layers = await layerSelect(page).locator('option').count();
  const heads = await headSelect(page).locator('option').count();
  const panel = await exportMenu(page, 'B');
  const zip = await download(page, panel.getByRole('button', { name: 'Download all heads (ZIP)' }));
  expect(zip.file.suggestedFilename()).toBe('atlas_en-zh-tiny_enc_all-heads_deposited-money.zip');
  const files = unzipSync(new Uint8Array(zip.bytes));
  const names = Object.keys(files).sort();
  expect(names).toHaveLength(layers * heads);
  expect(names).toContain(`atlas_en-zh-tiny_enc_L${layers}H${heads}_deposited-money.png`);
  for (const name of names) pngSize(files[name]!);
  await expect(panel.getByRole('status')).toContainText(`${layers * heads} pictures`);
});

test('CSV and JSON exports hold the shown matrix and the whole result', async ({ page }) => {
  await openApp(page);
  const panel = await exportMenu(page, 'A');
  const csv = await download(page, panel.getByRole('button', { name: 'Download CSV (this head)' }));
  expect(csv.file.suggestedFilename()).toBe('atlas_en-zh-tiny_enc_L1H1_bank-river.csv');
  const lines = csv.bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe('query \\ key,The,bank,is,near,the,river,.');
  expect(lines).toHaveLength(8);
  const row = lines[2]!.split(',');
  expect(row[0]).toBe('bank');
  const sum = row.slice(1).reduce((s, v) => s + Number(v), 0);
  expect(sum).toBeCloseTo(1, 4);

  const json = await download(
    page,
    panel.getByRole('button', { name: 'Download JSON (whole result)' }),
  );
  const result = JSON.parse(json.bytes.toString('utf8')) as {
    format: string;
    sentences: { text: string; attention: { kind: string; shape: number[] }[] }[];
  };
  expect(result.format).toBe('attention-atlas-result');
  expect(result.sentences.map((s) => s.text)).toEqual([
    'The bank is near the river.',
    'I deposited money in the bank.',
  ]);
  expect(result.sentences[0]!.attention.map((a) => a.kind)).toEqual([
    'encoder-self',
    'decoder-self',
    'cross',
  ]);
});

test('"Copy image" puts a PNG on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const panel = await exportMenu(page, 'A');
  await panel.getByRole('button', { name: 'Copy image' }).click();
  const status = panel.getByRole('status');
  await expect(status).toHaveText(/Image copied to the clipboard\.|did not allow|cannot copy/);
  if ((await status.textContent())?.startsWith('Image copied')) {
    const types = await page.evaluate(async () => {
      const items = await navigator.clipboard.read();
      return items.flatMap((i) => i.types);
    });
    expect(types).toContain('image/png');
  }
});

test('a copied link restores sentences, layer and head in a new page', async ({
  page,
  context,
}) => {
  await openApp(page);
  const literal = '<script>alert(1)</script> bank';
  await sentence(page, 'A').fill('The river bank is muddy.');
  await sentence(page, 'B').fill(literal);
  await layerSelect(page).selectOption({ label: '2' });
  await headSelect(page).selectOption({ label: '3' });
  await expect(heatmap(page, 'A')).toHaveAccessibleName('Sentence A, layer 2, head 3');
  await ready(page, 'A');

  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const field = page.getByRole('textbox', { name: 'Link to this view' });
  await expect(field).toHaveValue(/#s=[A-Za-z0-9_-]+$/);
  const link = await field.inputValue();
  expect(link.length).toBeLessThan(8 * 1024 + 100);

  const other = await context.newPage();
  const dialogs: string[] = [];
  other.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await other.goto(link);
  await expect(sentence(other, 'A')).toHaveValue('The river bank is muddy.');
  await expect(sentence(other, 'B')).toHaveValue(literal);
  await expect(heatmap(other, 'A')).toHaveAccessibleName('Sentence A, layer 2, head 3');
  await expect(layerSelect(other)).toHaveValue('1');
  await expect(headSelect(other)).toHaveValue('2');
  await ready(other, 'A');
  // The fragment is cleared once read; the script stayed text.
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  expect(dialogs).toEqual([]);
  await other.close();
});

/** A fragment made by hand, as a hand-edited link would be. */
function fragmentOf(value: unknown): string {
  return `#s=${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;
}

test('a malformed link falls back to the defaults with a visible notice', async ({ page }) => {
  await openApp(page, '/#s=bm90LWEtcmVhbC1saW5r');
  await expect(page.getByText('The shared link is damaged or incomplete')).toBeVisible();
  await expect(sentence(page, 'A')).toHaveValue('The bank is near the river.');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('The shared link is damaged')).toHaveCount(0);
});

test('a hand-edited link: layer 999 is clamped, an unknown model reset, with notices', async ({
  page,
}) => {
  await openApp(
    page,
    `/${fragmentOf({ v: 1, model: 'gpt-9', sentences: { A: 'A bank.', B: 'A river.' }, layer: 998, head: 1 })}`,
  );
  await expect(page.getByText('were not valid and were reset: model')).toBeVisible();
  await expect(
    page.getByText('asked for layer 999, head 2, which this model does not have'),
  ).toBeVisible();
  await expect(sentence(page, 'A')).toHaveValue('A bank.');
  const layers = await layerSelect(page).locator('option').count();
  await expect(heatmap(page, 'A')).toHaveAccessibleName(`Sentence A, layer ${layers}, head 2`);
});

test('a link too long to share says so instead of copying', async ({ page }) => {
  await openApp(page);
  // Random letters do not compress: well over 8 KB once encoded.
  const noise = Array.from({ length: 1900 }, (_, i) =>
    String.fromCharCode(0x4e00 + ((i * 7919) % 20000)),
  ).join('');
  await sentence(page, 'A').fill(noise);
  await sentence(page, 'B').fill(noise.split('').reverse().join(''));
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByText(/Too long for a link \(\d+ KB; the limit is 8 KB\)/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Link to this view' })).toHaveCount(0);
});

test('switching to 中文 changes the visible labels', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
  await expect(page.getByRole('button', { name: '导出 句子 A' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '主题' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '配色' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
  await page.getByRole('button', { name: '导出 句子 A' }).click();
  await expect(figure(page, 'A').getByRole('button', { name: '下载 PNG' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
});

test('theme and colour map: the header toggles restyle the page and heatmaps', async ({ page }) => {
  await openApp(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const canvas = heatmap(page, 'A');
  const pixels = () => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await bg();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  expect(await bg()).not.toBe(dark);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

  const viridis = await pixels();
  await page.getByRole('combobox', { name: 'Colours' }).selectOption('cividis');
  await expect.poll(pixels).not.toBe(viridis);
});

test('keyboard: arrow keys move between cells and announce them; Escape leaves', async ({
  page,
}) => {
  await openApp(page);
  const canvas = heatmap(page, 'A');
  await canvas.focus();
  await page.keyboard.press('ArrowRight'); // enters the grid at the first cell
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowDown']) await page.keyboard.press(key);
  const live = figure(page, 'A').locator('[aria-live="polite"]').last();
  await expect(live).toHaveText(/^bank → is: 0\.\d{4}$/);
  await page.keyboard.press('Escape');
  await expect(live).toHaveText('');
  // The export menu closes with Escape and gives focus back to its button.
  const panel = await exportMenu(page, 'A');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export Sentence A' })).toBeFocused();
});

test('accessibility: no serious or critical axe violations in the main view', async ({ page }) => {
  await openApp(page);
  const scan = async (label: string) => {
    const violations = await wcagViolations(page);
    const bad = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${label}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
      );
    expect(bad).toEqual([]);
  };
  await scan('default');
  await exportMenu(page, 'A');
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await scan('menus open');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await scan('dark theme');
});

test('the heads grid downloads a PNG and the lines view an SVG', async ({ page }) => {
  await openApp(page);
  const openTab = async (name: string) => {
    await page.getByRole('tab', { name, exact: true }).click();
    await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  };

  await openTab('Heads');
  const grid = page.getByRole('group', { name: 'Export heads grid' });
  const pngButton = grid.getByRole('button', { name: 'Download PNG' });
  await expect(pngButton).toBeEnabled({ timeout: 30_000 });
  const png = await download(page, pngButton);
  expect(png.file.suggestedFilename()).toMatch(/^atlas_.+_heads_L1-\d+_.+\.png$/);
  const size = pngSize(png.bytes);
  expect(size.width).toBeGreaterThan(50);
  expect(size.height).toBeGreaterThan(50);
  expect(png.bytes.length).toBeGreaterThan(2_000);

  await openTab('Lines');
  const lines = page.getByRole('group', { name: 'Export lines' });
  const svgButton = lines.getByRole('button', { name: 'Download SVG' });
  await expect(svgButton).toBeEnabled({ timeout: 30_000 });
  const svg = await download(page, svgButton);
  expect(svg.file.suggestedFilename()).toMatch(/^atlas_.+_lines_L\d+_.+\.svg$/);
  const text = svg.bytes.toString('utf8');
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      root: doc.documentElement.localName,
      marks: doc.querySelectorAll('line, path').length,
      texts: doc.querySelectorAll('text').length,
    };
  }, text);
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe('svg');
  expect(parsed.marks).toBeGreaterThan(0);
  expect(parsed.texts).toBeGreaterThan(1);
});
