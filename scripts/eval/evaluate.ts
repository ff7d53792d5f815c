/**
 * Evaluates the shipped translator on the whole held-out test split and prints the figures the
 * model card reports: exact match (greedy), sense accuracy on ambiguous words, and the attention
 * probe on "bank" sentences (best encoder head and its share, and every head's share).
 *
 *   npm run eval            (EVAL_LIMIT=500 for a quicker look)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { initBackend } from '../../src/engine/index.ts';
import { readJsonl } from '../train/data.ts';
import { DEMO_SENTENCES } from '../corpus/generate.ts';
import { readTranslatorDir } from './node-files.ts';
import {
  attentionProbe,
  makeTranslator,
  senseRenderings,
  translatePair,
  type PairOutcome,
} from './translator-metrics.ts';

async function main(): Promise<void> {
  await initBackend({ preferred: ['wasm'] });
  const test = readJsonl('data/corpus/test.jsonl');
  const train = readJsonl('data/corpus/train.jsonl');
  const limit = Number(process.env.EVAL_LIMIT ?? test.length);
  const pairs = test.slice(0, limit);
  const translator = makeTranslator(readTranslatorDir());
  const renderings = senseRenderings(train);
  const started = performance.now();
  const outcomes: PairOutcome[] = [];
  for (const pair of pairs) outcomes.push(await translatePair(translator, pair, renderings, true));
  const exact = outcomes.filter((o) => o.exact).length;
  const senses = outcomes.flatMap((o) => o.senses);
  const senseRight = senses.filter(Boolean).length;
  console.log(
    `held-out pairs: ${outcomes.length} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(
    `exact match: ${((100 * exact) / outcomes.length).toFixed(2)}% (${exact}/${outcomes.length})`,
  );
  console.log(
    `right sense: ${((100 * senseRight) / senses.length).toFixed(2)}% (${senseRight}/${senses.length} ambiguous words)`,
  );
  const words = [...new Set(pairs.flatMap((p) => (p.ambiguous ?? []).map((a) => a.word)))].sort();
  for (const word of words) {
    const rows = outcomes.flatMap((o) =>
      o.senses.filter((_, i) => o.pair.ambiguous![i]!.word === word),
    );
    console.log(`  ${word}: ${rows.filter(Boolean).length}/${rows.length}`);
  }
  const probe = attentionProbe(outcomes, 'bank');
  console.log(
    `attention probe (bank → deciding word, ${probe.sentences} sentences): best head L${probe.best.layer + 1}H${probe.best.head + 1} ${(100 * probe.best.share).toFixed(1)}%`,
  );
  console.log(
    '  per head: ' +
      probe.perHead
        .map((h) => `L${h.layer + 1}H${h.head + 1} ${(100 * h.share).toFixed(0)}%`)
        .join(', '),
  );
  const perWord = Object.fromEntries(
    words.map((word) => {
      const rows = outcomes.flatMap((o) =>
        o.senses.filter((_, i) => o.pair.ambiguous![i]!.word === word),
      );
      return [word, { right: rows.filter(Boolean).length, total: rows.length }];
    }),
  );
  const demos = [];
  for (const demo of DEMO_SENTENCES) {
    const o = await translatePair(translator, demo, renderings);
    demos.push({ en: demo.en, expected: demo.zh, output: o.output });
    console.log(`demo: ${demo.en} → ${o.output}${o.exact ? '' : ` (corpus rule: ${demo.zh})`}`);
  }
  mkdirSync('data/eval', { recursive: true });
  writeFileSync(
    'data/eval/summary.json',
    JSON.stringify(
      {
        pairs: outcomes.length,
        exact: exact / outcomes.length,
        ambiguousWords: senses.length,
        senseAccuracy: senseRight / senses.length,
        perWord,
        probe,
        demos,
      },
      null,
      2,
    ),
  );
  const wrong = outcomes.filter((o) => !o.exact).slice(0, 10);
  if (wrong.length)
    console.log(
      'first mistakes:\n' +
        wrong.map((o) => `  ${o.pair.en}\n    want ${o.pair.zh}\n    got  ${o.output}`).join('\n'),
    );
  translator.model.dispose();
}

void main();
