/**
 * The size check before a download, against a stubbed fetch that serves the fixture folders
 * under the Hub's URL layout: one that answers Range requests as the Hub does (206 with
 * Content-Range) and one that ignores them (200 with the whole file). The stub counts the bytes
 * each request's body was read for, so "only the header" is checked, not assumed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compactTableParameters,
  countParameters,
  ENGINE_MEMORY_LIMIT,
  estimateSize,
  sizeRefusal,
  WASM_HEAP_MAX_BYTES,
  loadHfModel,
  parseSafetensorsHeader,
  safetensorsHeaderLength,
  type CacheLike,
  type CacheStorageLike,
  type HfLoadProgress,
} from '../../../src/loader/hf';
import { FIXTURES } from './helpers';

const BASE = 'https://hub.test';
const CHUNK = 1024;

interface Served {
  file: string;
  range: string | null;
  status: number;
  /** Body bytes the client pulled from the stream. */
  pulled: number;
  authorization: string | null;
}

function stubHub(honourRange: boolean) {
  const served: Served[] = [];
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const m = /^\/(.+)\/resolve\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const headers = new Headers(init?.headers);
    const id = decodeURIComponent(m?.[1] ?? '');
    const file = decodeURIComponent(m?.[3] ?? '');
    const local = path.join(FIXTURES, id, file);
    const range = headers.get('range');
    const entry: Served = {
      file,
      range,
      status: 404,
      pulled: 0,
      authorization: headers.get('authorization'),
    };
    served.push(entry);
    if (!m || !existsSync(local))
      return Promise.resolve(new Response('{"error":"Entry not found"}', { status: 404 }));
    const whole = new Uint8Array(readFileSync(local));
    let body = whole;
    const out = new Headers({ 'content-type': 'application/octet-stream' });
    const r = honourRange ? /^bytes=(\d+)-(\d+)$/.exec(range ?? '') : null;
    if (r) {
      const start = Number(r[1]);
      const end = Math.min(Number(r[2]), whole.length - 1);
      body = whole.subarray(start, end + 1);
      out.set('content-range', `bytes ${start}-${end}/${whole.length}`);
    }
    out.set('content-length', String(body.length));
    entry.status = r ? 206 : 200;
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= body.length) {
          controller.close();
          return;
        }
        const chunk = body.slice(offset, offset + CHUNK);
        offset += chunk.length;
        entry.pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    return Promise.resolve(new Response(stream, { status: entry.status, headers: out }));
  };
  return { served, fetchFn: fetchFn as typeof fetch };
}

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

const fileSize = (id: string, file: string): number =>
  readFileSync(path.join(FIXTURES, id, file)).length;
const headerSize = (id: string, file: string): number =>
  8 + safetensorsHeaderLength(readFileSync(path.join(FIXTURES, id, file)));

async function load(
  id: string,
  fetchFn: typeof fetch,
  options: Parameters<typeof loadHfModel>[1] = {},
  token?: string,
) {
  const events: HfLoadProgress[] = [];
  const model = await loadHfModel(
    { kind: 'hub', id, baseUrl: BASE, ...(token ? { token } : {}) },
    { cache: null, fetch: fetchFn, onProgress: (p) => events.push(p), ...options },
  );
  return { model, events, size: events.find((e) => e.size)?.size };
}

