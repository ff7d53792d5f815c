/**
 * Trains a built-in translator on the project's own corpus, through the engine's training forward
 * (src/engine/train/seq2seq.ts), on tfjs wasm in Node. Seeded and deterministic: same corpus +
 * same seed + same step count = same weights.
 *
 *   npx tsx scripts/train/train.ts   (env: TRAIN_DIRECTION, TRAIN_STEPS, TRAIN_BATCH, TRAIN_OUT,
 *                                     TRAIN_SEED, TRAIN_RESUME, TRAIN_LOG_DIR,
 *                                     TRAIN_CHECKPOINT_EVERY)
 *
 * TRAIN_DIRECTION=en-zh (default): English words → Chinese characters; logs to data/train/,
 * final model in public/models/en-zh-tiny. TRAIN_DIRECTION=zh-en: Chinese characters (punctuation
 * included) → English words (case kept); logs to data/train-zh-en/, final model in
 * public/models/zh-en-tiny. Both read the same corpus (data/corpus, `npm run corpus`), each pair
 * simply read the other way round.
 *
 * Logs one JSON line per logged step to <log dir>/log.jsonl and writes a checkpoint every 500
 * steps to <log dir>/checkpoint/ (the model as the app loads it, plus the optimizer state and the
 * step in state.json). TRAIN_RESUME=1 continues from that checkpoint with the same schedule and
 * batch order (TRAIN_STEPS must be the same as in the first run).
 */
import { corpusDir } from '../corpus/corpus-dir.ts';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import {
  createPlaygroundWeights,
  initBackend,
  type TransformerConfig,
  floatValues,
} from '../../src/engine/index.ts';
import { Seq2SeqTrainer } from '../../src/engine/train/seq2seq.ts';
import type { TranslationDirection } from '../../src/engine/tokenize/vocab-tokenizer.ts';
import { readSafetensors, writeSafetensors } from '../../src/loader/safetensors.ts';
import { buildVocab, encodePairs, epochBatches, readJsonl } from './data.ts';
import { exportModel } from './export.ts';
import { greedyDecode } from './greedy.ts';

const env = (name: string, fallback: string): string => process.env[name] ?? fallback;
const STEPS = Number(env('TRAIN_STEPS', '3000'));
const BATCH = Number(env('TRAIN_BATCH', '64'));
const SEED = Number(env('TRAIN_SEED', '1234'));
const DIRECTION = env('TRAIN_DIRECTION', 'en-zh') as TranslationDirection;
if (DIRECTION !== 'en-zh' && DIRECTION !== 'zh-en')
  throw new Error(`TRAIN_DIRECTION must be en-zh or zh-en (got ${String(DIRECTION)})`);
const NAME = `${DIRECTION}-tiny`;
const OUT = env('TRAIN_OUT', `public/models/${NAME}`);
const LOG_DIR = env(
  'TRAIN_LOG_DIR',
  DIRECTION === 'en-zh' ? 'data/train' : `data/train-${DIRECTION}`,
);
const CHECKPOINT_EVERY = Number(env('TRAIN_CHECKPOINT_EVERY', '500'));
const CHECKPOINT = `${LOG_DIR}/checkpoint`;
const RESUME = env('TRAIN_RESUME', '') === '1';
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
  const train = readJsonl(`${corpusDir(DIRECTION)}/train.jsonl`);
  const valid = readJsonl(`${corpusDir(DIRECTION)}/valid.jsonl`);
  const vocab = buildVocab(train, DIRECTION);
  const encoded = encodePairs(train, vocab, DIRECTION);
  const validEncoded = encodePairs(valid.slice(0, 300), vocab, DIRECTION);
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
  const firstStep = RESUME ? await restoreCheckpoint(params, optimizer) : 0;
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = `${LOG_DIR}/log.jsonl`;
  // A resumed run keeps the log up to its checkpoint and goes on counting minutes from there.
  const minutesBefore = RESUME ? trimLog(logPath, firstStep) : 0;
  if (!RESUME) writeFileSync(logPath, '');
  const log = (entry: Record<string, unknown>): void => {
    appendFileSync(logPath, JSON.stringify(entry) + '\n');
    console.log(JSON.stringify(entry));
  };
  log({
    event: RESUME ? 'resume' : 'start',
    ...(DIRECTION === 'en-zh' ? {} : { direction: DIRECTION }),
    ...(RESUME ? { fromStep: firstStep } : {}),
    backend: backend.name,
    pairs: train.length,
    sourceVocab: vocab.source.length,
    targetVocab: vocab.target.length,
    params: paramCount,
    steps: STEPS,
    batch: BATCH,
    seed: SEED,
  });

  const started = performance.now() - minutesBefore * 60000;
  let epoch = 0;
  let batches = epochBatches(encoded, BATCH, SEED);
  let cursor = 0;
  if (firstStep > 0) {
    // Every epoch has as many batches, so the resumed step's epoch and batch follow from it.
    epoch = Math.floor(firstStep / batches.length);
    cursor = firstStep % batches.length;
    if (epoch > 0) batches = epochBatches(encoded, BATCH, SEED + epoch);
  }
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
  for (let step = firstStep; step < STEPS; step++) {
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
    if ((step + 1) % CHECKPOINT_EVERY === 0 || step + 1 === STEPS) {
      evaluate(step + 1);
      exportModel(
        CHECKPOINT,
        NAME,
        config,
        params,
        vocab,
        MAX_TARGET,
        { step: String(step + 1) },
        DIRECTION,
      );
      await saveOptimizer(optimizer, step + 1);
    }
  }
  const minutes = (performance.now() - started) / 60000;
  exportModel(
    OUT,
    NAME,
    config,
    params,
    vocab,
    MAX_TARGET,
    {
      steps: String(STEPS),
      seed: String(SEED),
      batch: String(BATCH),
      trainingMinutes: minutes.toFixed(1),
    },
    DIRECTION,
  );
  log({ event: 'done', minutes, out: OUT, tensors: tf.memory().numTensors });
}

