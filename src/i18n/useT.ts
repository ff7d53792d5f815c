import { useCallback, useSyncExternalStore } from 'react';
import { useAppStore } from '../store';
import { messagesVersion, subscribeMessages } from './registry';
import { translate, type TranslateFn } from './translate';

/**
 * The current language's translate function; re-renders when the language changes, and when a
 * feature registers its strings (a view that rendered before that shows them then).
 */
export function useT(): TranslateFn {
  const language = useAppStore((s) => s.language);
  const version = useSyncExternalStore(subscribeMessages, messagesVersion);
  return useCallback<TranslateFn>(
    (key, params) => translate(language, key, params),
    // `version` is not read inside, but a new function makes memoised children translate again.
    [language, version],
  );
}
