/**
 * Compiles every .wat file in src/engine/wasm-kernels with wabt, each in the two builds the engine
 * needs: importing an ordinary memory (tfjs-wasm single-threaded) and a shared one (its threaded
 * build). Used by build-wasm.ts to write binaries.ts, and by the test that checks binaries.ts is
 * these sources compiled.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

export const KERNELS_DIR = fileURLToPath(
  new URL('../../src/engine/wasm-kernels/', import.meta.url),
);
const PLAIN_IMPORT = '(import "env" "memory" (memory 1))';
const SHARED_IMPORT = '(import "env" "memory" (memory 1 65536 shared))';

export interface KernelBinaries {
  plain: Uint8Array;
  shared: Uint8Array;
}

/** The kernels' .wat sources by name (file name without .wat), sorted by name. */
export function watSources(): Map<string, string> {
  const names = readdirSync(KERNELS_DIR)
    .filter((f) => f.endsWith('.wat'))
    .sort();
  return new Map(
    names.map((f) => [f.slice(0, -'.wat'.length), readFileSync(path.join(KERNELS_DIR, f), 'utf8')]),
  );
}

export async function compileKernels(): Promise<Map<string, KernelBinaries>> {
  const toolkit = await wabt();
  const compile = (name: string, text: string): Uint8Array => {
    const module = toolkit.parseWat(`${name}.wat`, text, { simd: true, threads: true });
    try {
      // wabt.js's validate() ignores the features given to parseWat and refuses shared memory:
      // V8 validates the binary instead.
      const binary = module.toBinary({}).buffer;
      new WebAssembly.Module(new Uint8Array(binary));
      return binary;
    } finally {
      module.destroy();
    }
  };
  const out = new Map<string, KernelBinaries>();
  for (const [name, source] of watSources()) {
    if (!source.includes(PLAIN_IMPORT)) throw new Error(`${name}.wat: no line ${PLAIN_IMPORT}`);
    out.set(name, {
      plain: compile(name, source),
      shared: compile(name, source.replace(PLAIN_IMPORT, SHARED_IMPORT)),
    });
  }
  return out;
}
