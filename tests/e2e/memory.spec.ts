/**
 * No tensor leaks through the app's engine worker: after every model and sentence pair has run
 * once, more runs alternating the two built-in models (translator, playground) and the two demo
 * pairs leave tfjs' live tensor count exactly where it was. Steps go through the benchmark hook
 * (`?bench`, src/views/bench/browserBench.ts), the same path as the memory soak of
 * scripts/bench/browser.ts; the count is read from tfjs' global engine inside the worker.
 */
import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';

interface Hook {
  idle(): Promise<void>;
  step(model: 'translator' | 'playground', pair: number): Promise<void>;
}

async function step(page: Page, i: number): Promise<void> {
  const model = Math.floor(i / 2) % 2 === 0 ? 'translator' : 'playground';
  await page.evaluate(
    ([m, p]) => (window as unknown as { __atlasBrowserBench: Hook }).__atlasBrowserBench.step(m, p),
    [model, i % 2] as const,
  );
}

const liveTensors = (worker: Worker) =>
  worker.evaluate(
    () =>
      (
        globalThis as unknown as { _tfengine: { memory(): { numTensors: number } } }
      )._tfengine.memory().numTensors,
  );

test('runs alternating models and sentence pairs leave the live tensor count unchanged', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?bench');
  await page.waitForFunction(() => '__atlasBrowserBench' in window);
  await page.evaluate(() =>
    (window as unknown as { __atlasBrowserBench: Hook }).__atlasBrowserBench.idle(),
  );
  const worker = page.workers().find((w) => w.url().includes('engine.worker'));
  expect(worker, 'the engine worker').toBeDefined();

  for (let i = 0; i < 4; i++) await step(page, i); // each model with each pair once
  const start = await liveTensors(worker!);
  expect(start).toBeGreaterThan(0); // both models' weights stay loaded

  for (let i = 4; i < 24; i++) await step(page, i);
  expect(await liveTensors(worker!)).toBe(start);
  await expect(page.locator('.heatmap[data-slot="A"]')).toHaveAttribute('data-state', 'ready');
});
