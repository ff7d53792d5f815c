/**
 * The engine's own wasm kernels as binaries: binaries.ts is exactly the .wat sources compiled now,
 * and the shared-memory builds (for tfjs-wasm's threaded build) run against a shared memory and
 * give the same bytes as the ordinary builds.
 */
import { describe, expect, it } from 'vitest';
import { compileKernels, watSources } from '../../../scripts/wasm-kernels/compile-wat';
import { WASM_KERNELS } from '../../../src/engine/wasm-kernels/binaries';

const fromBase64 = (b64: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Buffer.from(b64, 'base64'));

describe('wasm kernels', () => {
  it('binaries.ts holds every .wat source as compiled now, in both memory builds', async () => {
    const compiled = await compileKernels();
    expect([...compiled.keys()]).toEqual(Object.keys(WASM_KERNELS).sort());
    expect([...watSources().keys()]).toEqual(['bf16', 'erf-gelu', 'layer-norm', 'transpose']);
    for (const [name, { plain, shared }] of compiled) {
      const stored = WASM_KERNELS[name as keyof typeof WASM_KERNELS];
      expect(fromBase64(stored.plain), `${name} plain`).toEqual(plain);
      expect(fromBase64(stored.shared), `${name} shared`).toEqual(shared);
    }
  });

  it('every binary is under 4 KB, so a page may compile it synchronously on its main thread', () => {
    for (const [name, { plain, shared }] of Object.entries(WASM_KERNELS)) {
      expect(fromBase64(plain).length, name).toBeLessThan(4096);
      expect(fromBase64(shared).length, name).toBeLessThan(4096);
    }
  });

  it('the shared builds run against a shared memory, with the plain builds’ results', () => {
    const results = (['plain', 'shared'] as const).map((kind) => {
      const memory = new WebAssembly.Memory({ initial: 2, maximum: 64, shared: kind === 'shared' });
      const instance = (name: keyof typeof WASM_KERNELS): WebAssembly.Exports =>
        new WebAssembly.Instance(new WebAssembly.Module(fromBase64(WASM_KERNELS[name][kind])), {
          env: { memory },
        }).exports;
      const f = new Float32Array(memory.buffer);
      for (let i = 0; i < 64; i++) f[i] = Math.sin(i) * 3; // x: 2 rows of 32 at byte 0
      for (let i = 0; i < 32; i++) [f[64 + i], f[96 + i]] = [1 + i / 32, i / 64]; // γ, β
      const gelu = instance('erf-gelu')['erf_gelu'] as (a: number, b: number, n: number) => void;
      gelu(0, 4 * 128, 63); // 63 values: the tail path too
      const ln = instance('layer-norm')['layer_norm'] as (...args: number[]) => void;
      ln(0, 4 * 64, 4 * 96, 4 * 192, 2, 32, 1e-5);
      return Array.from(f.slice(128, 256));
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.some((v) => v !== 0)).toBe(true);
  });
});
