/**
 * The Train tab's run as a small JSON document, format `attention-atlas-training` version 1:
 *
 * ```json
 * {
 *   "format": "attention-atlas-training",
 *   "version": 1,
 *   "settings": { "task": "reverse", "layers": 1, "heads": 2, "dModel": 32,
 *                 "positional": "learned", "learningRate": 0.01, "batchSize": 32, "seed": 1 },
 *   "seed": 1,
 *   "task": { "id": "reverse", "length": 8, "idealPattern": "…" },
 *   "steps": 120,
 *   "status": "paused",
 *   "divergedAt": null,
 *   "loss": [[1, 2.31], [2, 2.28], …],            // [step, training cross-entropy] every step
 *   "accuracy": [[1, 0.11], [10, 0.35], …],       // [step, held-out token accuracy in 0..1]
 *   "scores": [{ "step": 1, "heads": [[0.12, 0.2]] }, …]  // per snapshot, [layer][head] in 0..1
 * }
 * ```
 *
 * Non-finite numbers (a NaN loss that stopped training) are written as null. Pure: the view
 * passes the store's curves and snapshots in.
 */
import type { TrainSettings } from './trainSettings';

export const TRAINING_FORMAT = 'attention-atlas-training';
export const TRAINING_FORMAT_VERSION = 1;

export interface TrainingCurvePoint {
  step: number;
  value: number;
}

export interface TrainingExportInput {
  settings: TrainSettings;
  status: string;
  step: number;
  divergedAt: number | null;
  losses: readonly TrainingCurvePoint[];
  accuracy: readonly TrainingCurvePoint[];
  snapshots: readonly { step: number; scores: readonly (readonly number[])[] }[];
  /** The task's sequence length and its ideal pattern in words (optional). */
  length?: number;
  idealPattern?: string;
}

export interface TrainingDocument {
  format: typeof TRAINING_FORMAT;
  version: typeof TRAINING_FORMAT_VERSION;
  settings: TrainSettings;
  seed: number;
  task: { id: string; length: number | null; idealPattern: string | null };
  steps: number;
  status: string;
  divergedAt: number | null;
  loss: [number, number | null][];
  accuracy: [number, number | null][];
  scores: { step: number; heads: (number | null)[][] }[];
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The run as a plain object in the `attention-atlas-training` v1 format. */
export function trainingToObject(input: TrainingExportInput): TrainingDocument {
  return {
    format: TRAINING_FORMAT,
    version: TRAINING_FORMAT_VERSION,
    settings: { ...input.settings },
    seed: input.settings.seed,
    task: {
      id: input.settings.task,
      length: input.length ?? null,
      idealPattern: input.idealPattern ?? null,
    },
    steps: input.step,
    status: input.status,
    divergedAt: input.divergedAt,
    loss: input.losses.map((p) => [p.step, finite(p.value)]),
    accuracy: input.accuracy.map((p) => [p.step, finite(p.value)]),
    scores: input.snapshots.map((s) => ({
      step: s.step,
      heads: s.scores.map((row) => row.map(finite)),
    })),
  };
}

/** The run as compact JSON text. */
export function trainingToJson(input: TrainingExportInput): string {
  return JSON.stringify(trainingToObject(input));
}
