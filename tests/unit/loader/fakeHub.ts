/** A fake Hugging Face Hub for the loader tests: fixture folders served through `fetch`. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureDir } from '../hf/helpers';

export const BASE = 'http://hub.test';
/** Uneven chunk sizes, cycled (a few bytes up to a few KiB). */
const CHUNKS = [1, 7, 333, 4096, 13, 1500, 64, 2];

export interface FakeOptions {
  /** Cut every .safetensors body after this many bytes (Content-Length still says the whole). */
  cutAt?: number;
  /** Called as the last chunk of a .safetensors body is handed over. */
  onLastChunk?: () => void;
}

/** A fetch that serves the fixture folders in the Hub's layout, bodies in uneven chunks. */
export function fakeFetch(options: FakeOptions = {}): typeof fetch {
  return (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const m = /^\/(.+)\/resolve\/main\/([^/]+)$/.exec(url.pathname);
    const file = m ? path.join(fixtureDir(m[1]!), m[2]!) : '';
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch {
      return Promise.resolve(new Response('not found', { status: 404 }));
    }
    const range = /^bytes=(\d+)-(\d+)$/.exec(new Headers(init?.headers).get('range') ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(bytes.length - 1, Number(range[2]));
      return Promise.resolve(
        new Response(bytes.slice(start, end + 1), {
          status: 206,
          headers: { 'content-range': `bytes ${start}-${end}/${bytes.length}` },
        }),
      );
    }
    const weights = file.endsWith('.safetensors');
    const length = weights && options.cutAt !== undefined ? options.cutAt : bytes.length;
    let at = 0;
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= length) {
          controller.close();
          return;
        }
        const end = Math.min(length, at + CHUNKS[i++ % CHUNKS.length]!);
        if (weights && end === bytes.length) options.onLastChunk?.();
        controller.enqueue(bytes.slice(at, end));
        at = end;
      },
    });
    return Promise.resolve(
      new Response(body, {
        status: 200,
        headers: { 'content-length': String(bytes.length) },
      }),
    );
  };
}
