/**
 * Browser tests against the built app (`vite build` + `vite preview`), in Debian's Chromium.
 * Every test also fails on any console error, page error or dialog.
 */
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

const DEFAULT_A = 'The bank is near the river.';
const DEFAULT_B = 'I deposited money in the bank.';
const XSS = '<img src=x onerror=alert(1)>';

type Side = 'A' | 'B';

const sentence = (page: Page, side: Side) =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });

const tokenList = (page: Page, side: Side) =>
  page.getByRole('list', { name: `Tokens of Sentence ${side}`, exact: true });

const heatmap = (page: Page, side: Side) =>
  page.getByRole('img', { name: new RegExp(`^Sentence ${side}, layer \\d+, head \\d+$`) });

/** The nearest ancestor of the heatmap canvas that carries the run state. */
const heatmapContainer = (canvas: Locator) => canvas.locator('xpath=ancestor::*[@data-state][1]');

async function tokenTexts(page: Page, side: Side): Promise<string[]> {
  return (await tokenList(page, side).getByRole('listitem').allTextContents()).map((t) => t.trim());
}

interface Picture {
  url: string;
  width: number;
  height: number;
  /** True when the canvas differs from a blank canvas of its size and its pixels are not uniform. */
  drawn: boolean;
}

async function picture(canvas: Locator): Promise<Picture> {
  return canvas.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    const url = c.toDataURL();
    const blank = document.createElement('canvas');
    blank.width = c.width;
    blank.height = c.height;
    let uniform = true;
    if (c.width > 0 && c.height > 0) {
      const ctx = blank.getContext('2d');
      if (ctx) {
        ctx.drawImage(c, 0, 0);
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        for (let i = 4; i < px.length && uniform; i += 4) {
          if (
            px[i] !== px[0] ||
            px[i + 1] !== px[1] ||
            px[i + 2] !== px[2] ||
            px[i + 3] !== px[3]
          ) {
            uniform = false;
          }
        }
      }
    }
    const empty = document.createElement('canvas');
    empty.width = c.width;
    empty.height = c.height;
    return {
      url,
      width: c.width,
      height: c.height,
      drawn: url !== empty.toDataURL() && !uniform,
    };
  });
}

/** Waits until the heatmap of `side` is ready and drawn; returns its picture. */
async function readyPicture(page: Page, side: Side, differentFrom?: string): Promise<Picture> {
  const canvas = heatmap(page, side);
  await expect(canvas).toBeVisible();
  await expect(heatmapContainer(canvas)).toHaveAttribute('data-state', 'ready');
  let last: Picture | undefined;
  await expect
    .poll(
      async () => {
        // The container may re-run (debounced input); only a settled, drawn picture counts.
        const state = await heatmapContainer(heatmap(page, side)).getAttribute('data-state');
        last = await picture(heatmap(page, side));
        return state === 'ready' && last.drawn && last.url !== differentFrom;
      },
      { timeout: 30_000, message: `heatmap of Sentence ${side} is drawn and ready` },
    )
    .toBe(true);
  return last!;
}

async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(sentence(page, 'A')).toBeVisible();
}

test('shows both default sentences as tokens and non-blank heatmaps', async ({ page }) => {
  await openApp(page);
  await expect(sentence(page, 'A')).toHaveValue(DEFAULT_A);
  await expect(sentence(page, 'B')).toHaveValue(DEFAULT_B);

  await expect(heatmap(page, 'A')).toHaveAccessibleName('Sentence A, layer 1, head 1');
  await expect(heatmap(page, 'B')).toHaveAccessibleName('Sentence B, layer 1, head 1');
  const a = await readyPicture(page, 'A');
  const b = await readyPicture(page, 'B');
  expect(a.drawn && b.drawn).toBe(true);
  expect(a.url).not.toEqual(b.url);

  const tokensA = await tokenTexts(page, 'A');
  expect(tokensA).toEqual(expect.arrayContaining(['bank', 'river']));
  expect(await tokenTexts(page, 'B')).toEqual(expect.arrayContaining(['deposited', 'money']));
});

