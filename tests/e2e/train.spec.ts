/**
 * The Train tab: pick "reverse", a small model, press Start; the held-out accuracy climbs and the
 * anti-diagonal score of a head rises within a few dozen steps; Pause; scrub the timeline back.
 * Prints the steps per second and the accuracy reached.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { wcagViolations } from './axe';

const percentOf = (text: string | null): number => Number(/([\d.]+)%/.exec(text ?? '')?.[1] ?? NaN);

test('trains reverse: accuracy rises, the anti-diagonal forms, the timeline scrubs', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await page.getByRole('tab', { name: 'Train', exact: true }).click();
  const panel = page.getByRole('tabpanel');
  await panel.getByLabel('Task', { exact: true }).selectOption('reverse');
  await panel.getByLabel('Layers', { exact: true }).selectOption('1');
  await panel.getByLabel('Heads', { exact: true }).selectOption('2');
  await panel.getByLabel('d_model', { exact: true }).fill('32');
  await panel.getByLabel('Positional encoding', { exact: true }).selectOption('learned');
  await panel.getByLabel('Learning rate', { exact: true }).fill('0.01');
  await panel.getByLabel('Batch size', { exact: true }).fill('32');
  await panel.getByLabel('Seed', { exact: true }).fill('1');
  await expect(panel.getByTestId('train-pattern')).toContainText('anti-diagonal');

  // Settings that cannot train are refused with the reason.
  await panel.getByLabel('d_model', { exact: true }).fill('30');
  await panel.getByLabel('Heads', { exact: true }).selectOption('4');
  await expect(panel.getByRole('alert')).toContainText('divisible');
  await expect(panel.getByRole('button', { name: 'Start' })).toBeDisabled();
  await panel.getByLabel('d_model', { exact: true }).fill('32');
  await panel.getByLabel('Heads', { exact: true }).selectOption('2');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  await expect(panel.getByRole('img', { name: 'Loss' })).toBeVisible();
  await expect(panel.getByRole('img', { name: 'Accuracy' })).toBeVisible();
  const started = Date.now();
  await panel.getByRole('button', { name: 'Start' }).click();
  const accuracy = panel.getByTestId('train-accuracy-now');
  await expect(accuracy).toContainText('%');
  const first = percentOf(await accuracy.textContent());
  await expect
    .poll(async () => percentOf(await accuracy.textContent()), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(99);
  const seconds = (Date.now() - started) / 1000;
  const speed = await panel.getByTestId('train-speed').textContent();
  await panel.getByRole('button', { name: 'Pause' }).click();
  await expect(panel.getByTestId('train-status')).toContainText('Paused at step');
  const reached = percentOf(await accuracy.textContent());
  const status = await panel.getByTestId('train-status').textContent();
  console.log(
    `train reverse: accuracy ${first}% -> ${reached}% in ${seconds.toFixed(1)} s; ${status}; ${speed}`,
  );
  expect(reached).toBeGreaterThan(first);

  // The best head's anti-diagonal score at the latest snapshot beats the first snapshot's.
  const heads = panel.getByRole('img', { name: /^Layer 1, head \d at step/ });
  const bestScore = async (): Promise<number> => {
    const names = await heads.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    return Math.max(...names.map((n) => Number(/: ([\d.]+) on the ideal/.exec(n ?? '')?.[1])));
  };
  const latest = await bestScore();
  const slider = panel.getByRole('slider', { name: 'Snapshot' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(heads.first()).toHaveAttribute('aria-label', /at step 1:/);
  const earliest = await bestScore();
  console.log(`anti-diagonal score (best head): ${earliest} -> ${latest}`);
  expect(latest).toBeGreaterThan(earliest + 0.2);
  await page.keyboard.press('End');
  await expect(heads.first()).not.toHaveAttribute('aria-label', /at step 1:/);

  // Export the run: the JSON download parses as attention-atlas-training v1 with the curves; the
  // PNG of the curves and the timeline strip is a PNG.
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download JSON' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/training_reverse.*\.json$/);
  const doc = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
    format: string;
    version: number;
    seed: number;
    settings: { task: string };
    steps: number;
    loss: [number, number][];
    accuracy: [number, number][];
    scores: { step: number; heads: number[][] }[];
  };
  expect(doc.format).toBe('attention-atlas-training');
  expect(doc.version).toBe(1);
  expect(doc.seed).toBe(1);
  expect(doc.settings.task).toBe('reverse');
  expect(doc.loss.length).toBe(doc.steps);
  expect(doc.accuracy.at(-1)?.[1]).toBeGreaterThanOrEqual(0.99);
  expect(doc.scores.at(-1)?.heads).toHaveLength(1);
  const pictureGroup = panel.getByRole('group', { name: /as a picture/ });
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    pictureGroup.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/training_reverse.*\.png$/);
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

  // Keep the result: the trained model opens in the Attention tab like any model, sentences A and
  // B become two sequences of the task, read in its vocabulary.
  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  await openTrainedAndCheck(page, picker, /^Trained: reverse \(1 layers × 2 heads\)$/);
  // The trained model's side panel and the Train tab's card pass axe in both colour schemes.
  await expectNoAxeViolations(page, '.trained-panel');
  // Step by step recomputes the trained model's numbers as it does any model's.
  await page.getByRole('tab', { name: 'Step by step', exact: true }).click();
  await expect(page.locator('.teach-source-line').first()).toContainText('Trained: reverse');
  const check = page.getByTestId('steps-check');
  await expect(check).toContainText('largest difference', { timeout: 30_000 });
  // The Masks view shows the trained model's own mask (no mask for reverse: every pair allowed).
  await page.getByRole('tab', { name: 'Masks', exact: true }).click();
  await expect(page.getByTestId('model-masks')).toContainText('Trained: reverse');

  // Switching tabs and models mid-training neither leaks tensors in the training worker nor
  // blocks the page (frame times measured while it trains are printed, not asserted).
  await page.getByRole('tab', { name: 'Train', exact: true }).click();
  const trainPanel = page.getByRole('tabpanel');
  const trainStatus = trainPanel.getByTestId('train-status');
  await trainPanel.getByRole('button', { name: 'Start' }).click();
  await expect(trainStatus).toContainText('Training');
  const tensorsNow = async (): Promise<number> =>
    Number(await page.getByTestId('train-status').getAttribute('data-worker-tensors'));
  await expect.poll(tensorsNow).toBeGreaterThan(0);
  const tensorsBefore = await tensorsNow();
  const frames: number[] = [];
  for (let round = 0; round < 3; round++) {
    await page.getByRole('tab', { name: 'Attention', exact: true }).click();
    await picker.selectOption({ label: 'Playground (random weights)' });
    frames.push(...(await frameGaps(page, 30)));
    await picker.selectOption({ index: (await picker.locator('option').count()) - 1 });
    await page.getByRole('tab', { name: 'Heads', exact: true }).click();
    frames.push(...(await frameGaps(page, 30)));
    await page.getByRole('tab', { name: 'Train', exact: true }).click();
    frames.push(...(await frameGaps(page, 30)));
  }
  const stepBefore = Number(/step (\d+)/.exec((await trainStatus.textContent()) ?? '')?.[1]);
  await expect(trainStatus).toContainText('Training'); // still training after all the switching
  const tensorsAfter = await tensorsNow();
  frames.sort((a, b) => a - b);
  console.log(
    `train while switching tabs/models: frame gap p50 ${frames[frames.length >> 1]?.toFixed(1)} ms, ` +
      `p95 ${frames[Math.floor(frames.length * 0.95)]?.toFixed(1)} ms, max ${frames.at(-1)?.toFixed(1)} ms; ` +
      `worker tensors ${tensorsBefore} -> ${tensorsAfter}; step ${stepBefore}`,
  );
  expect(tensorsAfter).toBe(tensorsBefore);
  await trainPanel.getByRole('button', { name: 'Pause' }).click();

  await expectNoAxeViolations(page, '.train-use');

  // Save the weights as safetensors and open them again: the same model in the Attention tab.
  const [weights] = await Promise.all([
    page.waitForEvent('download'),
    trainPanel.getByRole('button', { name: 'Save weights (.safetensors)' }).click(),
  ]);
  expect(weights.suggestedFilename()).toMatch(/^trained_reverse_step\d+\.safetensors$/);
  const saved = readFileSync(await weights.path());
  const opener = trainPanel.getByLabel('Open a weights file saved by the Train tab');
  await opener.setInputFiles({
    name: 'broken.safetensors',
    mimeType: 'application/octet-stream',
    buffer: saved.subarray(0, 40),
  });
  await expect(trainPanel.getByRole('alert')).toContainText('broken.safetensors');
  await opener.setInputFiles({
    name: weights.suggestedFilename(),
    mimeType: 'application/octet-stream',
    buffer: saved,
  });
  await openTrainedAndCheck(page, picker, /^Trained: reverse \(1 layers × 2 heads\)$/, false);

  await page.getByRole('tab', { name: 'Train', exact: true }).click();
  await panel.getByRole('button', { name: 'Reset' }).click();
  await expect(panel.getByTestId('train-status')).toContainText('Ready to train');
});

async function expectNoAxeViolations(page: Page, selector: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await wcagViolations(page, selector);
    const found = violations.map(
      (v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    );
    expect(found).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Gaps between `count` animation frames of the page (ms): what a person sees as smoothness. */
