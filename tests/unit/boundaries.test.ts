/**
 * Architecture boundaries, checked on the source text (no bundler involved):
 *  - the UI side (views, store, i18n) and analysis never import tfjs;
 *  - the engine never imports React, zustand, d3 or the app's UI/worker layers;
 *  - analysis is pure: it imports nothing outside src/analysis but src/lib, which imports nothing;
 *  - no file in src/ uses a raw-HTML sink (token texts are user input), d3's selection.html() included.
 * Imports and sinks are found with the TypeScript parser, so comments and strings don't count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = path.join(ROOT, 'src');
const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

interface SourceFile {
  /** Path relative to the repo root, with forward slashes. */
  rel: string;
  abs: string;
  text: string;
}

function listCode(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...listCode(abs));
    else if (CODE.test(name) && !name.endsWith('.d.ts')) out.push(abs);
  }
  return out;
}

const toRel = (abs: string) => path.relative(ROOT, abs).split(path.sep).join('/');

const FILES: SourceFile[] = listCode(SRC).map((abs) => ({
  abs,
  rel: toRel(abs),
  text: readFileSync(abs, 'utf8'),
}));

const inDir = (dirs: string[]) =>
  FILES.filter((f) => dirs.some((d) => f.rel === `src/${d}` || f.rel.startsWith(`src/${d}/`)));

function scriptKind(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
}

/** Every module specifier: static imports/exports (type-only too), dynamic import(), require(). */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** Resolves a specifier to a repo-relative path when it points into the repo, else null (a package). */
function localTarget(fromRel: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    return toRel(path.resolve(ROOT, path.dirname(fromRel), spec));
  }
  if (spec.startsWith('/')) return toRel(path.join(ROOT, spec)); // Vite's root-absolute imports
  if (spec.startsWith('@/')) return `src/${spec.slice(2)}`; // a common alias, in case one is added
  if (spec.startsWith('src/')) return spec;
  return null;
}

const within = (rel: string, dir: string) => rel === dir || rel.startsWith(`${dir}/`);

const SINK_NAMES = new Set([
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'dangerouslySetInnerHTML',
]);

/** Raw-HTML sinks used in code (identifiers, `x['innerHTML']`, JSX props, document.write). */
function htmlSinksOf(file: string, text: string): string[] {
  const sf = parse(file, text);
  const found: string[] = [];
  const where = (node: ts.Node) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return `${file}:${line + 1}`;
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && SINK_NAMES.has(node.text)) {
      found.push(`${where(node)} ${node.text}`);
    } else if (
      ts.isElementAccessExpression(node) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      SINK_NAMES.has(node.argumentExpression.text)
    ) {
      found.push(`${where(node)} ${node.argumentExpression.text}`);
    } else if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'document' &&
      (node.name.text === 'write' || node.name.text === 'writeln')
    ) {
      found.push(`${where(node)} document.${node.name.text}`);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length > 0 &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'html'
    ) {
      found.push(`${where(node)} .html() (d3 selection.html writes raw HTML)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const TFJS = /^@tensorflow\//;
const UI_PACKAGES = /^(?:react|react-dom|zustand|d3|d3-[\w-]+)(?:\/.*)?$/;

function violations(
  files: SourceFile[],
  bad: (spec: string, target: string | null, file: SourceFile) => boolean,
): string[] {
  return files.flatMap((f) =>
    importsOf(f.text)
      .filter((spec) => bad(spec, localTarget(f.rel, spec), f))
      .map((spec) => `${f.rel} imports '${spec}'`),
  );
}

describe('the checker itself', () => {
  it('scans the source tree', () => {
    expect(FILES.length).toBeGreaterThan(0);
    expect(inDir(['engine']).length).toBeGreaterThan(0);
  });

  it('finds every kind of import', () => {
    const text = [
      "import * as tf from '@tensorflow/tfjs-core';",
      "import type { X } from '../views/App';",
      "export { y } from 'd3-scale';",
      "import 'zustand';",
      "const m = await import('react-dom/client');",
      "const r = require('react');",
      "// import nope from 'comment-only';",
      'const s = "import fake from \'string-only\'";',
    ].join('\n');
    expect(importsOf(text).sort()).toEqual(
      [
        '../views/App',
        '@tensorflow/tfjs-core',
        'd3-scale',
        'react',
        'react-dom/client',
        'zustand',
      ].sort(),
    );
  });

  it('finds every kind of raw-HTML sink, and ignores comments', () => {
    const text = [
      'el.innerHTML = s;',
      "el['outerHTML'] = s;",
      "el.insertAdjacentHTML('beforeend', s);",
      "select(node).html('<b>' + s + '</b>');",
      'select(node).text(s);',
      'document.write(s);',
      'const v = <div dangerouslySetInnerHTML={{ __html: s }} />;',
      '// el.innerHTML is not used here',
      'el.textContent = s;',
    ].join('\n');
    expect(htmlSinksOf('src/views/x.tsx', text)).toHaveLength(6);
  });
});

describe('module boundaries', () => {
  it('views, store, i18n and analysis do not import tfjs', () => {
    const files = inDir(['views', 'store', 'i18n', 'analysis']);
    expect(files.length, 'no files scanned under src/views|store|i18n|analysis').toBeGreaterThan(0);
    expect(violations(files, (spec) => TFJS.test(spec))).toEqual([]);
  });

  it('the engine does not import React, zustand, d3, views, store or worker', () => {
    const files = inDir(['engine']);
    expect(files.length, 'no files scanned under src/engine').toBeGreaterThan(0);
    const bad = violations(
      files,
      (spec, target) =>
        UI_PACKAGES.test(spec) ||
        (target !== null &&
          ['src/views', 'src/store', 'src/worker'].some((dir) => within(target, dir))),
    );
    expect(bad).toEqual([]);
  });

  it('analysis is pure: it imports nothing outside src/analysis but the pure helpers in src/lib', () => {
    const files = inDir(['analysis']);
    expect(files.length, 'no files scanned under src/analysis').toBeGreaterThan(0);
    const bad = violations(
      files,
      (_spec, target) =>
        target === null || !(within(target, 'src/analysis') || within(target, 'src/lib')),
    );
    expect(bad).toEqual([]);
  });

  it('src/lib is pure: it imports no package and nothing outside src/lib', () => {
    const files = inDir(['lib']);
    expect(files.length, 'no files scanned under src/lib').toBeGreaterThan(0);
    const bad = violations(files, (_spec, target) => target === null || !within(target, 'src/lib'));
    expect(bad).toEqual([]);
  });
});

describe('no raw HTML', () => {
  it('no file in src/ writes raw HTML (innerHTML, outerHTML, insertAdjacentHTML, dangerouslySetInnerHTML, document.write, d3 .html())', () => {
    expect(FILES.length).toBeGreaterThan(0);
    expect(FILES.flatMap((f) => htmlSinksOf(f.rel, f.text))).toEqual([]);
  });
});
