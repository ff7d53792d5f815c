/**
 * Masks must hold on every backend the app ships: tfjs-webgl's softmax has returned garbage for a
 * row with a single unmasked key (tfjs#5394). With a sliding window of radius 0 every row has
 * exactly one allowed key, so every row must be exactly one-hot, on wasm, WebGL and CPU alike.
 * (WebGPU is offered only where the browser has it; Debian's headless Chromium does not.)
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const BACKENDS = [
  { value: 'wasm', active: 'WebAssembly (wasm)' },
  { value: 'webgl', active: 'WebGL' },
  { value: 'cpu', active: 'CPU (plain JavaScript)' },
] as const;

async function tooltipAt(page: Page, query: number, key: number, n: number): Promise<string> {
  const canvas = page.getByRole('img', { name: /^Sentence A, layer \d+, head \d+$/ });
  const box = (await canvas.boundingBox())!;
  await canvas.hover({
    position: { x: ((key + 0.5) * box.width) / n, y: ((query + 0.5) * box.height) / n },
  });
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  return (await tooltip.textContent()) ?? '';
}

for (const backend of BACKENDS) {
  test(`a one-key mask gives exactly one-hot rows on ${backend.value}`, async ({ page }) => {
    await page.goto('/?model=playground');
    await page.getByRole('combobox', { name: 'Backend', exact: true }).selectOption(backend.value);
    await page.getByRole('combobox', { name: 'Mask', exact: true }).selectOption('window');
    await page.getByRole('spinbutton', { name: 'Window radius', exact: true }).fill('0');
    await page.getByRole('spinbutton', { name: 'Window radius', exact: true }).press('Tab');
    await expect(page.getByText(`Active: ${backend.active}`)).toBeVisible({ timeout: 30_000 });
    const figure = page.locator('[data-slot="A"][data-state]');
    await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    const n = await page
      .getByRole('list', { name: 'Tokens of Sentence A', exact: true })
      .getByRole('listitem')
      .count();
    expect(n).toBeGreaterThan(3);
    for (const layer of ['1', '4']) {
      await page
        .getByRole('combobox', { name: 'Layer', exact: true })
        .selectOption({ label: layer });
      for (let q = 0; q < n; q++) {
        expect(await tooltipAt(page, q, q, n), `row ${q}, layer ${layer}`).toMatch(/: 1\.0000$/);
        const other = q === 0 ? 1 : q - 1;
        expect(await tooltipAt(page, q, other, n), `row ${q}, key ${other}`).not.toMatch(
          /: 0\.\d*[1-9]/,
        );
      }
    }
  });
}
