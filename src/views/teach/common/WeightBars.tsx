import { fixed } from './format';

export interface WeightBarsProps {
  /** One label per bar (token text). */
  labels: readonly string[];
  /** Weights in [0, 1], same length as labels. */
  weights: ArrayLike<number>;
  /** Accessible name of the list. */
  label: string;
  /** A second set drawn as a thin marker (e.g. the model's default weights). */
  compare?: ArrayLike<number>;
  /** The bar to emphasise (e.g. the query itself). */
  highlight?: number;
}

/** Weights as horizontal bars with their token and value (text, so it reads without colour). */
export function WeightBars({ labels, weights, label, compare, highlight }: WeightBarsProps) {
  return (
    <ul className="teach-bars" aria-label={label}>
      {labels.map((text, i) => {
        const w = weights[i] ?? 0;
        const c = compare?.[i];
        return (
          <li key={i} className={i === highlight ? 'is-active' : undefined}>
            <span className="teach-bars-token">{text}</span>
            <span className="teach-bars-track">
              <span className="teach-bars-fill" style={{ width: `${Math.max(0, w) * 100}%` }} />
              {c !== undefined && (
                <span className="teach-bars-compare" style={{ left: `${Math.max(0, c) * 100}%` }} />
              )}
            </span>
            <span className="teach-bars-value">{fixed(w, 3)}</span>
          </li>
        );
      })}
    </ul>
  );
}