test('sentences A and B both finish, in two engine workers from two cores up', async ({ page }) => {
  await openApp(page);
  const a = await readyPicture(page, 'A');
  const b = await readyPicture(page, 'B');
  expect(a.drawn && b.drawn).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  // The second worker starts once B's first run is done (the cold start pays for one).
  const engineWorkers = () => page.workers().filter((w) => w.url().includes('engine.worker'));
  await expect.poll(() => engineWorkers().length).toBe(cores >= 2 ? 2 : 1);
  // Each worker has built the model (its warm-up run of B, for the second): tfjs holds weights.
  const tensors = () =>
    Promise.all(
      engineWorkers().map((worker) =>
        worker.evaluate(() => {
          // Before its backend is up, tfjs throws on memory(): nothing built yet.
          try {
            return (
              (
                globalThis as { _tfengine?: { memory(): { numTensors: number } } }
              )._tfengine?.memory().numTensors ?? 0
            );
          } catch {
            return 0;
          }
        }),
      ),
    );
  await expect.poll(async () => (await tensors()).every((n) => n > 0)).toBe(true);
  // An edit of B now runs in the second worker and finishes.
  await sentence(page, 'B').fill('A cat sat on the warm mat today.');
  await expect.poll(() => tokenTexts(page, 'B')).toEqual(expect.arrayContaining(['cat', 'mat']));
  await readyPicture(page, 'B', b.url);
});

test('hovering a heatmap cell shows a tooltip with both tokens and the weight', async ({
  page,
}) => {
  await openApp(page);
  await readyPicture(page, 'A');
  const tokens = await tokenTexts(page, 'A');
  const query = tokens.indexOf('bank');
  const key = tokens.indexOf('river');
  expect(query, 'default Sentence A has "bank" and "river"').toBeGreaterThanOrEqual(0);
  expect(key).toBeGreaterThanOrEqual(0);

  // The canvas is the matrix itself: one cell per (query row, key column).
  const canvas = heatmap(page, 'A');
  const box = (await canvas.boundingBox())!;
  const n = tokens.length;
  await canvas.hover({
    position: { x: ((key + 0.5) * box.width) / n, y: ((query + 0.5) * box.height) / n },
  });
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  const text = (await tooltip.textContent()) ?? '';
  expect(text).toMatch(/\b[01]\.\d{4}\b/);
  expect(text).toContain('bank');
  expect(text).toContain('river');
  expect(text.indexOf('bank'), 'query token before key token').toBeLessThan(text.indexOf('river'));
});

test('editing Sentence B redraws its heatmap and chips, and leaves Sentence A alone', async ({
  page,
}) => {
  await openApp(page);
  const a0 = await readyPicture(page, 'A');
  const b0 = await readyPicture(page, 'B');
  const chipsA0 = await tokenTexts(page, 'A');
  const chipsB0 = await tokenTexts(page, 'B');

  await sentence(page, 'B').fill('A cat sat on the warm mat today.');
  await expect.poll(() => tokenTexts(page, 'B')).toEqual(expect.arrayContaining(['cat', 'mat']));
  const b1 = await readyPicture(page, 'B', b0.url);
  expect(b1.url).not.toEqual(b0.url);
  expect(await tokenTexts(page, 'B')).not.toEqual(chipsB0);

  const a1 = await readyPicture(page, 'A');
  expect(a1.url).toEqual(a0.url);
  expect(await tokenTexts(page, 'A')).toEqual(chipsA0);
  await expect(sentence(page, 'A')).toHaveValue(DEFAULT_A);
});

test('switching the head changes the picture', async ({ page }) => {
  await openApp(page);
  const before = await readyPicture(page, 'A');
  const head = page.getByRole('combobox', { name: 'Head', exact: true });
  const layer = page.getByRole('combobox', { name: 'Layer', exact: true });
  await expect(layer).toBeVisible();
  expect(await head.locator('option').count()).toBeGreaterThan(1);

  await head.selectOption({ index: 1 });
  await expect(heatmap(page, 'A')).toHaveAccessibleName('Sentence A, layer 1, head 2');
  const after = await readyPicture(page, 'A', before.url);
  expect(after.url).not.toEqual(before.url);
});

