/**
 * The Train tab's tasks: seeded generators of (input, target) token sequences with a known answer,
 * and for each the attention pattern that solves it as a score over one head's [T][T] weights.
 * Pure: plain arrays in and out, seeded by src/lib/random.ts so a seed always gives the same data.
 *
 * Every task is per-position classification: position t of the input predicts target[t], and a
 * target of IGNORE (-1) is not scored (e.g. the first half of an induction sequence).
 */
import { mulberry32 } from '../lib/random';

export type TrainTaskId = 'copy' | 'reverse' | 'sort' | 'induction' | 'brackets' | 'bank';

export const TRAIN_TASK_IDS: readonly TrainTaskId[] = [
  'copy',
  'reverse',
  'sort',
  'induction',
  'brackets',
  'bank',
];

/** A target that is not scored. */
export const IGNORE = -1;

export interface TaskExample {
  /** Input token ids, length T. */
  input: number[];
  /** Target class per position, length T; IGNORE where nothing is asked. */
  target: number[];
}

export interface TrainTask {
  id: TrainTaskId;
  /** Sequence length T. */
  length: number;
  /** Number of input token ids. */
  inputVocab: number;
  /** Number of output classes. */
  outputVocab: number;
  /** Whether a position may only look back (a decoder's causal mask). */
  causal: boolean;
  /** One example from a uniform draw in [0, 1). */
  sample(rand: () => number): TaskExample;
  /** A short text for an input token (the probe's axis labels). */
  tokenLabel(id: number): string;
  /**
   * The ideal pattern's share of one head's attention on `example`: the mean over scored query
   * rows of the weight on the key(s) the pattern names, in [0, 1]. `weights` is [T][T] row-major.
   */
  idealScore(weights: Float32Array, example: TaskExample): number;
}

const randInt = (rand: () => number, n: number): number => Math.min(n - 1, Math.floor(rand() * n));

/** Mean over the rows in `rows` of the weight on the keys `keysOf(row)` gives. */
function meanShare(
  weights: Float32Array,
  t: number,
  rows: number[],
  keysOf: (row: number) => number[],
): number {
  if (rows.length === 0) return 0;
  let total = 0;
  for (const q of rows) for (const k of keysOf(q)) total += weights[q * t + k] ?? 0;
  return total / rows.length;
}

const allRows = (t: number): number[] => Array.from({ length: t }, (_, i) => i);
const scoredRows = (example: TaskExample): number[] =>
  example.target.flatMap((y, i) => (y === IGNORE ? [] : [i]));
const digit = (id: number): string => String(id);

/** Settings a task is built from (defaults: length 8, 10 symbols). */
export interface TaskSize {
  length?: number;
  symbols?: number;
}

function copyTask({ length = 8, symbols = 10 }: TaskSize): TrainTask {
  return {
    id: 'copy',
    length,
    inputVocab: symbols,
    outputVocab: symbols,
    causal: false,
    sample(rand) {
      const input = Array.from({ length }, () => randInt(rand, symbols));
      return { input, target: [...input] };
    },
    tokenLabel: digit,
    idealScore: (w, ex) => meanShare(w, ex.input.length, allRows(ex.input.length), (q) => [q]),
  };
}

function reverseTask({ length = 8, symbols = 10 }: TaskSize): TrainTask {
  return {
    id: 'reverse',
    length,
    inputVocab: symbols,
    outputVocab: symbols,
    causal: false,
    sample(rand) {
      const input = Array.from({ length }, () => randInt(rand, symbols));
      return { input, target: [...input].reverse() };
    },
    tokenLabel: digit,
    idealScore: (w, ex) => {
      const t = ex.input.length;
      return meanShare(w, t, allRows(t), (q) => [t - 1 - q]);
    },
  };
}

function sortTask({ length = 8, symbols = 10 }: TaskSize): TrainTask {
  return {
    id: 'sort',
    length,
    inputVocab: symbols,
    outputVocab: symbols,
    causal: false,
    sample(rand) {
      const input = Array.from({ length }, () => randInt(rand, symbols));
      return { input, target: [...input].sort((a, b) => a - b) };
    },
    tokenLabel: digit,
    // Row q should look at the position(s) holding the q-th smallest token.
    idealScore: (w, ex) =>
      meanShare(w, ex.input.length, allRows(ex.input.length), (q) =>
        ex.input.flatMap((x, k) => (x === ex.target[q] ? [k] : [])),
      ),
  };
}

/**
 * Induction: distinct random tokens, among which a run of them appears twice in a row; the run's
 * length (from a quarter to half the sequence, at least 2) and where it starts are random, so
 * neither a head that looks at a fixed position nor one that looks a fixed distance back can
 * solve it. In the repeat each position predicts the next token, which is what came after the
 * previous occurrence of itself (for the repeat's last token: the repeat's first). Other
 * positions ask nothing. Needs at least length − 2 symbols.
 */
