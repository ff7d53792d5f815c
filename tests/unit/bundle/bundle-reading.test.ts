/**
 * The build-reading helpers of the benchmarks (scripts/bench/bundle.ts) on small hand-made
 * chunks and source maps, with exact answers.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bytesBySource,
  dynamicImports,
  eagerClosure,
  htmlEntries,
  packageOf,
  shortSource,
  staticImports,
  workerScripts,
} from '../../../scripts/bench/bundle';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function writeAssets(files: Record<string, string>): string {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-bundle-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
  }
  return dir;
}

describe('import scanning', () => {
  it('tells static imports, dynamic imports and worker scripts apart', () => {
    const code =
      'import{a as b}from"./store-A1.js";import"./side-B2.js";' +
      'const t=await import(`./tokenizers-C3.js`);' +
      'new Worker(new URL(`/assets/engine.worker-D4.js`,``+import.meta.url),{type:`module`})';
    expect(staticImports(code)).toEqual(['assets/store-A1.js', 'assets/side-B2.js']);
    expect(dynamicImports(code)).toEqual(['assets/tokenizers-C3.js']);
    expect(workerScripts(code)).toEqual(['assets/engine.worker-D4.js']);
  });

  it("reads the page's module script and modulepreloads", () => {
    const html =
      '<script type="module" crossorigin src="/assets/index-X.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/store-Y.js">' +
      '<link rel="stylesheet" href="/assets/index-Z.css">';
    expect(htmlEntries(html)).toEqual(['assets/index-X.js', 'assets/store-Y.js']);
  });

  it('follows static imports, and workers and dynamic imports started at load only', () => {
    const root = writeAssets({});
    const assets = path.join(root, 'assets');
    mkdirSync(assets);
    writeFileSync(
      path.join(assets, 'index-1.js'),
      'import"./a-1.js";import("./lazy-1.js");import("./boot-1.js");new Worker(new URL("/assets/engine.worker-1.js",import.meta.url));new Worker(new URL("/assets/other.worker-1.js",import.meta.url))',
    );
    writeFileSync(path.join(assets, 'a-1.js'), 'export const a=1');
    writeFileSync(path.join(assets, 'lazy-1.js'), 'export const l=1');
    writeFileSync(path.join(assets, 'boot-1.js'), 'import"./b-1.js"');
    writeFileSync(path.join(assets, 'b-1.js'), '');
    writeFileSync(path.join(assets, 'engine.worker-1.js'), 'import"./w-1.js"');
    writeFileSync(path.join(assets, 'w-1.js'), '');
    writeFileSync(path.join(assets, 'other.worker-1.js'), '');
    expect(eagerClosure(root, ['assets/index-1.js'], /^(?:engine\.worker|boot)-/)).toEqual([
      'assets/a-1.js',
      'assets/b-1.js',
      'assets/boot-1.js',
      'assets/engine.worker-1.js',
      'assets/index-1.js',
      'assets/w-1.js',
    ]);
  });
});

describe('bytes by source module', () => {
  it('gives each mapped segment the text up to the next one, glue to (unmapped)', () => {
    // Fields: generated column, source index, source line, source column (all relative).
    // Line 0: "AAAA" maps col 0 to source 0; "ICAA" moves to col 4 and source 1; "E" is a
    // one-field segment (col 6) with no source. Line 1: "AAAA" col 0 → source 1 again (relative 0).
    const root = writeAssets({
      'c.js': 'abcdEFgh\nxyz',
      'c.js.map': JSON.stringify({
        version: 3,
        sources: ['../../src/views/a.ts', '../../node_modules/@scope/pkg/dist/b.js'],
        mappings: 'AAAA,ICAA,E;AAAA',
      }),
    });
    const bytes = bytesBySource(root, 'c.js');
    expect(Object.fromEntries(bytes)).toEqual({
      'src/views/a.ts': 4,
      'node_modules/@scope/pkg/dist/b.js': 2 + 3,
      '(unmapped)': 2 + 1, // "gh" and the newline
    });
  });

  it('names sources the way a reader knows them', () => {
    expect(shortSource('../../node_modules/react-dom/cjs/x.js')).toBe(
      'node_modules/react-dom/cjs/x.js',
    );
    expect(shortSource('../../src/store/index.ts')).toBe('src/store/index.ts');
    expect(packageOf('node_modules/@tensorflow/tfjs-core/dist/ops.js')).toBe(
      '@tensorflow/tfjs-core',
    );
    expect(packageOf('node_modules/react-dom/cjs/x.js')).toBe('react-dom');
    expect(packageOf('src/store/index.ts')).toBe('src/store/index.ts');
  });
});
