/**
 * Head importance benchmark (Node, tfjs wasm; issue 16): the time to rank every head of the built-in
 * translator on the bank pair (one teacher-forced forward and one greedy translation per head),
 * and of a BERT-base-sized masked LM (144 heads, bert-base-uncased layout with its MLM head, random
 * weights) at 32 and 128 tokens (one forward per head, KL of the masked token's distribution).
 * Prints total and per-head times beside the goals (translator ≤ 2 s, BERT-base at 32 tokens
 * ≤ 60 s); asserts nothing.
 *
 *   npx tsx scripts/bench/importance.ts
 */
import { readFileSync } from 'node:fs';
import { initBackend, createModel } from '../../src/engine/index.ts';
import { hfWeightsFromSafetensors, normalizeHfConfig } from '../../src/loader/hf/index.ts';
import { writeSafetensors } from '../../src/loader/safetensors.ts';
import {
  allHeads,
  distributionScorer,
  measureImportance,
  translatorScorer,
  type Scorer,
} from '../../src/worker/importance.ts';
import type { HeadRef } from '../../src/engine/index.ts';
import { makeTranslator } from '../eval/translator-metrics.ts';
import { readTranslatorDir } from '../eval/node-files.ts';
import { BERT_BASE_CONFIG, bertBaseTensors } from './llm-checkpoints.ts';

const loadAverage = (): string => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
};

/** Milliseconds to measure every head (progress and result messages dropped). */
async function timeRanking(heads: HeadRef[], scorer: Scorer): Promise<number> {
  let queue = Promise.resolve();
  const t = performance.now();
  await measureImportance(1, heads, scorer, 'zero', new AbortController().signal, {
    post: () => {},
    enqueue: (task) => {
      const done = queue.then(task);
      queue = done.catch(() => {});
      return done;
    },
  });
  return performance.now() - t;
}

const line = (what: string, heads: number, ms: number, goal: string): string =>
  `${what.padEnd(46)} ${String(heads).padStart(5)} heads  ${(ms / 1000).toFixed(2).padStart(7)} s  ${(ms / heads).toFixed(1).padStart(7)} ms/head   goal ${goal}`;

async function main(): Promise<void> {
  await initBackend({ preferred: ['wasm'] });
  console.log(`\nHead importance (tfjs-wasm, one thread); load average ${loadAverage()}`);

  const translator = makeTranslator(readTranslatorDir());
  for (const sentence of ['The bank is near the river.', 'I deposited money in the bank.']) {
    const ids = translator.source.encode(sentence).map((t) => t.id);
    const t0 = performance.now();
    const scorer = await translatorScorer(translator.model, ids, {
      bos: translator.target.ids.bos,
      eos: translator.target.ids.eos,
      maxLength: translator.maxTargetLength,
      decode: (out) => translator.target.decode(out),
    });
    const heads = allHeads(translator.model.config);
    const ms = performance.now() - t0 + (await timeRanking(heads, scorer));
    console.log(line(`translator, "${sentence}"`, heads.length, ms, '≤ 2 s'));
  }
  translator.model.dispose();

  const info = normalizeHfConfig(BERT_BASE_CONFIG);
  const bytes = writeSafetensors(bertBaseTensors(true), 'F32');
  const { weights, config } = hfWeightsFromSafetensors(info.family, info.config, [
    { name: 'model.safetensors', bytes },
  ]);
  const model = createModel(config, weights);
  const heads = allHeads(config);
  for (const tokens of [32, 128]) {
    const ids = Array.from({ length: tokens }, (_, i) => 1000 + ((i * 7919) % 20000));
    ids[tokens >> 1] = 103; // [MASK]
    const t0 = performance.now();
    const scorer = await distributionScorer(model, ids, tokens >> 1, 'kl-masked-token');
    const ms = performance.now() - t0 + (await timeRanking(heads, scorer));
    console.log(
      line(
        `BERT-base-sized masked LM, ${tokens} tokens`,
        heads.length,
        ms,
        tokens === 32 ? '≤ 60 s' : '–',
      ),
    );
  }
  model.dispose();
  console.log(`load average at the end ${loadAverage()}`);
}

void main();
