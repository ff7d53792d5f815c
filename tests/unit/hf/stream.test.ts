/**
 * readStream (src/loader/hf/stream.ts) on byte streams, as browsers' fetch and Cache Storage
 * bodies are: it reads them into its reused staging buffer (BYOB) and gives the same bytes,
 * progress and errors as for a plain stream of the same chunks.
 */
import { describe, expect, it } from 'vitest';
import { readStream, type ByteProgress } from '../../../src/loader/hf/stream';

const SIZES = [1, 7, 333, 4096, 13, 70_000, 64, 2];

function content(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + (i >> 8)) & 255;
  return out;
}

/** A byte stream of `bytes` in uneven pieces (cut after `cutAt`), counting BYOB pulls. */
function byteStream(bytes: Uint8Array, cutAt = bytes.length) {
  const seen = { byob: 0, plain: 0 };
  let at = 0;
  let i = 0;
  const stream = new ReadableStream({
    type: 'bytes',
    pull(c) {
      if (at >= cutAt) {
        c.close();
        c.byobRequest?.respond(0); // a pending BYOB read learns the end this way
        return;
      }
      const piece = Math.min(cutAt - at, SIZES[i++ % SIZES.length]!);
      const request = c.byobRequest;
      if (request?.view) {
        seen.byob++;
        const n = Math.min(piece, request.view.byteLength);
        new Uint8Array(request.view.buffer, request.view.byteOffset, n).set(
          bytes.subarray(at, at + n),
        );
        request.respond(n);
        at += n;
      } else {
        seen.plain++;
        c.enqueue(bytes.slice(at, at + piece));
        at += piece;
      }
    },
  });
  return { stream: stream as ReadableStream<Uint8Array>, seen };
}

function plainStream(bytes: Uint8Array, cutAt = bytes.length): ReadableStream<Uint8Array> {
  let at = 0;
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= cutAt) return c.close();
      const end = Math.min(cutAt, at + SIZES[i++ % SIZES.length]!);
      c.enqueue(bytes.slice(at, end));
      at = end;
    },
  });
}

const options = (total: number | null, progress: ByteProgress[] = []) => ({
  label: 'm',
  file: 'model.safetensors',
  total,
  stallTimeoutMs: Infinity,
  maxBytes: 1e9,
  onProgress: (p: ByteProgress) => progress.push(p),
});

describe('readStream on byte streams', () => {
  const bytes = content(120_000);

  it('reads through its staging buffer and gives the bytes and progress of a plain read', async () => {
    const { stream, seen } = byteStream(bytes);
    const progress: ByteProgress[] = [];
    const got = await readStream(stream, options(bytes.length, progress));
    expect(seen.byob).toBeGreaterThan(0);
    expect(seen.plain).toBe(0);
    expect(got).toEqual(bytes);
    const plainProgress: ByteProgress[] = [];
    expect(await readStream(plainStream(bytes), options(bytes.length, plainProgress))).toEqual(
      bytes,
    );
    expect(progress.at(-1)).toEqual({ loaded: bytes.length, total: bytes.length });
    expect(plainProgress.at(-1)).toEqual(progress.at(-1));
  });

  it('with no announced size it grows its buffer and trims it to the bytes', async () => {
    const got = await readStream(byteStream(bytes).stream, options(null));
    expect(got).toEqual(bytes);
  });

  it('a byte stream that ends early is a cut download', async () => {
    await expect(readStream(byteStream(bytes, 1000).stream, options(bytes.length))).rejects.toThrow(
      /model\.safetensors ended after 1000 of 120000 bytes/,
    );
  });

  it('aborting stops the read', async () => {
    const controller = new AbortController();
    const progress: ByteProgress[] = [];
    const read = readStream(byteStream(bytes).stream, {
      ...options(bytes.length, progress),
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.loaded > 5000) controller.abort();
      },
    });
    await expect(read).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress.at(-1)!.loaded).toBeLessThan(bytes.length);
  });
});
