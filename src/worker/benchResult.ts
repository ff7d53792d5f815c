/**
 * What one engine-benchmark request's messages add up to, shared by the page's bench hook (which
 * fills it from the worker's messages) and the Node script (which gets it back, or makes an empty
 * one when the page never answers). Types only from the engine: the page's hook stays light.
 */
import type { EngineBenchRow, ForwardProfile } from '../engine/benchmark';

/** null: not reported (yet, or before an error). */
export interface EngineBenchResult {
  backend: string | null;
  threads: number | null;
  startMs: number | null;
  ownKernels: boolean | null;
  rows: EngineBenchRow[];
  profile: ForwardProfile | null;
  tensorsLeft: number | null;
  error: string | null;
}

/** A result with nothing reported yet, or only `error`. */
export function emptyEngineBenchResult(error: string | null = null): EngineBenchResult {
  return {
    backend: null,
    threads: null,
    startMs: null,
    ownKernels: null,
    rows: [],
    profile: null,
    tensorsLeft: null,
    error,
  };
}
