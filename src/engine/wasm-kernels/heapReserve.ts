/**
 * Grows tfjs-wasm's heap to what a model will take before its weights arrive, and touches the new
 * pages a slice at a time: a page of fresh wasm memory costs a page fault on its first write, and
 * at Qwen2.5-0.5B's size (~2 GB of float32 weights) those faults were most of the upload. Touched
 * while the checkpoint downloads, they overlap the download instead of following it.
 *
 * The block is malloc'd and freed at once: the allocator keeps the memory and hands it to the
 * tensors that come next. A touch writes back the byte it reads (one per 4 KiB page), so it
 * changes nothing, even where a tensor already lives. Elsewhere (other backends) it does nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { backendMemory } from './host';

/** The allocator's two entry points (exported by tfjs-backend-wasm's module). */
interface Allocator {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
}

const PAGE = 4096;
/** Never reserve into the last part of the 4 GiB wasm32 space (tfjs needs room to run). */
const HEAP_CEILING = 3 * 2 ** 30;

export interface HeapReserve {
  /** Touches the pages up to `fraction` (0–1) of the reserved block. */
  touch(fraction: number): void;
  /** Bytes reserved. */
  readonly bytes: number;
}

const NONE: HeapReserve = { touch: () => {}, bytes: 0 };

/** Reserves `bytes` of wasm heap for what comes next; a no-op off wasm or when it will not fit. */
export function reserveWasmHeap(bytes: number): HeapReserve {
  if (tf.getBackend() !== 'wasm' || bytes <= 0) return NONE;
  const backend = tf.backend() as BackendWasm;
  const memory = backendMemory(backend);
  const alloc = backend.wasm as unknown as Partial<Allocator>;
  if (!memory || typeof alloc._malloc !== 'function' || typeof alloc._free !== 'function')
    return NONE;
  if (memory.buffer.byteLength + bytes > HEAP_CEILING) return NONE;
  const start = alloc._malloc(bytes) >>> 0;
  if (start === 0) return NONE;
  alloc._free(start);
  let done = 0;
  return {
    bytes,
    touch(fraction) {
      const upTo = Math.min(bytes, Math.floor(bytes * fraction));
      if (upTo <= done) return;
      // The heap's buffer is fetched anew: a later growth replaces it.
      const heap = new Uint8Array(memory.buffer, start, bytes);
      for (let at = done; at < upTo; at += PAGE) heap[at] = heap[at]!;
      done = upTo;
    },
  };
}
