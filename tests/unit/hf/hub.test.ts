/**
 * Hub downloads against a local server (node:http on 127.0.0.1, a random port; nothing else is
 * contacted) that serves the fixture folders under the Hub's URL layout
 * `/{id}/resolve/{revision}/{file}` and can misbehave on request: 404, an HTML page, a stall
 * before the headers or in the middle of the body, a body cut short of its Content-Length, a slow
 * trickle, an HTTP error. Cache Storage is a small in-memory stand-in with the Cache API's shape.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkModelId,
  clearHfCache,
  hubFileUrl,
  HfLoadError,
  isHfModelCached,
  loadHfModel,
  type CacheLike,
  type CacheStorageLike,
  type HfLoadProgress,
  type HfModel,
} from '../../../src/loader/hf';
import { FIXTURES, fixtureFiles } from './helpers';

type Behaviour =
  | 'missing'
  | 'html'
  | 'html-as-json'
  | 'stall-headers'
  | 'stall-body'
  | 'cut'
  | 'slow'
  /** Ignores Range headers (answers 200 with the whole file), like some static servers. */
  | 'no-range'
  | { status: number };

const behaviours = new Map<string, Behaviour>(); // `${id}/${file}` -> how to answer
const requests: string[] = [];
/** Requests with a Range header that the server honoured (header reads before a download). */
const ranged: string[] = [];
const ALIASES: Record<string, string> = { gpt2: 'tiny-gpt2', 'test-org/bert': 'tiny-bert' };
let server: http.Server;
let baseUrl = '';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.safetensors': 'application/octet-stream',
};

function send(res: http.ServerResponse, body: Buffer, chunk: number, delayMs: number): void {
  let offset = 0;
  const next = (): void => {
    if (res.destroyed) return;
    if (offset >= body.length) {
      res.end();
      return;
    }
    res.write(body.subarray(offset, offset + chunk));
    offset += chunk;
    if (delayMs > 0) setTimeout(next, delayMs);
    else setImmediate(next);
  };
  next();
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const m = /^\/(.+)\/resolve\/([^/]+)\/([^/]+)$/.exec(url.pathname);
  if (!m) {
    requests.push(decodeURIComponent(url.pathname));
    res.writeHead(400).end();
    return;
  }
  const id = decodeURIComponent(m[1] as string);
  const revision = decodeURIComponent(m[2] as string);
  const file = decodeURIComponent(m[3] as string);
  const behaviour = behaviours.get(`${id}/${file}`);
  const range =
    behaviour === 'no-range' ? null : /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
  (range ? ranged : requests).push(decodeURIComponent(url.pathname));
  const folder = ALIASES[id] ?? id;
  const local = path.join(FIXTURES, folder, file);
  const known =
    !file.includes('..') &&
    !folder.includes('..') &&
    existsSync(local) &&
    ['main', 'v1.0'].includes(revision);
  if (behaviour === 'missing' || !known) {
    res.writeHead(404, { 'content-type': 'application/json', 'x-error-code': 'EntryNotFound' });
    res.end('{"error":"Entry not found"}');
    return;
  }
  if (typeof behaviour === 'object') {
    res.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end('no');
    return;
  }
  const body = readFileSync(local);
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  if (range) {
    // As the Hub does: 206 with the asked-for bytes (cut at the end of the file) and the size.
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), body.length - 1);
    const part = body.subarray(start, end + 1);
    res
      .writeHead(206, {
        'content-type': type,
        'content-length': part.length,
        'content-range': `bytes ${start}-${end}/${body.length}`,
      })
      .end(part);
    return;
  }
  const page = Buffer.from('<!DOCTYPE html><html><body>Please sign in</body></html>');
  switch (behaviour) {
    case 'html':
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': page.length,
        })
        .end(page);
      return;
    case 'html-as-json':
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': page.length })
        .end(page);
      return;
    case 'stall-headers':
      return; // never answers
    case 'stall-body':
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1)); // and never more
      return;
    case 'cut':
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.write(body.subarray(0, body.length >> 1), () =>
        setTimeout(() => res.socket?.destroy(), 20),
      );
      return;
    case 'slow':
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      send(res, body, 2048, 5);
      return;
    default:
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      send(res, body, 16 * 1024, 0);
  }
}

