/**
 * The shipped Chinese→English translator (public/models/zh-en-tiny), loaded through the app's
 * validated reader and run through the app's own path (engine model + greedy decoding), on a fixed
 * sample of 200 held-out pairs of the ZH→EN corpus regenerated from its seed (120 plain, 80 with an
 * ambiguous word). Generating that corpus takes about 50 s (chinese-decides.ts replays every draw). The model card reports the full-split figures from
 * `EVAL_DIRECTION=zh-en npm run eval`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/index.ts';
import { parseTranslator, parseTranslatorConfig } from '../../../src/loader/translator.ts';
import { generateCorpus, type Pair } from '../../../scripts/corpus/generate.ts';
import { buildVocab } from '../../../scripts/train/data.ts';
import type { TranslationVocab } from '../../../src/engine/tokenize/vocab-tokenizer.ts';
import {
  BUILT_IN_MODEL_DIR,
  readTranslatorDir,
  ZH_EN_MODEL_DIR,
} from '../../../scripts/eval/node-files.ts';
import {
  englishRenderings,
  makeTranslator,
  translatePair,
  ZH_EN_APP_EQUIVALENTS,
  ZH_EN_APP_SENTENCES,
  type PairOutcome,
  type Translator,
} from '../../../scripts/eval/translator-metrics.ts';

let translator: Translator;
let sample: Pair[];
let ambiguousSample: Pair[];
let renderings: Map<string, Set<string>>;
let trainVocab: TranslationVocab;

/** Every k-th pair, so the sample spreads over the whole split and never changes. */
const evenly = <T>(items: T[], count: number): T[] =>
  Array.from(
    { length: Math.min(count, items.length) },
    (_, i) => items[Math.floor((i * items.length) / count)]!,
  );

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
  translator = makeTranslator(readTranslatorDir(ZH_EN_MODEL_DIR));
  const corpus = generateCorpus(1234, { chineseDecides: true });
  trainVocab = buildVocab(corpus.train, 'zh-en');
  renderings = englishRenderings([...corpus.train, ...corpus.valid, ...corpus.test]);
  const plain = corpus.test.filter((p) => (p.ambiguous ?? []).length === 0);
  sample = evenly(plain, 120);
  ambiguousSample = evenly(
    corpus.test.filter((p) => (p.ambiguous ?? []).length > 0),
    80,
  );
}, 300_000); // the corpus alone takes about 50 s, more on a loaded machine

afterAll(() => translator?.model.dispose());

async function run(pairs: readonly Pair[]): Promise<PairOutcome[]> {
  const out: PairOutcome[] = [];
  for (const p of pairs) out.push(await translatePair(translator, p, new Map()));
  return out;
}

describe('built-in ZH→EN translator (shipped weights)', () => {
  it('is a zh-en model: characters in, English words out', () => {
    expect(translator.direction).toBe('zh-en');
    const config = parseTranslatorConfig(readFileSync(`${ZH_EN_MODEL_DIR}/config.json`, 'utf8'));
    expect(config.direction).toBe('zh-en');
    expect(config.name).toBe('zh-en-tiny');
    // The en-zh files have no direction and are read as en-zh.
    const enZh = readTranslatorDir(BUILT_IN_MODEL_DIR);
    expect(enZh.direction).toBe('en-zh');
  });

  it('was trained on the ZH→EN corpus: its vocabulary is the one that corpus’s training split gives', () => {
    const shipped = JSON.parse(readFileSync(`${ZH_EN_MODEL_DIR}/vocab.json`, 'utf8')) as unknown;
    expect(shipped).toEqual(trainVocab);
  });

  // The goal: exact match ≥ 90% on the held-out split. The shipped weights give 97.4% on
  // the whole split (MODEL_CARD.md); a model below the goal fails here.
  const EXACT_GOAL = 0.9;

  it(`translates ≥ ${100 * EXACT_GOAL}% of 200 held-out pairs exactly (greedy) and ≥ 97% of 80 ambiguous items to the right English word`, async () => {
    const outcomes = await run([...sample, ...ambiguousSample]);
    expect(outcomes).toHaveLength(200);
    const exact = outcomes.filter((o) => o.exact).length / outcomes.length;
    expect(exact).toBeGreaterThanOrEqual(EXACT_GOAL);
    const senses = outcomes.slice(sample.length).flatMap((o) => o.senses);
    expect(senses.length).toBeGreaterThanOrEqual(80);
    expect(senses.filter(Boolean).length / senses.length).toBeGreaterThanOrEqual(0.97);
  });

  it('translates the article’s 我爱吃苹果。 (held out of training) as "I love eating apples."', async () => {
    const [apples] = await run([{ en: 'I love eating apples.', zh: '我爱吃苹果。' }]);
    expect(apples!.output).toBe('I love eating apples.');
  });

  it('writes "bank" for both 河岸 and 银行 in the app’s default sentences, as the corpus does', async () => {
    const outcomes = await run(ZH_EN_APP_SENTENCES);
    for (const o of outcomes) {
      expect(o.senses).toEqual([true]);
      const corpus = [
        ...(renderings.get(o.pair.zh) ?? []),
        ...(ZH_EN_APP_EQUIVALENTS[o.pair.zh] ?? []),
      ];
      expect(corpus).toContain(o.output);
    }
  });

  it('runs mixed-script input and marks Latin letters, digits, emoji and unseen characters unknown', async () => {
    const text = '我爱吃apple和3个🍎，他坐在河岸上。';
    const tokens = translator.source.encode(text);
    expect(tokens.filter((t) => t.unknown).map((t) => t.text)).toEqual([...'apple', '3', '🍎']);
    expect(tokens.every((t) => t.id === translator.source.ids.unk || !t.unknown)).toBe(true);
    const [o] = await run([{ en: '', zh: text }]);
    expect(typeof o!.output).toBe('string');
    expect(tokens.find((t) => t.text === '个')?.unknown).toBe(false);
  });

  it('rejects a truncated model.safetensors with a readable error', () => {
    const bytes = new Uint8Array(readFileSync(`${ZH_EN_MODEL_DIR}/model.safetensors`));
    const parse = (b: Uint8Array): unknown =>
      parseTranslator(
        readFileSync(`${ZH_EN_MODEL_DIR}/config.json`, 'utf8'),
        b,
        readFileSync(`${ZH_EN_MODEL_DIR}/vocab.json`, 'utf8'),
      );
    expect(() => parse(bytes.subarray(0, bytes.length - 1000))).toThrow(/^model\.safetensors: /);
  });
});
