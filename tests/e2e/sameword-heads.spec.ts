/**
 * The "Which heads tell the two banks apart?" card of the Same-word tab (issue 16, item 4) on the
 * built-in translator: measuring both bank sentences gives each a ranked list of 5 heads with the
 * verdict on the Chinese for "bank", and switching the top 3 off together (offered when no single
 * head changes it) reaches the page's ablation bar. The verdicts are printed as measured.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function openTab(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

const VERDICT = /^(银行|河岸|岸) (stays|changes)$|^the word for bank (stays|changes)$/;

test('measures both bank sentences, ranks 5 heads each with the bank verdict, switches the top 3 off', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openTab(page, 'Same word, different weights');
  const card = page.getByTestId('same-heads');
  await expect(
    card.getByRole('heading', { name: 'Which heads tell the two banks apart?' }),
  ).toBeVisible();
  await card.getByRole('button', { name: 'Measure both sentences', exact: true }).click();

  const tables = {
    A: card.getByRole('table', { name: 'Top 5 heads of sentence A', exact: true }),
    B: card.getByRole('table', { name: 'Top 5 heads of sentence B', exact: true }),
  };
  for (const slot of ['A', 'B'] as const) {
    await expect(tables[slot]).toBeVisible({ timeout: 60_000 });
    await expect(tables[slot].locator('tbody tr')).toHaveCount(5);
    const verdicts = await tables[slot].getByTestId('bank-verdict').allInnerTexts();
    expect(verdicts).toHaveLength(5);
    for (const v of verdicts) expect(v.trim()).toMatch(VERDICT);
    const baseline = await card.getByTestId(`bank-baseline-${slot}`).innerText();
    const summary = await card.getByTestId(`bank-summary-${slot}`).innerText();
    const rows = await tables[slot].locator('tbody tr').allInnerTexts();
    console.log(`[sameword-heads] ${slot}: ${baseline}\n${rows.join('\n')}\n${summary}`);
  }
  // The measurement has finished: no progress is left.
  await expect(card.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0);

  // Where no single head changes the word, the top 3 can be switched off together.
  const together = card.getByRole('button', { name: 'Switch the top 3 off together', exact: true });
  if ((await together.count()) > 0) {
    await together.first().click();
    await expect(page.getByRole('heading', { name: '3 heads off', exact: true })).toBeVisible();
    // Both sentences run again with the 3 heads off; the card shows their new translations.
    for (const slot of ['A', 'B'] as const)
      await expect(card.getByTestId(`bank-now-${slot}`)).toContainText(
        /with 3 heads switched off in the whole page: \S/,
        { timeout: 30_000 },
      );
    const now = await card.getByTestId(/^bank-now-[AB]$/).allInnerTexts();
    console.log(`[sameword-heads] top 3 off: ${now.join(' | ')}`);
    await card.getByRole('button', { name: 'Switch all back on', exact: true }).first().click();
    await expect(page.getByRole('heading', { name: '3 heads off', exact: true })).toHaveCount(0);
  } else {
    console.log('[sameword-heads] every sentence has a single head that changes the word');
  }
});

test('Cancel stops the measurement of both sentences', async ({ page }) => {
  await openTab(page, 'Same word, different weights');
  const card = page.getByTestId('same-heads');
  await card.getByRole('button', { name: 'Measure both sentences', exact: true }).click();
  const cancel = card.getByRole('button', { name: 'Cancel', exact: true });
  // The measurement may finish before the click lands; either way none is left running.
  await cancel.click({ timeout: 5_000 }).catch(() => undefined);
  await expect(cancel).toHaveCount(0, { timeout: 60_000 });
  await expect(
    card.getByRole('button', { name: 'Measure both sentences', exact: true }),
  ).toBeEnabled();
});
