import { useCallback } from 'react';
import { useAppStore } from '../store';
import { translate, type TranslateFn } from './translate';

/** The current language's translate function; re-renders when the language changes. */
export function useT(): TranslateFn {
  const language = useAppStore((s) => s.language);
  return useCallback<TranslateFn>((key, params) => translate(language, key, params), [language]);
}