function frameGaps(page: Page, count: number): Promise<number[]> {
  return page.evaluate(
    (n) =>
      new Promise<number[]>((resolve) => {
        const gaps: number[] = [];
        let last = performance.now();
        const tick = (now: number): void => {
          gaps.push(now - last);
          last = now;
          if (gaps.length < n) requestAnimationFrame(tick);
          else resolve(gaps.slice(1));
        };
        requestAnimationFrame(tick);
      }),
    count,
  );
}

/**
 * Opens the trained model in the Attention tab (by the Train tab's button, or already opened from
 * a file) and checks the picker, the task's tokens and a drawn heatmap.
 */
async function openTrainedAndCheck(
  page: Page,
  picker: Locator,
  name: RegExp,
  click = true,
): Promise<void> {
  if (click)
    await page
      .getByRole('tabpanel')
      .getByRole('button', { name: 'Open in the Attention tab' })
      .click();
  await expect(page.getByRole('tab', { name: 'Attention', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(picker.locator('option:checked')).toHaveText(name);
  const tokens = page.getByRole('list', { name: 'Tokens of Sentence A', exact: true });
  await expect(tokens.getByRole('listitem')).toHaveCount(8);
  const texts = (await tokens.getByRole('listitem').allTextContents()).map((t) => t.trim());
  expect(texts.every((t) => /^\d$/.test(t))).toBe(true);
  const canvas = page.getByRole('img', { name: /^Sentence A, layer \d+, head \d+$/ });
  await expect(canvas).toBeVisible();
  await expect(canvas.locator('xpath=ancestor::*[@data-state][1]')).toHaveAttribute(
    'data-state',
    'ready',
    { timeout: 20_000 },
  );
}
