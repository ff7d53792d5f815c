/**
 * Failed Hugging Face loads leave the model loaded before exactly as it was: tiny-bert is loaded,
 * then broken copies of it fail (a config with 10^9 layers, heads that do not divide the width, a
 * tokenizer.json that is not JSON, an HTML page for the weights, weights cut half-way); each gives
 * a readable error naming the file and field, and re-running the same sentence gives the very same
 * heatmap and weight as before.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Route } from '@playwright/test';
import { expect, test } from '../fixtures';

const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/hf/tiny-bert',
);
const file = (name: string): Buffer => readFileSync(path.join(FIXTURE, name));
const config = JSON.parse(file('config.json').toString('utf8')) as Record<string, unknown>;

/** The broken copies of tiny-bert, by model id: the file each replaces, with what. */
const BROKEN: Record<string, Record<string, Buffer>> = {
  'absurd-layers': {
    'config.json': Buffer.from(JSON.stringify({ ...config, num_hidden_layers: 1e9 })),
  },
  'absurd-heads': {
    'config.json': Buffer.from(JSON.stringify({ ...config, num_attention_heads: 5 })),
  },
  'bad-tokenizer': { 'tokenizer.json': Buffer.from('{"version": "1.0", "model": ') },
  'html-weights': {
    'model.safetensors': Buffer.from('<!DOCTYPE html><html><body>Sign in</body></html>'),
  },
  'cut-weights': {
    'model.safetensors': file('model.safetensors').subarray(
      0,
      Math.floor(file('model.safetensors').length / 2),
    ),
  },
};

/** Serves tiny-bert (and its broken copies) as a Hub at /hub-test/{id}/resolve/{rev}/{file}. */
async function serveHub(page: Page): Promise<void> {
  await page.route('**/hub-test/**', async (route: Route) => {
    const url = new URL(route.request().url());
    const match = /^\/hub-test\/(.+)\/resolve\/[^/]+\/(.+)$/.exec(url.pathname);
    if (!match) return route.fallback(); // the page itself (?hub=/hub-test/)
    const [id, name] = [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
    let body: Buffer | undefined;
    try {
      body = BROKEN[id]?.[name] ?? (id === 'tiny-bert' || id in BROKEN ? file(name) : undefined);
    } catch {
      body = undefined; // a file tiny-bert does not have
    }
    if (!body)
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Entry not found' });
    const html = body.subarray(0, 1).toString() === '<';
    return route.fulfill({
      status: 200,
      body,
      headers: {
        'content-type': html ? 'text/html' : 'application/octet-stream',
        'content-length': `${body.length}`,
      },
    });
  });
}

const sentenceA = (page: Page) => page.getByRole('textbox', { name: 'Sentence A', exact: true });
const figureA = (page: Page) => page.locator('figure.heatmap[data-slot="A"]');
const heatmapA = (page: Page) =>
  page.getByRole('img', { name: /^Sentence A, layer \d+, head \d+$/ });
const hubStatus = (page: Page) => page.locator('.hub-status');

async function load(page: Page, id: string): Promise<void> {
  await page.getByLabel('Model id', { exact: true }).fill(id);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
}

/** Sentence A's picture and the weight of one cell, once its run is drawn. */
async function snapshot(page: Page): Promise<{ picture: string; weight: string }> {
  await expect(figureA(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const canvas = heatmapA(page);
  const picture = await canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const n = await page
    .getByRole('list', { name: 'Tokens of Sentence A', exact: true })
    .getByRole('listitem')
    .count();
  const box = (await canvas.boundingBox())!;
  await canvas.hover({ position: { x: (2.5 * box.width) / n, y: (1.5 * box.height) / n } });
  const weight = (await page.getByRole('tooltip').textContent()) ?? '';
  await page.mouse.move(0, 0);
  return { picture, weight };
}

/** Runs sentence A again (another text, then the original) and returns what it shows. */
async function runAgain(page: Page, text: string): Promise<{ picture: string; weight: string }> {
  await sentenceA(page).fill('something else entirely');
  await expect(figureA(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await sentenceA(page).fill(text);
  return snapshot(page);
}

test('every failed load keeps the model loaded before, with the same weights', async ({ page }) => {
  await serveHub(page);
  await page.goto('/?hub=/hub-test/&hf=tiny-bert');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(hubStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const text = 'the bank by the river';
  await sentenceA(page).fill(text);
  const before = await snapshot(page);
  expect(before.weight).toMatch(/\d\.\d{4}/);

  const expected: [string, string][] = [
    ['absurd-layers', "num_hidden_layers (1000000000) is over this app's limit of 200"],
    ['absurd-heads', 'num_attention_heads (5) must divide hidden_size (32)'],
    ['bad-tokenizer', 'tokenizer.json: is not valid JSON'],
    ['html-weights', 'html-weights: model.safetensors: got an HTML page instead of the file'],
    ['cut-weights', 'run past the data'],
  ];
  for (const [id, message] of expected) {
    await load(page, id);
    const alert = page.getByRole('alert');
    await expect(alert, id).toContainText(message, { timeout: 30_000 });
    await expect(alert, id).toContainText('The model loaded before (tiny-bert) is still in use.');
    expect(await alert.textContent(), 'no stack trace').not.toMatch(/\bat \S+ \(|\.js:\d+/);
    expect(await runAgain(page, text), `after ${id}`).toEqual(before);
  }
});