describe('size before download', () => {
  it('Range (206): reads only the header bytes, then downloads each file once', async () => {
    const { served, fetchFn } = stubHub(true);
    const { model, events, size } = await load('tiny-gpt2', fetchFn);
    const file = 'model.safetensors';
    const probes = served.filter((s) => s.range !== null);
    expect(probes.map((s) => [s.range, s.status])).toEqual([
      ['bytes=0-7', 206],
      [`bytes=8-${headerSize('tiny-gpt2', file) - 1}`, 206],
    ]);
    expect(probes.reduce((n, s) => n + s.pulled, 0)).toBe(headerSize('tiny-gpt2', file));
    expect(served.filter((s) => s.file === file && s.range === null)).toHaveLength(1);
    expect(size).toBeDefined();
    expect(size?.parameters).toBe(model.stats.parameters);
    expect(size?.downloadBytes).toBe(fileSize('tiny-gpt2', file));
    expect(size?.weightBytes).toBe(4 * model.stats.parameters);
    expect(size?.packedBytes).toBeGreaterThan(0);
    expect(size?.engineBytes).toBe(
      (size?.weightBytes ?? 0) + (size?.packedBytes ?? 0) + (size?.workBytes ?? 0),
    );
    expect(size?.tabBytes).toBe((size?.engineBytes ?? 0) + (size?.weightBytes ?? 0));
    expect(size?.limitBytes).toBe(ENGINE_MEMORY_LIMIT);
    // The figures come before the tokenizer and the weights.
    const at = events.findIndex((e) => e.size);
    expect(events.slice(0, at).every((e) => e.stage === 'config')).toBe(true);
  });

  it('a server that ignores Range (200): the header is read from the stream, the rest cancelled', async () => {
    const { served, fetchFn } = stubHub(false);
    const { model, size } = await load('tiny-qwen3', fetchFn);
    const file = 'model.safetensors';
    const probe = served.find((s) => s.file === file && s.range !== null);
    expect(probe?.status).toBe(200);
    expect(probe?.pulled).toBeLessThan(headerSize('tiny-qwen3', file) + 2 * CHUNK);
    expect(probe?.pulled).toBeLessThan(fileSize('tiny-qwen3', file) / 4);
    expect(size?.parameters).toBe(model.stats.parameters);
    expect(size?.downloadBytes).toBe(fileSize('tiny-qwen3', file));
  });

  it('sharded: the index, then each shard header; figures add up', async () => {
    const { served, fetchFn } = stubHub(true);
    const { model, size } = await load('tiny-gpt2-sharded', fetchFn);
    const shards = [1, 2, 3].map((i) => `model-0000${i}-of-00003.safetensors`);
    expect(size?.parameters).toBe(model.stats.parameters);
    expect(size?.downloadBytes).toBe(
      shards.reduce((n, f) => n + fileSize('tiny-gpt2-sharded', f), 0),
    );
    // model.safetensors is asked for once (the probe's 404); the index is read once.
    expect(served.filter((s) => s.file === 'model.safetensors')).toHaveLength(1);
    expect(served.filter((s) => s.file === 'model.safetensors.index.json')).toHaveLength(1);
    for (const f of shards)
      expect(
        served.filter((s) => s.file === f && s.range === null),
        f,
      ).toHaveLength(1);
  });

  it('refuses a model over the limit before downloading anything else, naming both figures', async () => {
    const { served, fetchFn } = stubHub(true);
    const error = await load('tiny-gpt2', fetchFn, { memoryLimitBytes: 100_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(
        /^tiny-gpt2: 0\.0 M parameters need about \d+ KB in the engine .*, over its limit of 100 KB/,
      ),
    });
    expect(served.map((s) => s.file)).toEqual([
      'config.json',
      'model.safetensors',
      'model.safetensors',
    ]);
    expect(served.every((s) => s.file !== 'model.safetensors' || s.range !== null)).toBe(true);
  });

  it('a Cache Storage hit reads the header from the cache: no request at all', async () => {
    const cache = new MemoryCacheStorage();
    const first = stubHub(true);
    await load('tiny-gpt2', first.fetchFn, { cache });
    const second = stubHub(true);
    const { size } = await load('tiny-gpt2', second.fetchFn, { cache });
    expect(second.served).toEqual([]);
    expect(size?.downloadBytes).toBe(fileSize('tiny-gpt2', 'model.safetensors'));
  });
});

describe('access token', () => {
  it('is sent as Authorization: Bearer to the base URL, with every request, probes included', async () => {
    const { served, fetchFn } = stubHub(true);
    await load('tiny-gpt2', fetchFn, {}, 'hf_secret');
    expect(served.length).toBeGreaterThan(3);
    expect(served.every((s) => s.authorization === 'Bearer hf_secret')).toBe(true);
  });

  it('is not sent without one', async () => {
    const { served, fetchFn } = stubHub(true);
    await load('tiny-gpt2', fetchFn);
    expect(served.every((s) => s.authorization === null)).toBe(true);
  });

  it('401 with a token says the token was not accepted; without, how to get access', async () => {
    const denied = ((): Promise<Response> =>
      Promise.resolve(new Response('no', { status: 401 }))) as unknown as typeof fetch;
    await expect(load('gated/model', denied, {}, 'hf_x')).rejects.toMatchObject({
      message: expect.stringMatching(/HTTP 401\) — the access token was not accepted/),
    });
    await expect(load('gated/model', denied)).rejects.toMatchObject({
      message: expect.stringMatching(
        /huggingface\.co\/gated\/model, create a read token at huggingface\.co\/settings\/tokens/,
      ),
    });
  });
});

