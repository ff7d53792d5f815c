/**
 * Today's decoder LMs in the browser, through the Hub mirror (tests/e2e/hubMirror.ts): every
 * family's tiny checkpoint loads by id and draws both sentences; the head picker says which heads
 * share keys (grouped-query attention); sliding-window layers say so and their heatmap masks the
 * keys outside the window while global layers do not; the next-token predictions list appears.
 * One page serves every family, as a person switching models would.
 */
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { heatmap, loadById, loaded, openHub, ready, sentence } from './hubMirror';

interface Family {
  id: string;
  layers: number;
  /** The head picker's note for head 1 when heads share keys. */
  shared?: string;
  /** 1-based layers that slide and one that does not, when layers differ. */
  sliding?: { layer: number; global?: number };
}

const FAMILIES: Family[] = [
  { id: 'tiny-llama', layers: 2, shared: 'Heads 1–2 share their keys and values (group 1 of 2' },
  { id: 'tiny-smollm2', layers: 2 },
  { id: 'tiny-qwen2', layers: 2, shared: 'Heads 1–2 share their keys and values (group 1 of 2' },
  { id: 'tiny-qwen3', layers: 2, shared: 'Heads 1–2 share their keys and values (group 1 of 2' },
  {
    id: 'tiny-mistral',
    layers: 2,
    shared: 'Heads 1–4 share their keys and values (group 1 of 1',
    sliding: { layer: 1 },
  },
  {
    id: 'tiny-gemma2',
    layers: 2,
    shared: 'Heads 1–2 share their keys and values (group 1 of 2',
    sliding: { layer: 1, global: 2 },
  },
  {
    id: 'tiny-gemma3',
    layers: 3,
    shared: 'Heads 1–4 share their keys and values (group 1 of 1',
    sliding: { layer: 3, global: 2 },
  },
  { id: 'tiny-pythia', layers: 2 },
];

const layerPicker = (page: Page) => page.getByRole('combobox', { name: 'Layer', exact: true });
const viewNote = (page: Page) => page.locator('.view-notes');
/** The pickers' note ('' when there is none: every head has its keys, every layer is global). */
const noteText = async (page: Page): Promise<string> =>
  (await viewNote(page).count()) > 0 ? ((await viewNote(page).textContent()) ?? '') : '';

/** Alpha of the heatmap's cell (row, col): masked cells are left transparent. */
async function cellAlpha(page: Page, row: number, col: number): Promise<number> {
  return heatmap(page, 'A').evaluate(
    (node, [r, c]) => {
      const canvas = node as HTMLCanvasElement;
      return canvas.getContext('2d')!.getImageData(c!, r!, 1, 1).data[3]!;
    },
    [row, col],
  );
}

test('every decoder family loads from the Hub mirror with its heads, layers and predictions', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openHub(page);
  await sentence(page, 'A').fill('The bank is near the river and the river is near the bank.');
  await sentence(page, 'B').fill('I deposited money in the bank.');
  for (const family of FAMILIES) {
    await test.step(family.id, async () => {
      await loadById(page, family.id);
      await loaded(page, family.id);
      await ready(page, 'A');
      await ready(page, 'B');
      await expect(layerPicker(page).locator('option')).toHaveCount(family.layers);
      const items = page.getByRole('list', { name: 'Predictions for Sentence A', exact: true });
      await expect(items.getByRole('button')).toHaveCount(10);

      await layerPicker(page).selectOption({ index: 0 });
      if (family.shared) await expect(viewNote(page)).toContainText(family.shared);
      else await expect.poll(() => noteText(page)).not.toContain('share their keys');

      const T = await heatmap(page, 'A').evaluate((c: HTMLCanvasElement) => c.height);
      if (family.sliding) {
        await layerPicker(page).selectOption({ index: family.sliding.layer - 1 });
        await expect(viewNote(page)).toContainText(
          `Layer ${family.sliding.layer} attends in a sliding window`,
        );
        // The last query sees only itself and the 3 tokens before it (window 4).
        await expect.poll(() => cellAlpha(page, T - 1, 0)).toBe(0);
        expect(await cellAlpha(page, T - 1, T - 4)).toBeGreaterThan(0);
        if (family.sliding.global) {
          await layerPicker(page).selectOption({ index: family.sliding.global - 1 });
          await expect(viewNote(page)).toContainText(
            `Layer ${family.sliding.global} attends globally`,
          );
          await expect.poll(() => cellAlpha(page, T - 1, 0)).toBeGreaterThan(0);
        }
      } else {
        await expect.poll(() => noteText(page)).not.toContain('sliding window');
        expect(await cellAlpha(page, T - 1, 0)).toBeGreaterThan(0);
      }
    });
  }
});