test('markup typed into a sentence is shown as text, never parsed', async ({ page }) => {
  await openApp(page);
  const b0 = await readyPicture(page, 'B');
  const imagesBefore = await page.locator('img').count();

  await sentence(page, 'B').fill(XSS);
  await expect.poll(() => tokenTexts(page, 'B')).toEqual(expect.arrayContaining(['<', 'img']));
  await readyPicture(page, 'B', b0.url);

  const chips = (await tokenTexts(page, 'B')).join(' ');
  for (const piece of ['<', 'img', 'src', 'onerror', 'alert', '>']) expect(chips).toContain(piece);
  await expect(page.locator('img[src="x"], [onerror]')).toHaveCount(0);
  expect(await page.locator('img').count()).toBe(imagesBefore);
  // Give a broken image's onerror the chance to fire; the fixture fails on any dialog.
  await page.waitForTimeout(300);
});

test('an empty sentence shows an empty state', async ({ page }) => {
  await openApp(page);
  await readyPicture(page, 'B');
  await sentence(page, 'B').fill('');
  await expect(tokenList(page, 'B').getByRole('listitem')).toHaveCount(0);
  await expect(heatmap(page, 'B')).toHaveCount(0);
  await expect(page.getByText('Type a sentence to see its attention.')).toBeVisible();
  // Sentence A is unaffected.
  await readyPicture(page, 'A');
});

test('a very long sentence is truncated with a notice saying how many tokens were dropped', async ({
  page,
}) => {
  await openApp(page);
  await readyPicture(page, 'B');
  const words = Array.from({ length: 1000 }, (_, i) => `w${i}`);
  await sentence(page, 'B').fill(words.join(' '));

  const notice = page
    .getByRole('status')
    .filter({ hasText: /\d+/ })
    .filter({ hasText: /dropped/ });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await readyPicture(page, 'B');
  const kept = (await tokenTexts(page, 'B')).filter((t) => /^w\d+$/.test(t)).length;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(words.length);
  const numbers = ((await notice.textContent()) ?? '').match(/\d+/g)?.map(Number) ?? [];
  expect(numbers, 'the notice mentions the number of dropped tokens').toContain(
    words.length - kept,
  );
});

test('log colours and "Leave out the first token" redraw the heatmap and survive Copy link', async ({
  page,
  context,
}) => {
  await openApp(page);
  const linear = await readyPicture(page, 'A');
  const scale = page.getByRole('combobox', { name: 'Colour scale', exact: true });
  const leaveOut = page.getByRole('checkbox', { name: 'Leave out the first token', exact: true });
  await expect(scale).toHaveValue('linear');
  await expect(leaveOut).not.toBeChecked();

  await scale.selectOption({ label: 'Log' });
  const log = await readyPicture(page, 'A', linear.url);
  expect(log.url).not.toEqual(linear.url);
  await leaveOut.check();
  const sink = await readyPicture(page, 'A', log.url);
  expect(sink.url).not.toEqual(log.url);

  // The first key's column is left transparent under the sink's stripes, not coloured.
  const canvas = heatmap(page, 'A');
  const alpha = (key: number) =>
    canvas.evaluate(
      (c, k) => (c as HTMLCanvasElement).getContext('2d')!.getImageData(k, 1, 1, 1).data[3],
      key,
    );
  expect(await alpha(0)).toBe(0);
  expect(await alpha(1)).toBe(255);
  const fig = heatmapContainer(canvas);
  await expect(fig.locator('.heatmap-sink')).toBeVisible();
  await expect(fig.getByRole('group', { name: /^Log colour scale: / })).toBeVisible();
  // Its exact weight is still in the tooltip.
  const box = (await canvas.boundingBox())!;
  await canvas.hover({ position: { x: box.width / sink.width / 2, y: box.height / 2 } });
  await expect(page.getByRole('tooltip')).toHaveText(/\b[01]\.\d{4}\b/);

  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const field = page.getByRole('textbox', { name: 'Link to this view' });
  await expect(field).toHaveValue(/#s=[A-Za-z0-9_-]+$/);
  const link = await field.inputValue();
  // Back to the defaults here (and in this browser's storage): only the link can bring them back.
  await scale.selectOption({ label: 'Linear' });
  await leaveOut.uncheck();

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByRole('combobox', { name: 'Colour scale', exact: true })).toHaveValue(
    'log',
  );
  await expect(
    other.getByRole('checkbox', { name: 'Leave out the first token', exact: true }),
  ).toBeChecked();
  const restored = await readyPicture(other, 'A');
  expect(restored.url).toEqual(sink.url);
  await other.close();
});
