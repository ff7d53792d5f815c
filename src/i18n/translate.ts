import type { MessageKey, Messages } from './en';
import type { Language } from './language';
import { DICTIONARIES } from './registry';

export type { MessageKey, Messages };
export { DICTIONARIES };

/** Values that fill `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * The string for `key` in `language`, with placeholders filled. A key of a feature whose strings
 * have not been registered yet gives an empty string, never the raw key: the features register
 * before they render, and `useT` re-renders once they have.
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[language][key];
  return template === undefined ? '' : format(template, params);
}

export type TranslateFn = (key: MessageKey, params?: MessageParams) => string;
