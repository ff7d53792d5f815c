/**
 * Evaluates a shipped translator on the whole held-out test split and prints the figures the
 * model card reports: exact match (greedy), sense accuracy on ambiguous words, and the attention
 * probe on "bank" sentences (best encoder head and its share, and every head's share).
 *
 *   npm run eval                         (EVAL_LIMIT=500 for a quicker look)
 *   EVAL_DIRECTION=zh-en npm run eval    the Chinese→English model (public/models/zh-en-tiny):
 *                                        exact match (against the pair's English, and against any
 *                                        English the corpus gives for that Chinese), "bank" etc.
 *                                        written for the ambiguous items, cross-attention alignment,
 *                                        and the demo sentences read the other way round.
 */
import { corpusDir } from '../corpus/corpus-dir.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { alignmentShares } from '../../src/analysis/alignment.ts';
import { initBackend } from '../../src/engine/index.ts';
import { readJsonl } from '../train/data.ts';
import { DEMO_SENTENCES } from '../corpus/generate.ts';
import { readTranslatorDir, ZH_EN_MODEL_DIR } from './node-files.ts';
import {
  alignmentItems,
  attentionProbe,
  corpusLexicon,
  oneWordDifferences,
  englishRenderings,
  makeTranslator,
  senseRenderings,
  translatePair,
  ZH_EN_APP_EQUIVALENTS,
  ZH_EN_APP_SENTENCES,
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

async function mainZhEn(): Promise<void> {
  await initBackend({ preferred: ['wasm'] });
  const test = readJsonl(`${corpusDir('zh-en')}/test.jsonl`);
  const train = readJsonl(`${corpusDir('zh-en')}/train.jsonl`);
  const valid = readJsonl(`${corpusDir('zh-en')}/valid.jsonl`);
  const limit = Number(process.env.EVAL_LIMIT ?? test.length);
  const pairs = test.slice(0, limit);
  const translator = makeTranslator(readTranslatorDir(process.env.EVAL_MODEL ?? ZH_EN_MODEL_DIR));
  if (translator.direction !== 'zh-en') throw new Error('EVAL_DIRECTION=zh-en needs a zh-en model');
  const renderings = englishRenderings([...train, ...valid, ...test]);
  const trainChinese = new Set(train.map((p) => p.zh));
  const started = performance.now();
  const outcomes: PairOutcome[] = [];
  for (const pair of pairs) outcomes.push(await translatePair(translator, pair, new Map(), true));
  const seconds = (performance.now() - started) / 1000;
  const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(2)}% (${n}/${d})`;
  const exact = outcomes.filter((o) => o.exact).length;
  const corpusEquivalent = outcomes.filter((o) => renderings.get(o.pair.zh)?.has(o.output)).length;
  const oneEnglish = outcomes.filter((o) => renderings.get(o.pair.zh)!.size === 1);
  const unseen = outcomes.filter((o) => !trainChinese.has(o.pair.zh));
  const unseenExact = unseen.filter((o) => o.exact).length;
  const senses = outcomes.flatMap((o) => o.senses);
  const senseRight = senses.filter(Boolean).length;
  console.log(`held-out pairs: ${outcomes.length} (${seconds.toFixed(1)} s)`);
  console.log(`exact match (the pair's English): ${pct(exact, outcomes.length)}`);
  console.log(
    `exact match (any English the corpus gives that Chinese): ${pct(corpusEquivalent, outcomes.length)}`,
  );
  console.log(
    `  Chinese with one English in the corpus: ${pct(oneEnglish.filter((o) => o.exact).length, oneEnglish.length)}`,
  );
  console.log(`  Chinese not in the training split: ${pct(unseenExact, unseen.length)}`);
  console.log(`right English word for the ambiguous item: ${pct(senseRight, senses.length)}`);
  const words = [...new Set(pairs.flatMap((p) => (p.ambiguous ?? []).map((a) => a.word)))].sort();
  const perWord = Object.fromEntries(
    words.map((word) => {
      const rows = outcomes.flatMap((o) =>
        o.senses.filter((_, i) => o.pair.ambiguous![i]!.word === word),
      );
      return [word, { right: rows.filter(Boolean).length, total: rows.length }];
    }),
  );
  for (const [word, r] of Object.entries(perWord)) console.log(`  ${word}: ${r.right}/${r.total}`);
  const alignment = alignmentShares(alignmentItems(outcomes));
  const lexiconAlignment = alignmentShares(alignmentItems(outcomes, 'lexicon', corpusLexicon()));
  const oneWord = oneWordDifferences(outcomes, 'zh-en');
  console.log(
    `mistakes one word off the pair's English: ${oneWord.total} of ${outcomes.length - exact}; most often ${oneWord.top
      .slice(0, 12)
      .map(([d, n]) => `${d} ${n}`)
      .join(', ')}`,
  );
  const head = (h: { layer: number; head: number; share: number }): string =>
    `L${h.layer + 1}H${h.head + 1} ${(100 * h.share).toFixed(1)}%`;
  console.log(
    `cross-attention alignment (${alignment.pairs} word pairs): best head ${head(alignment.best)}; heads averaged: ${alignment.averaged.map((a) => `layer ${a.layer + 1} ${(100 * a.share).toFixed(1)}%`).join(', ')}`,
  );
  console.log('  per head: ' + alignment.perHead.map(head).join(', '));
  console.log(
    `cross-attention alignment, lexicon nouns and names (${lexiconAlignment.pairs} word pairs): best head ${head(lexiconAlignment.best)}; heads averaged: ${lexiconAlignment.averaged.map((a) => `layer ${a.layer + 1} ${(100 * a.share).toFixed(1)}%`).join(', ')}`,
  );
  console.log('  per head: ' + lexiconAlignment.perHead.map(head).join(', '));
  const demos = [];
  for (const demo of [...DEMO_SENTENCES, ...ZH_EN_APP_SENTENCES]) {
    const o = await translatePair(translator, demo, new Map());
    const equivalents = [
      ...new Set([
        demo.en,
        ...(renderings.get(demo.zh) ?? []),
        ...(ZH_EN_APP_EQUIVALENTS[demo.zh] ?? []),
      ]),
    ];
    demos.push({ zh: demo.zh, expected: demo.en, equivalents, output: o.output });
    console.log(`demo: ${demo.zh} → ${o.output}  (corpus: ${equivalents.join(' / ')})`);
  }
  mkdirSync('data/eval', { recursive: true });
  writeFileSync(
    'data/eval/summary-zh-en.json',
    JSON.stringify(
      {
        direction: 'zh-en',
        pairs: outcomes.length,
        seconds,
        exact: exact / outcomes.length,
        corpusEquivalent: corpusEquivalent / outcomes.length,
        oneEnglish: {
          pairs: oneEnglish.length,
          exact: oneEnglish.filter((o) => o.exact).length / oneEnglish.length,
        },
        unseenChinese: { pairs: unseen.length, exact: unseenExact / unseen.length },
        ambiguousWords: senses.length,
        senseAccuracy: senseRight / senses.length,
        perWord,
        alignment,
        lexiconAlignment,
        oneWordMistakes: { total: oneWord.total, top: oneWord.top.slice(0, 20) },
        demos,
      },
      null,
      2,
    ),
  );
  const wrong = outcomes.filter((o) => !o.exact).slice(0, 15);
  if (wrong.length)
    console.log(
      'first mistakes:\n' +
        wrong.map((o) => `  ${o.pair.zh}\n    want ${o.pair.en}\n    got  ${o.output}`).join('\n'),
    );
  translator.model.dispose();
}

if (process.env.EVAL_DIRECTION === 'zh-en') void mainZhEn();
else void main();
