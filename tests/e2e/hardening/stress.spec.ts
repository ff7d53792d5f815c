/**
 * The page under stress: 200 rapid edits of a sentence coalesce into a handful of runs and end on
 * the last text; switching models while runs are in flight ends on the last model chosen; a lost
 * WebGL context is noticed, said, and the engine carries on on wasm. `?test-hooks` loads
 * `window.__atlasTest` (src/views/app/testHook.ts): the run counter and the context-loss trigger.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

type Side = 'A' | 'B';
const sentence = (page: Page, side: Side) =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });
const figure = (page: Page, side: Side) => page.locator(`figure.heatmap[data-slot="${side}"]`);
const chips = async (page: Page, side: Side): Promise<string[]> =>
  (
    await page
      .getByRole('list', { name: `Tokens of Sentence ${side}`, exact: true })
      .getByRole('listitem')
      .allTextContents()
  ).map((t) => t.trim());
const modelPicker = (page: Page) => page.getByRole('combobox', { name: 'Model', exact: true });
const translation = (page: Page, side: Side) =>
  page.getByRole('status', { name: `Translation of Sentence ${side}`, exact: true });

async function ready(page: Page, side: Side): Promise<void> {
  await expect(figure(page, side)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

/** `window.__atlasTest` (src/views/app/testHook.ts), typed here: tests do not see src's globals. */
interface TestHooks {
  runsPosted(): number;
  loseWebglContext(): void;
}
type WithHooks = { __atlasTest?: TestHooks };

const runsPosted = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as WithHooks).__atlasTest!.runsPosted());

test('200 rapid edits: a few runs, and the result shown is the last text’s', async ({ page }) => {
  await page.goto('/?model=playground&test-hooks');
  await ready(page, 'A');
  await ready(page, 'B');
  await expect
    .poll(() => page.evaluate(() => typeof (window as unknown as WithHooks).__atlasTest))
    .toBe('object');
  const before = await runsPosted(page);

  // 200 edits as a fast typist would make them: one input event every 5 ms.
  await sentence(page, 'B').evaluate(async (node) => {
    const box = node as HTMLTextAreaElement | HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), 'value')!.set!;
    for (let i = 0; i < 200; i++) {
      setValue.call(box, `edit number ${i} of the sentence`);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  await expect(sentence(page, 'B')).toHaveValue('edit number 199 of the sentence');
  await expect.poll(() => chips(page, 'B')).toContain('199');
  await ready(page, 'B');
  // Nothing queued up behind it: no further run starts, the result stays the last text's.
  await page.waitForTimeout(500);
  const runs = (await runsPosted(page)) - before;
  expect(runs, 'runs posted for 200 edits').toBeGreaterThanOrEqual(1);
  expect(runs, 'runs posted for 200 edits').toBeLessThanOrEqual(5);
  const shown = await chips(page, 'B');
  expect(shown).toContain('199');
  expect(shown.filter((t) => /^\d+$/.test(t))).toEqual(['199']);
  await expect(figure(page, 'B')).toHaveAttribute('data-state', 'ready');
  // Sentence A was never touched: it did not run again.
  expect(await chips(page, 'A')).toContain('bank');
});

test('switching models while runs are in flight ends on the last model chosen', async ({
  page,
}) => {
  await page.goto('/?test-hooks');
  // The translator is still downloading and running: toggle back and forth.
  for (const model of ['playground', 'translator', 'playground', 'translator'] as const)
    await modelPicker(page).selectOption(model);
  await expect(translation(page, 'A')).toHaveText(/\S/, { timeout: 30_000 });
  await ready(page, 'A');
  await ready(page, 'B');
  await expect(page.getByRole('heading', { name: 'Playground model' })).toHaveCount(0);

  // Now with the translator loaded: an edit starts a run, and the model changes under it.
  await sentence(page, 'A').fill('The river bank is muddy.');
  await modelPicker(page).selectOption('playground');
  await expect(page.getByRole('heading', { name: 'Playground model' })).toBeVisible();
  await ready(page, 'A');
  await ready(page, 'B');
  await expect(translation(page, 'A')).toHaveCount(0);
  expect(await chips(page, 'A')).toEqual(expect.arrayContaining(['river', 'muddy']));
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a lost WebGL context: a notice, wasm from then on, and the next run succeeds', async ({
  page,
}) => {
  await page.goto('/?model=playground&test-hooks');
  const backend = page.getByRole('combobox', { name: 'Backend', exact: true });
  await backend.selectOption('webgl');
  await expect(page.getByText('Active: WebGL'), 'webgl started').toBeVisible({ timeout: 30_000 });
  await ready(page, 'A');

  // Lose the context while a run of B is (most likely) in flight on it: its read-back may never
  // settle, and nothing may wait for it.
  await sentence(page, 'B').fill('a run in flight');
  await page.waitForTimeout(200);
  await page.evaluate(() => (window as unknown as WithHooks).__atlasTest!.loseWebglContext());
  await expect(page.locator('.backend-lost')).toHaveText(
    'The WebGL context was lost (the graphics card was reset or is busy); switched to WebAssembly and ran again.',
  );
  await expect(backend).toHaveValue('wasm');
  await expect(page.getByText('Active: WebAssembly (wasm)'), 'wasm after the loss').toBeVisible({
    timeout: 30_000,
  });
  await ready(page, 'A');
  await ready(page, 'B');
  expect(await chips(page, 'B')).toContain('flight');

  await sentence(page, 'A').fill('after the context was lost');
  await expect.poll(() => chips(page, 'A')).toContain('lost');
  await ready(page, 'A');
  await expect(page.getByText('Active: WebAssembly (wasm)')).toBeVisible();
});