describe('header figures (pure)', () => {
  it('parses a header, counts parameters without buffers or a tied output copy', () => {
    const json = new TextEncoder().encode(
      JSON.stringify({
        __metadata__: { format: 'pt' },
        'h.0.attn.bias': { dtype: 'F32', shape: [1, 1, 4, 4], data_offsets: [0, 64] },
        'h.0.attn.c_attn.weight': { dtype: 'BF16', shape: [4, 12], data_offsets: [64, 160] },
        'h.0.attn.c_attn.bias': { dtype: 'BF16', shape: [12], data_offsets: [160, 184] },
        position_ids: { dtype: 'I64', shape: [1, 4], data_offsets: [184, 216] },
        'lm_head.weight': { dtype: 'BF16', shape: [10, 4], data_offsets: [216, 296] },
      }),
    );
    const info = parseSafetensorsHeader(json);
    expect(info.headerBytes).toBe(8 + json.length);
    expect(info.fileBytes).toBe(8 + json.length + 296);
    expect(countParameters(info.tensors)).toBe(48 + 12 + 40);
    expect(countParameters(info.tensors, { tiedHead: true })).toBe(48 + 12);
    // The BF16 [vocabulary, d] table is kept compact; c_attn ([4, 12]) is not a token table.
    const config = { vocabSize: 10, dModel: 4 };
    expect(compactTableParameters(info.tensors, config)).toBe(40);
    expect(compactTableParameters(info.tensors, config, { tiedHead: true })).toBe(0);
  });

  it('refuses an implausible header length and malformed JSON', () => {
    const huge = new Uint8Array(8);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 40n, true);
    expect(() => safetensorsHeaderLength(huge)).toThrow(/not plausible/);
    expect(() => parseSafetensorsHeader(new TextEncoder().encode('{"a":'))).toThrow(
      /not valid JSON/,
    );
  });

  it('the memory rule on real configs: gpt2 and Qwen2.5-0.5B fit, Qwen3-0.6B and TinyLlama-1.1B are refused', () => {
    expect(WASM_HEAP_MAX_BYTES).toBe(2 ** 32 - 2 ** 16);
    expect(ENGINE_MEMORY_LIMIT).toBe(2 ** 32 - 2 ** 16 - 256 * 2 ** 20);
    const gpt2 = estimateSize(
      { dModel: 768, dFF: 3072, numHeads: 12, numLayers: 12, maxPositions: 1024, vocabSize: 50257 },
      124_439_808,
      548_105_171,
    );
    expect(gpt2.weightBytes).toBe(497_759_232);
    // XNNPACK's packed copies: 12 layers of q, k, v, o (768 × 768) and the MLP's two 768 × 3072.
    expect(gpt2.packedBytes).toBe(4 * 12 * (4 * 768 * 768 + 2 * 768 * 3072));
    // 512 tokens: 512·(6·768 + 3·3072) + 2·12·512² floats for a layer, the kept stack
    // (12·12·512², capped at 32 Mi floats) and 50257 logits.
    const kept = Math.min(12 * 12 * 512 ** 2, 32 * 2 ** 20);
    expect(gpt2.workBytes).toBe(
      4 * (512 * (6 * 768 + 3 * 3072) + 2 * 12 * 512 ** 2 + kept + 50257),
    );
    expect(sizeRefusal('gpt2', gpt2)).toBeNull();
    expect(gpt2.engineBytes).toBe(gpt2.weightBytes + gpt2.packedBytes + gpt2.workBytes);
    const qwen25 = estimateSize(
      {
        dModel: 896,
        dFF: 4864,
        numHeads: 14,
        numKvHeads: 2,
        mlpKind: 'gated',
        numLayers: 24,
        maxPositions: 32768,
        vocabSize: 151936,
      },
      494_032_768,
      988_097_824,
      undefined,
      151936 * 896, // the BF16 embeddings, kept compact
    );
    expect(qwen25.weightBytes).toBe(4 * 494_032_768 - 2 * 151936 * 896);
    // Grouped keys: k and v are 896 × 128; the gated MLP has three 896 × 4864 matrices.
    expect(qwen25.packedBytes).toBe(4 * 24 * (2 * 896 * 896 + 2 * 896 * 128 + 3 * 896 * 4864));
    expect(sizeRefusal('Qwen/Qwen2.5-0.5B', qwen25)).toBeNull();
    expect(qwen25.engineBytes / 1e9).toBeCloseTo(3.34, 2);
    const qwen3 = estimateSize(
      {
        dModel: 1024,
        dFF: 3072,
        numHeads: 16,
        numKvHeads: 8,
        headSize: 128,
        mlpKind: 'gated',
        numLayers: 28,
        maxPositions: 40960,
        vocabSize: 151936,
      },
      596_049_920,
      1_503_300_328,
      undefined,
      151936 * 1024,
    );
    // Its 512-token run aborted the wasm module (out of memory) when this was let through.
    expect(sizeRefusal('Qwen/Qwen3-0.6B', qwen3)?.message).toMatch(
      /^Qwen\/Qwen3-0\.6B: 596\.0 M parameters need about 4\.05 GB in the engine \(float32 weights, the matmul library's packed copy of each weight matrix, and the working set\), over its limit of 4\.03 GB/,
    );
    const tinyLlama = estimateSize(
      {
        dModel: 2048,
        dFF: 5632,
        numHeads: 32,
        numKvHeads: 4,
        mlpKind: 'gated',
        numLayers: 22,
        maxPositions: 2048,
        vocabSize: 32000,
      },
      1_100_048_384,
      2_200_119_864,
    );
    expect(sizeRefusal('TinyLlama/TinyLlama-1.1B-Chat-v1.0', tinyLlama)?.message).toMatch(
      /^TinyLlama\/TinyLlama-1\.1B-Chat-v1\.0: 1100\.0 M parameters need about 8\.\d GB in the engine .*, over its limit of 4\.0 GB/,
    );
  });
});
