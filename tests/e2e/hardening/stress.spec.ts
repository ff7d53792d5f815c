/**
 * The page under stress: 200 rapid edits of a sentence coalesce into one run (one more for each
 * pause in the typing as long as the debounce, none in practice) and end on the last text; switching models while runs are in flight ends on the last model chosen; a lost
 * WebGL context is noticed, said, and the engine carries on on wasm. `?test-hooks` loads
 * `window.__atlasTest` (src/views/app/testHook.ts): the run counter, the debounce pause and the
 * context-loss trigger.
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

/** The token chips of 'edit number 199 of the sentence' in the playground model. */
const LAST_TEXT_CHIPS = ['edit', 'number', '199', 'of', 'the', 'sentence'];

async function ready(page: Page, side: Side): Promise<void> {
  await expect(figure(page, side)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

/** `window.__atlasTest` (src/views/app/testHook.ts), typed here: tests do not see src's globals. */
interface TestHooks {
  runsPosted(): number;
  debounceMs(): number;
  loseWebglContext(): void;
}
type WithHooks = { __atlasTest?: TestHooks };

const runsPosted = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as WithHooks).__atlasTest!.runsPosted());

test('200 rapid edits: one run per pause in the typing, and the result shown is the last text’s', async ({
  page,
}, testInfo) => {
  await page.goto('/?model=playground&test-hooks');
  await ready(page, 'A');
  await ready(page, 'B');
  await expect
    .poll(() => page.evaluate(() => typeof (window as unknown as WithHooks).__atlasTest))
    .toBe('object');
  const chipsOfA = await chips(page, 'A');
  const before = await runsPosted(page);
  const debounceMs = await page.evaluate(() =>
    (window as unknown as WithHooks).__atlasTest!.debounceMs(),
  );

  // 200 edits as a fast typist would make them: one input event every 5 ms. The page notes when
  // each one was sent, to count the pauses at least as long as the debounce.
  const sentAt = await sentence(page, 'B').evaluate(async (node) => {
    const box = node as HTMLTextAreaElement | HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), 'value')!.set!;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      times.push(performance.now());
      setValue.call(box, `edit number ${i} of the sentence`);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return times;
  });
  await expect(sentence(page, 'B')).toHaveValue('edit number 199 of the sentence');
  await expect.poll(() => chips(page, 'B')).toContain('199');
  await ready(page, 'B');
  // Nothing queued up behind it: no further run starts, the result stays the last text's.
  await page.waitForTimeout(2 * debounceMs);

  // By design (src/store/scheduler.ts) a sentence runs only once its debounce pause has passed
  // with no edit: the timer fires after the last edit, and earlier only where two edits were at
  // least the pause apart (a stalled page). Each such run cancels the one before it.
  const pauses = sentAt.slice(1).filter((t, i) => t - sentAt[i]! >= debounceMs).length;
  const runs = (await runsPosted(page)) - before;
  testInfo.annotations.push({
    type: 'runs for 200 edits',
    description: `${runs} runs, ${pauses} pauses of ${debounceMs} ms or more between edits`,
  });
  expect(runs, `runs posted for 200 edits with ${pauses} long pauses`).toBeGreaterThanOrEqual(1);
  expect(runs, `runs posted for 200 edits with ${pauses} long pauses`).toBeLessThanOrEqual(
    1 + pauses,
  );

  // The result shown is the last text's, token for token, and it is finished.
  expect(await chips(page, 'B')).toEqual(LAST_TEXT_CHIPS);
  await expect(figure(page, 'B')).toHaveAttribute('data-state', 'ready');
  // Sentence A was never touched: it did not run again.
  expect(await chips(page, 'A')).toEqual(chipsOfA);
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
