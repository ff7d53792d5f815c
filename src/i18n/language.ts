/** The UI languages and how the first one is picked. No React, no store: safe to import anywhere. */
export type Language = 'en' | 'zh';

export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/** The BCP 47 tag to put on <html lang>. */
export const HTML_LANG: Record<Language, string> = { en: 'en', zh: 'zh-Hans' };

/**
 * Chinese when the browser's first preferred language is Chinese (any region or script), else English.
 * Accepts `navigator.languages` or `navigator.language`.
 */
export function detectLanguage(preferred: string | readonly string[] | undefined | null): Language {
  const list = typeof preferred === 'string' ? [preferred] : (preferred ?? []);
  for (const tag of list) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The browser's language, or English where there is no navigator (Node tests). */
export function browserLanguage(): Language {
  if (typeof navigator === 'undefined') return 'en';
  return detectLanguage(navigator.languages?.length ? navigator.languages : navigator.language);
}
