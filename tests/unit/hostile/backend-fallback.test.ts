/**
 * A backend that cannot start: the engine finds out why (tfjs only answers "false"), the store
 * keeps a notice naming the backend, the reason and the one in use, and the picker moves to the
 * backend really in use. (The browser side, under a CSP without 'wasm-unsafe-eval', is
 * tests/e2e/hardening/csp-no-wasm.spec.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wasmBlocked, wasmFileProblem } from '../../../src/engine/backendFailure';
import type { BackendFailure, WasmPaths } from '../../../src/engine';
import { translate } from '../../../src/i18n';
import { useAppStore } from '../../../src/store';
import { failureReason } from '../../../src/views/controls/backendFailureText';
import { runs, useFakeEngine } from './fakeWorkerPort';

const PATHS: WasmPaths = {
  'tfjs-backend-wasm.wasm': '/w/plain.wasm',
  'tfjs-backend-wasm-simd.wasm': '/w/simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm': '/w/threaded.wasm',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('why wasm cannot start', () => {
  it('WebAssembly compiles here (Node): nothing blocks it', async () => {
    expect(await wasmBlocked()).toBeNull();
  });

  it('a CSP without wasm-unsafe-eval (Chromium’s own message)', async () => {
    const refused = new WebAssembly.CompileError(
      "WebAssembly.compile(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive: \"script-src 'self'\"",
    );
    vi.stubGlobal('WebAssembly', { ...WebAssembly, compile: () => Promise.reject(refused) });
    expect(await wasmBlocked()).toEqual({ backend: 'wasm', reason: 'csp' });
  });

  it('no WebAssembly at all', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    expect(await wasmBlocked()).toEqual({ backend: 'wasm', reason: 'no-webassembly' });
  });

  it('another compile error keeps its message', async () => {
    vi.stubGlobal('WebAssembly', {
      ...WebAssembly,
      compile: () => Promise.reject(new RangeError('Out of memory')),
    });
    expect(await wasmBlocked()).toEqual({
      backend: 'wasm',
      reason: 'error',
      detail: 'Out of memory',
    });
  });

  it('the .wasm file: an HTTP error, an HTML page, a refused fetch, a good file', async () => {
    const answer = (body: BodyInit, status: number) =>
      vi.stubGlobal('fetch', () => Promise.resolve(new Response(body, { status })));
    answer('not here', 404);
    expect(await wasmFileProblem(PATHS)).toEqual({
      backend: 'wasm',
      reason: 'wasm-file',
      status: 404,
    });
    answer('<!doctype html><title>Login</title>', 200);
    expect(await wasmFileProblem(PATHS)).toEqual({ backend: 'wasm', reason: 'wasm-file' });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await wasmFileProblem(PATHS)).toEqual({ backend: 'wasm', reason: 'wasm-file' });
    answer(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 200);
    expect(await wasmFileProblem(PATHS)).toEqual({ backend: 'wasm', reason: 'unavailable' });
    expect(await wasmFileProblem(undefined)).toEqual({ backend: 'wasm', reason: 'unavailable' });
  });
});

describe('the reason in words', () => {
  const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate('en', key, params);
  const cases: [BackendFailure, string][] = [
    [
      { backend: 'wasm', reason: 'csp' },
      "WebAssembly is blocked by this page's Content Security Policy (it does not allow 'wasm-unsafe-eval')",
    ],
    [
      { backend: 'wasm', reason: 'no-webassembly' },
      'this browser has no WebAssembly, or it is turned off',
    ],
    [
      { backend: 'wasm', reason: 'wasm-file', status: 404 },
      'its .wasm file could not be loaded (the server answered HTTP 404)',
    ],
    [{ backend: 'wasm', reason: 'wasm-file' }, 'its .wasm file could not be loaded'],
    [{ backend: 'webgpu', reason: 'unavailable' }, 'this browser does not offer it'],
    [
      { backend: 'webgl', reason: 'error', detail: 'Out of memory' },
      'it stopped with the error “Out of memory”',
    ],
  ];
  it.each(cases)('%o', (failure, text) => {
    expect(failureReason(en, failure)).toBe(text);
  });

  it('the Chinese notice', () => {
    const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
      translate('zh', key, params);
    expect(
      zh('backend.fallbackWhy', {
        wanted: zh('backend.wasm'),
        why: failureReason(zh, { backend: 'wasm', reason: 'csp' }),
        name: zh('backend.cpu'),
      }),
    ).toBe(
      "WebAssembly（wasm） 无法启动：WebAssembly 被本页面的内容安全策略（CSP）禁止（未允许 'wasm-unsafe-eval'）。现在使用 CPU（纯 JavaScript） 运行。",
    );
  });
});

const state = () => useAppStore.getState();

describe('the store after a fallback', () => {
  const fake = useFakeEngine();

  const csp: BackendFailure = { backend: 'wasm', reason: 'csp' };
  const start = (requestId: number) =>
    fake().send({
      type: 'start',
      requestId,
      backend: { name: 'cpu', requested: 'wasm', failure: csp },
      blocks: [],
    });

  it('keeps a notice, shows the backend in use and asks for it from then on', () => {
    state().runAll();
    const [a, b] = runs(fake().posted);
    expect([a?.backend, b?.backend]).toEqual(['wasm', 'wasm']);
    start(a!.requestId);
    expect(state().backend).toBe('cpu');
    expect(state().backendFallback).toEqual({ ...csp, using: 'cpu' });
    expect(state().backendStatus).toEqual({ name: 'cpu', requested: 'wasm', failure: csp });
    // B's start tells the same story: nothing changes, nothing re-runs.
    start(b!.requestId);
    expect(state().backendFallback).toEqual({ ...csp, using: 'cpu' });
    expect(runs(fake().posted)).toHaveLength(2);

    state().setSentence('A', 'a new sentence');
    vi.advanceTimersByTime(150);
    expect(runs(fake().posted).at(-1)?.backend).toBe('cpu');
  });

  it('picking a backend again clears the notice and tries it', () => {
    state().runAll();
    start(runs(fake().posted)[0]!.requestId);
    state().setBackend('wasm');
    expect(state().backendFallback).toBeNull();
    expect(
      runs(fake().posted)
        .slice(2)
        .map((r) => r.backend),
    ).toEqual(['wasm', 'wasm']);
  });

  it('a start that fell back for a choice the user has since changed moves nothing', () => {
    state().runAll();
    const id = runs(fake().posted)[0]!.requestId;
    state().setBackend('webgl');
    start(id);
    expect(state().backend).toBe('webgl');
    expect(state().backendFallback).toBeNull();
  });
});
