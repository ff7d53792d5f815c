/**
 * Query parameters the page understands. All are optional and harmless:
 *
 *  - `?model=playground` (or `?model=translator`): the model the page starts with. Default: the
 *    built-in translator.
 *  - `?translator=/some/folder/`: where the translator's files (config.json, model.safetensors,
 *    vocab.json) are fetched from, resolved against the page. Same-origin URLs only; anything else is
 *    ignored. Default `${BASE_URL}models/en-zh-tiny/`. Browser tests point it at a broken copy to
 *    check the error path.
 */
import type { ModelChoice } from './types';

export interface UrlOptions {
  model?: ModelChoice;
  translatorUrl?: string;
}

/** A folder URL always ends with '/', so that file names resolve inside it. */
export function asFolder(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Reads the options from a query string (`location.search`), given the page's URL. */
export function readUrlOptions(search: string, pageUrl: string): UrlOptions {
  const params = new URLSearchParams(search);
  const out: UrlOptions = {};
  const model = params.get('model');
  if (model === 'playground' || model === 'translator') out.model = model;
  const translator = params.get('translator');
  if (translator) {
    try {
      const page = new URL(pageUrl);
      const url = new URL(translator, page);
      if (url.origin === page.origin) out.translatorUrl = asFolder(url.pathname);
    } catch {
      // not a URL: ignored
    }
  }
  return out;
}

/** The options of the current page; none outside a browser (Node tests). */
export function pageUrlOptions(): UrlOptions {
  if (typeof location === 'undefined') return {};
  return readUrlOptions(location.search, location.href);
}

/**
 * The absolute URL the worker fetches from (it resolves file names against it). Relative URLs are
 * resolved against the page; outside a browser they are resolved against http://localhost/.
 */
export function absoluteUrl(url: string): string {
  const base = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
  return new URL(asFolder(url), base).href;
}
