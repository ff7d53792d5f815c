/** The one error type of the Hugging Face loader: a message a person can act on, and a code. */

/**
 * What went wrong, for a UI that wants to react (retry, pick other files, translate the message):
 * - `not-found`: HTTP 404, or a file missing from a local selection;
 * - `http`: another HTTP error (401/403 for private or gated models, 5xx);
 * - `network`: the request failed before any answer (offline, DNS, CORS);
 * - `html`: an HTML page came where JSON or a checkpoint was expected;
 * - `timeout`: no data arrived for too long;
 * - `truncated`: the body ended before its Content-Length;
 * - `too-large`: over the loader's size limit;
 * - `invalid`: a file that is not what it should be (bad JSON, bad config, missing tensor, bad shape);
 * - `unsupported`: a valid file this loader cannot use (model type, dtype, tokenizer kind).
 */
export type HfLoadErrorCode =
  | 'not-found'
  | 'http'
  | 'network'
  | 'html'
  | 'timeout'
  | 'truncated'
  | 'too-large'
  | 'invalid'
  | 'unsupported';

export class HfLoadError extends Error {
  constructor(
    readonly code: HfLoadErrorCode,
    message: string,
    /** The file the problem is in, when there is one (e.g. `model.safetensors`). */
    readonly file?: string,
    /** HTTP status, for `not-found` and `http`. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HfLoadError';
  }
}

/** The error a cancelled load rejects with (`name === 'AbortError'`, like fetch's). */
export function abortError(): DOMException {
  return new DOMException('Loading was cancelled', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError'
  );
}
