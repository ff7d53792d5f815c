/**
 * The Train tab's training path: gradients against finite differences on a tiny model, a seeded
 * run repeats its losses, no tensor is left after dispose (Reset), and reverse learns.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/index.ts';
import { TinyTransformer, type TinyModelConfig } from '../../../src/engine/train/tiny.ts';
import { TrainRun } from '../../../src/engine/train/run.ts';
import {
  DEFAULT_TRAIN_SETTINGS,
  checkTrainSettings,
  type TrainSettings,
} from '../../../src/analysis/trainSettings.ts';

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

const tinyConfig = (over: Partial<TinyModelConfig>): TinyModelConfig => ({
  layers: 2,
  heads: 2,
  dModel: 8,
  positional: 'learned',
  length: 4,
  inputVocab: 5,
  outputVocab: 5,
  causal: false,
  seed: 7,
  ...over,
});

describe('TinyTransformer gradients', () => {
  for (const over of [
    { positional: 'learned' },
    { positional: 'rope', causal: true },
    { positional: 'alibi' },
    { positional: 'sinusoidal', layers: 1, heads: 1 },
  ] as const) {
    it(`match finite differences (${over.positional}${'causal' in over ? ', causal' : ''})`, () => {
      const model = new TinyTransformer(tinyConfig(over));
      const batch = {
        size: 2,
        input: Int32Array.from([0, 1, 2, 3, 4, 3, 2, 1]),
        target: Int32Array.from([3, 2, -1, 0, 1, 2, 3, 4]),
      };
      const lossValue = (): number => tf.tidy(() => model.loss(batch).dataSync()[0]!);
      const { grads, value } = tf.variableGrads(() => model.loss(batch));
      value.dispose();
      const names = ['embed', 'l0.wq', 'l0.wk', 'l0.wv', 'l0.w1', 'out.w', 'lnf.g'];
      if (over.positional === 'learned') names.push('positions');
      let checked = 0;
      for (const name of names) {
        const v = model.params.get(name)!;
        const g = grads[v.name]!.dataSync();
        const base = v.dataSync().slice();
        for (const i of [0, 3, base.length - 1]) {
          const eps = 2e-3;
          const at = (delta: number): number => {
            const data = base.slice();
            data[i] = base[i]! + delta;
            v.assign(tf.tensor(data, v.shape));
            return lossValue();
          };
          const numeric = (at(eps) - at(-eps)) / (2 * eps);
          v.assign(tf.tensor(base, v.shape));
          expect(Math.abs(numeric - g[i]!), `${name}[${i}]`).toBeLessThan(
            2e-3 + 0.03 * Math.abs(numeric),
          );
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(15);
      for (const g of Object.values(grads)) g.dispose();
      model.dispose();
    });
  }
});

describe('TrainRun', () => {
  const small: TrainSettings = { ...DEFAULT_TRAIN_SETTINGS, task: 'reverse', batchSize: 16 };

  it('a seeded run gives the same losses on repeat', () => {
    const losses = (): number[] => {
      const run = new TrainRun(small);
      const out = Array.from({ length: 5 }, () => run.trainStep().loss);
      run.dispose();
      return out;
    };
    const a = losses();
    expect(a.every(Number.isFinite)).toBe(true);
    expect(losses()).toEqual(a);
  });

  it('leaves no tensor after dispose (Reset), snapshots included', () => {
    const before = tf.memory().numTensors;
    const run = new TrainRun({ ...small, task: 'induction', layers: 2 });
    for (let i = 0; i < 12; i++) run.trainStep();
    run.snapshot();
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses settings that cannot train', () => {
    expect(checkTrainSettings({ ...small, dModel: 30, heads: 4 })?.key).toBe(
      'train.invalid.divisible',
    );
    expect(checkTrainSettings({ ...small, learningRate: 0 })?.key).toBe(
      'train.invalid.learningRate',
    );
    expect(checkTrainSettings({ ...small, layers: 9 })?.key).toBe('train.invalid.layers');
    expect(checkTrainSettings({ ...small, batchSize: 100000 })?.key).toBe(
      'train.invalid.batchSize',
    );
    expect(checkTrainSettings(small)).toBeNull();
    expect(() => new TrainRun({ ...small, heads: 3 })).toThrow(/divisible/);
  });

  it('learns reverse and the anti-diagonal score rises (printed speed)', () => {
    const run = new TrainRun(DEFAULT_TRAIN_SETTINGS);
    const first = run.snapshot();
    const t0 = performance.now();
    let accuracy = 0;
    let steps = 0;
    while (steps < 400 && accuracy < 0.9) {
      const r = run.trainStep();
      steps = r.step;
      if (r.accuracy !== undefined) accuracy = r.accuracy;
    }
    const seconds = (performance.now() - t0) / 1000;
    const last = run.snapshot();
    const best = (s: number[][]) => Math.max(...s.flat());
    console.log(
      `reverse: ${steps} steps in ${seconds.toFixed(1)} s (${(steps / seconds).toFixed(1)} steps/s), accuracy ${accuracy.toFixed(3)}, anti-diagonal ${best(first.scores).toFixed(2)} -> ${best(last.scores).toFixed(2)}`,
    );
    expect(accuracy).toBeGreaterThan(0.5);
    expect(best(last.scores)).toBeGreaterThan(best(first.scores));
    run.dispose();
  }, 60_000);
});
