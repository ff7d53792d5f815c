/**
 * Compiles src/engine/gelu/erf-gelu.wat with wabt, in the two builds the kernel needs: importing
 * an ordinary memory (tfjs-wasm single-threaded) and a shared one (the threaded build). Used by
 * build-wasm.ts to write erfGeluWasm.ts, and by the test that checks that file is this source's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

export const WAT_PATH = fileURLToPath(
  new URL('../../src/engine/gelu/erf-gelu.wat', import.meta.url),
);
const PLAIN_IMPORT = '(import "env" "memory" (memory 1))';
const SHARED_IMPORT = '(import "env" "memory" (memory 1 65536 shared))';

export interface ErfGeluBinaries {
  plain: Uint8Array;
  shared: Uint8Array;
}

export async function compileErfGelu(): Promise<ErfGeluBinaries> {
  const source = readFileSync(WAT_PATH, 'utf8');
  if (!source.includes(PLAIN_IMPORT)) throw new Error(`${WAT_PATH}: no line ${PLAIN_IMPORT}`);
  const toolkit = await wabt();
  const compile = (text: string): Uint8Array => {
    const module = toolkit.parseWat('erf-gelu.wat', text, { simd: true, threads: true });
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
  return {
    plain: compile(source),
    shared: compile(source.replace(PLAIN_IMPORT, SHARED_IMPORT)),
  };
}