/** Adam's moments and step count beside the checkpoint's weights, so a run can resume. */
async function saveOptimizer(optimizer: tf.Optimizer, step: number): Promise<void> {
  const [iterations, ...moments] = await optimizer.getWeights();
  iterations!.tensor.dispose(); // a new scalar each call (and Adam never counts it up)
  const tensors = moments.map((w) => ({
    name: w.name,
    shape: w.tensor.shape,
    data: w.tensor.dataSync() as Float32Array,
  }));
  // Adam's bias corrections β^(t+1), exactly as the run has them (float32 products, not pow).
  const acc = adamPowers(optimizer);
  writeFileSync(
    `${CHECKPOINT}/optimizer.safetensors`,
    writeSafetensors(tensors, 'F32', {
      step: String(step),
      accBeta1: String(acc.accBeta1.dataSync()[0]),
      accBeta2: String(acc.accBeta2.dataSync()[0]),
    }),
  );
  writeFileSync(
    `${CHECKPOINT}/state.json`,
    JSON.stringify({ step, steps: STEPS, batch: BATCH, seed: SEED, direction: DIRECTION }) + '\n',
  );
}

/** tfjs's Adam keeps β1^t and β2^t in two variables of its own. */
function adamPowers(optimizer: tf.Optimizer): { accBeta1: tf.Variable; accBeta2: tf.Variable } {
  const adam = optimizer as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable };
  if (!adam.accBeta1 || !adam.accBeta2) throw new Error('the optimizer is not tfjs Adam');
  return { accBeta1: adam.accBeta1, accBeta2: adam.accBeta2 };
}

/** Drops log lines after `step` (a resumed run writes them again); returns the minutes at `step`. */
function trimLog(path: string, step: number): number {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
  const kept = lines.filter((l) => {
    const entry = JSON.parse(l) as { step?: number; event?: string };
    if (entry.event === 'start' || entry.event === 'resume') return true;
    return entry.step !== undefined && entry.step <= step; // 'done' of an earlier run goes too
  });
  writeFileSync(path, kept.map((l) => l + '\n').join(''));
  const at = kept
    .map((l) => JSON.parse(l) as { step?: number; minutes?: number })
    .filter((e) => e.step !== undefined && e.step <= step && e.minutes !== undefined);
  return at.length ? at[at.length - 1]!.minutes! : 0;
}

/** Loads the checkpoint's weights and optimizer state; returns the step it was taken after. */
async function restoreCheckpoint(
  params: Map<string, tf.Variable>,
  optimizer: tf.Optimizer,
): Promise<number> {
  const statePath = `${CHECKPOINT}/state.json`;
  if (!existsSync(statePath)) throw new Error(`TRAIN_RESUME=1 but ${statePath} is missing`);
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as {
    step: number;
    steps: number;
    batch: number;
    seed: number;
    direction: string;
  };
  if (state.steps !== STEPS || state.batch !== BATCH || state.seed !== SEED)
    throw new Error(
      `the checkpoint was made with TRAIN_STEPS=${state.steps} TRAIN_BATCH=${state.batch} TRAIN_SEED=${state.seed}`,
    );
  if (state.direction !== DIRECTION)
    throw new Error(`the checkpoint is ${state.direction}, not ${DIRECTION}`);
  const weights = readSafetensors(readFileSync(`${CHECKPOINT}/model.safetensors`));
  tf.tidy(() => {
    for (const [name, v] of params) v.assign(tf.tensor(weights.float32(name), v.shape));
  });
  const opt = readSafetensors(readFileSync(`${CHECKPOINT}/optimizer.safetensors`));
  if (Number(opt.metadata.step) !== state.step)
    throw new Error(`${CHECKPOINT}/optimizer.safetensors is not from step ${state.step}`);
  const given = [
    { name: 'iter', tensor: tf.scalar(0, 'int32') },
    ...opt.entries.map((e) => ({ name: e.name, tensor: tf.tensor(opt.float32(e.name), e.shape) })),
  ];
  await optimizer.setWeights(given); // copies each moment into a variable of its own
  for (const g of given) g.tensor.dispose();
  const acc = adamPowers(optimizer);
  tf.tidy(() => {
    acc.accBeta1.assign(tf.scalar(Number(opt.metadata.accBeta1)));
    acc.accBeta2.assign(tf.scalar(Number(opt.metadata.accBeta2)));
  });
  return state.step;
}

void main();
