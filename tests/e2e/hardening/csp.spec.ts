/**
 * The built app under a strict Content Security Policy, served by the test's own static server with
 * cross-origin isolation: the default translator, the playground, several tabs (their workers
 * included) and a PNG export all work, and no `securitypolicyviolation` event fires, in the page or
 * in the engine worker (the shared fixture also fails on the console errors Chromium logs for
 * refused code).
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { figure, ready } from './heatmaps';
import { serveStatic, type StaticServer } from './staticServer';

const PORT = 4214;
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:";
const HEADERS = {
  'Content-Security-Policy': POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Each violation as "directive blocked-uri (source:line)", collected from the page's start. */
function recordViolations(): void {
  const seen: string[] = [];
  (window as unknown as { cspViolations: string[] }).cspViolations = seen;
  document.addEventListener('securitypolicyviolation', (e) => {
    seen.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  });
}

const violations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic('dist', PORT, HEADERS);
});

test.afterAll(async () => {
  await server.close();
});

test('the built app runs under a strict CSP without a single violation', async ({ page }) => {
  await page.addInitScript(recordViolations);
  // Violations inside the engine worker fire in the worker: listen there as soon as it starts.
  let workersStarted = 0;
  page.on('worker', (worker) => {
    void worker
      .evaluate(() => {
        const seen: string[] = [];
        (self as unknown as { cspViolations: string[] }).cspViolations = seen;
        self.addEventListener('securitypolicyviolation', (e) =>
          seen.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      })
      .catch(() => {});
    workersStarted++;
  });

  const response = await page.goto(`${server.url}/`);
  expect(response?.headers()['content-security-policy']).toBe(POLICY);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // The default translator: heatmaps and a translation.
  await ready(page, 'A');
  await ready(page, 'B');
  await expect(page.getByRole('status', { name: 'Translation of Sentence A' })).toHaveText(/\S/);

  // The playground.
  await page
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Playground (random weights)' });
  await expect(page.getByRole('heading', { name: 'Playground model' })).toBeVisible();
  await ready(page, 'A');

  // A few tabs, the aggregates' own worker and a teaching view included.
  for (const [name, drawn] of [
    [
      'Heads',
      page.getByRole('img', { name: /^Attention of all \d+ layers × \d+ heads of Sentence A$/ }),
    ],
    [
      'Lines',
      page.getByRole('img', { name: /^Attention lines of Sentence A, layer 1: \d+ lines$/ }),
    ],
    ['Aggregates', page.getByRole('img', { name: 'Sentence A: Layer 1, mean over heads' })],
    ['Masks', page.getByTestId('mask-pairs')],
  ] as const) {
    await page.getByRole('tab', { name, exact: true }).click();
    await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(drawn).toBeVisible();
  }
  await page.getByRole('tab', { name: 'Attention', exact: true }).click();
  await ready(page, 'A');

  // A PNG export through the real download path.
  await page.getByRole('button', { name: 'Export Sentence A' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    figure(page, 'A')
      .locator('.export-panel')
      .getByRole('button', { name: 'Download PNG' })
      .click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/\.png$/);

  expect(await violations(page)).toEqual([]);
  const inWorkers = await Promise.all(
    page
      .workers()
      .map((w) =>
        w.evaluate(() => (self as unknown as { cspViolations?: string[] }).cspViolations ?? []),
      ),
  );
  expect(inWorkers.flat()).toEqual([]);
  expect(workersStarted, 'the engine worker started').toBeGreaterThanOrEqual(1);
});
