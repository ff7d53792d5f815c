/**
 * The Train tab's model and training settings, and the check that refuses settings that cannot
 * train before anything starts. Pure: the store checks before it asks the worker, and the worker
 * checks again.
 */
import type { TrainTaskId } from './trainTasks';

export type TrainPositional = 'none' | 'sinusoidal' | 'learned' | 'rope' | 'alibi';

export const TRAIN_POSITIONALS: readonly TrainPositional[] = [
  'none',
  'sinusoidal',
  'learned',
  'rope',
  'alibi',
];

export interface TrainSettings {
  task: TrainTaskId;
  /** Encoder layers, 1–4. */
  layers: number;
  /** Heads per layer, 1–8. */
  heads: number;
  /** Model width; a multiple of `heads` (and of 2·heads for RoPE). */
  dModel: number;
  positional: TrainPositional;
  learningRate: number;
  batchSize: number;
  seed: number;
}

/** The model and training settings a task recommends (everything but the task and the seed). */
export type TrainPreset = Omit<TrainSettings, 'task' | 'seed'>;

const ONE_LAYER: TrainPreset = {
  layers: 1,
  heads: 2,
  dModel: 32,
  positional: 'learned',
  learningRate: 0.01,
  batchSize: 32,
};

/**
 * Each task's recommended settings, filled in when the task is chosen (the user can still change
 * them). Induction needs two layers (a previous-token head, then the induction head) and a lower
 * learning rate: at 0.01 its induction head does not form (BENCHMARKS.md section 8).
 */
export const TASK_PRESETS: Record<TrainTaskId, TrainPreset> = {
  copy: ONE_LAYER,
  reverse: ONE_LAYER,
  sort: ONE_LAYER,
  induction: { ...ONE_LAYER, layers: 2, learningRate: 0.003 },
  brackets: ONE_LAYER,
  bank: ONE_LAYER,
};

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = {
  task: 'reverse',
  ...TASK_PRESETS.reverse,
  seed: 1,
};

/** Why settings cannot train, as an i18n key and its values; null when they can. */
export interface SettingsProblem {
  key:
    | 'train.invalid.layers'
    | 'train.invalid.heads'
    | 'train.invalid.dModel'
    | 'train.invalid.divisible'
    | 'train.invalid.rope'
    | 'train.invalid.learningRate'
    | 'train.invalid.batchSize'
    | 'train.invalid.seed';
  values: Record<string, number>;
}

const isInt = (x: number): boolean => Number.isInteger(x);

export function checkTrainSettings(s: TrainSettings): SettingsProblem | null {
  if (!isInt(s.layers) || s.layers < 1 || s.layers > 4)
    return { key: 'train.invalid.layers', values: { min: 1, max: 4 } };
  if (!isInt(s.heads) || s.heads < 1 || s.heads > 8)
    return { key: 'train.invalid.heads', values: { min: 1, max: 8 } };
  if (!isInt(s.dModel) || s.dModel < 4 || s.dModel > 256)
    return { key: 'train.invalid.dModel', values: { min: 4, max: 256 } };
  if (s.dModel % s.heads !== 0)
    return { key: 'train.invalid.divisible', values: { dModel: s.dModel, heads: s.heads } };
  if (s.positional === 'rope' && (s.dModel / s.heads) % 2 !== 0)
    return { key: 'train.invalid.rope', values: { size: s.dModel / s.heads } };
  if (!Number.isFinite(s.learningRate) || s.learningRate <= 0 || s.learningRate > 1)
    return { key: 'train.invalid.learningRate', values: { max: 1 } };
  if (!isInt(s.batchSize) || s.batchSize < 1 || s.batchSize > 512)
    return { key: 'train.invalid.batchSize', values: { min: 1, max: 512 } };
  if (!isInt(s.seed) || s.seed < 0 || s.seed > 2 ** 31)
    return { key: 'train.invalid.seed', values: { max: 2 ** 31 } };
  return null;
}
