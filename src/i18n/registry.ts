/**
 * The dictionaries in use: the first page's (en.ts, zh.ts) from the start, and a feature's own
 * strings once its chunk registers them (so the teaching views' ≈ 19 KB of text stays out of the
 * first page). Both languages are registered together, so switching language never finds one
 * missing. Components re-render on registration through `subscribeMessages`.
 */
import { en, type MessageKey, type Messages } from './en';
import type { Language } from './language';
import { zh } from './zh';

/** Strings by language; a lazy feature's keys are absent until it registers them. */
export const DICTIONARIES: Record<Language, Partial<Messages>> = { en: { ...en }, zh: { ...zh } };

let version = 0;
const listeners = new Set<() => void>();

/**
 * Adds a feature's strings in every language (the same keys in each, checked by the type). Safe to
 * call again: a second registration of the same strings changes nothing and notifies no one.
 */
export function registerMessages<K extends MessageKey>(
  messages: Record<Language, Record<K, string>>,
): void {
  let added = false;
  for (const language of Object.keys(messages) as Language[]) {
    const target = DICTIONARIES[language];
    for (const [key, text] of Object.entries(messages[language]) as [K, string][]) {
      if (target[key] === text) continue;
      target[key] = text;
      added = true;
    }
  }
  if (!added) return;
  version += 1;
  for (const listener of listeners) listener();
}

/** Grows by one each time new strings are registered (a snapshot for useSyncExternalStore). */
export const messagesVersion = (): number => version;

/** Calls `listener` after each registration that added strings; returns the unsubscribe. */
export function subscribeMessages(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
