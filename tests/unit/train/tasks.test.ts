/** The Train tab's task generators and ideal-pattern scores, against hand-checked examples. */
import { describe, expect, it } from 'vitest';
import {
  IGNORE,
  TRAIN_TASK_IDS,
  makeTask,
  probeExample,
  sampleExamples,
  tokenAccuracy,
} from '../../../src/analysis/trainTasks';

/** A [T][T] matrix with all weight of row q on key pick(q). */
function oneHot(t: number, pick: (q: number) => number): Float32Array {
  const w = new Float32Array(t * t);
  for (let q = 0; q < t; q++) w[q * t + pick(q)] = 1;
  return w;
}
const uniform = (t: number) => new Float32Array(t * t).fill(1 / t);

describe('train tasks', () => {
  it('copy, reverse and sort give the hand-checked targets', () => {
    const seq = (id: 'copy' | 'reverse' | 'sort') => {
      const task = makeTask(id, { length: 4, symbols: 10 });
      const values = [0.31, 0.05, 0.99, 0.5];
      let i = 0;
      return task.sample(() => values[i++ % 4]!);
    };
    expect(seq('copy')).toEqual({ input: [3, 0, 9, 5], target: [3, 0, 9, 5] });
    expect(seq('reverse')).toEqual({ input: [3, 0, 9, 5], target: [5, 9, 0, 3] });
    expect(seq('sort')).toEqual({ input: [3, 0, 9, 5], target: [0, 3, 5, 9] });
  });

  it('induction repeats a run of distinct tokens and asks for what came after', () => {
    const task = makeTask('induction', { length: 8, symbols: 16 });
    for (const ex of sampleExamples(task, 20, 3)) {
      const run = ex.input.slice(0, 4);
      expect(new Set(run).size).toBe(4);
      expect(ex.input.slice(4)).toEqual(run);
      expect(ex.target.slice(0, 4)).toEqual([IGNORE, IGNORE, IGNORE, IGNORE]);
      // Position 5 holds run[1]; its previous occurrence is 1, after which came run[2].
      expect(ex.target[5]).toBe(run[2]);
      expect(ex.target[7]).toBe(run[0]);
    }
  });

  it('brackets are balanced-as-you-go and the target is the depth', () => {
    const task = makeTask('brackets', { length: 10 });
    for (const ex of sampleExamples(task, 30, 9)) {
      let depth = 0;
      ex.input.forEach((x, i) => {
        depth += x === 0 ? 1 : -1;
        expect(depth).toBeGreaterThanOrEqual(0);
        expect(ex.target[i]).toBe(depth);
      });
      expect(depth).toBe(0);
    }
  });

  it('bank labels the bank token by its context word', () => {
    const task = makeTask('bank');
    for (const ex of sampleExamples(task, 30, 4)) {
      const at = ex.input.indexOf(0);
      const context = ex.input.find((x) => x >= 1 && x <= 4)!;
      expect(ex.target[at]).toBe(context >= 3 ? 1 : 0);
      expect(ex.target.filter((y) => y !== IGNORE)).toHaveLength(1);
    }
  });

  it('scores the ideal pattern at 1 and others lower', () => {
    const t = 8;
    const copy = makeTask('copy');
    const reverse = makeTask('reverse');
    const ex = probeExample(reverse);
    expect(
      copy.idealScore(
        oneHot(t, (q) => q),
        ex,
      ),
    ).toBeCloseTo(1);
    expect(
      reverse.idealScore(
        oneHot(t, (q) => t - 1 - q),
        ex,
      ),
    ).toBeCloseTo(1);
    expect(
      reverse.idealScore(
        oneHot(t, (q) => q),
        ex,
      ),
    ).toBeCloseTo(0);
    expect(reverse.idealScore(uniform(t), ex)).toBeCloseTo(1 / t);

    const induction = makeTask('induction', { length: 8 });
    const iex = probeExample(induction);
    expect(
      induction.idealScore(
        oneHot(8, (q) => (q < 4 ? 0 : q - 3)),
        iex,
      ),
    ).toBeCloseTo(1);
    expect(
      induction.idealScore(
        oneHot(8, (q) => q),
        iex,
      ),
    ).toBeCloseTo(0);

    const sort = makeTask('sort', { length: 4 });
    const sex = { input: [3, 0, 9, 5], target: [0, 3, 5, 9] };
    expect(
      sort.idealScore(
        oneHot(4, (q) => [1, 0, 3, 2][q]!),
        sex,
      ),
    ).toBeCloseTo(1);
  });

  it('a seed always gives the same examples, and every task keeps its shapes', () => {
    for (const id of TRAIN_TASK_IDS) {
      const task = makeTask(id);
      const a = sampleExamples(task, 5, 42);
      expect(sampleExamples(task, 5, 42)).toEqual(a);
      for (const ex of a) {
        expect(ex.input).toHaveLength(task.length);
        expect(ex.target).toHaveLength(task.length);
        for (const x of ex.input) expect(x).toBeLessThan(task.inputVocab);
        for (const y of ex.target) expect(y).toBeLessThan(task.outputVocab);
      }
    }
  });

  it('token accuracy counts scored positions only', () => {
    const ex = [{ input: [1, 2], target: [IGNORE, 2] }];
    expect(tokenAccuracy(ex, [[9, 2]])).toBe(1);
    expect(tokenAccuracy(ex, [[9, 1]])).toBe(0);
  });
});
