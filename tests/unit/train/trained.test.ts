/**
 * A model trained in the Train tab opens like any model: its weights, renamed for the engine,
 * give the engine's Transformer the same attention the training model computes (every positional
 * scheme, causal and not); its safetensors file round-trips config, vocabulary and weights; a bad
 * file is refused with a message that names the problem (the tensor and both shapes).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, initBackend, type NamedArray } from '../../../src/engine/index.ts';
import { TrainRun } from '../../../src/engine/train/run.ts';
import { trainedModelOf } from '../../../src/engine/train/trained.ts';
import {
  taskVocabulary,
  tokenizeTask,
  trainedProbeTexts,
  type TrainedModel,
} from '../../../src/analysis/trainedModel.ts';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from '../../../src/analysis/trainSettings.ts';
import { probeExample, makeTask } from '../../../src/analysis/trainTasks.ts';
import { trainedEngineConfig } from '../../../src/engine/train/trainedConfig.ts';
import { readTrainedFile, writeTrainedFile } from '../../../src/loader/trainedFile.ts';
import { writeSafetensors } from '../../../src/loader/safetensors.ts';

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

function trainFew(over: Partial<TrainSettings>, steps = 3): TrainedModel {
  const run = new TrainRun(
    { ...DEFAULT_TRAIN_SETTINGS, layers: 2, heads: 2, dModel: 16, batchSize: 8, ...over },
    { heldOut: 8 },
  );
  for (let i = 0; i < steps; i++) run.trainStep();
  const model = trainedModelOf(run, 0.5);
  run.dispose();
  return model;
}

describe('a trained model in the engine', () => {
  for (const over of [
    { task: 'reverse', positional: 'learned' },
    { task: 'copy', positional: 'sinusoidal' },
    { task: 'sort', positional: 'alibi' },
    { task: 'induction', positional: 'rope' },
    { task: 'brackets', positional: 'none' },
  ] as const) {
    it(`gives the training model's attention (${over.task}, ${over.positional})`, async () => {
      const run = new TrainRun(
        { ...DEFAULT_TRAIN_SETTINGS, layers: 2, heads: 2, dModel: 16, batchSize: 8, ...over },
        { heldOut: 8 },
      );
      for (let i = 0; i < 3; i++) run.trainStep();
      const expected = run.model.attention(run.probe.input); // per layer [H][T][T]
      const trained = trainedModelOf(run, null);
      run.dispose();
      const before = tf.memory().numTensors;
      const weights = new Map<string, NamedArray>(
        trained.tensors.map((t) => [t.name, { shape: t.shape, data: t.data }]),
      );
      const model = createModel(trainedEngineConfig(trained), weights);
      const result = await model.run({ sourceIds: probeExample(makeTask(over.task)).input });
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const stack = result.stacks[0]!;
      expect(stack.kind).toBe(trained.causal ? 'decoder-self' : 'encoder-self');
      const flat = new Float32Array(expected.flatMap((w) => Array.from(w)));
      expect(stack.weights.length).toBe(flat.length);
      let worst = 0;
      flat.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - stack.weights[i]!))));
      expect(worst).toBeLessThan(1e-4);
    });
  }
});

describe('the trained model file', () => {
  it('round-trips settings, vocabulary and weights', () => {
    const model = trainFew({ task: 'bank', positional: 'rope' });
    const back = readTrainedFile(writeTrainedFile(model), 'bank.safetensors');
    expect(back.task).toBe('bank');
    expect(back.settings).toEqual(model.settings);
    expect(back.vocab).toEqual(taskVocabulary('bank'));
    expect(back.vocab).toEqual(model.vocab);
    expect([back.step, back.accuracy, back.length, back.outputVocab, back.causal]).toEqual([
      model.step,
      model.accuracy,
      model.length,
      model.outputVocab,
      model.causal,
    ]);
    expect(back.tensors.map((t) => t.name).sort()).toEqual(model.tensors.map((t) => t.name).sort());
    for (const t of model.tensors) {
      const other = back.tensors.find((b) => b.name === t.name)!;
      expect(other.shape).toEqual(t.shape);
      expect(Array.from(other.data)).toEqual(Array.from(t.data));
    }
    expect(back.key).not.toBe(model.key);
  });

  it('refuses a tensor of the wrong shape, naming it and both shapes', () => {
    const model = trainFew({ task: 'reverse' }, 1);
    const tensors = model.tensors.map((t) =>
      t.name === 'encoder.0.self.wq' ? { ...t, shape: [8, 32], data: t.data.slice(0, 256) } : t,
    );
    const bytes = writeTrainedFile({ ...model, tensors });
    expect(() => readTrainedFile(bytes, 'bad.safetensors')).toThrow(
      'bad.safetensors: tensor encoder.0.self.wq is 8×32, expected 16×16',
    );
  });

  it('refuses a missing tensor, a file of another kind and a wrong vocabulary', () => {
    const model = trainFew({ task: 'reverse' }, 1);
    const missing = writeTrainedFile({
      ...model,
      tensors: model.tensors.filter((t) => t.name !== 'encoder.lnf.gamma'),
    });
    expect(() => readTrainedFile(missing, 'm.safetensors')).toThrow(
      /tensor encoder\.lnf\.gamma \(16\) is missing/,
    );
    const plain = writeSafetensors([{ name: 'x', shape: [1], data: new Float32Array(1) }]);
    expect(() => readTrainedFile(plain, 'hf.safetensors')).toThrow(/not a model trained/);
    const vocab = writeTrainedFile({ ...model, vocab: ['a', 'b'] });
    expect(() => readTrainedFile(vocab, 'v.safetensors')).toThrow(/10 symbols of the reverse/);
    expect(() => readTrainedFile(new Uint8Array(5), 'short.safetensors')).toThrow(
      /short\.safetensors/,
    );
  });
});

describe('the task vocabulary', () => {
  it('tokenizes symbols with or without spaces and marks unknown ones', () => {
    const vocab = taskVocabulary('reverse');
    expect(tokenizeTask('3 1 4', vocab).map((t) => t.id)).toEqual([3, 1, 4]);
    expect(tokenizeTask('314', vocab).map((t) => t.id)).toEqual([3, 1, 4]);
    const mixed = tokenizeTask('3 x 12a', vocab);
    expect(mixed.map((t) => [t.text, t.unknown])).toEqual([
      ['3', false],
      ['x', true],
      ['12a', true],
    ]);
    const induction = taskVocabulary('induction');
    expect(tokenizeTask('12 3', induction).map((t) => t.id)).toEqual([12, 3]);
    const brackets = taskVocabulary('brackets');
    expect(tokenizeTask('(())', brackets).map((t) => t.id)).toEqual([0, 0, 1, 1]);
    expect(tokenizeTask('bank by the river', taskVocabulary('bank')).map((t) => t.unknown)).toEqual(
      [false, true, true, false],
    );
  });

  it("starts sentences A and B on two of the task's sequences, the probe first", () => {
    const task = makeTask('reverse');
    const [a, b] = trainedProbeTexts('reverse');
    expect(tokenizeTask(a, taskVocabulary('reverse')).map((t) => t.id)).toEqual(
      probeExample(task).input,
    );
    expect(b).not.toBe(a);
    expect(tokenizeTask(b, taskVocabulary('reverse'))).toHaveLength(task.length);
  });
});
