import { useMemo } from 'react';
import { useT } from '../../i18n';
import { formatBits } from '../heads/format';
import type { BlockView } from '../heads/source';
import { headLabel } from '../heads/thumbnails';
import { focusBars, type FocusBar } from './ranking';

export interface FocusRowsProps {
  a: BlockView;
  b: BlockView;
  /** The focus word's query index in A and in B. */
  focusA: number;
  focusB: number;
  /** The focus word as shown. */
  word: string;
  layer: number;
  /** Divergence (bits) of each head of `layer`, [heads] (NaN when undefined). */
  divergences: readonly number[];
}

/**
 * The focus word's attention row in A and in B, one pair of small bar charts per head of the chosen
 * layer, on a shared scale per head so the two sides compare at a glance.
 */
export function FocusRows({ a, b, focusA, focusB, word, layer, divergences }: FocusRowsProps) {
  const t = useT();
  const heads = a.block.heads;
  const charts = useMemo(() => {
    const rowOf = (v: BlockView, focus: number, head: number) => {
      const { queryLength: tq, keyLength: tk } = v.block;
      return v.data[layer]!.subarray((head * tq + focus) * tk, (head * tq + focus + 1) * tk);
    };
    return Array.from({ length: heads }, (_, head) => {
      const barsA = focusBars(rowOf(a, focusA, head), a.colTokens, a.sameTokens ? focusA : -1);
      const barsB = focusBars(rowOf(b, focusB, head), b.colTokens, b.sameTokens ? focusB : -1);
      let max = 0;
      for (const bar of [...barsA, ...barsB]) if (bar.weight > max) max = bar.weight;
      return { head, barsA, barsB, max: max > 0 ? max : 1 };
    });
  }, [a, b, focusA, focusB, layer, heads]);

  return (
    <div className="cmp-focus-grid">
      {charts.map(({ head, barsA, barsB, max }) => (
        <div key={head} className="cmp-focus-head">
          <div className="cmp-focus-title">
            <span className="cmp-head-label">{headLabel(layer, head)}</span>
            <span className="cmp-jsd" title={t('compare.jsdTitle')}>
              {t('compare.jsdShort', { value: formatBits(divergences[head] ?? NaN) })}
            </span>
          </div>
          <div className="cmp-focus-pair">
            <Bars
              bars={barsA}
              max={max}
              side="A"
              label={t('compare.barsLabel', {
                word,
                name: t('input.sentenceA'),
                layer: layer + 1,
                head: head + 1,
              })}
            />
            <Bars
              bars={barsB}
              max={max}
              side="B"
              label={t('compare.barsLabel', {
                word,
                name: t('input.sentenceB'),
                layer: layer + 1,
                head: head + 1,
              })}
            />
          </div>
        </div>
      ))}
    </div>
  );
}

/** A horizontal bar chart of one attention row, tokens as text. */
function Bars({
  bars,
  max,
  side,
  label,
}: {
  bars: readonly FocusBar[];
  max: number;
  side: 'A' | 'B';
  label: string;
}) {
  return (
    <div className={`cmp-bars cmp-bars-${side}`}>
      <span className="cmp-bars-side" aria-hidden="true">
        {side}
      </span>
      <ol className="cmp-bars-list" aria-label={label}>
        {bars.map((bar) => (
          <li
            key={bar.index}
            className={bar.isFocus ? 'is-focus' : undefined}
            title={`${bar.token}: ${bar.weight.toFixed(4)}`}
          >
            <span className="cmp-bar-token">{bar.token}</span>
            <span className="cmp-bar-track" aria-hidden="true">
              <span className="cmp-bar" style={{ width: `${(bar.weight / max) * 100}%` }} />
            </span>
            <span className="cmp-bar-value">{Math.round(bar.weight * 100)}%</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
