/**
 * What the first page loads. A production build (with source maps, into a temporary folder) is
 * read from index.html through static imports, the engine worker and the interface's chunk (both
 * started at page load, see main.tsx), and
 * the source modules of those chunks must not include the parts that load only when used: the
 * Hugging Face tokenizer library, the ZIP library of the export, the webgl/webgpu/cpu backends,
 * the benchmark hooks, the teaching views and their strings (only the tab labels, teachTabs.*.ts,
 * are on the first page), and the code that writes export files (loaded when an export is chosen;
 * the menus themselves are on the first page). The browser benchmark (scripts/bench/browser.ts) reports their weight.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWithSourcemaps,
  bytesBySource,
  dynamicImports,
  eagerClosure,
  htmlEntries,
} from '../../../scripts/bench/bundle';

let outDir = '';
let eager: string[] = [];
let sources: Set<string>;

beforeAll(() => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-eager-'));
  buildWithSourcemaps(outDir);
  const entries = htmlEntries(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
  eager = eagerClosure(outDir, entries, /^(?:engine\.worker|renderApp)-/);
  sources = new Set(eager.flatMap((file) => [...bytesBySource(outDir, file).keys()]));
}, 240_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const eagerFrom = (prefix: string) => [...sources].filter((s) => s.startsWith(prefix));

describe('the chunks the first page loads', () => {
  it('are the page entry, the interface, the engine worker and the wasm backend', () => {
    expect(eager.some((f) => /^assets\/index-[\w-]+\.js$/.test(f))).toBe(true);
    expect(eager.some((f) => /^assets\/renderApp-[\w-]+\.js$/.test(f))).toBe(true);
    expect(eager.some((f) => /^assets\/engine\.worker-[\w-]+\.js$/.test(f))).toBe(true);
    expect(eagerFrom('node_modules/react-dom/').length).toBeGreaterThan(0);
    expect(eagerFrom('node_modules/@tensorflow/tfjs-backend-wasm/').length).toBeGreaterThan(0);
    expect(sources.has('src/worker/engine.worker.ts')).toBe(true);
  });

  it('leave out the tokenizer library, the ZIP library and the other backends', () => {
    expect(eagerFrom('node_modules/@huggingface/tokenizers/')).toEqual([]);
    expect(eagerFrom('node_modules/fflate/')).toEqual([]);
    expect(eagerFrom('node_modules/@tensorflow/tfjs-backend-webgl/')).toEqual([]);
    expect(eagerFrom('node_modules/@tensorflow/tfjs-backend-webgpu/')).toEqual([]);
    // tfjs-wasm shares a few kernel helpers with the cpu backend; the backend itself stays out.
    expect(sources.has('node_modules/@tensorflow/tfjs-backend-cpu/dist/backend_cpu.js')).toBe(
      false,
    );
  });

  it('leave out the benchmark hooks and the teaching views', () => {
    for (const file of [
      'src/views/bench/browserBench.ts',
      'src/views/heads/benchHook.ts',
      'src/worker/bench.worker.ts',
      'src/engine/benchmark.ts',
      'src/views/teach/steps/StepsView.tsx',
    ])
      expect(sources.has(file), file).toBe(false);
  });

  it('leave out the teaching strings but keep the tab labels', () => {
    expect(sources.has('src/i18n/features/teach.en.ts')).toBe(false);
    expect(sources.has('src/i18n/features/teach.zh.ts')).toBe(false);
    expect(sources.has('src/views/teach/messages.ts')).toBe(false);
    expect(sources.has('src/i18n/features/teachTabs.en.ts')).toBe(true);
    expect(sources.has('src/i18n/features/teachTabs.zh.ts')).toBe(true);
  });

  it('leave out the code that writes export files but keep the menus', () => {
    for (const file of [
      'src/views/export/exporters.ts',
      'src/views/export/figure.ts',
      'src/views/export/png.ts',
      'src/views/export/svg.ts',
      'src/views/export/csv.ts',
      'src/views/export/json.ts',
      'src/views/export/zip.ts',
      'src/views/export/composite.ts',
      'src/views/export/matrixPicture.ts',
      'src/views/export/headPicture.ts',
      'src/views/heads/headsExport.ts',
    ])
      expect(sources.has(file), file).toBe(false);
    expect(sources.has('src/views/export/ExportMenu.tsx')).toBe(true);
    expect(sources.has('src/views/export/PictureExport.tsx')).toBe(true);
  });

  it('load the tokenizer library on demand from the engine worker', () => {
    const worker = eager.find((f) => f.includes('engine.worker-'))!;
    const lazy = dynamicImports(readFileSync(path.join(outDir, worker), 'utf8'));
    const lazySources = lazy.flatMap((f) => [...bytesBySource(outDir, f).keys()]);
    expect(lazySources.some((s) => s.startsWith('node_modules/@huggingface/tokenizers/'))).toBe(
      true,
    );
  });
});
