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
import {
  DEFAULT_MAX_FILE_BYTES,
  type HeaderProbe,
  type HfFileSource,
  type ReadRequest,
} from './files';
import {
  parseSafetensorsHeader,
  safetensorsHeaderLength,
  type SafetensorsHeaderInfo,
} from './size';
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
  /**
   * A Hugging Face access token (gated and private models), sent as `Authorization: Bearer …`
   * only with requests to the origin of `baseUrl` (the Hub itself by default). Never cached.
   */
  token?: string;
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
  const auth = authHeaders(options);

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
        onBytes: request.onBytes,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      return null; // a damaged entry: download again
    }
  }

  /** Cache writes of downloaded files, still streaming (see download). */
  const pendingPuts: Promise<void>[] = [];

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
        fetchFn(url(file), { signal: controller.signal, ...(auth ? { headers: auth } : {}) }),
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
        auth
          ? `${label}: ${file} needs permission (HTTP ${status}) — the access token was not accepted: accept the model's licence on its page with the token's account, and check that the token can read`
          : `${label}: ${file} needs permission (HTTP ${status}) — a private or gated model? Accept its licence on huggingface.co/${options.id}, create a read token at huggingface.co/settings/tokens and paste it under Access token`,
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
    // The cache fills from a second branch of the same download (the browser tees the body): no
    // copy of the bytes in this worker, and the disk write runs while they arrive. commit()
    // waits for it; a download that fails aborts the fetch, and with it this branch.
    const cache = await openCache();
    if (cache && response.body) {
      const stored = new Response(response.clone().body, {
        headers: {
          'content-type': 'application/octet-stream',
          ...(total !== null ? { 'content-length': String(total) } : {}),
        },
      });
      // Quota or private mode: loading still works, just not offline.
      pendingPuts.push(cache.put(url(file), stored).catch(() => {}));
    }
    // A body-less answer reads as an empty stream, so progress and the length check still run.
    const body = response.body ?? new Blob([]).stream();
    try {
      return await readStream(
        body,
        {
          label,
          file,
          total,
          signal: request.signal,
          stallTimeoutMs: stallMs,
          maxBytes,
          onProgress: (p) => request.onProgress?.({ ...p, fromCache: false }),
          onBytes: request.onBytes,
        },
        interrupt,
      );
    } catch (error) {
      controller.abort(); // stops the cache's branch too: no half file is kept
      throw error;
    }
  }

  /**
   * One ranged request (`Range: bytes=start-end`). A server that ignores Range answers 200 with
   * the whole file: then the header is read from that body's first bytes and the rest cancelled.
   */
  async function ranged(
    file: string,
    start: number,
    end: number,
    signal: AbortSignal | undefined,
  ): Promise<
    | { kind: 'part'; bytes: Uint8Array; total: number | null }
    | { kind: 'whole'; info: SafetensorsHeaderInfo; total: number | null }
    | { kind: 'missing' }
    | null
  > {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(), Math.min(stallMs, 2 ** 31 - 1));
    let response: Response | null = null;
    try {
      response = await fetchFn(url(file), {
        signal: controller.signal,
        headers: { ...auth, Range: `bytes=${start}-${end}` },
      });
      const body = response.body;
      if (response.status === 404) return { kind: 'missing' };
      if (!body) return null;
      if (response.status === 206) {
        const reader = body.getReader();
        const bytes = await readPrefix(reader, new Uint8Array(0), end - start + 1);
        reader.cancel().catch(() => {});
        return { kind: 'part', bytes, total: rangeTotal(response) };
      }
      if (response.status === 200 && start === 0) {
        const info = await headerFromStream(body, file);
        return { kind: 'whole', info, total: contentLength(response) };
      }
      return null;
    } catch (error) {
      if (signal?.aborted) throw abortError();
      if (error instanceof HfLoadError) throw error; // a damaged header (the probe says unknown)
      return null; // no figures; the download itself will say what is wrong
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (response?.body && !response.body.locked) response.body.cancel().catch(() => {});
    }
  }

  return {
    label,
    async probe(file: string, signal?: AbortSignal): Promise<HeaderProbe> {
      if (signal?.aborted) throw abortError();
      const cache = await openCache();
      if (cache && useCache) {
        const hit = await cache.match(url(file)).catch(() => undefined);
        if (hit?.body)
          try {
            return {
              kind: 'header',
              info: await headerFromStream(hit.body, file),
              fromCache: true,
            };
          } catch {
            hit.body.cancel().catch(() => {}); // a damaged entry: ask the network
          }
        if ((await manifest())?.missing.has(file)) return { kind: 'missing' };
      }
      try {
        const first = await ranged(file, 0, 7, signal);
        if (first === null) return { kind: 'unknown' };
        if (first.kind === 'missing') return first;
        if (first.kind === 'whole') {
          const info = withTotal(first.info, first.total);
          return { kind: 'header', info, fromCache: false };
        }
        const n = safetensorsHeaderLength(first.bytes, file);
        const rest = await ranged(file, 8, 8 + n - 1, signal);
        if (rest === null || rest.kind === 'missing') return { kind: 'unknown' };
        if (rest.kind === 'part' && rest.bytes.byteLength < n) return { kind: 'unknown' };
        const info =
          rest.kind === 'whole'
            ? rest.info
            : parseSafetensorsHeader(rest.bytes.subarray(0, n), file);
        return {
          kind: 'header',
          info: withTotal(info, first.total ?? rest.total),
          fromCache: false,
        };
      } catch (error) {
        if (isAbortError(error) || signal?.aborted) throw abortError();
        return { kind: 'unknown' }; // a damaged header: the download itself will say so
      }
    },
    async read(file: string, request: ReadRequest): Promise<Uint8Array | null> {
      if (request.signal?.aborted) throw abortError();
      const known = await manifest();
      if (known?.missing.has(file) && request.optional) return null;
      const cached = await fromCache(file, request);
      if (cached) return cached;
      return download(file, request);
    },
    missingError: (file: string, hint?: string) => missingError(file, 404, hint),
    async commit(present: string[], missing: string[]): Promise<boolean> {
      const cache = await openCache();
      if (!cache) return false;
      // The files' own writes first: the manifest says they are there.
      await Promise.all(pendingPuts.splice(0));
      const text = JSON.stringify({ present, missing, savedAt: new Date().toISOString() });
      return cache
        .put(url(MANIFEST), new Response(text, { headers: { 'content-type': 'application/json' } }))
        .then(
          () => true,
          () => false,
        );
    },
  };
}

