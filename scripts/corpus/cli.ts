/**
 * Writes the corpus as JSON lines and prints its statistics.
 *
 *   npx tsx scripts/corpus/cli.ts [--seed 1234] [--direction en-zh|zh-en] [--out data/corpus]
 *
 * --direction zh-en writes the ZH→EN corpus (data/corpus-zh-en): the same generator and seed, with
 * each English rewritten so that its Chinese decides it (chinese-decides.ts), one English per
 * Chinese. en-zh (the default) is the corpus the EN→ZH model was trained on, unchanged.
 *
 * Output: <out>/{train,valid,test}.jsonl, one {"en","zh","ambiguous"?,"pronoun"?} per line,
 * UTF-8, "\n" line endings. Same seed → byte-identical files (the SHA-256 is printed to check).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ANIMALS } from './lexicon.ts';
import {
  DEMO_SENTENCES,
  corpusStats,
  generateCorpus,
  type GenerationReport,
  type Pair,
} from './generate.ts';
import { corpusDir } from './corpus-dir.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v ?? fallback;
}

const seed = Number(arg('seed', '1234'));
if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
const direction = arg('direction', 'en-zh');
if (direction !== 'en-zh' && direction !== 'zh-en')
  throw new Error('--direction must be en-zh or zh-en');
const repoRoot = resolve(import.meta.dirname, '..', '..');
const outDir = resolve(repoRoot, arg('out', corpusDir(direction)));

const t0 = performance.now();
const report: GenerationReport = { rewritten: 0, sameChinese: 0 };
const corpus = generateCorpus(seed, { chineseDecides: direction === 'zh-en' }, report);
const genMs = performance.now() - t0;

mkdirSync(outDir, { recursive: true });
const hashes: string[] = [];
for (const split of ['train', 'valid', 'test'] as const) {
  const text = corpus[split].map((p: Pair) => JSON.stringify(p)).join('\n') + '\n';
  const file = join(outDir, `${split}.jsonl`);
  writeFileSync(file, text, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  hashes.push(`  ${split.padEnd(5)} ${file}  sha256 ${sha.slice(0, 16)}…`);
}

const s = corpusStats(corpus);
const lines: string[] = [];
lines.push(`seed ${seed}, ${direction}, generated in ${(genMs / 1000).toFixed(2)} s`);
if (direction === 'zh-en') {
  lines.push(
    `English rewritten so the Chinese decides it: ${report.rewritten} pairs; Chinese met again with other English (dropped): ${report.sameChinese}`,
  );
}
lines.push(`pairs: train ${s.pairs.train}, valid ${s.pairs.valid}, test ${s.pairs.test}`);
lines.push(`distinct English words: ${s.englishWords} (in train: ${s.englishWordsTrain})`);
lines.push(`distinct Chinese characters (incl. punctuation): ${s.chineseChars}`);
lines.push(
  `English length (words): min ${s.length.min}, max ${s.length.max}, mean ${s.length.mean.toFixed(2)}`,
);
const maxCount = Math.max(...Object.values(s.length.histogram));
for (const [len, count] of Object.entries(s.length.histogram)) {
  const bar = '#'.repeat(Math.max(1, Math.round((40 * count) / maxCount)));
  lines.push(`  ${len.padStart(2)} ${String(count).padStart(6)} ${bar}`);
}
lines.push('ambiguous words in train (sense: pairs):');
for (const [word, senses] of Object.entries(s.senses)) {
  const parts = Object.entries(senses).map(([sense, n]) => `${sense} ${n}`);
  lines.push(`  ${word.padEnd(7)} ${parts.join(', ')}`);
}
const animals = new Set(ANIMALS.map((a) => a.en));
let toAnimal = 0;
let toThing = 0;
for (const [referent, n] of Object.entries(s.referents)) {
  if (animals.has(referent)) toAnimal += n;
  else toThing += n;
}
lines.push(
  `"it" pairs in train: ${toAnimal + toThing} (it = the animal: ${toAnimal}, it = the thing/place: ${toThing})`,
);
lines.push('held-out demo sentences:');
for (const d of DEMO_SENTENCES) lines.push(`  ${d.en}  →  ${d.zh}`);
lines.push('files:');
lines.push(...hashes);
console.log(lines.join('\n'));
