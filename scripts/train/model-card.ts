/**
 * Writes public/models/en-zh-tiny/MODEL_CARD.md and loss.svg from the training log
 * (data/train/log.jsonl) and the evaluation summary (data/eval/summary.json, from `npm run eval`).
 * CARD_DIRECTION=zh-en writes public/models/zh-en-tiny's from data/train-zh-en/log.jsonl and
 * data/eval/summary-zh-en.json (`EVAL_DIRECTION=zh-en npm run eval`).
 *
 *   npx tsx scripts/train/model-card.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AlignmentResult } from '../../src/analysis/alignment.ts';
import { corpusStats, generateCorpus, type GenerationReport } from '../corpus/generate.ts';
import type { ProbeResult } from '../eval/translator-metrics.ts';

const ZH_EN = process.env.CARD_DIRECTION === 'zh-en';
const DIR = ZH_EN ? 'public/models/zh-en-tiny' : 'public/models/en-zh-tiny';
const LOG = ZH_EN ? 'data/train-zh-en/log.jsonl' : 'data/train/log.jsonl';
const SUMMARY = ZH_EN ? 'data/eval/summary-zh-en.json' : 'data/eval/summary.json';

interface LogLine {
  event?: string;
  step?: number;
  loss?: number;
  minutes?: number;
  validExact?: number;
  params?: number;
  pairs?: number;
  batch?: number;
  seed?: number;
  steps?: number;
  sourceVocab?: number;
  targetVocab?: number;
}

interface Summary {
  pairs: number;
  exact: number;
  ambiguousWords: number;
  senseAccuracy: number;
  perWord: Record<string, { right: number; total: number }>;
  probe?: ProbeResult;
  demos: { en: string; expected: string; output: string }[];
}

const log = readFileSync(LOG, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as LogLine);
const summary = JSON.parse(readFileSync(SUMMARY, 'utf8')) as Summary;
const start = log.find((l) => l.event === 'start')!;
const done = log.find((l) => l.event === 'done')!;
const losses = log.filter((l) => l.loss !== undefined);
const evals = log.filter((l) => l.event === 'eval');
const config = (
  JSON.parse(readFileSync(`${DIR}/config.json`, 'utf8')) as { config: Record<string, unknown> }
).config;
const rewrite: GenerationReport = { rewritten: 0, sameChinese: 0 };
const stats = corpusStats(generateCorpus(1234, { chineseDecides: ZH_EN }, rewrite));

/** A small SVG line chart of the training loss (label-smoothed cross-entropy). */
function lossSvg(points: { step: number; loss: number }[]): string {
  const w = 640;
  const h = 280;
  const m = { l: 48, r: 16, t: 20, b: 36 };
  const maxStep = Math.max(...points.map((p) => p.step));
  const maxLoss = Math.ceil(Math.max(...points.map((p) => p.loss)));
  const x = (s: number): number => m.l + ((w - m.l - m.r) * s) / maxStep;
  const y = (v: number): number => m.t + (h - m.t - m.b) * (1 - v / maxLoss);
  const path = points
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.step).toFixed(1)},${y(p.loss).toFixed(1)}`)
    .join('');
  const yTicks = Array.from({ length: maxLoss + 1 }, (_, v) => v);
  const xTicks = Array.from({ length: 7 }, (_, i) => Math.round((maxStep * i) / 6));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="11">
<rect width="${w}" height="${h}" fill="white"/>
${yTicks.map((v) => `<line x1="${m.l}" x2="${w - m.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${m.l - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`).join('\n')}
${xTicks.map((s) => `<text x="${x(s)}" y="${h - m.b + 16}" text-anchor="middle">${s}</text>`).join('\n')}
<path d="${path}" fill="none" stroke="#3b528b" stroke-width="1.5"/>
<text x="${w / 2}" y="${h - 4}" text-anchor="middle">training step</text>
<text x="12" y="${m.t - 6}">loss (cross-entropy, label smoothing 0.1)</text>
</svg>
`;
}

writeFileSync(`${DIR}/loss.svg`, lossSvg(losses.map((l) => ({ step: l.step!, loss: l.loss! }))));

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const lossTable = losses
  .filter((l) => l.step === 25 || l.step! % 500 === 0)
  .map((l) => {
    const ev = evals.find((e) => e.step === l.step);
    return `| ${l.step} | ${l.loss!.toFixed(3)} | ${ev ? pct(ev.validExact!) : ''} | ${l.minutes!.toFixed(1)} |`;
  })
  .join('\n');
const best = summary.probe?.best;
const card = ZH_EN
  ? zhEnCard()
  : `# en-zh-tiny: the built-in English → Chinese translator

