/**
 * Train-tab benchmark (Node, tfjs wasm; issue 15): with each task's recommended settings (the
 * preset the tab fills in when the task is chosen, TASK_PRESETS; seed 1), the steps and seconds to
 * 99% held-out accuracy on reverse (length 8) and on copy; on the induction task, the step and
 * time at which the best layer-2 head's induction score on the probe passes 0.5, with the
 * held-out accuracy then; steps per second throughout. The run is the worker's TrainRun (held-out accuracy every 10 steps, a probe snapshot
 * every 5), so the time includes its evaluations. Prints figures beside the goals; asserts
 * nothing.
 *
 *   npx tsx --import ./scripts/tfjs-esm-loader.mjs scripts/bench/train.ts
 */
import { readFileSync } from 'node:fs';
import { initBackend } from '../../src/engine/index.ts';
import { TrainRun, type TrainStepResult } from '../../src/engine/train/run.ts';
import { TASK_PRESETS, type TrainSettings } from '../../src/analysis/trainSettings.ts';
import type { TrainTaskId } from '../../src/analysis/trainTasks.ts';

const loadAverage = (): string => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
};

/** Give up on a run after this many steps or seconds. */
const MAX_STEPS = 4000;
const MAX_SECONDS = 180;

interface Outcome {
  reached: number | null;
  seconds: number;
  steps: number;
  last: number;
  /** The latest held-out accuracy when the goal was reached (or at the end). */
  accuracy: number;
}

/** Trains until `done` says so (on a step's result) or the caps; times the whole run. */
function trainUntil(
  settings: TrainSettings,
  /** The figure watched on this step (null: none measured) and whether it reached the goal. */
  measure: (r: TrainStepResult) => { value: number; reached: boolean } | null,
): Outcome {
  const run = new TrainRun(settings);
  const t0 = performance.now();
  let reached: number | null = null;
  let last = NaN;
  let accuracy = NaN;
  try {
    while (run.step < MAX_STEPS && performance.now() - t0 < MAX_SECONDS * 1000) {
      const r = run.trainStep();
      if (!Number.isFinite(r.loss)) break;
      if (r.accuracy !== undefined) accuracy = r.accuracy;
      const m = measure(r);
      if (!m) continue;
      last = m.value;
      if (m.reached) {
        reached = r.step;
        break;
      }
    }
  } finally {
    run.dispose();
  }
  return { reached, seconds: (performance.now() - t0) / 1000, steps: run.step, last, accuracy };
}

function toAccuracy(settings: TrainSettings, goal: string): void {
  const out = trainUntil(settings, (r) =>
    r.accuracy === undefined ? null : { value: r.accuracy, reached: r.accuracy >= 0.99 },
  );
  const what = `${settings.task} (length 8) to 99% held-out accuracy`;
  const result =
    out.reached !== null
      ? `step ${String(out.reached).padStart(5)}  ${out.seconds.toFixed(1).padStart(6)} s`
      : `not reached in ${out.steps} steps / ${out.seconds.toFixed(1)} s (last ${(out.last * 100).toFixed(1)}%)`;
  console.log(
    `${what.padEnd(46)} ${result}  ${(out.steps / out.seconds).toFixed(1).padStart(6)} steps/s   goal ${goal}`,
  );
}

function inductionHead(settings: TrainSettings): void {
  const out = trainUntil(settings, (r) => {
    const scores = r.snapshot?.scores[1];
    if (!scores) return null;
    const best = Math.max(...scores);
    return { value: best, reached: best > 0.5 };
  });
  const what = 'induction: best layer-2 head > 0.5';
  const result =
    out.reached !== null
      ? `step ${String(out.reached).padStart(5)}  ${out.seconds.toFixed(1).padStart(6)} s  held-out ${(out.accuracy * 100).toFixed(1)}%`
      : `not reached in ${out.steps} steps / ${out.seconds.toFixed(1)} s (at the end ${out.last.toFixed(2)})`;
  console.log(
    `${what.padEnd(46)} ${result}  ${(out.steps / out.seconds).toFixed(1).padStart(6)} steps/s   goal ≤ 180 s`,
  );
}

async function main(): Promise<void> {
  await initBackend({ preferred: ['wasm'] });
  console.log(
    `\nTraining in the Train tab's TrainRun (tfjs-wasm, one thread, Node); load average ${loadAverage()}`,
  );
  console.log(
    `caps ${MAX_STEPS} steps / ${MAX_SECONDS} s; seed 1; each task's recommended settings:`,
  );
  const preset = (task: TrainTaskId): TrainSettings => {
    const s: TrainSettings = { task, ...TASK_PRESETS[task], seed: 1 };
    console.log(
      `  ${task}: ${s.layers} layer${s.layers === 1 ? '' : 's'}, ${s.heads} heads, d_model ${s.dModel}, ${s.positional} positions, lr ${s.learningRate}, batch ${s.batchSize}`,
    );
    return s;
  };
  const reverse = preset('reverse');
  const copy = preset('copy');
  const induction = preset('induction');
  toAccuracy(reverse, '≤ 60 s (Chromium)');
  toAccuracy(copy, '—');
  inductionHead(induction);
}

void main();
