/** Number formatting of the teaching views (pure). */

const MINUS = '\u2212';

/** A number with `digits` decimals; −∞ / ∞ as symbols, NaN as an em dash, −0 as 0. */
export function fixed(value: number, digits = 3): string {
  if (value === -Infinity) return `${MINUS}∞`;
  if (value === Infinity) return '∞';
  if (Number.isNaN(value)) return '—';
  const text = value.toFixed(digits);
  if (/^-0\.?0*$/.test(text)) return text.slice(1);
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/** A number with at most `digits` decimals, trailing zeros dropped (8.000 → "8"). */
export function short(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return fixed(value);
  const rounded = Number(value.toFixed(digits));
  const text = String(Object.is(rounded, -0) ? 0 : rounded);
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}

/** A small difference in scientific notation (1.2e-7), 0 as "0". */
export function tiny(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return fixed(value);
  return value.toExponential(1).replace('-', MINUS);
}

/** A fraction as a percentage with one decimal. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Parses a number typed by a learner ("0,5" and "−1" accepted); null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(',', '.').replace(MINUS, '-');
  if (cleaned === '' || cleaned === '-' || cleaned === '.') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
