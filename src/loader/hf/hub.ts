/**
 * Downloads checkpoint files from the Hugging Face Hub (`{baseUrl}/{id}/resolve/{revision}/{file}`)
 * with progress, cancellation and a stall timeout, and keeps them in Cache Storage so the second
 * load is instant and works offline.
 *
 * Caching: every file read is stored under its resolve URL in the cache `HF_CACHE_NAME`; after a
 * model loads, a small manifest (the files that exist and those that do not) is stored beside
 * them, so a later load needs no network at all, not even for the optional files that were absent.
 * A revision like `main` can move on the Hub: `cacheMode: 'refresh'` downloads again.
 */
import { abortError, HfLoadError, isAbortError } from './errors';
import { DEFAULT_MAX_FILE_BYTES, type HfFileSource, type ReadRequest } from './files';
import { Interrupt, readStream, stalledError } from './stream';

export const HF_HUB_URL = 'https://huggingface.co';
export const HF_CACHE_NAME = 'attention-atlas-hf-v1';
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;
const MANIFEST = '.attention-atlas-manifest.json';

/** The part of the Cache API the loader uses (the browser's `caches`, or a test's stand-in). */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
  delete(name: string): Promise<boolean>;
}

export interface HubLocation {
  /** `gpt2`, `google-bert/bert-base-uncased`. */
  id: string;
  /** Branch, tag or commit; default `main`. */
  revision?: string;
  /** Default https://huggingface.co (tests point it at a local server). */
  baseUrl?: string;
}

export interface HubSourceOptions extends HubLocation {
  fetch?: typeof fetch;
  /** Cache Storage to use; default the global `caches` when there is one; null for none. */
  cache?: CacheStorageLike | null;
  /** 'use' (default) reads the cache first; 'refresh' downloads again (and stores). */
  cacheMode?: 'use' | 'refresh';
  /** Give up after this long without a byte (default 30 s). */
  stallTimeoutMs?: number;
  maxFileBytes?: number;
}

const MODEL_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

/** Throws a clear error for something that is not a Hub model id. */
export function checkModelId(id: string): void {
  if (!MODEL_ID.test(id) || id.includes('..') || id.length > 200)
    throw new HfLoadError(
      'invalid',
      `"${id}" is not a Hugging Face model id (like "gpt2" or "google-bert/bert-base-uncased")`,
    );
}

const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');

/** The resolve URL of one file of a model. */
export function hubFileUrl(location: HubLocation, file: string): string {
  const base = (location.baseUrl ?? HF_HUB_URL).replace(/\/+$/, '');
  const revision = encodeURIComponent(location.revision ?? 'main');
  return `${base}/${encodePath(location.id)}/resolve/${revision}/${encodePath(file)}`;
}

/** The global Cache Storage when this context has one (secure pages, workers; not Node). */
export function defaultCacheStorage(): CacheStorageLike | null {
  const g = globalThis as { caches?: CacheStorageLike };
  return g.caches ?? null;
}

interface Manifest {
  present: Set<string>;
  missing: Set<string>;
}

async function readManifest(cache: CacheLike, url: string): Promise<Manifest | null> {
  try {
    const hit = await cache.match(url);
    if (!hit) return null;
    const raw = (await hit.json()) as { present?: unknown; missing?: unknown };
    const list = (x: unknown): string[] =>
      Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
    return { present: new Set(list(raw.present)), missing: new Set(list(raw.missing)) };
  } catch {
    return null;
  }
}

function contentLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return null; // the length of the compressed body
  const value = response.headers.get('content-length');
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** Reads files of one Hub model. */
export function hubSource(options: HubSourceOptions): HfFileSource {
  checkModelId(options.id);
  const fetchFn =
    options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const storage = options.cache === undefined ? defaultCacheStorage() : options.cache;
  const useCache = (options.cacheMode ?? 'use') === 'use';
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const label = options.id;
  const url = (file: string): string => hubFileUrl(options, file);

  let cachePromise: Promise<CacheLike | null> | null = null;
  const openCache = (): Promise<CacheLike | null> => {
    cachePromise ??= storage
      ? storage.open(HF_CACHE_NAME).catch(() => null)
      : Promise.resolve(null);
    return cachePromise;
  };
  let manifestPromise: Promise<Manifest | null> | null = null;
  const manifest = async (): Promise<Manifest | null> => {
    const cache = await openCache();
    if (!cache || !useCache) return null;
    manifestPromise ??= readManifest(cache, url(MANIFEST));
    return manifestPromise;
  };

  const missingError = (file: string, status: number, hint?: string): HfLoadError =>
    new HfLoadError(
      'not-found',
      `${label}: ${file} not found (HTTP ${status}) — is the model id right?${hint ? ` (${hint})` : ''}`,
      file,
      status,
    );

  async function fromCache(file: string, request: ReadRequest): Promise<Uint8Array | null> {
    const cache = await openCache();
    if (!cache || !useCache) return null;
    let hit: Response | undefined;
    try {
      hit = await cache.match(url(file));
    } catch {
      return null;
    }
    if (!hit?.body) return null;
    try {
      return await readStream(hit.body, {
        label,
        file,
        total: contentLength(hit),
        signal: request.signal,
        stallTimeoutMs: Infinity,
        maxBytes,
        onProgress: (p) => request.onProgress?.({ ...p, fromCache: true }),
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      return null; // a damaged entry: download again
    }
  }

  async function download(file: string, request: ReadRequest): Promise<Uint8Array | null> {
    const controller = new AbortController();
    const interrupt = new Interrupt(
      request.signal,
      stallMs,
      () => stalledError(label, file, stallMs),
      () => controller.abort(),
    );
    let response: Response;
    try {
      response = await Promise.race([
        fetchFn(url(file), { signal: controller.signal }),
        interrupt.promise,
      ]);
    } catch (error) {
      interrupt.dispose();
      if (interrupt.error !== undefined) throw interrupt.error;
      if (request.signal?.aborted) throw abortError();
      throw new HfLoadError(
        'network',
        `${label}: ${file} could not be downloaded (${error instanceof Error ? error.message : String(error)}) — offline, or blocked by the network?`,
        file,
      );
    }
    const status = response.status;
    const drop = (): void => {
      interrupt.dispose();
      response.body?.cancel().catch(() => {});
    };
    if (status === 404) {
      drop();
      if (request.optional) return null;
      throw missingError(file, status, request.hint);
    }
    if (status === 401 || status === 403) {
      drop();
      throw new HfLoadError(
        'http',
        `${label}: ${file} needs permission (HTTP ${status}) — a private or gated model? This app does not sign in to the Hub`,
        file,
        status,
      );
    }
    if (!response.ok) {
      drop();
      throw new HfLoadError(
        'http',
        `${label}: ${file} download failed (HTTP ${status})`,
        file,
        status,
      );
    }
    if ((response.headers.get('content-type') ?? '').toLowerCase().includes('text/html')) {
      drop();
      throw new HfLoadError(
        'html',
        `${label}: ${file}: got an HTML page instead of the file (a login, error or proxy page?)`,
        file,
      );
    }
    const total = contentLength(response);
    // A body-less answer reads as an empty stream, so progress and the length check still run.
    const body = response.body ?? new Blob([]).stream();
    const bytes = await readStream(
      body,
      {
        label,
        file,
        total,
        signal: request.signal,
        stallTimeoutMs: stallMs,
        maxBytes,
        onProgress: (p) => request.onProgress?.({ ...p, fromCache: false }),
      },
      interrupt,
    );
    const cache = await openCache();
    if (cache) {
      // The Response copies the bytes (Fetch spec), so ours stay ours.
      await cache
        .put(
          url(file),
          new Response(bytes, {
            headers: {
              'content-type': 'application/octet-stream',
              'content-length': String(bytes.byteLength),
            },
          }),
        )
        .catch(() => {}); // quota or private mode: loading still works, just not offline
    }
    return bytes;
  }

  return {
    label,
    async read(file: string, request: ReadRequest): Promise<Uint8Array | null> {
      if (request.signal?.aborted) throw abortError();
      const known = await manifest();
      if (known?.missing.has(file) && request.optional) return null;
      const cached = await fromCache(file, request);
      if (cached) return cached;
      return download(file, request);
    },
    missingError: (file: string, hint?: string) => missingError(file, 404, hint),
    async commit(present: string[], missing: string[]): Promise<void> {
      const cache = await openCache();
      if (!cache) return;
      const text = JSON.stringify({ present, missing, savedAt: new Date().toISOString() });
      await cache
        .put(url(MANIFEST), new Response(text, { headers: { 'content-type': 'application/json' } }))
        .catch(() => {});
    },
  };
}

/** Whether a model was loaded before and all its files are in the cache (offline-ready). */
export async function isHfModelCached(
  location: HubLocation,
  storage: CacheStorageLike | null = defaultCacheStorage(),
): Promise<boolean> {
  if (!storage) return false;
  try {
    const cache = await storage.open(HF_CACHE_NAME);
    const known = await readManifest(cache, hubFileUrl(location, MANIFEST));
    if (!known || known.present.size === 0) return false;
    for (const file of known.present)
      if (!(await cache.match(hubFileUrl(location, file)))) return false;
    return true;
  } catch {
    return false;
  }
}

/** Forgets every cached Hub file. */
export async function clearHfCache(
  storage: CacheStorageLike | null = defaultCacheStorage(),
): Promise<boolean> {
  return storage ? storage.delete(HF_CACHE_NAME) : false;
}
