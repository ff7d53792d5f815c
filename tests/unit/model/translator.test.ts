/**
 * The shipped translator (public/models/en-zh-tiny), loaded through the app's validated reader
 * and run through the app's own path (engine model + greedy decoding), on a fixed sample of
 * held-out pairs regenerated from the corpus seed. The thresholds are the goals; the model
 * card reports the full-split figures from `npm run eval`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/index.ts';
import { parseTranslator } from '../../../src/loader/translator.ts';
import { generateCorpus, DEMO_SENTENCES, type Pair } from '../../../scripts/corpus/generate.ts';
import { readTranslatorDir, BUILT_IN_MODEL_DIR } from '../../../scripts/eval/node-files.ts';
import {
  makeTranslator,
  senseRenderings,
  translatePair,
  type PairOutcome,
  type Translator,
} from '../../../scripts/eval/translator-metrics.ts';

let translator: Translator;
let train: Pair[];
let sample: Pair[];
let ambiguousSample: Pair[];

/** Every k-th pair, so the sample spreads over the whole split and never changes. */
const evenly = <T>(items: T[], count: number): T[] =>
  Array.from(
    { length: Math.min(count, items.length) },
    (_, i) => items[Math.floor((i * items.length) / count)]!,
  );

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
  translator = makeTranslator(readTranslatorDir());
  const corpus = generateCorpus(1234);
  train = corpus.train;
  sample = evenly(corpus.test, 300);
  ambiguousSample = evenly(
    corpus.test.filter((p) => (p.ambiguous ?? []).length > 0),
    200,
  );
});

afterAll(() => translator?.model.dispose());

async function run(pairs: Pair[]): Promise<PairOutcome[]> {
  const renderings = senseRenderings(train);
  const out: PairOutcome[] = [];
  for (const p of pairs) out.push(await translatePair(translator, p, renderings));
  return out;
}

describe('built-in translator (shipped weights)', () => {
  it('translates ≥ 90% of 300 held-out pairs exactly (greedy)', async () => {
    const outcomes = await run(sample);
    const exact = outcomes.filter((o) => o.exact).length / outcomes.length;
    expect(outcomes.length).toBe(300);
    expect(exact).toBeGreaterThanOrEqual(0.9);
  });

  it('picks the right sense of the ambiguous word in ≥ 97% of 200 held-out pairs', async () => {
    const outcomes = await run(ambiguousSample);
    const senses = outcomes.flatMap((o) => o.senses);
    expect(senses.length).toBeGreaterThanOrEqual(200);
    expect(senses.filter(Boolean).length / senses.length).toBeGreaterThanOrEqual(0.97);
  });

  it('tells bank from bank in the two demo sentences (held out of training)', async () => {
    const [river, money] = await run([
      DEMO_SENTENCES.find((d) => d.en === 'The bank is near the river.')!,
      DEMO_SENTENCES.find((d) => d.en === 'I deposited money in the bank.')!,
    ]);
    expect(river!.output).toMatch(/河岸|岸边/);
    expect(river!.output).not.toContain('银行');
    expect(money!.output).toContain('银行');
  });

  it('rejects a truncated model.safetensors with a readable error', () => {
    const dir = BUILT_IN_MODEL_DIR;
    const bytes = new Uint8Array(readFileSync(`${dir}/model.safetensors`));
    const parse = (b: Uint8Array): unknown =>
      parseTranslator(
        readFileSync(`${dir}/config.json`, 'utf8'),
        b,
        readFileSync(`${dir}/vocab.json`, 'utf8'),
      );
    expect(() => parse(bytes.subarray(0, bytes.length - 1000))).toThrow(/^model\.safetensors: /);
    expect(() => parse(bytes.subarray(0, 4))).toThrow(
      'model.safetensors: file is 4 bytes, too short',
    );
  });
});
