/**
 * What the page is told when something in the worker fails: the error's message, never its
 * stack. One case is put into words of its own: the wasm module running out of memory (its heap
 * stops at 4 GiB). Emscripten then aborts ("Aborted(). Build with -sASSERTIONS for more info.",
 * as a Qwen3-0.6B-sized model did at 512 tokens) and the module cannot run again, which a person
 * could not guess from that text.
 */
const OUT_OF_MEMORY =
  /^Aborted\(|Aborted\(OOM\)|out of memory|Maximum memory size exceeded|Cannot enlarge memory/i;

export const OUT_OF_MEMORY_MESSAGE =
  'The engine ran out of memory: the WebAssembly backend holds at most 4 GiB, and this run needed more. Reload the page (the engine cannot go on after this), then try fewer tokens or a smaller model.';

export function readableError(error: unknown): string {
  const text =
    error instanceof Error
      ? error.message || error.name
      : typeof error === 'string'
        ? error
        : 'Unknown error';
  return OUT_OF_MEMORY.test(text) ? OUT_OF_MEMORY_MESSAGE : text;
}
