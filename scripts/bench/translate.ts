/**
 * Greedy translation benchmark (Node, tfjs wasm): the built-in translator (public/models/en-zh-tiny)
 * translates a few sentences with every attention weight of the final forward read back, as the
 * app does on each sentence. Prints the median time per sentence through the decode session
 * (encoder once, last-row logits per step) and through the old step-by-step path (`steps:
 * 'full'`: the whole model every step), their ratio, and whether both wrote the same ids.
 * A script, not a test: it prints, it does not assert.
 *
 *   npx tsx scripts/bench/translate.ts      (BENCH_RUNS=15 for steadier medians)
 */
import { initBackend, greedyTranslate, type GreedyOptions } from '../../src/engine/index.ts';
import { readTranslatorDir } from '../eval/node-files.ts';
import { makeTranslator } from '../eval/translator-metrics.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SENTENCES = [
  'The bank is near the river.',
  'I deposited money in the bank.',
  'She reads a book in the quiet library every morning.',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const backend = await initBackend({ preferred: ['wasm'] });
  console.log(`backend: ${backend.name}, threads: ${backend.threads ?? 1}, runs: ${RUNS}`);
  const t = makeTranslator(readTranslatorDir());
  const base: GreedyOptions = {
    bos: t.target.ids.bos,
    eos: t.target.ids.eos,
    maxLength: t.maxTargetLength,
  };
  console.log('sentence | steps | step-by-step ms | session ms | ratio | same ids');
  for (const sentence of SENTENCES) {
    const ids = t.source.encode(sentence).map((x) => x.id);
    const times = { full: [] as number[], cached: [] as number[] };
    const outputs = { full: '', cached: '' };
    let steps = 0;
    // Interleaved, after one warm-up run of each, so both paths see the same machine state.
    for (let run = -1; run < RUNS; run++)
      for (const path of ['full', 'cached'] as const) {
        const started = performance.now();
        const result = await greedyTranslate(t.model, ids, { ...base, steps: path });
        const elapsed = performance.now() - started;
        if (run >= 0) times[path].push(elapsed);
        outputs[path] = result.output.join(',');
        steps = result.output.length + (result.finished ? 1 : 0);
      }
    const full = median(times.full);
    const cached = median(times.cached);
    console.log(
      `${JSON.stringify(sentence)} → ${t.target.decode(outputs.cached.split(',').map(Number))} | ` +
        `${steps} | ${full.toFixed(2)} | ${cached.toFixed(2)} | ${(cached / full).toFixed(2)} | ` +
        `${outputs.full === outputs.cached ? 'yes' : 'NO'}`,
    );
  }
  t.model.dispose();
}

void main();
