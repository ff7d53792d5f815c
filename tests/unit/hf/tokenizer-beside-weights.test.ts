/**
 * The tokenizer is read and built while the weights download (src/loader/hf/load.ts): the
 * weights' request goes out before the tokenizer is in; a tokenizer that fails stops the download
 * and is the load's error; a cancel stops both.
 */
import { describe, expect, it } from 'vitest';
import { loadHfModel } from '../../../src/loader/hf';
import { BASE, fakeFetch } from '../loader/fakeHub';

const source = { kind: 'hub', id: 'tiny-llama', baseUrl: BASE } as const;

/** The fake Hub, with tokenizer.json answered only once `release` is called (or after 2 s). */
function heldTokenizer(body?: string) {
  const inner = fakeFetch();
  const seen: string[] = [];
  /** Whether the weights' request let tokenizer.json through (not the 2 s timer). */
  const state = { byWeights: false, answered: false };
  let release: () => void = () => {};
  const released = new Promise<void>((r) => {
    release = r;
    setTimeout(r, 2000);
  });
  const fetchFn: typeof fetch = async (input, init) => {
    const url = String(input);
    const file = url.slice(url.lastIndexOf('/') + 1);
    const ranged = new Headers(init?.headers).has('range');
    seen.push(ranged ? `${file} (range)` : file);
    if (file === 'model.safetensors' && !ranged) {
      if (!state.answered) state.byWeights = true;
      release();
    }
    if (file === 'tokenizer.json') {
      await released;
      state.answered = true;
      if (body !== undefined) return new Response(body, { status: 200 });
    }
    return inner(input, init);
  };
  return { fetchFn, seen, state };
}

describe('the tokenizer beside the weights', () => {
  it('the weights are asked for before the tokenizer is in, and the load is whole', async () => {
    const { fetchFn, seen, state } = heldTokenizer();
    const model = await loadHfModel(source, { cache: null, fetch: fetchFn });
    // tokenizer.json was asked for first and held: the weights' request came while it waited.
    expect(seen.indexOf('tokenizer.json')).toBeLessThan(seen.indexOf('model.safetensors'));
    expect(state.byWeights).toBe(true);
    expect(model.tokenizer.encodeInput('hello').ids.length).toBeGreaterThan(0);
    expect(model.weights.size).toBeGreaterThan(10);
  });

  it("a tokenizer that fails is the load's error, and the download stops", async () => {
    let served = 0;
    let total = 0;
    const base = heldTokenizer('{"model": {"type": "Mystery"}}');
    const fetchFn: typeof fetch = async (input, init) => {
      const response = await base.fetchFn(input, init);
      if (!String(input).endsWith('model.safetensors') || new Headers(init?.headers).has('range'))
        return response;
      total = Number(response.headers.get('content-length'));
      const reader = response.body!.getReader();
      // The weights trickle in: a chunk each 5 ms, so the tokenizer fails midway.
      return new Response(
        new ReadableStream<Uint8Array>({
          async pull(c) {
            await new Promise((r) => setTimeout(r, 5));
            const { done, value } = await reader.read();
            if (done) return c.close();
            served += value.length;
            c.enqueue(value);
          },
        }),
        { headers: { 'content-length': String(total) } },
      );
    };
    await expect(loadHfModel(source, { cache: null, fetch: fetchFn })).rejects.toThrow(
      /^tokenizer_config\.json: add_bos_token is true but "<s>" is not in tokenizer\.json/,
    );
    expect(total).toBeGreaterThan(0);
    expect(served).toBeLessThan(total);
  });

  it('a cancel during the download stops the load with an AbortError', async () => {
    const controller = new AbortController();
    const { fetchFn } = heldTokenizer();
    const load = loadHfModel(source, {
      cache: null,
      fetch: fetchFn,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'weights' && p.loaded > 0) controller.abort();
      },
    });
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
  });
});
