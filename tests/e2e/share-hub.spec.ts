/**
 * Shared links with a Hugging Face checkpoint: the link names the Hub model (id and revision), and
 * opening it loads that model (from Cache Storage when cached) before restoring sentences, layer
 * and head. A model opened from local files cannot travel: the link says so. The fixtures at
 * tests/fixtures/hf/<name>/ are served as a Hub at /hub-test/ (as in hub.spec.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page, type Route } from '@playwright/test';
import { expect, test } from './fixtures';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/hf');

const sentence = (page: Page, side: 'A' | 'B') =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });
const heatmap = (page: Page, side: 'A' | 'B') =>
  page.getByRole('img', { name: new RegExp(`^Sentence ${side}, layer \\d+, head \\d+$`) });
const figure = (page: Page, side: 'A' | 'B') => page.locator(`figure.heatmap[data-slot="${side}"]`);
const modelPicker = (page: Page) => page.getByRole('combobox', { name: 'Model', exact: true });
const hubStatus = (page: Page) => page.locator('.hub-status');
const layerSelect = (page: Page) => page.getByRole('combobox', { name: 'Layer', exact: true });
const headSelect = (page: Page) => page.getByRole('combobox', { name: 'Head', exact: true });

/** Serves the fixtures as a Hub (`/hub-test/{id}/resolve/{revision}/{file}`); counts requests. */
async function serveHub(page: Page, requests: string[] = []): Promise<void> {
  await page.route('**/hub-test/**', async (route: Route) => {
    const url = new URL(route.request().url());
    if (!url.pathname.startsWith('/hub-test/')) return route.fallback(); // the page (?hub=…)
    requests.push(url.pathname);
    const match = /^\/hub-test\/(.+)\/resolve\/[^/]+\/(.+)$/.exec(url.pathname);
    const full = match
      ? path.join(FIXTURES, decodeURIComponent(match[1]!), decodeURIComponent(match[2]!))
      : '';
    if (!full || !existsSync(full))
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Entry not found' });
    const body = readFileSync(full);
    return route.fulfill({
      status: 200,
      body,
      headers: { 'content-type': 'application/octet-stream', 'content-length': `${body.length}` },
    });
  });
}

async function loaded(page: Page, name: string): Promise<void> {
  await expect(hubStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(hubStatus(page)).toContainText(`Loaded ${name}`);
}

async function copyLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const field = page.getByRole('textbox', { name: 'Link to this view' });
  await expect(field).toHaveValue(/#s=[A-Za-z0-9_-]+$/);
  return field.inputValue();
}

test('a link with a Hub model loads it (from the cache) and restores sentences, layer and head', async ({
  page,
  context,
}) => {
  await serveHub(page);
  await page.goto('/?hub=/hub-test/');
  await modelPicker(page).selectOption('hf');
  await page.getByLabel('Model id', { exact: true }).fill('tiny-bert');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await loaded(page, 'tiny-bert');
  await expect(page.locator('.hub-status')).toContainText('saved for offline use');
  await sentence(page, 'A').fill('the river bank is muddy.');
  await sentence(page, 'B').fill('the bank is closed.');
  await layerSelect(page).selectOption({ label: '2' });
  await headSelect(page).selectOption({ label: '3' });
  await expect(figure(page, 'A')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const link = await copyLink(page);
  await expect(page.locator('.share-status')).not.toContainText('cannot travel');

  // A new page of the same browser (same Cache Storage), with the Hub unreachable.
  const other = await context.newPage();
  const requests: string[] = [];
  await other.route('**/hub-test/**', (route) => {
    if (!new URL(route.request().url()).pathname.startsWith('/hub-test/')) return route.fallback();
    requests.push(route.request().url());
    return route.abort();
  });
  await other.goto(link);
  await loaded(other, 'tiny-bert');
  await expect(hubStatus(other)).toContainText('from cache');
  await expect(modelPicker(other)).toHaveValue('hf');
  await expect(sentence(other, 'A')).toHaveValue('the river bank is muddy.');
  await expect(sentence(other, 'B')).toHaveValue('the bank is closed.');
  await expect(figure(other, 'A')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(heatmap(other, 'A')).toHaveAccessibleName('Sentence A, layer 2, head 3');
  await expect(other.getByRole('list', { name: 'Tokens of Sentence A' })).toContainText('river');
  expect(requests).toEqual([]);
  await other.close();
});

test('a model opened from files cannot travel in a link: the link says so', async ({ page }) => {
  await page.goto('/');
  await modelPicker(page).selectOption('hf');
  const dir = path.join(FIXTURES, 'tiny-distilbert');
  await page
    .getByLabel('Open model files', { exact: true })
    .setInputFiles(readdirSync(dir).map((f) => path.join(dir, f)));
  await loaded(page, 'tiny-distilbert');
  await copyLink(page);
  await expect(page.locator('.share-status')).toContainText(
    'A model opened from files on this computer cannot travel in a link',
  );
});
