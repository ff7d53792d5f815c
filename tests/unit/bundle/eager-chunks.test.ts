/**
 * What the first page loads. A production build (with source maps, into a temporary folder) is
 * read from index.html through static imports, the engine worker and the interface's chunk (both
 * started at page load, see main.tsx), and
 * the source modules of those chunks must not include the parts that load only when used: the
 * Hugging Face tokenizer library, the ZIP library of the export, the webgl/webgpu/cpu backends,
 * the benchmark hooks, the teaching views and their strings (only the tab labels, teachTabs.*.ts,
 * are on the first page), and the code that writes export files (loaded when an export is chosen;
 * the menus themselves are on the first page), and the Chinese font's CSS and files (loaded when
 * Chinese is first shown). The browser benchmark (scripts/bench/browser.ts) reports their weight.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
      'src/views/train/TrainView.tsx',
      'src/worker/train.worker.ts',
      'src/worker/trainClient.ts',
      'src/engine/train/tiny.ts',
      'src/i18n/features/train.en.ts',
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

  it('leave out the Chinese font: its CSS and woff2 subsets load when Chinese is first shown', () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const linkedCss = [...html.matchAll(/href="\/?(assets\/[\w-]+\.css)"/g)].map((m) => m[1]!);
    expect(linkedCss.length).toBeGreaterThan(0);
    for (const file of linkedCss)
      expect(readFileSync(path.join(outDir, file), 'utf8'), file).not.toContain('@font-face');
    // Only the small watcher that starts the load is on the first page.
    expect(sources.has('src/views/fonts/chineseFont.ts')).toBe(true);
    expect(eagerFrom('node_modules/@fontsource/')).toEqual([]);

    const assets = readdirSync(path.join(outDir, 'assets'));
    const read = (f: string) => readFileSync(path.join(outDir, 'assets', f), 'utf8');
    const fontCss = assets.filter(
      (f) =>
        f.endsWith('.css') && /@font-face\s*\{\s*font-family:\s*['"]?Noto Sans SC/.test(read(f)),
    );
    expect(fontCss).toHaveLength(1);
    const css = read(fontCss[0]!);
    // CJK subsets only (no Latin face), woff2 only, served by the app itself.
    expect(css.match(/@font-face/g)!.length).toBeGreaterThan(50);
    expect(css).toMatch(/unicode-range:\s*U\+/);
    expect(css).not.toMatch(/U\+0000-00FF/i);
    expect(css).not.toMatch(/\.woff\)|https?:/);
    // One woff2 per face: a file of the build, or inlined when under Vite's 4 KB limit.
    const urls = [...css.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!.replace(/["']/g, ''));
    expect(urls).toHaveLength(css.match(/@font-face/g)!.length);
    for (const url of urls)
      expect(url.slice(0, 60)).toMatch(
        /^(?:\/assets\/noto-sans-sc-\d+-400-normal-[\w-]+\.woff2|data:font\/woff2;)/,
      );
    expect(assets.filter((f) => f.endsWith('.woff'))).toEqual([]);
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
