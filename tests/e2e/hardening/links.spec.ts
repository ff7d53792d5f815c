/**
 * Hostile addresses: ignored query parameters, a hand-edited link (layer 999, head -1, markup in
 * both sentences), a truncated link and one over 2 MB. Each opens the app with a visible notice and
 * a working heatmap; the markup is shown as text and never runs (the shared fixture fails the test
 * on any dialog or console error, and the payloads would set a global if they ever ran).
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';

type Side = 'A' | 'B';
const sentence = (page: Page, side: Side) =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });
const figure = (page: Page, side: Side) => page.locator(`figure[data-slot="${side}"]`);
const notice = (page: Page) => page.locator('.share-notice');

async function ready(page: Page, side: Side): Promise<void> {
  await expect(figure(page, side)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

const handMade = (value: unknown): string =>
  `#s=${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;

/** Nothing the payloads would have done happened. */
async function nothingRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
  await expect(page.locator('img[src="x"], [onerror], script:not([src])')).toHaveCount(0);
}

test('ignored query parameters are named in a notice; the defaults run', async ({ page }) => {
  await page.goto('/?model=gpt-9&translator=https://evil.example/m/&hf=%3Cimg%3E');
  await expect(notice(page)).toContainText(
    'Some options in the address were not valid and were ignored: ?model=, ?translator=, ?hf=.',
  );
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue(
    'translator',
  );
  await ready(page, 'A');
  await expect(page.getByRole('status', { name: 'Translation of Sentence A' })).toHaveText(/\S/);
});

test('a hand-edited link: layer 999, head -1, markup in both sentences', async ({ page }) => {
  const A = '<img src=x onerror="window.pwned=1">';
  const B = '<script>window.pwned=1</script> bank';
  await page.goto(
    `/${handMade({ v: 1, model: 'playground', sentences: { A, B }, layer: 998, head: -1 })}`,
  );
  await expect(notice(page)).toContainText('Some settings in the link were not valid');
  await expect(notice(page)).toContainText('asked for layer 999, head 1');
  await expect(sentence(page, 'A')).toHaveValue(A);
  await expect(sentence(page, 'B')).toHaveValue(B);
  await ready(page, 'A');
  await ready(page, 'B');
  const chips = await page
    .getByRole('list', { name: 'Tokens of Sentence A', exact: true })
    .getByRole('listitem')
    .allTextContents();
  expect(chips.join(' ')).toContain('onerror');
  // A broken image's onerror would have fired by now.
  await page.waitForTimeout(300);
  await nothingRan(page);
});

test('a truncated link and a link over 2 MB keep the defaults, with a notice', async ({ page }) => {
  const real = handMade({ v: 1, model: 'playground', sentences: { A: 'one two', B: 'three' } });
  await page.goto(`/${real.slice(0, Math.floor(real.length / 2))}`);
  await expect(notice(page)).toContainText('The shared link is damaged or incomplete');
  await expect(sentence(page, 'A')).toHaveValue('The bank is near the river.');
  await ready(page, 'A');

  // Chromium refuses to navigate to an address over 2 MB, so the page gets it as a hash change.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.evaluate(
    (n) => {
      location.hash = `s=${'A'.repeat(n)}`;
    },
    2 * 1024 * 1024 + 10,
  );
  await expect(notice(page)).toContainText('The shared link is too large to open');
  await expect(sentence(page, 'A')).toHaveValue('The bank is near the river.');
  await ready(page, 'A');
  await nothingRan(page);
});
