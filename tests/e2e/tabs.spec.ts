/**
 * Browser tests of the workspace's tab row: two captioned groups ("Explore", "Learn") that fit one
 * line at 1280 px, arrow keys that move across the groups, and no axe violations in the row.
 */
import { expect, test } from './fixtures';
import { wcagViolations } from './axe';

const EXPLORE = ['Attention', 'Heads', 'Lines', 'Compare', 'Aggregates'];
const LEARN = [
  'Step by step',
  'Why √d_k',
  'Masks',
  'Positions (Positional encodings)',
  'Same word, different weights',
  'Tiling (Efficient attention)',
  'Train',
];

test('at 1280 × 900 the twelve tabs sit on one line, in two named groups', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  const explore = page.getByRole('tablist', { name: 'Explore' });
  const learn = page.getByRole('tablist', { name: 'Learn' });
  await expect(explore.getByRole('tab')).toHaveCount(EXPLORE.length);
  await expect(learn.getByRole('tab')).toHaveCount(LEARN.length);
  for (const name of EXPLORE)
    await expect(explore.getByRole('tab', { name, exact: true })).toBeVisible();
  for (const name of LEARN)
    await expect(learn.getByRole('tab', { name, exact: true })).toBeVisible();
  const tops = await page
    .getByRole('tab')
    .evaluateAll((tabs) => tabs.map((tab) => (tab as HTMLElement).offsetTop));
  expect(tops).toHaveLength(EXPLORE.length + LEARN.length);
  expect(new Set(tops).size).toBe(1);
  // The row does not overflow its column either.
  const row = page.locator('.tab-row');
  expect(await row.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test('arrow keys, Home and End move between tabs across the two groups', async ({ page }) => {
  await page.goto('/');
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  await tab('Aggregates').click();
  await expect(tab('Aggregates')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tab('Step by step')).toBeFocused();
  await expect(tab('Step by step')).toHaveAttribute('aria-selected', 'true');
  await expect(tab('Aggregates')).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByRole('tabpanel')).toHaveAttribute('id', 'panel-teach-steps');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Aggregates')).toBeFocused();
  await expect(tab('Aggregates')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tab('Train')).toBeFocused();
  await page.keyboard.press('ArrowRight'); // wraps to the first tab of the first group
  await expect(tab('Attention')).toBeFocused();
  await expect(tab('Attention')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Train')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(tab('Attention')).toBeFocused();
  // Only the selected tab is in the Tab order.
  await expect(page.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
});

test('the header and tab row have no axe violations, in light and dark theme', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.getByRole('tablist', { name: 'Learn' })).toBeVisible();
    const violations = await wcagViolations(page, 'header', '.tab-row');
    const found = violations.map(
      (v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    );
    expect(found).toEqual([]);
  }
});
