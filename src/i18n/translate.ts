import { en, type MessageKey, type Messages } from './en';
import type { Language } from './language';
import { zh } from './zh';

export type { MessageKey, Messages };

export const DICTIONARIES: Record<Language, Messages> = { en, zh };

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

/** The string for `key` in `language`, with placeholders filled. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return format(DICTIONARIES[language][key], params);
}

export type TranslateFn = (key: MessageKey, params?: MessageParams) => string;
