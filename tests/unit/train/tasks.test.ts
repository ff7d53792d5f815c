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

  it('induction repeats a run of distinct tokens at a random place and asks for what came after', () => {
    const task = makeTask('induction', { length: 8, symbols: 16 });
    const layouts = new Set<string>();
    for (const ex of sampleExamples(task, 60, 3)) {
      expect(ex.input).toHaveLength(8);
      // Every token is distinct except the run's second copy.
      const asked = ex.target.flatMap((y, i) => (y === IGNORE ? [] : [i]));
      const start = asked[0]!;
      const k = asked.length;
      expect(k).toBeGreaterThanOrEqual(2);
      expect(k).toBeLessThanOrEqual(4);
      expect(asked).toEqual(Array.from({ length: k }, (_, i) => start + i)); // one stretch
      const run = ex.input.slice(start - k, start);
      expect(ex.input.slice(start, start + k)).toEqual(run);
      expect(new Set(ex.input).size).toBe(8 - k);
      // Position start+i holds run[i]; after its first occurrence came run[i+1] (the last: run[0]).
      run.forEach((_, i) => expect(ex.target[start + i]).toBe(run[(i + 1) % k]));
      layouts.add(`${start - k}/${k}`);
    }
    // Where the run starts and how long it is both vary.
    expect(new Set([...layouts].map((l) => l.split('/')[0])).size).toBeGreaterThan(1);
    expect(new Set([...layouts].map((l) => l.split('/')[1])).size).toBeGreaterThan(1);
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

    // Hand-checked: filler 9, the run 1 2 3 twice, filler 8. Rows 4, 5, 6 are asked; row 4 (a 1)
    // should look at 2 (position 2), row 5 at position 3, row 6 (a 3) at position 4.
    const induction = makeTask('induction', { length: 8 });
    const iex = { input: [9, 1, 2, 3, 1, 2, 3, 8], target: [-1, -1, -1, -1, 2, 3, 1, -1] };
    iex.target = iex.target.map((y) => (y < 0 ? IGNORE : y));
    expect(
      induction.idealScore(
        oneHot(8, (q) => [0, 0, 0, 0, 2, 3, 4, 0][q]!),
        iex,
      ),
    ).toBeCloseTo(1);
    expect(
      induction.idealScore(
        oneHot(8, (q) => q),
        iex,
      ),
    ).toBeCloseTo(0);
    // A previous-token head (one back) gets none of it; two of three rows right gives 2/3.
    expect(
      induction.idealScore(
        oneHot(8, (q) => Math.max(0, q - 1)),
        iex,
      ),
    ).toBeCloseTo(0);
    expect(
      induction.idealScore(
        oneHot(8, (q) => [0, 0, 0, 0, 2, 3, 0, 0][q]!),
        iex,
      ),
    ).toBeCloseTo(2 / 3);
    // The probe is one such example.
    const probe = probeExample(induction);
    expect(probe.target.some((y) => y !== IGNORE)).toBe(true);

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