function inductionTask({ length = 12, symbols = 16 }: TaskSize): TrainTask {
  const half = Math.floor(length / 2);
  return {
    id: 'induction',
    length: half * 2,
    inputVocab: symbols,
    outputVocab: symbols,
    causal: true,
    sample(rand) {
      const pool = Array.from({ length: symbols }, (_, i) => i);
      for (let i = pool.length - 1; i > 0; i--) {
        const j = randInt(rand, i + 1);
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      }
      const total = half * 2;
      const shortest = Math.min(half, Math.max(2, Math.floor(half / 2)));
      const k = shortest + randInt(rand, half - shortest + 1);
      const start = randInt(rand, total - 2 * k + 1);
      const run = pool.slice(0, k);
      const filler = pool.slice(k);
      const input = [
        ...filler.slice(0, start),
        ...run,
        ...run,
        ...filler.slice(start, total - 2 * k),
      ];
      const target = input.map((_, t) =>
        t >= start + k && t < start + 2 * k ? input[t - k + 1]! : IGNORE,
      );
      return { input, target };
    },
    tokenLabel: digit,
    idealScore: (w, ex) =>
      meanShare(w, ex.input.length, scoredRows(ex), (q) => {
        const keys: number[] = [];
        for (let j = q - 1; j >= 0; j--)
          if (ex.input[j] === ex.input[q]) {
            if (j + 1 <= q) keys.push(j + 1);
            break;
          }
        return keys;
      }),
  };
}

/** Brackets: '(' is 0, ')' is 1; each position predicts the nesting depth after it (causal). */
function bracketsTask({ length = 10 }: TaskSize): TrainTask {
  const maxDepth = Math.ceil(length / 2);
  return {
    id: 'brackets',
    length,
    inputVocab: 2,
    outputVocab: maxDepth + 1,
    causal: true,
    sample(rand) {
      const input: number[] = [];
      const target: number[] = [];
      let depth = 0;
      for (let i = 0; i < length; i++) {
        const left = length - i;
        const open = depth === 0 || (depth < left - 1 && depth < maxDepth && rand() < 0.5);
        depth += open ? 1 : -1;
        input.push(open ? 0 : 1);
        target.push(depth);
      }
      return { input, target };
    },
    tokenLabel: (id) => (id === 0 ? '(' : ')'),
    // Counting needs an even look at the whole prefix: the share a uniform row would give, i.e.
    // 1 − total variation distance from uniform over keys 0..q.
    idealScore: (w, ex) => {
      const t = ex.input.length;
      let total = 0;
      for (let q = 0; q < t; q++) {
        let tv = 0;
        for (let k = 0; k <= q; k++) tv += Math.abs((w[q * t + k] ?? 0) - 1 / (q + 1));
        total += 1 - tv / 2;
      }
      return total / t;
    },
  };
}

/**
 * Two senses: filler tokens, one "bank" token and one context word, either river-like or
 * money-like; the bank position's label is the sense the context word gives. Ids: 0 bank,
 * 1–2 river words, 3–4 money words, 5… fillers. Classes: 0 river sense, 1 money sense.
 */
function bankTask({ length = 8, symbols = 12 }: TaskSize): TrainTask {
  const labels = ['bank', 'river', 'shore', 'money', 'loan'];
  return {
    id: 'bank',
    length,
    inputVocab: Math.max(symbols, 7),
    outputVocab: 2,
    causal: false,
    sample(rand) {
      const vocab = Math.max(symbols, 7);
      const input = Array.from({ length }, () => 5 + randInt(rand, vocab - 5));
      const bankAt = randInt(rand, length);
      let contextAt = randInt(rand, length - 1);
      if (contextAt >= bankAt) contextAt += 1;
      const money = rand() < 0.5;
      input[bankAt] = 0;
      input[contextAt] = (money ? 3 : 1) + randInt(rand, 2);
      const target = input.map((_, i) => (i === bankAt ? (money ? 1 : 0) : IGNORE));
      return { input, target };
    },
    tokenLabel: (id) => labels[id] ?? `w${id}`,
    idealScore: (w, ex) =>
      meanShare(w, ex.input.length, scoredRows(ex), () =>
        ex.input.flatMap((x, k) => (x >= 1 && x <= 4 ? [k] : [])),
      ),
  };
}

const BUILDERS: Record<TrainTaskId, (size: TaskSize) => TrainTask> = {
  copy: copyTask,
  reverse: reverseTask,
  sort: sortTask,
  induction: inductionTask,
  brackets: bracketsTask,
  bank: bankTask,
};

export function makeTask(id: TrainTaskId, size: TaskSize = {}): TrainTask {
  return BUILDERS[id](size);
}

/** `count` examples from `seed`: the same seed always gives the same examples. */
export function sampleExamples(task: TrainTask, count: number, seed: number): TaskExample[] {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => task.sample(rand));
}

/** The fixed probe sequence whose attention the tab shows (one example from a fixed seed). */
export function probeExample(task: TrainTask): TaskExample {
  return sampleExamples(task, 1, 0x5eed)[0]!;
}

/** Share of scored positions where `predicted` (per position, -1 for none) equals the target. */
export function tokenAccuracy(examples: TaskExample[], predicted: number[][]): number {
  let right = 0;
  let total = 0;
  examples.forEach((ex, i) => {
    ex.target.forEach((y, t) => {
      if (y === IGNORE) return;
      total += 1;
      if (predicted[i]?.[t] === y) right += 1;
    });
  });
  return total === 0 ? 0 : right / total;
}
