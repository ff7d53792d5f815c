/**
 * Sampling helpers over the project's seeded PRNG (mulberry32, src/lib/random.ts). The corpus must
 * be byte-identical for a given seed on every machine, so nothing here may touch Math.random or
 * depend on iteration order of hash maps.
 *
 * An Rng can also record its draws (each with the raw values that would have picked each other
 * outcome) and a ReplayRng can play them back with one draw changed: the ZH→EN corpus uses this to
 * find choices the Chinese does not show (see chinese-decides.ts).
 */
import { mulberry32 } from '../../src/lib/random.ts';

/** One outcome of a draw: a raw value that selects it, and its prior probability. */
export interface Outcome {
  readonly u: number;
  readonly weight: number;
}

/** One recorded draw: the raw value used, which outcome it chose, and every outcome it had. */
export interface Draw {
  readonly u: number;
  readonly chosen: number;
  readonly outcomes?: readonly Outcome[];
}

export class Rng {
  private readonly source: () => number;
  /** When set, every draw is appended here with its outcomes. */
  recording: Draw[] | undefined;

  constructor(seed: number | (() => number)) {
    this.source = typeof seed === 'number' ? mulberry32(seed) : seed;
  }

  private raw(): number {
    return this.source();
  }

  /** Uniform in [0, 1). */
  float(): number {
    const u = this.raw();
    this.recording?.push({ u, chosen: 0 });
    return u;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    const u = this.raw();
    const i = Math.floor(u * n);
    if (this.recording) {
      const outcomes = Array.from({ length: n }, (_, j) => ({ u: (j + 0.5) / n, weight: 1 / n }));
      this.recording.push({ u, chosen: i, outcomes });
    }
    return i;
  }

  chance(p: number): boolean {
    const u = this.raw();
    const yes = u < p;
    if (this.recording) {
      const outcomes =
        p > 0 && p < 1
          ? [
              { u: p / 2, weight: p },
              { u: (1 + p) / 2, weight: 1 - p },
            ]
          : undefined;
      this.recording.push({ u, chosen: yes ? 0 : 1, ...(outcomes ? { outcomes } : {}) });
    }
    return yes;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(items.length)] as T;
  }

  /** Like pick, but undefined for an empty list (consumes one draw either way). */
  pickMaybe<T>(items: readonly T[]): T | undefined {
    const i = this.int(Math.max(items.length, 1));
    return items[i];
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    const u = this.raw();
    let x = u * total;
    let chosen = items.length - 1;
    for (let i = 0; i < items.length; i++) {
      x -= items[i]![1];
      if (x < 0) {
        chosen = i;
        break;
      }
    }
    if (this.recording) {
      let before = 0;
      const outcomes = items.map(([, w]) => {
        const o = { u: (before + w / 2) / total, weight: w / total };
        before += w;
        return o;
      });
      this.recording.push({ u, chosen, outcomes });
    }
    const item = items[chosen];
    if (item === undefined) throw new Error('Rng.weighted: empty list');
    return item[0];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const a = items[i] as T;
      items[i] = items[j] as T;
      items[j] = a;
    }
    return items;
  }
}

/**
 * Plays back recorded raw values, then (if the changed draw made the template draw more often)
 * continues from a seeded stream, so a replay is as deterministic as the first run.
 */
export function replayRng(values: readonly number[], fallbackSeed: number): Rng {
  const more = mulberry32(fallbackSeed);
  let i = 0;
  return new Rng(() => (i < values.length ? values[i++]! : more()));
}
