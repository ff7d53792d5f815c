/**
 * Train-tab benchmark (Node, tfjs wasm; issue 15): with the tab's default settings (1 layer,
 * 2 heads, d_model 32, learned positions, learning rate 0.01, batch 32, seed 1), the steps and
 * seconds to 99% held-out accuracy on reverse (length 8) and on copy; on the induction task with
 * 2 layers, the step at which the best layer-2 head's induction score passes 0.5; steps per second
 * throughout. The run is the worker's TrainRun (held-out accuracy every 10 steps, a probe snapshot
 * every 5), so the time includes its evaluations. Prints figures beside the goals; asserts
 * nothing.
 *
 *   npx tsx --import ./scripts/tfjs-esm-loader.mjs scripts/bench/train.ts
 */
import { readFileSync } from 'node:fs';
import { initBackend } from '../../src/engine/index.ts';
import { TrainRun, type TrainStepResult } from '../../src/engine/train/run.ts';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from '../../src/analysis/trainSettings.ts';

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
  try {
    while (run.step < MAX_STEPS && performance.now() - t0 < MAX_SECONDS * 1000) {
      const r = run.trainStep();
      if (!Number.isFinite(r.loss)) break;
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
  return { reached, seconds: (performance.now() - t0) / 1000, steps: run.step, last };
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
  const what = 'induction (2 layers): best layer-2 head > 0.5';
  const result =
    out.reached !== null
      ? `step ${String(out.reached).padStart(5)}  ${out.seconds.toFixed(1).padStart(6)} s`
      : `not reached in ${out.steps} steps / ${out.seconds.toFixed(1)} s (at the end ${out.last.toFixed(2)})`;
  console.log(
    `${what.padEnd(46)} ${result}  ${(out.steps / out.seconds).toFixed(1).padStart(6)} steps/s   goal ≤ 180 s`,
  );
}

async function main(): Promise<void> {
  await initBackend({ preferred: ['wasm'] });
  const s = DEFAULT_TRAIN_SETTINGS;
  console.log(
    `\nTraining in the Train tab's TrainRun (tfjs-wasm, one thread, Node); load average ${loadAverage()}`,
  );
  console.log(
    `settings: ${s.layers} layer, ${s.heads} heads, d_model ${s.dModel}, ${s.positional} positions, lr ${s.learningRate}, batch ${s.batchSize}, seed ${s.seed}; caps ${MAX_STEPS} steps / ${MAX_SECONDS} s`,
  );
  toAccuracy({ ...s, task: 'reverse' }, '≤ 60 s (Chromium)');
  toAccuracy({ ...s, task: 'copy' }, '—');
  inductionHead({ ...s, task: 'induction', layers: 2 });
}

void main();
