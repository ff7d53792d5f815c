/** Helpers shared by the cards of the positional-encodings tab. */

// CSS colours (app.css): the curves follow the light or dark theme.
export const CURVE_COLORS = ['var(--plot-1)', 'var(--plot-2)', 'var(--plot-3)', 'var(--plot-4)'];

/** Axis labels 0 … n − 1. */
export const labels = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i));

/** What the cards that draw the sinusoidal table get. */
export interface TableProps {
  /** The sinusoidal table, row-major [positions][dModel]. */
  table: Float32Array;
  positions: number;
  dModel: number;
}