/** `Authorization: Bearer …` when there is a token and the files live on the base URL's origin. */
function authHeaders(options: HubSourceOptions): Record<string, string> | null {
  const token = options.token?.trim();
  if (!token) return null;
  try {
    const base = new URL(options.baseUrl ?? HF_HUB_URL);
    const file = new URL(hubFileUrl(options, 'config.json'));
    return file.origin === base.origin ? { Authorization: `Bearer ${token}` } : null;
  } catch {
    return null; // a relative or malformed base: no token
  }
}

/** The file size from `Content-Range: bytes a-b/size`; null when absent or `*`. */
function rangeTotal(response: Response): number | null {
  const m = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** The announced file size, when the server said it, over the one computed from the header. */
function withTotal(info: SafetensorsHeaderInfo, total: number | null): SafetensorsHeaderInfo {
  return total !== null && total >= info.headerBytes ? { ...info, fileBytes: total } : info;
}

/** Appends chunks of `reader` to `have` until it holds `need` bytes or the stream ends. */
async function readPrefix(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  have: Uint8Array,
  need: number,
): Promise<Uint8Array> {
  let out = have;
  while (out.byteLength < need) {
    const { done, value } = await reader.read();
    if (done) break;
    const next = new Uint8Array(out.byteLength + value.byteLength);
    next.set(out);
    next.set(value, out.byteLength);
    out = next;
  }
  return out;
}

/** A safetensors header read from the start of a body, which is then cancelled. */
async function headerFromStream(
  body: ReadableStream<Uint8Array>,
  file: string,
): Promise<SafetensorsHeaderInfo> {
  const reader = body.getReader();
  try {
    const head = await readPrefix(reader, new Uint8Array(0), 8);
    const n = safetensorsHeaderLength(head, file);
    const all = await readPrefix(reader, head, 8 + n);
    if (all.byteLength < 8 + n)
      throw new HfLoadError('invalid', `${file}: ends inside its safetensors header`, file);
    return parseSafetensorsHeader(all.subarray(8, 8 + n), file);
  } finally {
    reader.cancel().catch(() => {});
  }
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