A small encoder–decoder Transformer trained by this project on its own synthetic corpus, so that
the app can show a model that really resolves ambiguous words ("bank" → 银行 or 河岸) and all three
kinds of attention: encoder self-attention, decoder masked self-attention and cross-attention.
It knows only the corpus grammar's ${stats.englishWords} English words; it is a teaching model, not a
general translator.

## Model
- Architecture: encoder–decoder, ${config.numLayers} + ${config.numDecoderLayers} layers, d_model ${config.dModel}, ${config.numHeads} heads, d_ff ${config.dFF}, ${config.norm}-norm, ${config.activation} FFN, sinusoidal positions.
- Parameters: ${start.params!.toLocaleString('en-US')} (float32, \`model.safetensors\`).
- Vocabulary: ${start.sourceVocab} English tokens (words and punctuation, lower-cased), ${start.targetVocab} Chinese tokens (one per character), each with \`<pad> <unk> <s> </s>\` (\`vocab.json\`).

## Data
- Corpus: \`scripts/corpus\` (seed 1234): ${stats.pairs.train.toLocaleString('en-US')} training pairs, ${stats.pairs.valid.toLocaleString('en-US')} validation, ${stats.pairs.test.toLocaleString('en-US')} held-out test pairs; ${stats.englishWords} English words; sentences of ${stats.length.min}–${stats.length.max} words.
- Ambiguous words with context cues: bank, spring, light, right, bat, date, glass, mouse; pronoun reference ("… because it was too tired / too wide").
- The app's demo sentences are held out of every split.

## Training
- \`npm run train\` (tfjs wasm backend in Node, one thread), seed ${start.seed}, batch ${start.batch}, ${start.steps} steps, Adam (β 0.9/0.98) with warm-up and cosine decay, label smoothing 0.1.
- Training time on the project's 2-core machine: ${done.minutes!.toFixed(1)} minutes.

![training loss](loss.svg)

| step | training loss | validation exact match (300 pairs) | minutes |
| ---: | ---: | ---: | ---: |
${lossTable}

## Evaluation (\`npm run eval\`, the whole held-out test split, greedy decoding)
- Exact-match translation accuracy: **${pct(summary.exact)}** of ${summary.pairs} pairs.
- Right sense of the ambiguous word: **${pct(summary.senseAccuracy)}** of ${summary.ambiguousWords} ambiguous words (${Object.entries(
      summary.perWord,
    )
      .map(([w, r]) => `${w} ${r.right}/${r.total}`)
      .join(', ')}).
- Attention probe: in held-out sentences with "bank" and its deciding word (river, money, deposited, …), the share where an encoder head puts more weight from "bank" on the deciding word than on any other token. Best head: **layer ${best!.layer + 1}, head ${best!.head + 1}: ${pct(best!.share)}** of ${summary.probe!.sentences} sentences. Every head: ${summary.probe!.perHead.map((h) => `L${h.layer + 1}H${h.head + 1} ${pct(h.share)}`).join(', ')}.
- The demo sentences (never seen in training):
${summary.demos.map((d) => `  - ${d.en} → ${d.output}${d.output === d.expected ? '' : ` (the corpus rules give ${d.expected})`}`).join('\n')}

## Limits
Only the grammar's words and sentence shapes; anything else is marked unknown in the app and
translated poorly. The probe is reported as measured; it was not tuned.
`;
/** The Chinese→English model's card (CARD_DIRECTION=zh-en). */
function zhEnCard(): string {
  const z = summary as unknown as ZhEnSummary;
  const a = z.alignment;
  const lz = z.lexiconAlignment;
  const head = (h: { layer: number; head: number; share: number }): string =>
    `L${h.layer + 1}H${h.head + 1} ${pct(h.share)}`;
  const minutes = done.minutes!;
  return `# zh-en-tiny: the built-in Chinese → English translator

The English→Chinese model's twin, read the other way round: trained by this project on its
synthetic corpus (same generator, same seed), with the English rewritten so that the Chinese decides
it (see Data), the source read one character at a time
(punctuation included, as in the article), the target written as English words. It shows the three
kinds of attention with Chinese characters as the source; 河岸 and 银行 must both come out as
"bank". It knows only the corpus grammar's ${stats.chineseChars} characters; it is a teaching model,
not a general translator.

## Model
- Architecture: encoder–decoder, ${config.numLayers} + ${config.numDecoderLayers} layers, d_model ${config.dModel}, ${config.numHeads} heads, d_ff ${config.dFF}, ${config.norm}-norm, ${config.activation} FFN, sinusoidal positions.
- Parameters: ${start.params!.toLocaleString('en-US')} (float32, \`model.safetensors\`).
- Vocabulary: ${start.sourceVocab} Chinese tokens (one per character, punctuation included), ${start.targetVocab} English tokens (words and punctuation, case kept: "I", "The", names), each with \`<pad> <unk> <s> </s>\` (\`vocab.json\`).
- \`config.json\` says \`"direction": "zh-en"\` and \`"split": {"source": "characters", "target": "english-cased"}\`; the app reads a file without a direction as en-zh.
- Anything outside the vocabulary (Latin letters, digits, emoji, characters the corpus never uses) is read as \`<unk>\` and marked unknown in the app.

## Data
- Corpus: \`npm run corpus -- --direction zh-en\` (\`scripts/corpus\`, seed 1234, written to \`data/corpus-zh-en\`), each pair read Chinese → English: ${stats.pairs.train.toLocaleString('en-US')} training pairs, ${stats.pairs.valid.toLocaleString('en-US')} validation, ${stats.pairs.test.toLocaleString('en-US')} held-out test pairs, one English per Chinese, so no Chinese sentence of the test split is in the training split.
- Chinese leaves unmarked much that English must say: 他很饿 is "He is hungry." or "He was hungry.", 猫 is "the cat", "the cats" or "cats". The EN→ZH corpus draws those choices at random (right for that direction, where each English has one Chinese), which made ZH→EN references a coin toss: the first ZH→EN model, trained on it, reached 80.4% exact match, most misses being was/is, a/the and plurals. This corpus rewrites each sentence so that every choice the Chinese does not show takes the grammar's likeliest outcome (\`scripts/corpus/chinese-decides.ts\`: each draw is replayed with each likelier outcome, and the first replay whose Chinese is unchanged is kept); choices the Chinese shows (了, 一只, 们, 很多, time words) stay as drawn. ${rewrite.rewritten.toLocaleString('en-US')} of the ${(stats.pairs.train + stats.pairs.valid + stats.pairs.test).toLocaleString('en-US')} pairs were rewritten; ${rewrite.sameChinese} generated sentences were dropped because their Chinese was already in the corpus with other English. The EN→ZH corpus is unchanged.
- Ambiguous English words: 河岸 / 银行 → bank, 泉水 / 春天 / 弹簧 → spring, …; the right English word must be written whichever Chinese word names the sense.
- The demo sentences are held out of every split (我爱吃苹果。 is never seen; 我们爱吃苹果。 and "X love eating apples." are).

## Training
- \`TRAIN_DIRECTION=zh-en TRAIN_STEPS=${start.steps} npm run train\` (tfjs wasm backend in Node, one thread), seed ${start.seed}, batch ${start.batch}, ${start.steps} steps, Adam (β 0.9/0.98) with warm-up and cosine decay, label smoothing 0.1.
- Training time on the project's 2-core machine (shared with other work while it ran): ${minutes.toFixed(1)} minutes.

![training loss](loss.svg)

| step | training loss | validation exact match (300 pairs) | minutes |
| ---: | ---: | ---: | ---: |
${lossTable}

## Evaluation (\`EVAL_DIRECTION=zh-en npm run eval\`, the whole held-out test split, greedy decoding)
The issue's goals are exact match ≥ 90% and the right English word for ambiguous items ≥ 97%:
${z.exact >= 0.9 ? 'exact match reached' : `**exact match is not reached** (${pct(z.exact)})`}; ${z.senseAccuracy >= 0.97 ? 'the right English word is reached' : `**the right English word is not reached** (${pct(z.senseAccuracy)})`}.
- Exact match with the pair's English: **${pct(z.exact)}** of ${z.pairs} pairs.
- Exact match with an English the corpus gives for that Chinese: **${pct(z.corpusEquivalent)}**; pairs whose Chinese has one English in the corpus: ${pct(z.oneEnglish.exact)} of ${z.oneEnglish.pairs}; pairs whose Chinese is not in the training split: ${pct(z.unseenChinese.exact)} of ${z.unseenChinese.pairs}.
- Right English word for the ambiguous item: **${pct(z.senseAccuracy)}** of ${z.ambiguousWords} (${Object.entries(
    z.perWord,
  )
    .map(([w, r]) => `${w} ${r.right}/${r.total}`)
    .join(', ')}).
- Mistakes one word away from the pair's English: ${z.oneWordMistakes.total} of ${Math.round(z.pairs * (1 - z.exact))}; the most frequent (wanted→written): ${z.oneWordMistakes.top
    .slice(0, 10)
    .map(([d, n]) => `${d} ${n}`)
    .join(', ')}.
- Cross-attention alignment (\`src/analysis/alignment.ts\`, the app's rule), on the held-out pairs: the share of word pairs whose written English word's cross-attention row puts its largest weight on one of the pair's Chinese characters, in the best head and with each layer's heads averaged.
  - Word pairs from the corpus lexicon (every noun, singular or plural, and every name found once on each side): best head **${head(lz.best)}** of ${lz.pairs} word pairs; heads averaged: ${lz.averaged.map((x) => `layer ${x.layer + 1} ${pct(x.share)}`).join(', ')}. Every head: ${lz.perHead.map(head).join(', ')}.
  - The ambiguous words (bank ↔ 河岸 / 银行, …): best head **${head(a.best)}** of ${a.pairs} word pairs; heads averaged: ${a.averaged.map((x) => `layer ${x.layer + 1} ${pct(x.share)}`).join(', ')}. Every head: ${a.perHead.map(head).join(', ')}.
- The demo sentences (the first five are held out of training; the corpus's English for them in brackets when the output differs):
${z.demos.map((d) => `  - ${d.zh} → "${d.output}"${d.equivalents.includes(d.output) ? '' : ` (the corpus gives ${d.equivalents.map((e) => `"${e}"`).join(' / ')})`}`).join('\n')}

## Limits
Only the grammar's characters and sentence shapes; anything else is marked unknown in the app and
translated poorly. Where Chinese leaves tense or number open, the model writes the corpus's likeliest
reading (present tense, "the", singular, depending on the sentence shape), never the other.
The alignment figures are reported as measured; nothing was tuned for them.
`;
}

interface ZhEnSummary {
  pairs: number;
  exact: number;
  corpusEquivalent: number;
  oneEnglish: { pairs: number; exact: number };
  unseenChinese: { pairs: number; exact: number };
  ambiguousWords: number;
  senseAccuracy: number;
  perWord: Record<string, { right: number; total: number }>;
  alignment: AlignmentResult;
  lexiconAlignment: AlignmentResult;
  oneWordMistakes: { total: number; top: [string, number][] };
  demos: { zh: string; expected: string; equivalents: string[]; output: string }[];
}

writeFileSync(`${DIR}/MODEL_CARD.md`, card);
console.log(`wrote ${DIR}/MODEL_CARD.md and loss.svg`);
