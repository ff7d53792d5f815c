/**
 * The built app under a Content Security Policy WITHOUT 'wasm-unsafe-eval' (served by the test's
 * own static server): WebAssembly may not compile, so the wasm backend cannot start. The page says
 * so (which backend, why, and the one in use), the backend picker shows CPU, and the heatmaps are
 * still drawn, on CPU, now and after an edit.
 */
import { expect, test } from '../fixtures';
import { ready } from './heatmaps';
import { serveStatic, type StaticServer } from './staticServer';

const PORT = 4215;
const POLICY = "default-src 'self'; script-src 'self'; worker-src 'self' blob:";

let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic('dist', PORT, { 'Content-Security-Policy': POLICY });
});

test.afterAll(async () => {
  await server.close();
});

test('without wasm-unsafe-eval: a notice says why, the picker shows CPU, heatmaps draw on CPU', async ({
  page,
}) => {
  const response = await page.goto(`${server.url}/?model=playground`);
  expect(response?.headers()['content-security-policy']).toBe(POLICY);
  expect(
    await page.evaluate(() =>
      WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
        () => 'compiled',
        () => 'refused',
      ),
    ),
    'the policy really refuses WebAssembly',
  ).toBe('refused');

  await ready(page, 'A');
  await ready(page, 'B');
  await expect(page.getByRole('status').filter({ hasText: 'could not start' })).toHaveText(
    "WebAssembly (wasm) could not start: WebAssembly is blocked by this page's Content Security Policy (it does not allow 'wasm-unsafe-eval'). Now running on CPU (plain JavaScript).",
  );
  await expect(page.getByRole('combobox', { name: 'Backend', exact: true })).toHaveValue('cpu');
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.locator('.backend-active')).toHaveText('Active: CPU (plain JavaScript)');

  // The next run asks for CPU itself, and the notice stays until another backend is picked.
  await page.getByRole('textbox', { name: 'Sentence A', exact: true }).fill('drawn on the CPU');
  await expect
    .poll(async () =>
      (
        await page
          .getByRole('list', { name: 'Tokens of Sentence A', exact: true })
          .getByRole('listitem')
          .allTextContents()
      ).map((t) => t.trim()),
    )
    .toContain('CPU');
  await ready(page, 'A');
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.locator('.backend-fallback')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
