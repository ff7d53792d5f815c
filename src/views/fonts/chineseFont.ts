/**
 * The page's own Chinese font: Noto Sans SC from `@fontsource/noto-sans-sc`, served by the app
 * (Vite copies its woff2 files into the build; no CDN), so Chinese renders on a machine with no
 * Chinese font of its own (headless Linux, fresh desktops) instead of empty boxes.
 *
 *  - The family comes AFTER the Latin families in every font stack (`CJK_FAMILY`), so Latin text
 *    keeps the system font; the build keeps only fontsource's numbered CJK subsets (vite.config.ts),
 *    so the faces cover no Latin range at all.
 *  - Nothing of it is on the first page: `watchForChinese` loads the font's CSS (about a hundred
 *    `@font-face` rules with `unicode-range`, one lazy CSS chunk) when Chinese first appears in the
 *    page, and the browser then fetches only the woff2 subsets whose characters are on screen.
 *  - Canvases cannot wait for a font by themselves: `ensureChineseGlyphs(texts)` resolves once the
 *    subsets that `texts` need are loaded, so a PNG export never draws boxes.
 */

/** The family name, quoted for a CSS font stack. */
export const CJK_FAMILY = '"Noto Sans SC"';

/**
 * One weight, 400: bold Chinese (headings, the figures' first title line) is synthesized from it.
 * Each weight's CSS is ~39 KB gzipped (the unicode ranges are long) and a bold face would fetch its
 * own subsets for the same characters, doubling the font bytes of a Chinese page.
 */
const WEIGHT = 400;

/** Han characters, CJK punctuation and full-width forms: the text this font is for. */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Whether `text` has a character that needs the Chinese font. */
export function hasChinese(text: string): boolean {
  return CHINESE.test(text);
}

let cssLoad: Promise<void> | null = null;

/** Adds the font's `@font-face` rules to the page (once); no woff2 is fetched until used. */
export function loadChineseFont(): Promise<void> {
  cssLoad ??= import('@fontsource/noto-sans-sc/400.css').then(
    () => undefined,
    () => {
      // Offline or a failed chunk: the fallback stack still applies; a later call tries again.
      cssLoad = null;
    },
  );
  return cssLoad;
}

/** Whether the font's rules are on the page (a test hook and a cheap check for callers). */
export function chineseFontRequested(): boolean {
  return cssLoad !== null;
}

/**
 * Resolves once every Chinese character in `texts` has its glyphs loaded (at once when there is
 * none). Never rejects: on failure the canvas draws with the fallback stack.
 */
export async function ensureChineseGlyphs(texts: Iterable<string>): Promise<void> {
  const chars = new Set<string>();
  for (const text of texts) for (const ch of text) if (CHINESE.test(ch)) chars.add(ch);
  if (chars.size === 0 || typeof document === 'undefined' || !('fonts' in document)) return;
  await loadChineseFont();
  const sample = [...chars].join('');
  try {
    await document.fonts.load(`${WEIGHT} 16px ${CJK_FAMILY}`, sample);
  } catch {
    // A subset that failed to load leaves its characters to the fallback stack.
  }
}

/** After the first paint's work (the first heatmap comes first), or within a second. */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1000 });
  else setTimeout(task, 0);
}

function nodeHasChinese(node: Node): boolean {
  const text = node.textContent;
  return text !== null && hasChinese(text);
}

/**
 * Loads the font's CSS the first time Chinese text appears under `root` (the 中文 interface, a
 * translation, a Chinese token), then stops watching. Returns the function that stops it earlier.
 */
export function watchForChinese(root: Node = document.body): () => void {
  if (chineseFontRequested()) return () => undefined;
  if (nodeHasChinese(root)) {
    whenIdle(() => void loadChineseFont());
    return () => undefined;
  }
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      const found =
        record.type === 'characterData'
          ? nodeHasChinese(record.target)
          : Array.from(record.addedNodes).some(nodeHasChinese);
      if (found) {
        observer.disconnect();
        whenIdle(() => void loadChineseFont());
        return;
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
