/**
 * Trains the built-in English→Chinese translator on the project's own corpus, through the
 * engine's training forward (src/engine/train/seq2seq.ts), on tfjs wasm in Node. Seeded and
 * deterministic: same corpus + same seed + same step count = same weights.
 *
 *   npx tsx scripts/train/train.ts            (env: TRAIN_STEPS, TRAIN_BATCH, TRAIN_OUT, TRAIN_SEED)
 *
 * Logs one JSON line per logged step to data/train/log.jsonl and writes checkpoints to
 * data/train/checkpoint/ (and the final model to TRAIN_OUT, default public/models/en-zh-tiny).
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import {
  createPlaygroundWeights,
  initBackend,
  type TransformerConfig,
  floatValues,
} from '../../src/engine/index.ts';
import { Seq2SeqTrainer } from '../../src/engine/train/seq2seq.ts';
import { buildVocab, encodePairs, epochBatches, readJsonl } from './data.ts';
import { exportModel } from './export.ts';
import { greedyDecode } from './greedy.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const STEPS = Number(env('TRAIN_STEPS', '3000'));
const BATCH = Number(env('TRAIN_BATCH', '64'));
const SEED = Number(env('TRAIN_SEED', '1234'));
const OUT = env('TRAIN_OUT', 'public/models/en-zh-tiny');
const LOG_DIR = 'data/train';
const PEAK_LR = Number(env('TRAIN_LR', '1e-3'));
const WARMUP = Number(env('TRAIN_WARMUP', '300'));
const MAX_TARGET = 48;

/** Linear warm-up, then cosine decay to a tenth of the peak at the last step. */
function learningRate(step: number): number {
  if (step < WARMUP) return (PEAK_LR * (step + 1)) / WARMUP;
  const progress = (step - WARMUP) / Math.max(1, STEPS - WARMUP);
  return PEAK_LR * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
}

async function main(): Promise<void> {
  const backend = await initBackend({ preferred: ['wasm'] });
  const train = readJsonl('data/corpus/train.jsonl');
  const valid = readJsonl('data/corpus/valid.jsonl');
  const vocab = buildVocab(train);
  const encoded = encodePairs(train, vocab);
  const validEncoded = encodePairs(valid.slice(0, 300), vocab);
  const config: TransformerConfig = {
    architecture: 'encoder-decoder',
    vocabSize: vocab.source.length,
    targetVocabSize: vocab.target.length,
    dModel: Number(env('TRAIN_DMODEL', '128')),
    numHeads: 4,
    numLayers: 2,
    numDecoderLayers: 2,
    dFF: 4 * Number(env('TRAIN_DMODEL', '128')),
    maxPositions: 128,
    positional: 'sinusoidal',
    positionalBase: 10000,
    norm: 'pre',
    activation: 'relu',
    layerNormEps: 1e-5,
    scale: { kind: 'default' },
    scaleEmbeddings: false,
  };
  const params = new Map<string, tf.Variable>();
  for (const [name, w] of createPlaygroundWeights(config, SEED))
    params.set(name, tf.variable(tf.tensor(floatValues(w.data), w.shape), true, name));
  const paramCount = [...params.values()].reduce((n, v) => n + v.size, 0);
  const trainer = new Seq2SeqTrainer(config, params);
  const optimizer = tf.train.adam(PEAK_LR, 0.9, 0.98, 1e-9);
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = `${LOG_DIR}/log.jsonl`;
  writeFileSync(logPath, '');
  const log = (entry: Record<string, unknown>): void => {
    appendFileSync(logPath, JSON.stringify(entry) + '\n');
    console.log(JSON.stringify(entry));
  };
  log({
    event: 'start',
    backend: backend.name,
    pairs: train.length,
    sourceVocab: vocab.source.length,
    targetVocab: vocab.target.length,
    params: paramCount,
    steps: STEPS,
    batch: BATCH,
    seed: SEED,
  });

  const started = performance.now();
  let epoch = 0;
  let batches = epochBatches(encoded, BATCH, SEED);
  let cursor = 0;
  let lossSum = 0;
  let lossCount = 0;
  const evaluate = (step: number): void => {
    const sources = validEncoded.map((p) => p.source);
    const out = greedyDecode(trainer, sources, MAX_TARGET);
    const exact = out.filter((o, i) => o.join(',') === validEncoded[i]!.target.join(',')).length;
    log({
      event: 'eval',
      step,
      validExact: exact / out.length,
      minutes: (performance.now() - started) / 60000,
    });
  };
  for (let step = 0; step < STEPS; step++) {
    if (cursor >= batches.length) {
      epoch++;
      batches = epochBatches(encoded, BATCH, SEED + epoch);
      cursor = 0;
    }
    const batch = batches[cursor++]!;
    (optimizer as unknown as { learningRate: number }).learningRate = learningRate(step);
    const loss = optimizer.minimize(() => trainer.loss(batch, 0.1), true);
    lossSum += loss!.dataSync()[0]!;
    lossCount++;
    loss!.dispose();
    if ((step + 1) % 25 === 0) {
      log({
        step: step + 1,
        epoch,
        loss: lossSum / lossCount,
        lr: learningRate(step),
        minutes: (performance.now() - started) / 60000,
      });
      lossSum = 0;
      lossCount = 0;
    }
    if ((step + 1) % 500 === 0 || step + 1 === STEPS) {
      evaluate(step + 1);
      exportModel(`${LOG_DIR}/checkpoint`, 'en-zh-tiny', config, params, vocab, MAX_TARGET, {
        step: String(step + 1),
      });
    }
  }
  const minutes = (performance.now() - started) / 60000;
  exportModel(OUT, 'en-zh-tiny', config, params, vocab, MAX_TARGET, {
    steps: String(STEPS),
    seed: String(SEED),
    batch: String(BATCH),
    trainingMinutes: minutes.toFixed(1),
  });
  log({ event: 'done', minutes, out: OUT, tensors: tf.memory().numTensors });
}

void main();
