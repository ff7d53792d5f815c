import { useMemo } from 'react';
import { colorScale, textOn } from './colors';
import { fixed } from './format';

export interface NumberVectorProps {
  /** The vector's entries. */
  values: ArrayLike<number>;
  /** Accessible name of the list ("q of “bank”"). */
  label: string;
  /** Decimals shown (default 2). */
  digits?: number;
  /** Colour range ±max (default the vector's largest |value|). */
  max?: number;
  /** Show at most this many entries, then "+n" (default all). */
  limit?: number;
}

/** A vector as a row of coloured number cells (red positive, blue negative). */
export function NumberVector({ values, label, digits = 2, max, limit }: NumberVectorProps) {
  const all = useMemo(() => Array.from(values), [values]);
  const m = max ?? Math.max(1e-9, ...all.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
  const color = colorScale('diverging', [-m, m]);
  const shown = limit !== undefined ? all.slice(0, limit) : all;
  return (
    <ol className="teach-vec" aria-label={label}>
      {shown.map((v, i) => {
        const bg = Number.isFinite(v) ? color(v) : 'transparent';
        return (
          <li
            key={i}
            style={{ background: bg, color: Number.isFinite(v) ? textOn(bg) : undefined }}
          >
            {fixed(v, digits)}
          </li>
        );
      })}
      {shown.length < all.length && (
        <li className="teach-vec-more">+{all.length - shown.length}</li>
      )}
    </ol>
  );
}
