/**
 * Messages between the page and the training worker (src/worker/train.worker.ts). Plain data only:
 * settings in; losses, accuracies and the heads' attention on the probe (Float32Arrays,
 * transferred) out.
 */
import type { TrainSettings } from '../analysis/trainSettings';
import type { TrainedModel } from '../analysis/trainedModel';
import type { BackendName } from '../engine/backend';

export type TrainRequest =
  /** Trains until paused (a new run from `settings` when none is under way). */
  | { type: 'start'; settings: TrainSettings; backend: BackendName }
  | { type: 'pause' }
  /** Trains one step (a new run from `settings` when none is under way). */
  | { type: 'step'; settings: TrainSettings; backend: BackendName }
  /** Stops and frees the run's tensors. */
  | { type: 'reset' }
  /** The run's current weights as a TrainedModel (answered by 'weights'). */
  | { type: 'weights'; requestId: number };

export interface TrainSnapshotMessage {
  step: number;
  /** Per layer, [H][T][T] row-major. */
  layers: Float32Array[];
  /** Ideal-pattern score per head, [layer][head]. */
  scores: number[][];
}

export type TrainResponse =
  | { type: 'started'; backend: BackendName }
  | {
      type: 'step';
      step: number;
      loss: number;
      accuracy?: number;
      snapshot?: TrainSnapshotMessage;
      /** Steps per second over the last stretch of continuous training. */
      stepsPerSecond?: number;
      /** Tensors the worker holds beyond its backend's own after this step (leak watch). */
      tensors?: number;
    }
  | { type: 'paused'; step: number }
  /** The loss became NaN or infinite at `step`: training stopped, the last snapshot is kept. */
  | { type: 'diverged'; step: number }
  | { type: 'reset'; tensorsLeft: number }
  | { type: 'error'; message: string }
  /** The weights asked for (tensor buffers transferred); null when no run has started. */
  | { type: 'weights'; requestId: number; model: TrainedModel | null };
