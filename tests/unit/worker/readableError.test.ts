/** The worker's error text for the page: the message, never a stack; a wasm out-of-memory abort in words. */
import { describe, expect, it } from 'vitest';
import { OUT_OF_MEMORY_MESSAGE, readableError } from '../../../src/worker/readableError';

describe('readableError', () => {
  it('gives the message of an error (never its stack), a string as it is', () => {
    const error = new Error('config.json not found (HTTP 404)');
    expect(readableError(error)).toBe('config.json not found (HTTP 404)');
    expect(readableError(error)).not.toContain('at ');
    const bare = new Error('');
    bare.name = 'AbortError';
    expect(readableError(bare)).toBe('AbortError');
    expect(readableError('no tokens')).toBe('no tokens');
    expect(readableError(42)).toBe('Unknown error');
  });

  it('says what a wasm out-of-memory abort means and what to do', () => {
    // What tfjs-wasm threw when a Qwen3-0.6B-sized model ran 512 tokens (XNNPACK out of memory).
    const abort = new WebAssembly.RuntimeError('Aborted(). Build with -sASSERTIONS for more info.');
    expect(readableError(abort)).toBe(OUT_OF_MEMORY_MESSAGE);
    expect(
      readableError(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded')),
    ).toBe(OUT_OF_MEMORY_MESSAGE);
    expect(OUT_OF_MEMORY_MESSAGE).toMatch(/Reload the page/);
    expect(readableError(new Error('The run was superseded by a newer one'))).not.toBe(
      OUT_OF_MEMORY_MESSAGE,
    );
  });
});
