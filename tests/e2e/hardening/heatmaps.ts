/** Finding a sentence's heatmap and waiting until it is drawn, for the hardening specs. */
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

export type Side = 'A' | 'B';

export const figure = (page: Page, side: Side) =>
  page.locator(`figure.heatmap[data-slot="${side}"]`);

export const heatmap = (page: Page, side: Side) =>
  page.getByRole('img', { name: new RegExp(`^Sentence ${side}, layer \\d+, head \\d+$`) });

/** Waits until the sentence's run is done and its heatmap is on the page. */
export async function ready(page: Page, side: Side): Promise<void> {
  await expect(figure(page, side)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(heatmap(page, side)).toBeVisible();
}
