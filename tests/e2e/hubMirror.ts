/**
 * The Hub mirror the browser tests load checkpoints from: the fixtures at tests/fixtures/hf/<name>/
 * served at /hub-test/ (`/hub-test/{id}/resolve/{revision}/{file}`, same-origin through
 * `?hub=/hub-test/`), and the locators and waits the Hugging Face specs share.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Locator, type Page, type Route } from '@playwright/test';
import { expect } from './fixtures';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/hf',
);
export const HUB = '?hub=/hub-test/';

export type Side = 'A' | 'B';

export const sentence = (page: Page, side: Side) =>
  page.getByRole('textbox', { name: `Sentence ${side}`, exact: true });
export const tokenList = (page: Page, side: Side) =>
  page.getByRole('list', { name: `Tokens of Sentence ${side}`, exact: true });
export const heatmap = (page: Page, side: Side) =>
  page.getByRole('img', { name: new RegExp(`^Sentence ${side}, layer \\d+, head \\d+$`) });
export const figure = (page: Page, side: Side) =>
  page.locator(`figure.heatmap[data-slot="${side}"]`);
export const modelPicker = (page: Page) =>
  page.getByRole('combobox', { name: 'Model', exact: true });
/** A text field with the example ids as suggestions (a datalist: its role is combobox). */
export const modelId = (page: Page) => page.getByLabel('Model id', { exact: true });
export const loadButton = (page: Page) => page.getByRole('button', { name: 'Load', exact: true });
export const hubStatus = (page: Page) => page.locator('.hub-status');

/**
 * Serves the fixtures as a Hub: the file on disk, 404 (as the Hub answers) for anything else.
 * Requests of ids in `hold` are answered with tiny-bert, its weights only once `until` settles.
 */
export async function serveHub(
  page: Page,
  hold: { id: string; until: Promise<void> } | null = null,
): Promise<void> {
  await page.route('**/hub-test/**', async (route: Route) => {
    const url = new URL(route.request().url());
    if (!url.pathname.startsWith('/hub-test/')) return route.fallback(); // the page (?hub=/hub-test/)
    const match = /^\/hub-test\/(.+)\/resolve\/[^/]+\/(.+)$/.exec(url.pathname);
    const [id, file] = match ? [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)] : [];
    const fixture = hold && id === hold.id ? 'tiny-bert' : id;
    const full = fixture && file ? path.join(FIXTURES, fixture, file) : '';
    if (hold && id === hold.id && file === 'model.safetensors') await hold.until;
    // A request cancelled meanwhile (the Cancel button) can no longer be answered: fine.
    if (!full || !existsSync(full))
      return route
        .fulfill({ status: 404, contentType: 'text/plain', body: 'Entry not found' })
        .catch(() => {});
    const body = readFileSync(full);
    return route
      .fulfill({
        status: 200,
        body,
        headers: { 'content-type': 'application/octet-stream', 'content-length': `${body.length}` },
      })
      .catch(() => {});
  });
}

/** True when the canvas has pixels that are not all the same. */
export async function isDrawn(canvas: Locator): Promise<boolean> {
  return canvas.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    if (c.width === 0 || c.height === 0) return false;
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    for (let i = 4; i < px.length; i += 4)
      for (let j = 0; j < 4; j++) if (px[i + j] !== px[j]) return true;
    return false;
  });
}

/** Waits until a sentence's run is done and its heatmap drawn. */
export async function ready(page: Page, side: Side): Promise<void> {
  await expect(figure(page, side)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect.poll(() => isDrawn(heatmap(page, side)), { timeout: 15_000 }).toBe(true);
}

/** Serves the mirror, opens the app on it and picks the Hugging Face model panel. */
export async function openHub(
  page: Page,
  query = HUB,
  hold: Parameters<typeof serveHub>[1] = null,
): Promise<void> {
  await serveHub(page, hold);
  await page.goto(`/${query}`);
  await expect(sentence(page, 'A')).toBeVisible();
  if ((await modelPicker(page).inputValue()) !== 'hf')
    await modelPicker(page).selectOption({ label: 'Hugging Face model (BERT, GPT-2…)' });
  await expect(page.getByRole('heading', { name: 'Hugging Face model' })).toBeVisible();
}

export async function loadById(page: Page, id: string): Promise<void> {
  await modelId(page).fill(id);
  await loadButton(page).click();
}

/** Waits until the checkpoint `name` is loaded. */
export async function loaded(page: Page, name: string): Promise<void> {
  await expect(hubStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(hubStatus(page)).toContainText(`Loaded ${name}`);
  await expect(hubStatus(page)).toContainText('100%');
  await expect(hubStatus(page).locator('progress')).toHaveJSProperty('value', 100);
}
