/** Pure: one query's steps from a head's intermediates, recomputed in the page and compared. */
import {
  attendQuery,
  maxAbsDiff,
  rowOf,
  toRows,
  type QuerySteps,
} from '../../../analysis/teach/attention';
import type { HeadIntermediates } from '../../../engine/types';

export interface ModelQuerySteps {
  q: number[];
  keys: number[][];
  values: number[][];
  /** Recomputed in the page in float64 from q, K, V, the scale, the bias and the mask. */
  page: QuerySteps;
  /** ALiBi's bias per key (scaled − raw·scale); null when the head adds none. */
  bias: number[] | null;
  /** The engine's own rows for this query. */
  engine: { raw: number[]; weights: number[]; output: number[] };
  /** Largest |page − engine| of the scores, weights and output (float32 vs float64). */
  diff: { scores: number; weights: number; output: number };
}

export function querySteps(inter: HeadIntermediates, query: number): ModelQuerySteps {
  const { keyLength: tk, headSize: dh } = inter;
  const q = rowOf(inter.q, query, dh);
  const keys = toRows(inter.k, tk, dh);
  const values = toRows(inter.v, tk, dh);
  const raw = rowOf(inter.rawScores, query, tk);
  const scaled = rowOf(inter.scaledScores, query, tk);
  const masked = rowOf(inter.maskedScores, query, tk);
  const biasRow = scaled.map((s, j) => s - raw[j]! * inter.scale);
  const hasBias = biasRow.some((b) => Math.abs(b) > 1e-5);
  const page = attendQuery(q, keys, values, {
    scale: inter.scale,
    bias: hasBias ? biasRow : undefined,
    allowed: masked.map((m) => m !== -Infinity),
  });
  const engine = {
    raw,
    weights: rowOf(inter.weights, query, tk),
    output: rowOf(inter.output, query, dh),
  };
  return {
    q,
    keys,
    values,
    page,
    bias: hasBias ? biasRow : null,
    engine,
    diff: {
      scores: maxAbsDiff(page.dots, engine.raw),
      weights: maxAbsDiff(page.weights, engine.weights),
      output: maxAbsDiff(page.output, engine.output),
    },
  };
}