/** A Cache Storage stand-in with the parts of the Cache API the loader uses. */
class MemoryCache implements CacheLike {
  readonly entries = new Map<string, { body: Uint8Array; headers: [string, string][] }>();
  match(url: string): Promise<Response | undefined> {
    const e = this.entries.get(url);
    return Promise.resolve(e ? new Response(e.body.slice(), { headers: e.headers }) : undefined);
  }
  async put(url: string, response: Response): Promise<void> {
    const headers: [string, string][] = [];
    response.headers.forEach((value, key) => headers.push([key, value]));
    this.entries.set(url, { body: new Uint8Array(await response.arrayBuffer()), headers });
  }
}
class MemoryCacheStorage implements CacheStorageLike {
  readonly caches = new Map<string, MemoryCache>();
  open(name: string): Promise<CacheLike> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new MemoryCache()));
    return Promise.resolve(cache);
  }
  delete(name: string): Promise<boolean> {
    return Promise.resolve(this.caches.delete(name));
  }
}

beforeAll(async () => {
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  expect(address).toBe('127.0.0.1'); // loopback only
  baseUrl = `http://127.0.0.1:${port}`;
});

afterEach(() => {
  behaviours.clear();
  requests.length = 0;
  ranged.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const hub = (id: string, revision?: string) => ({ kind: 'hub' as const, id, baseUrl, revision });

async function hubError(
  id: string,
  options: Parameters<typeof loadHfModel>[1] = {},
): Promise<HfLoadError> {
  try {
    await loadHfModel(hub(id), { cache: null, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(HfLoadError);
    return error as HfLoadError;
  }
  throw new Error('expected the load to fail');
}

function sameModel(a: HfModel, b: HfModel): void {
  expect(a.config).toEqual(b.config);
  expect([...a.weights.keys()]).toEqual([...b.weights.keys()]);
  for (const [name, w] of a.weights) expect(b.weights.get(name)?.data, name).toEqual(w.data);
}

describe('hub downloads', () => {
  it('the resolve URL layout', () => {
    expect(hubFileUrl({ id: 'google-bert/bert-base-uncased' }, 'config.json')).toBe(
      'https://huggingface.co/google-bert/bert-base-uncased/resolve/main/config.json',
    );
    expect(
      hubFileUrl({ id: 'gpt2', revision: 'refs/pr/1', baseUrl: 'http://h/' }, 'model.safetensors'),
    ).toBe('http://h/gpt2/resolve/refs%2Fpr%2F1/model.safetensors');
    for (const bad of ['', '../etc', 'a/b/c', 'a b', 'x/..', '/gpt2'])
      expect(() => checkModelId(bad), bad).toThrow(/is not a Hugging Face model id/);
  });

  it('loads like local files, with monotonic progress that reaches each total', async () => {
    const events: HfLoadProgress[] = [];
    const model = await loadHfModel(hub('test-org/bert'), {
      cache: null,
      onProgress: (p) => events.push(p),
    });
    sameModel(model, await loadHfModel({ kind: 'files', files: fixtureFiles('tiny-bert') }));
    expect(model.name).toBe('test-org/bert');
    expect(model.stats.files).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'model.safetensors',
    ]);
    expect(requests).toContain('/test-org/bert/resolve/main/config.json');
    const size = readFileSync(path.join(FIXTURES, 'tiny-bert', 'model.safetensors')).length;
    for (const file of model.stats.files) {
      const mine = events.filter((e) => e.file === file);
      expect(mine.length, file).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < mine.length; i++)
        expect(mine[i]?.loaded ?? -1).toBeGreaterThanOrEqual(mine[i - 1]?.loaded ?? 0);
      const last = mine.at(-1);
      expect(last?.loaded).toBe(last?.total);
      expect(last?.percent).toBe(100);
    }
    const weights = events.filter((e) => e.file === 'model.safetensors');
    expect(weights.at(-1)?.total).toBe(size);
    expect(weights.length).toBeGreaterThan(3); // streamed in chunks
    expect(weights.at(-1)?.weightsPercent).toBe(100);
    for (let i = 1; i < events.length; i++)
      expect(events[i]?.bytesLoaded ?? -1).toBeGreaterThanOrEqual(events[i - 1]?.bytesLoaded ?? 0);
    expect(events.at(-1)?.bytesLoaded).toBe(model.stats.bytesRead);
  });

  it('sharded: the index, then every shard, weightsPercent rising to 100', async () => {
    const events: HfLoadProgress[] = [];
    const model = await loadHfModel(hub('tiny-gpt2-sharded'), {
      cache: null,
      onProgress: (p) => events.push(p),
    });
    sameModel(
      model,
      await loadHfModel({ kind: 'files', files: fixtureFiles('tiny-gpt2-sharded') }),
    );
    const shard = (i: number): string =>
      `/tiny-gpt2-sharded/resolve/main/model-0000${i}-of-00003.safetensors`;
    // The size check first: model.safetensors (404, then the index), each shard's header (the
    // first 8 bytes, then the JSON header); then the downloads, each once.
    expect(ranged).toEqual([
      '/tiny-gpt2-sharded/resolve/main/model.safetensors',
      shard(1),
      shard(1),
      shard(2),
      shard(2),
      shard(3),
      shard(3),
    ]);
    expect(requests.filter((r) => r.endsWith('.safetensors'))).toEqual([
      '/tiny-gpt2-sharded/resolve/main/model-00001-of-00003.safetensors',
      '/tiny-gpt2-sharded/resolve/main/model-00002-of-00003.safetensors',
      '/tiny-gpt2-sharded/resolve/main/model-00003-of-00003.safetensors',
    ]);
    const index = events.filter((e) => e.file === 'model.safetensors.index.json');
    expect(index.every((e) => e.part === 0 && e.weightsPercent === 0)).toBe(true);
    const all = events.map((e) => e.weightsPercent ?? -1);
    for (let i = 1; i < all.length; i++)
      expect(all[i]).toBeGreaterThanOrEqual(all[i - 1] as number);
    const shards = events.filter((e) => e.file.startsWith('model-'));
    expect(new Set(shards.map((e) => e.part))).toEqual(new Set([1, 2, 3]));
    expect(shards.every((e) => e.parts === 3)).toBe(true);
    const percents = shards.map((e) => e.weightsPercent ?? -1);
    for (let i = 1; i < percents.length; i++)
      expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1] as number);
    expect(percents.at(-1)).toBe(100);
  });

  it('404: a wrong model id, and a model without safetensors', async () => {
    const e = await hubError('no-such/model');
    expect(e.message).toBe(
      'no-such/model: config.json not found (HTTP 404) — is the model id right?',
    );
    expect([e.code, e.status, e.file]).toEqual(['not-found', 404, 'config.json']);
    behaviours.set('gpt2/model.safetensors', 'missing');
    const w = await hubError('gpt2');
    expect(w.message).toBe(
      'gpt2: model.safetensors not found (HTTP 404) — is the model id right? (only safetensors checkpoints can be loaded; there is no model.safetensors.index.json either)',
    );
    await expect(loadHfModel(hub('gpt2', 'no-such-branch'), { cache: null })).rejects.toThrow(
      /config\.json not found \(HTTP 404\)/,
    );
  });

  it('a shard the index lists but the Hub does not have', async () => {
    behaviours.set('tiny-gpt2-sharded/model-00002-of-00003.safetensors', 'missing');
    const e = await hubError('tiny-gpt2-sharded');
    expect(e.message).toBe(
      'tiny-gpt2-sharded: model-00002-of-00003.safetensors not found (HTTP 404) — is the model id right? (it is listed in model.safetensors.index.json)',
    );
  });

  it('HTML instead of JSON (by content type, and by content)', async () => {
    behaviours.set('tiny-bert/config.json', 'html');
    const e = await hubError('tiny-bert');
    expect([e.code, e.message]).toEqual([
      'html',
      'tiny-bert: config.json: got an HTML page instead of the file (a login, error or proxy page?)',
    ]);
    behaviours.set('tiny-bert/config.json', 'html-as-json');
    expect((await hubError('tiny-bert')).message).toBe(
      'config.json: got an HTML page instead of JSON (an error or login page?)',
    );
    behaviours.clear();
    behaviours.set('tiny-bert/tokenizer.json', 'html-as-json');
    expect((await hubError('tiny-bert')).message).toBe(
      'tokenizer.json: got an HTML page instead of JSON (an error or login page?)',
    );
  });

  it('HTTP errors: permission, server', async () => {
    behaviours.set('tiny-bert/config.json', { status: 401 });
    const e = await hubError('tiny-bert');
    expect(e.message).toMatch(
      /^tiny-bert: config\.json needs permission \(HTTP 401\) — a private or gated model\?/,
    );
    behaviours.set('tiny-bert/config.json', { status: 503 });
    expect((await hubError('tiny-bert')).message).toBe(
      'tiny-bert: config.json download failed (HTTP 503)',
    );
  });

  it('a stall in the middle of the body times out with a message', async () => {
    behaviours.set('tiny-gpt2/model.safetensors', 'stall-body');
    const started = Date.now();
    const e = await hubError('tiny-gpt2', { stallTimeoutMs: 300 });
    expect([e.code, e.message]).toEqual([
      'timeout',
      'tiny-gpt2: model.safetensors stalled: no data for 300 ms (slow or broken connection; try again)',
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a server that never answers times out too', async () => {
    behaviours.set('tiny-gpt2/config.json', 'stall-headers');
    const e = await hubError('tiny-gpt2', { stallTimeoutMs: 200 });
    expect(e.message).toBe(
      'tiny-gpt2: config.json stalled: no data for 200 ms (slow or broken connection; try again)',
    );
  });

  it('a body cut short of its Content-Length', async () => {
    behaviours.set('tiny-roberta/model.safetensors', 'cut');
    const e = await hubError('tiny-roberta');
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(
      /^tiny-roberta: model\.safetensors (ended after|download broke off after)/,
    );
  });

  it('no server at all: a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(
      loadHfModel(
        { kind: 'hub', id: 'tiny-bert', baseUrl: `http://127.0.0.1:${port}` },
        { cache: null },
      ),
    ).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(
        /^tiny-bert: config\.json could not be downloaded \(.*\) — offline, or blocked by the network\?$/,
      ),
    });
  });

  it('cancellation: an AbortSignal rejects with an AbortError, mid-download or before', async () => {
    behaviours.set('tiny-gpt2/model.safetensors', 'slow');
    const controller = new AbortController();
    const load = loadHfModel(hub('tiny-gpt2'), {
      cache: null,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.file === 'model.safetensors' && p.loaded > 0) controller.abort();
      },
    });
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
    const early = new AbortController();
    early.abort();
    await expect(
      loadHfModel(hub('tiny-gpt2'), { cache: null, signal: early.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    // Aborting while waiting for headers that never come.
    behaviours.set('tiny-gpt2/config.json', 'stall-headers');
    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 50);
    await expect(
      loadHfModel(hub('tiny-gpt2'), {
        cache: null,
        signal: waiting.signal,
        stallTimeoutMs: 10_000,
      }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('Node has no Cache Storage: without a cache option nothing is cached', async () => {
    expect('caches' in globalThis).toBe(false);
    await loadHfModel(hub('tiny-distilbert'));
    const first = requests.length;
    await loadHfModel(hub('tiny-distilbert'));
    expect(requests.length).toBe(2 * first);
  });
});

describe('Cache Storage', () => {
  it('the second load is served from the cache, with no request at all, and works offline', async () => {
    const cache = new MemoryCacheStorage();
    const location = { id: 'tiny-gpt2-sharded', baseUrl };
    expect(await isHfModelCached(location, cache)).toBe(false);
    const first = await loadHfModel(hub('tiny-gpt2-sharded'), { cache });
    expect(first.stats.fromCache).toBe(false);
    expect(requests.length).toBeGreaterThan(5);
    await first.saved; // the offline copy is written after the model is ready
    expect(await isHfModelCached(location, cache)).toBe(true);

    requests.length = 0;
    const events: HfLoadProgress[] = [];
    const second = await loadHfModel(hub('tiny-gpt2-sharded'), {
      cache,
      onProgress: (p) => events.push(p),
    });
    expect(requests).toEqual([]); // not even the optional files that were missing
    expect(second.stats.fromCache).toBe(true);
    expect(events.every((e) => e.fromCache)).toBe(true);
    expect(events.at(-1)?.weightsPercent).toBe(100);
    sameModel(first, second);

    const offline = await loadHfModel(hub('tiny-gpt2-sharded'), {
      cache,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    sameModel(first, offline);
  });

  it("cacheMode 'refresh' downloads again; clearHfCache forgets everything", async () => {
    const cache = new MemoryCacheStorage();
    await (
      await loadHfModel(hub('tiny-bert'), { cache })
    ).saved;
    const first = requests.length;
    requests.length = 0;
    await (
      await loadHfModel(hub('tiny-bert'), { cache, cacheMode: 'refresh' })
    ).saved;
    expect(requests.length).toBe(first);
    expect(await clearHfCache(cache)).toBe(true);
    expect(await isHfModelCached({ id: 'tiny-bert', baseUrl }, cache)).toBe(false);
  });

  it('a failed load caches its good files but no manifest; revisions are cached apart', async () => {
    const cache = new MemoryCacheStorage();
    behaviours.set('tiny-bert/model.safetensors', 'cut');
    await expect(loadHfModel(hub('tiny-bert'), { cache })).rejects.toMatchObject({
      code: 'truncated',
    });
    expect(await isHfModelCached({ id: 'tiny-bert', baseUrl }, cache)).toBe(false);
    behaviours.clear();
    requests.length = 0;
    await loadHfModel(hub('tiny-bert'), { cache });
    expect(requests).toEqual(['/tiny-bert/resolve/main/model.safetensors']); // the rest came from the cache
    requests.length = 0;
    await loadHfModel(hub('tiny-bert', 'v1.0'), { cache });
    expect(requests.length).toBeGreaterThan(3);
  });
});
