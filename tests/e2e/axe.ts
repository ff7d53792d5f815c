/**
 * The accessibility scan every browser test runs: axe-core's WCAG 2.0 and 2.1 A/AA rules over the
 * given parts of the page (the whole page when none is given). Each test decides what it
 * tolerates in the violations it gets back.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

export async function wcagViolations(page: Page, ...include: string[]): Promise<AxeViolation[]> {
  let builder = new AxeBuilder({ page });
  for (const selector of include) builder = builder.include(selector);
  const results = await builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations;
}
