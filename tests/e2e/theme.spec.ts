/**
 * A forced theme applied before the first paint (by public/theme-init.js, an external classic
 * script), and a built page with no inline script or style, so it can run under a strict Content
 * Security Policy (tests/e2e/hardening/csp.spec.ts serves it under one).
 */
import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The document's color-scheme and data-theme as seen by a DOMContentLoaded listener. */
async function schemeAtFirstPaint(page: Page): Promise<{ scheme: string; theme: string | null }> {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const root = document.documentElement;
      (window as unknown as { firstScheme: unknown }).firstScheme = {
        scheme: getComputedStyle(root).colorScheme,
        theme: root.getAttribute('data-theme'),
      };
    });
  });
  await page.goto('/');
  return page.evaluate(
    () =>
      (window as unknown as { firstScheme: { scheme: string; theme: string | null } }).firstScheme,
  );
}

/** Saves a theme choice before any page script runs, as a person's earlier visit would have. */
async function saveTheme(page: Page, theme: string): Promise<void> {
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('theme-seeded')) {
      localStorage.setItem('attention-atlas.theme', value);
      sessionStorage.setItem('theme-seeded', '1');
    }
  }, theme);
}

test('a saved dark theme is in place at DOMContentLoaded on a light system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await saveTheme(page, 'dark');
  expect(await schemeAtFirstPaint(page)).toEqual({ scheme: 'dark', theme: 'dark' });
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
});

test('a saved light theme is in place at DOMContentLoaded on a dark system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveTheme(page, 'light');
  expect(await schemeAtFirstPaint(page)).toEqual({ scheme: 'light', theme: 'light' });
});

test('no saved theme: the page follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await schemeAtFirstPaint(page)).toEqual({ scheme: 'light dark', theme: null });
});

test('the built page has no inline script, style element or style attribute', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attrs, body] of scripts) {
    expect(attrs, 'every script is external').toMatch(/\bsrc=/);
    expect(body!.trim()).toBe('');
  }
  expect(html).not.toMatch(/<style\b/);
  expect(html).not.toMatch(/\sstyle=/);
  // The theme script comes first in <head> and blocks (neither async, defer nor a module).
  const head = html.slice(0, html.indexOf('</head>'));
  const theme = /<script\b([^>]*theme-init\.js[^>]*)>/.exec(head);
  expect(theme, 'theme-init.js in <head>').not.toBeNull();
  expect(theme![1]).not.toMatch(/\b(async|defer|type="module")/);
  expect(head.indexOf('theme-init.js')).toBeLessThan(head.indexOf('type="module"'));
});
