/**
 * Reads a byte stream to the end with progress, cancellation, a stall timeout, a size limit and a
 * check against the announced length. Shared by downloads, Cache Storage hits and local files.
 */
import { abortError, HfLoadError } from './errors';

/** Bytes of one file so far. */
export interface ByteProgress {
  loaded: number;
  /** Announced size (Content-Length or Blob size); null when unknown. */
  total: number | null;
}

export interface ReadOptions {
  /** For messages: `${label}: ${file} …`. */
  label: string;
  file: string;
  /** The announced size, checked at the end (a shorter body is a cut download). */
  total: number | null;
  signal?: AbortSignal;
  /** Milliseconds without a byte before giving up; Infinity for none. */
  stallTimeoutMs: number;
  /** Refuse files over this many bytes. */
  maxBytes: number;
  onProgress?: (progress: ByteProgress) => void;
  /** After each chunk, when the size was announced: the (full-size) buffer and bytes so far. */
  onBytes?: (buffer: Uint8Array, length: number) => void;
  /** Called when the read is abandoned (abort or stall), e.g. to abort the fetch under it. */
  onInterrupt?: () => void;
}

const MiB = 1024 * 1024;

export function sizeText(bytes: number): string {
  if (bytes >= 1024 * MiB) return `${(bytes / (1024 * MiB)).toFixed(1)} GiB`;
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

export function tooLarge(label: string, file: string, bytes: number, max: number): HfLoadError {
  return new HfLoadError(
    'too-large',
    `${label}: ${file} is ${sizeText(bytes)}, over this app's limit of ${sizeText(max)}`,
    file,
  );
}

export function stalledError(label: string, file: string, ms: number): HfLoadError {
  return new HfLoadError(
    'timeout',
    `${label}: ${file} stalled: no data for ${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`} (slow or broken connection; try again)`,
    file,
  );
}

/**
 * A race partner that rejects on abort or when `arm()`ed and not re-armed within the timeout.
 * `dispose()` clears its timer and listener.
 */
export class Interrupt {
  readonly promise: Promise<never>;
  private reject: (error: unknown) => void = () => {};
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort = (): void => this.fire(abortError());
  private fired = false;
  /** The error it fired with, once it has. */
  error: Error | undefined = undefined;

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly timeoutMs: number,
    private readonly onTimeout: () => Error,
    private readonly onFire?: () => void,
  ) {
    this.promise = new Promise<never>((_, reject) => {
      this.reject = reject;
    });
    this.promise.catch(() => {}); // observed by the races; never an unhandled rejection
    if (signal?.aborted) this.fire(abortError());
    else signal?.addEventListener('abort', this.onAbort, { once: true });
    this.arm();
  }

  /** (Re)starts the stall timer. */
  arm(): void {
    if (this.fired || !Number.isFinite(this.timeoutMs)) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(this.onTimeout()), this.timeoutMs);
  }

  private fire(error: Error): void {
    if (this.fired) return;
    this.fired = true;
    this.error = error;
    this.dispose();
    this.reject(error); // before onFire, so races see this error rather than the fetch's abort
    this.onFire?.();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

/** Bytes one BYOB read may bring (the browser's pipe gives at most about this much at a time). */
const STAGING_BYTES = 1 << 20;

/**
 * Reads a stream chunk by chunk. Where the stream is a byte stream (fetch and Cache Storage
 * bodies in browsers) each chunk lands in one reused staging buffer (a BYOB reader): a 942 MiB
 * download then allocates no fresh buffer per chunk for the collector to free, and the
 * staging buffer's pages stay warm. Other streams are read as they come.
 */
function chunkReader(body: ReadableStream<Uint8Array>): {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(): Promise<void>;
} {
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream: the default reader below.
  }
  if (!byob) return body.getReader();
  const reader = byob;
  let staging: ArrayBuffer | null = new ArrayBuffer(STAGING_BYTES);
  return {
    async read() {
      // The read takes the staging buffer (it is transferred) and gives it back in the result.
      const result = await reader.read(new Uint8Array(staging ?? new ArrayBuffer(STAGING_BYTES)));
      staging = result.value ? result.value.buffer : null;
      return result.done ? { done: true, value: undefined } : { done: false, value: result.value };
    },
    cancel: () => reader.cancel(),
  };
}

/** Reads the whole stream into one Uint8Array (grown as bytes come, never past maxBytes). */
export async function readStream(
  body: ReadableStream<Uint8Array>,
  o: ReadOptions,
  interrupt = new Interrupt(
    o.signal,
    o.stallTimeoutMs,
    () => stalledError(o.label, o.file, o.stallTimeoutMs),
    o.onInterrupt,
  ),
): Promise<Uint8Array<ArrayBuffer>> {
  if (o.total !== null && o.total > o.maxBytes) {
    interrupt.dispose();
    o.onInterrupt?.();
    throw tooLarge(o.label, o.file, o.total, o.maxBytes);
  }
  const reader = chunkReader(body);
  let buffer = new Uint8Array(o.total ?? 64 * 1024);
  let length = 0;
  let done = false;
  o.onProgress?.({ loaded: 0, total: o.total });
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await Promise.race([reader.read(), interrupt.promise]);
      } catch (error) {
        if (interrupt.error !== undefined) throw interrupt.error;
        if (o.signal?.aborted) throw abortError();
        if (error instanceof HfLoadError) throw error;
        // The connection broke under the reader (undici says "terminated").
        throw new HfLoadError(
          'truncated',
          `${o.label}: ${o.file} download broke off after ${sizeText(length)}${o.total !== null ? ` of ${sizeText(o.total)}` : ''} (${error instanceof Error ? error.message : String(error)})`,
          o.file,
        );
      }
      if (chunk.done) {
        done = true;
        break;
      }
      interrupt.arm();
      const value = chunk.value;
      if (length + value.length > o.maxBytes)
        throw tooLarge(o.label, o.file, length + value.length, o.maxBytes);
      if (length + value.length > buffer.length) {
        const grown = new Uint8Array(
          Math.min(o.maxBytes, Math.max(buffer.length * 2, length + value.length)),
        );
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(value, length);
      length += value.length;
      o.onProgress?.({ loaded: length, total: o.total });
      if (o.total !== null) o.onBytes?.(buffer, length);
    }
  } finally {
    interrupt.dispose();
    if (!done) reader.cancel().catch(() => {});
  }
  if (o.total !== null && length < o.total)
    throw new HfLoadError(
      'truncated',
      `${o.label}: ${o.file} ended after ${length} of ${o.total} bytes (the download was cut; try again)`,
      o.file,
    );
  // Exact fit when the size was announced; otherwise trim a grown buffer only when it is worth it.
  if (length === buffer.length) return buffer;
  return buffer.length - length > buffer.length / 8
    ? buffer.slice(0, length)
    : buffer.subarray(0, length);
}
