/**
 * The ZH→EN corpus: English that the Chinese decides.
 *
 * Chinese leaves unmarked much that English must say: 他很累 is "He is tired." or "He was tired.",
 * 猫 is "the cat", "the cats" or "cats". In the EN→ZH corpus those choices are drawn at random, which
 * is right for that direction (every English has one Chinese) but makes ZH→EN references a coin
 * toss the model cannot win. For ZH→EN each generated sentence is rewritten so that every such
 * choice takes its most likely outcome: draw by draw, the template is replayed with the draw set to
 * each more likely outcome, and the first replay whose Chinese is unchanged wins. Choices the Chinese
 * shows (了, 一只, 们, 很多 …) change the Chinese and so stay as drawn.
 */
import { replayRng, type Draw, type Rng } from './rng.ts';

export interface Replayable<T extends { readonly zh: string }> {
  /** Runs the template on `r`; null when it declines. */
  readonly gen: (r: Rng) => T | null;
  /** Whether a replayed pair is one the corpus would keep (length and pair checks). */
  readonly keep: (b: T) => boolean;
}

/** Runs `gen` on `r`, recording the draws it makes. */
export function recorded<T>(r: Rng, gen: (r: Rng) => T): { value: T; draws: Draw[] } {
  const draws: Draw[] = [];
  r.recording = draws;
  try {
    return { value: gen(r), draws };
  } finally {
    r.recording = undefined;
  }
}

/** Outcomes of `d` that are more likely than the one drawn, most likely first (ties: lower index). */
function likelierOutcomes(d: Draw): number[] {
  const o = d.outcomes ?? [];
  const mine = o[d.chosen]?.weight ?? 1;
  return o
    .map((x, i) => ({ i, w: x.weight }))
    .filter(({ i, w }) => w > mine || (w === mine && i < d.chosen))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .map(({ i }) => i);
}

export interface Canonical<T> {
  readonly value: T;
  /** How many draws were moved to a likelier outcome. */
  readonly changed: number;
}

/**
 * `first` (made by `t.gen` with `firstDraws`) with every choice its Chinese does not show moved to
 * its most likely outcome. Deterministic: replays continue from a stream seeded by the draw index.
 */
export function chineseDecides<T extends { readonly zh: string }>(
  t: Replayable<T>,
  first: T,
  firstDraws: readonly Draw[],
): Canonical<T> {
  let best = first;
  let draws = firstDraws;
  let changed = 0;
  for (let k = 0; k < draws.length; k++) {
    for (const outcome of likelierOutcomes(draws[k]!)) {
      const values = draws.map((d) => d.u);
      values[k] = draws[k]!.outcomes![outcome]!.u;
      const r = replayRng(values, 0x9e3779b9 ^ (k * 2654435761));
      let replay: { value: T | null; draws: Draw[] };
      try {
        replay = recorded(r, t.gen);
      } catch {
        continue; // an outcome the template cannot build with the rest of the draws
      }
      const b = replay.value;
      if (b === null || b.zh !== best.zh || !t.keep(b)) continue;
      best = b;
      draws = replay.draws;
      changed++;
      break;
    }
  }
  return { value: best, changed };
}
