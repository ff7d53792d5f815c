/**
 * One training run of the Train tab: a task, a tiny Transformer, Adam, a seeded stream of batches,
 * a fixed held-out set and a fixed probe sequence. `step()` trains one batch and returns plain
 * numbers (and, every few steps, the held-out accuracy and the heads' attention on the probe), so
 * the worker only forwards them. Same settings and seed → same losses. `dispose()` frees every
 * tensor the run made.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../../lib/random';
import {
  makeTask,
  probeExample,
  sampleExamples,
  tokenAccuracy,
  type TaskExample,
  type TrainTask,
} from '../../analysis/trainTasks';
import { checkTrainSettings, type TrainSettings } from '../../analysis/trainSettings';
import { TinyTransformer, type TinyBatch } from './tiny';

/** The heads' attention on the probe at one step: per layer, [H][T][T] row-major. */
export interface TrainSnapshot {
  step: number;
  layers: Float32Array[];
  /** Ideal-pattern score per head, [layer][head]. */
  scores: number[][];
}

export interface TrainStepResult {
  step: number;
  loss: number;
  /** Held-out token accuracy in [0, 1], on evaluation steps only. */
  accuracy?: number;
  snapshot?: TrainSnapshot;
}

export interface TrainRunOptions {
  /** Held-out accuracy every this many steps (default 10). */
  evalEvery?: number;
  /** A probe snapshot every this many steps (default 5). */
  snapshotEvery?: number;
  /** Held-out examples (default 128). */
  heldOut?: number;
}

function toBatch(examples: TaskExample[]): TinyBatch {
  const t = examples[0]?.input.length ?? 0;
  const input = new Int32Array(examples.length * t);
  const target = new Int32Array(examples.length * t);
  examples.forEach((ex, i) => {
    input.set(ex.input, i * t);
    target.set(ex.target, i * t);
  });
  return { size: examples.length, input, target };
}

export class TrainRun {
  readonly task: TrainTask;
  readonly probe: TaskExample;
  readonly model: TinyTransformer;
  private readonly optimizer: tf.Optimizer;
  private readonly rand: () => number;
  private readonly heldOut: TaskExample[];
  private readonly evalEvery: number;
  private readonly snapshotEvery: number;
  private steps = 0;

  constructor(
    readonly settings: TrainSettings,
    options: TrainRunOptions = {},
  ) {
    const problem = checkTrainSettings(settings);
    if (problem) throw new Error(`settings cannot train: ${problem.key}`);
    this.task = makeTask(settings.task);
    this.probe = probeExample(this.task);
    this.rand = mulberry32(settings.seed);
    this.heldOut = sampleExamples(this.task, options.heldOut ?? 128, settings.seed ^ 0x9e3779b9);
    this.evalEvery = options.evalEvery ?? 10;
    this.snapshotEvery = options.snapshotEvery ?? 5;
    this.model = new TinyTransformer({
      layers: settings.layers,
      heads: settings.heads,
      dModel: settings.dModel,
      positional: settings.positional,
      length: this.task.length,
      inputVocab: this.task.inputVocab,
      outputVocab: this.task.outputVocab,
      causal: this.task.causal,
      seed: settings.seed,
    });
    this.optimizer = tf.train.adam(settings.learningRate);
  }

  get step(): number {
    return this.steps;
  }

  /** Held-out token accuracy of the current weights. */
  accuracy(): number {
    const batch = toBatch(this.heldOut);
    return tokenAccuracy(this.heldOut, this.model.predict(batch.input, batch.size));
  }

  /** The heads' attention on the probe now, with each head's ideal-pattern score. */
  snapshot(): TrainSnapshot {
    const layers = this.model.attention(this.probe.input);
    const t = this.task.length;
    const scores = layers.map((w) =>
      Array.from({ length: this.settings.heads }, (_, h) =>
        this.task.idealScore(w.subarray(h * t * t, (h + 1) * t * t), this.probe),
      ),
    );
    return { step: this.steps, layers, scores };
  }

  /** Trains one batch. A NaN or infinite loss is returned as is (the caller stops). */
  trainStep(): TrainStepResult {
    const batch = toBatch(
      Array.from({ length: this.settings.batchSize }, () => this.task.sample(this.rand)),
    );
    const cost = this.optimizer.minimize(() => this.model.loss(batch), true);
    const loss = cost ? cost.dataSync()[0]! : NaN;
    cost?.dispose();
    this.steps += 1;
    const result: TrainStepResult = { step: this.steps, loss };
    if (!Number.isFinite(loss)) return result;
    if (this.steps % this.evalEvery === 0 || this.steps === 1) result.accuracy = this.accuracy();
    if (this.steps % this.snapshotEvery === 0 || this.steps === 1)
      result.snapshot = this.snapshot();
    return result;
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
  }
}
