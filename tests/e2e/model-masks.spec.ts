/**
 * The Masks tab shows a loaded model's own masks: tiny-gemma3 (layers sliding, full, sliding with
 * a window of 4) gives two pictures, "Layers 1, 3" (sliding window of 4 tokens) and "Layer 2"
 * (global causal), with the pairs each allows on the chosen sentence.
 */
import { type Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { isDrawn, loadById, loaded, openHub, ready, sentence } from './hubMirror';
import { wcagViolations } from './axe';

/** The "{pairs} of {full} pairs allowed" readout of a group as numbers. */
async function pairsOf(group: Locator): Promise<{ pairs: number; full: number }> {
  const text = (await group.getByTestId('model-mask-pairs').textContent()) ?? '';
  const match = /(\d+) of (\d+) pairs allowed/.exec(text);
  expect(match, text).not.toBeNull();
  return { pairs: Number(match![1]), full: Number(match![2]) };
}

test("the Masks tab draws tiny-gemma3's sliding-window and global layers' masks", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openHub(page);
  await sentence(page, 'A').fill('The bank is near the river and the river is near the bank.');
  await sentence(page, 'B').fill('Hi.');
  await loadById(page, 'tiny-gemma3');
  await loaded(page, 'tiny-gemma3');
  await ready(page, 'A');
  await ready(page, 'B');

  await page.getByRole('tab', { name: 'Masks', exact: true }).click();
  const card = page.getByTestId('model-masks');
  await expect(card.getByRole('heading', { name: /^This model.s masks$/ })).toBeVisible();
  const groups = card.getByTestId('model-mask-group');
  await expect(groups).toHaveCount(2);
  const [sliding, global] = [groups.nth(0), groups.nth(1)];
  await expect(sliding.locator('figcaption')).toHaveText(
    'Layers 1, 3 (sliding window of 4 tokens)',
  );
  await expect(global.locator('figcaption')).toHaveText('Layer 2 (global causal)');
  await expect(sliding).toHaveAttribute('data-layers', '1,3');
  await expect(global).toHaveAttribute('data-layers', '2');
  for (const group of [sliding, global])
    await expect.poll(() => isDrawn(group.getByRole('img'))).toBe(true);

  // Causal allows N(N + 1)/2 pairs; the window of 4 allows 1 + 2 + 3 + 4·(N − 3).
  const g = await pairsOf(global);
  const s = await pairsOf(sliding);
  const n = Math.round(Math.sqrt(g.full));
  expect(n * n).toBe(g.full);
  expect(n).toBeGreaterThan(4);
  expect(g.pairs).toBe((n * (n + 1)) / 2);
  expect(s).toEqual({ pairs: 6 + 4 * (n - 3), full: g.full });
  await expect(card.getByTestId('model-masks-covers')).toHaveCount(0);

  // The short sentence B: the window covers every earlier token, and the card says so.
  await page.getByRole('radio', { name: 'Sentence B', exact: true }).check();
  await expect(card.getByTestId('model-masks-covers')).toBeVisible();
  await expect(groups).toHaveCount(2);
  const b = await pairsOf(groups.nth(0));
  expect(b.full).toBeLessThanOrEqual(16);
  expect(b).toEqual(await pairsOf(groups.nth(1)));

  // The playground's mask gallery is still below.
  await expect(page.getByTestId('mask-other-model')).toBeVisible();

  // The card passes an accessibility scan.
  const violations = await wcagViolations(page, '[data-testid="model-masks"]');
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((node) => node.target.join(' ')).join(' | ')}`),
  ).toEqual([]);
});
