/**
 * Query parameters the page understands. All are optional and harmless:
 *
 *  - `?model=playground` (or `?model=translator`): the model the page starts with. Default: the
 *    built-in translator.
 *  - `?translator=/some/folder/`: where the translator's files (config.json, model.safetensors,
 *    vocab.json) are fetched from, resolved against the page. Same-origin URLs only; anything else is
 *    ignored. Default `${BASE_URL}models/en-zh-tiny/`. Browser tests point it at a broken copy to
 *    check the error path.
 *  - `?hf=bert-base-uncased`: preselects the Hugging Face model choice with this model id (the
 *    person still presses Load). `?model=hf` picks the choice without an id.
 *  - `?hub=/hub-test/`: where Hugging Face files are downloaded from instead of
 *    https://huggingface.co (`{hub}/{id}/resolve/{revision}/{file}`). Same-origin or
 *    http://127.0.0.1 only; anything else is ignored. For tests and local mirrors.
 *  - `?ondemand=40`: runs of Hugging Face checkpoints with more tokens than this are served on demand
 *    (the worker keeps what regenerates the attention; the page asks for what it draws). Default
 *    512. A whole number from 1 to 1,000,000; browser tests force the long-input path with it.
 */
import type { ModelChoice } from './types';

export interface UrlOptions {
  model?: ModelChoice;
  translatorUrl?: string;
  /** `?hf=`: a Hugging Face model id to preselect. */
  hfId?: string;
  /** `?hub=`: the Hub URL override, absolute, without a trailing '/'. */
  hubBaseUrl?: string;
  /** `?ondemand=`: the on-demand threshold in tokens. */
  onDemandAbove?: number;
}

/** Characters a Hugging Face model id may have (`owner/name`, letters, digits, `_.-`). */
const HF_ID_CHARS = /^[\w./-]+$/;

/** A folder URL always ends with '/', so that file names resolve inside it. */
export function asFolder(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Reads the options from a query string (`location.search`), given the page's URL. */
export function readUrlOptions(search: string, pageUrl: string): UrlOptions {
  const params = new URLSearchParams(search);
  const out: UrlOptions = {};
  const model = params.get('model');
  if (model === 'playground' || model === 'translator' || model === 'hf') out.model = model;
  const hf = params.get('hf')?.trim();
  if (hf && hf.length <= 200 && HF_ID_CHARS.test(hf)) {
    out.hfId = hf;
    out.model ??= 'hf';
  }
  const hub = params.get('hub');
  if (hub) {
    try {
      const page = new URL(pageUrl);
      const url = new URL(hub, page);
      const local = url.protocol === 'http:' && url.hostname === '127.0.0.1';
      if (url.origin === page.origin || local)
        out.hubBaseUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
    } catch {
      // not a URL: ignored
    }
  }
  const onDemand = params.get('ondemand')?.trim();
  if (onDemand && /^\d{1,7}$/.test(onDemand)) {
    const n = Number(onDemand);
    if (n >= 1 && n <= 1_000_000) out.onDemandAbove = n;
  }
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

/** The query parameters this page reads. */
export const URL_PARAMS = ['model', 'translator', 'hf', 'hub', 'ondemand'] as const;

/**
 * The known parameters that were given a value the page ignored (an unknown model, a translator or
 * hub on another site, a model id with characters no id has), in URL_PARAMS order: the page says
 * so in a notice instead of dropping them silently.
 */
export function refusedUrlParams(search: string, pageUrl: string): string[] {
  const params = new URLSearchParams(search);
  const used = readUrlOptions(search, pageUrl);
  const applied: Record<(typeof URL_PARAMS)[number], boolean> = {
    model: used.model === params.get('model'),
    translator: used.translatorUrl !== undefined,
    hf: used.hfId !== undefined,
    hub: used.hubBaseUrl !== undefined,
    ondemand: used.onDemandAbove !== undefined,
  };
  return URL_PARAMS.filter((name) => (params.get(name) ?? '').trim() !== '' && !applied[name]);
}

/** The parameters of the current page that were ignored; none outside a browser. */
export function pageRefusedUrlParams(): string[] {
  if (typeof location === 'undefined') return [];
  return refusedUrlParams(location.search, location.href);
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
