/**
 * Reading a production build: which chunks load eagerly, how much they weigh gzipped, and which
 * source modules their bytes come from (through the build's source maps). Used by the browser
 * benchmark (scripts/bench/browser.ts) and by the eager-chunk test (tests/unit/bundle).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `vite build` with source maps into `outDir`. The JS files are the same as a plain build's (same
 * content hashes) but for the trailing `sourceMappingURL` comment; the page never fetches the maps.
 */
export function buildWithSourcemaps(outDir: string): void {
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/.bin/vite'),
      'build',
      '--sourcemap',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`vite build failed (${result.status}): ${result.stderr || result.stdout}`);
}

/** Gzipped size in bytes (level 9, as `gzip -9`). */
export function gzipSize(bytes: Uint8Array | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

/** Asset paths ('assets/x.js') the HTML page loads by itself: module scripts and modulepreloads. */
export function htmlEntries(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?(assets\/[^"]+\.js)"/g))
    out.push(m[1]!);
  return out;
}

/** Chunks a chunk imports statically (`import … from"./x.js"`, `import"./x.js"`), as asset paths. */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+\.js)["'`]/g))
    out.add(`assets/${m[1]!}`);
  return [...out];
}

/** Chunks a chunk loads on demand (`import("./x.js")`), as asset paths. */
export function dynamicImports(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/\bimport\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g))
    out.add(`assets/${m[1]!}`);
  return [...out];
}

/** Worker scripts a chunk can start (`new Worker(new URL("/assets/x.js", …))`), as asset paths. */
export function workerScripts(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/new Worker\(\s*new URL\(\s*["'`]\/?(assets\/[^"'`]+\.js)["'`]/g))
    out.add(m[1]!);
  return [...out];
}

/**
 * Every chunk reachable from `entries` through static imports, and through the worker scripts and
 * dynamic imports whose file name matches `atStart`: those the page starts at load (a worker
 * started at load runs its static imports at once; a dynamic import made at load is eager too).
 */
export function eagerClosure(distDir: string, entries: string[], atStart: RegExp): string[] {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(distDir, file), 'utf8');
    stack.push(...staticImports(code));
    const started = [...workerScripts(code), ...dynamicImports(code)];
    stack.push(...started.filter((f) => atStart.test(path.basename(f))));
  }
  return [...seen].sort();
}

// ---- source maps -------------------------------------------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one mappings segment (base64 VLQ) into its fields. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = BASE64_VALUE.get(c);
    if (digit === undefined) throw new Error(`bad source map character ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** A source path as a reader knows it: `src/…`, or `node_modules/<package>/…`. */
export function shortSource(source: string): string {
  const normal = source.replace(/\\/g, '/');
  const nm = normal.lastIndexOf('node_modules/');
  if (nm >= 0) return normal.slice(nm);
  const src = normal.lastIndexOf('src/');
  return src >= 0 ? normal.slice(src) : normal.replace(/^(\.\.\/)+/, '');
}

/** `node_modules/@scope/pkg/…` → `@scope/pkg`; a file of the app stays as it is. */
export function packageOf(source: string): string {
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return m ? m[1]! : source;
}

/**
 * Bytes of the chunk `file` (in `distDir`, with `file.map` beside it) by source module: each
 * mapped segment owns the generated text up to the next segment on its line. Text that no
 * segment maps (the bundler's glue) is counted under '(unmapped)'.
 */
export function bytesBySource(distDir: string, file: string): Map<string, number> {
  const code = readFileSync(path.join(distDir, file), 'utf8');
  const mapPath = path.join(distDir, `${file}.map`);
  const out = new Map<string, number>();
  const add = (key: string, text: string): void => {
    if (text.length > 0) out.set(key, (out.get(key) ?? 0) + Buffer.byteLength(text));
  };
  if (!existsSync(mapPath)) {
    add('(no source map)', code);
    return out;
  }
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources: string[]; mappings: string };
  const sources = map.sources.map(shortSource);
  const lines = code.split('\n');
  const mapLines = map.mappings.split(';');
  let sourceIndex = 0;
  lines.forEach((line, i) => {
    const segments = (mapLines[i] ?? '').split(',').filter((s) => s.length > 0);
    let column = 0;
    let owner = '(unmapped)';
    let start = 0;
    for (const segment of segments) {
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      add(owner, line.slice(start, column));
      start = column;
      if (fields.length >= 4) {
        sourceIndex += fields[1]!;
        owner = sources[sourceIndex] ?? '(unmapped)';
      } else owner = '(unmapped)';
    }
    add(owner, line.slice(start) + (i < lines.length - 1 ? '\n' : ''));
  });
  return out;
}

/**
 * Where a position of the chunk `file` (in `distDir`, with `file.map` beside it) comes from:
 * `(line, column)` (0-based, as in a CPU profile's call frames) → the source module and its line
 * (1-based), or null where no segment maps it. Null altogether when the chunk has no source map.
 */
export function sourceLocator(
  distDir: string,
  file: string,
): ((line: number, column: number) => { source: string; line: number } | null) | null {
  const mapPath = path.join(distDir, `${file}.map`);
  if (!existsSync(mapPath)) return null;
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources: string[]; mappings: string };
  const sources = map.sources.map(shortSource);
  // Per generated line: segments [column, source index, source line] in column order.
  const lines: number[][][] = [];
  let sourceIndex = 0;
  let sourceLine = 0;
  for (const mapLine of map.mappings.split(';')) {
    const segments: number[][] = [];
    let column = 0;
    for (const segment of mapLine.split(',')) {
      if (segment.length === 0) continue;
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        sourceIndex += fields[1]!;
        sourceLine += fields[2]!;
        segments.push([column, sourceIndex, sourceLine]);
      } else segments.push([column, -1, -1]);
    }
    lines.push(segments);
  }
  return (line, column) => {
    const segments = lines[line];
    if (!segments || segments.length === 0) return null;
    let lo = 0;
    let hi = segments.length - 1;
    if (segments[0]![0]! > column) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]![0]! <= column) lo = mid;
      else hi = mid - 1;
    }
    const [, index, srcLine] = segments[lo]!;
    const source = sources[index!];
    return source === undefined ? null : { source, line: srcLine! + 1 };
  };
}
