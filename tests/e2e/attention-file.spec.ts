/**
 * Attention computed elsewhere (issue 14, item 3): a small safetensors attention file opened
 * through "Open attention file" becomes sentence A's result; a broken file is refused while the
 * open one stays; closing returns to the model.
 */
import type { Page } from '@playwright/test';
import { writeSafetensors } from '../../src/loader/safetensors';
import { expect, test } from './fixtures';

const TOKENS = ['Hello', 'attention', 'from', 'PyTorch'];
const LAYERS = 3;
const HEADS = 2;

/** [layers, heads, q, k]: layer l's head h puts most weight on key (q + l + h) mod k. */
function attentionFile(tokens: string[], metaTokens = tokens): Buffer {
  const q = tokens.length;
  const data = new Float32Array(LAYERS * HEADS * q * q);
  for (let l = 0; l < LAYERS; l++)
    for (let h = 0; h < HEADS; h++)
      for (let r = 0; r < q; r++)
        for (let c = 0; c < q; c++)
          data[((l * HEADS + h) * q + r) * q + c] = c === (r + l + h) % q ? 0.7 : 0.3 / (q - 1);
  const bytes = writeSafetensors(
    [{ name: 'decoder-self', shape: [LAYERS, HEADS, q, q], data }],
    'F16',
    {
      format: 'attention-atlas',
      version: '1',
      tokens: JSON.stringify(metaTokens),
      model: 'example/llama-70b',
    },
  );
  return Buffer.from(bytes);
}

const heatmapA = (page: Page) =>
  page.getByRole('img', { name: /^Sentence A, layer \d+, head \d+$/ });
const fileInput = (page: Page) =>
  page.locator('input[type="file"][aria-label="Open attention file"]');

test('opens an attention file as sentence A, switches layer, refuses a broken file, closes', async ({
  page,
}) => {
  await page.goto('/');
  const textA = page.getByRole('textbox', { name: 'Sentence A', exact: true });
  await expect(page.locator('figure[data-slot="A"]')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });
  const before = await textA.inputValue();

  await expect(page.getByRole('button', { name: 'Open attention file' })).toBeVisible();
  await fileInput(page).setInputFiles({
    name: 'attn.safetensors',
    mimeType: 'application/octet-stream',
    buffer: attentionFile(TOKENS),
  });
  await expect(
    page.getByText(
      'Sentence A: example/llama-70b — attention computed elsewhere (attn.safetensors)',
    ),
  ).toBeVisible();
  await expect(heatmapA(page)).toHaveAccessibleName('Sentence A, layer 1, head 1');
  const labels = page.locator('figure[data-slot="A"] svg text');
  await expect(labels.filter({ hasText: 'PyTorch' }).first()).toBeAttached();
  await expect(labels.filter({ hasText: 'attention' }).first()).toBeAttached();
  await expect(textA).toHaveValue('Hello attention from PyTorch');

  // Another layer of the file.
  const layer = page.getByRole('combobox', { name: 'Layer', exact: true });
  await expect(layer.locator('option')).toHaveCount(LAYERS);
  await layer.selectOption({ index: 2 });
  await expect(heatmapA(page)).toHaveAccessibleName('Sentence A, layer 3, head 1');

  // A broken file (3 tokens for 4 queries) is refused; the open file stays.
  await fileInput(page).setInputFiles({
    name: 'broken.safetensors',
    mimeType: 'application/octet-stream',
    buffer: attentionFile(TOKENS, TOKENS.slice(0, 3)),
  });
  await expect(page.getByRole('alert')).toContainText(
    'Attention file refused: broken.safetensors: tensor decoder-self: shape [3, 2, 4, 4] has 4 queries, but the file gives 3 query tokens',
  );
  await expect(page.getByText(/attention computed elsewhere \(attn\.safetensors\)/)).toBeVisible();
  await expect(heatmapA(page)).toHaveAccessibleName('Sentence A, layer 3, head 1');

  // Views that need the model say so.
  await page.getByRole('tab', { name: 'Step by step' }).click();
  await expect(
    page.getByText('This view needs the model; the open attention file holds only weights'),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Attention', exact: true }).click();

  await page.getByRole('button', { name: 'Close attention file' }).click();
  await expect(page.getByText(/attention computed elsewhere/)).toHaveCount(0);
  await expect(textA).toHaveValue(before);
  await expect(page.locator('figure[data-slot="A"]')).toHaveAttribute('data-state', 'ready', {
    timeout: 30_000,
  });
  await expect(heatmapA(page)).toBeVisible();

  // Dropping a file on the page opens it too.
  const dataTransfer = await page.evaluateHandle(
    (bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.safetensors'));
      return dt;
    },
    [...attentionFile(TOKENS)],
  );
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(
    page.getByText(/attention computed elsewhere \(dropped\.safetensors\)/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Close attention file' }).click();
  await expect(textA).toHaveValue(before);
});
