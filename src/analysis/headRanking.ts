/**
 * Measured head importance as the page shows it, after the engine has switched every head off in
 * turn: the ranking, the layers × heads grid the heatmap paints, the score's formatting and the
 * cache key of one input. Pure: plain data in, plain data out (the shapes mirror the worker's
 * `ImportanceResult` without importing it).
 */

/** One measured head (the worker's `HeadImportance`). */
export interface ImportanceEntry {
  /** Attention block, e.g. 'encoder-self', 'decoder-self', 'cross'. */
  kind: string;
  /** 0-based layer and head. */
  layer: number;
  head: number;
  /** Larger means switching the head off changed the output more. */
  score: number;
  /** Translator: the translation with the head off, and whether it differs from the baseline. */
  output?: string;
  changed?: boolean;
}

/** A measured head with its 1-based rank (1: the head that mattered most). */
export type RankedEntry<T extends ImportanceEntry = ImportanceEntry> = T & { rank: number };

/**
 * Heads ordered by score, largest first; equal scores keep their given (block, layer, head) order
 * and non-finite scores go last. Ranks are 1-based positions in that order.
 */
export function rankImportance<T extends ImportanceEntry>(heads: readonly T[]): RankedEntry<T>[] {
  const key = (v: number) => (Number.isFinite(v) ? v : -Infinity);
  return heads
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => key(b.entry.score) - key(a.entry.score) || a.index - b.index)
    .map(({ entry }, i) => ({ ...entry, rank: i + 1 }));
}

/** One row of the importance grid: a layer of one block. */
export interface ImportanceRow {
  kind: string;
  layer: number;
}

/** The importance heatmap's cells: one row per (block, layer), one column per head. */
export interface ImportanceGrid {
  rows: ImportanceRow[];
  /** Columns: the most heads of any row. */
  cols: number;
  /** Row-major [rows][cols] scores; NaN where a row has fewer heads (or none was measured). */
  values: Float32Array;
  /** Smallest and largest finite score (0 and 0 when none). */
  min: number;
  max: number;
}

/** Lays measured heads out as rows of (block, layer) in the order they first appear. */
export function importanceGrid(heads: readonly ImportanceEntry[]): ImportanceGrid {
  const rows: ImportanceRow[] = [];
  const rowOf = new Map<string, number>();
  let cols = 0;
  for (const h of heads) {
    const id = `${h.kind}\u0000${h.layer}`;
    if (!rowOf.has(id)) {
      rowOf.set(id, rows.length);
      rows.push({ kind: h.kind, layer: h.layer });
    }
    cols = Math.max(cols, h.head + 1);
  }
  const values = new Float32Array(rows.length * cols).fill(NaN);
  let min = Infinity;
  let max = -Infinity;
  for (const h of heads) {
    if (h.head < 0) continue;
    const r = rowOf.get(`${h.kind}\u0000${h.layer}`)!;
    values[r * cols + h.head] = h.score;
    if (Number.isFinite(h.score)) {
      min = Math.min(min, h.score);
      max = Math.max(max, h.score);
    }
  }
  return min > max ? { rows, cols, values, min: 0, max: 0 } : { rows, cols, values, min, max };
}

/** The colour domain of the importance grid. */
export interface ImportanceDomain {
  lo: number;
  hi: number;
  /** Some score is negative: 0 sits in the middle of a diverging map (as d3's scaleDiverging). */
  diverging: boolean;
}

/**
 * The colour domain of the grid: [0, max] when no score is negative (sequential colours), else
 * [min, max] with 0 in the middle of a diverging map (a head whose removal made the output more
 * likely), each side stretched to its own extreme so small negatives do not wash out the rest.
 */
export function importanceDomain(grid: Pick<ImportanceGrid, 'min' | 'max'>): ImportanceDomain {
  if (grid.min < 0) return { lo: grid.min, hi: grid.max > 0 ? grid.max : 1, diverging: true };
  return { lo: 0, hi: grid.max > 0 ? grid.max : 1, diverging: false };
}

/**
 * Where `value` falls on the colour map, 0…1 (clamped; NaN for a missing cell): linear over
 * [lo, hi], or for a diverging domain [lo, 0] → [0, 0.5] and [0, hi] → [0.5, 1].
 */
export function importancePosition(value: number, domain: ImportanceDomain): number {
  if (!Number.isFinite(value)) return NaN;
  const t = domain.diverging
    ? value < 0
      ? 0.5 * (1 - value / domain.lo)
      : 0.5 + (0.5 * value) / domain.hi
    : (value - domain.lo) / (domain.hi - domain.lo || 1);
  return Math.max(0, Math.min(1, t));
}

/**
 * A score for tables and tooltips: three significant digits, plain notation from 0.001 up (and
 * exponent notation below, so small differences stay readable), an exact zero as "0".
 */
export function formatImportanceScore(score: number): string {
  if (!Number.isFinite(score)) return '–';
  if (score === 0) return '0';
  const abs = Math.abs(score);
  if (abs < 1e-3) return score.toExponential(1).replace('e', '×10^').replace('^+', '^');
  if (abs >= 1000) return score.toFixed(0);
  // toPrecision(3) without trailing zeros after the point ("0.120" → "0.12").
  const text = score.toPrecision(3);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a measured ranking depends on. */
export interface ImportanceInput {
  text: string;
  /** The model as the run asks for it (kind, URL or options, checkpoint key and pair). */
  model: unknown;
  /** How heads are switched off. */
  mode: string;
  /** The masked token (masked LMs), if any. */
  maskAt?: number | null;
}

/** The cache key of one input: equal inputs (in any key order) give the same key. */
export function importanceKey(input: ImportanceInput): string {
  return stableJson({
    text: input.text,
    model: input.model,
    mode: input.mode,
    maskAt: input.maskAt ?? null,
  });
}

/** Rows shown before "show all". */
export const IMPORTANCE_TOP = 10;

/** The first `IMPORTANCE_TOP` rows, or all of them. */
export function visibleRows<T>(ranked: readonly T[], showAll: boolean): readonly T[] {
  return showAll ? ranked : ranked.slice(0, IMPORTANCE_TOP);
}
