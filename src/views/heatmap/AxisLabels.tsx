import { isUprightLabel, type AxisLabel } from './layout';

/**
 * The key (column) labels above a heatmap grid: wide characters upright, other tokens turned 90°
 * so long words never overlap. Decorative for screen readers: the canvas's own label and the
 * hovered cell's tooltip say the same.
 */
export function ColumnLabels({
  labels,
  width,
  height,
  active,
  className = 'heatmap-cols',
}: {
  labels: readonly AxisLabel[];
  width: number;
  height: number;
  /** The highlighted column (hovered or keyboard-chosen), if any. */
  active?: number;
  className?: string;
}) {
  return (
    <svg className={className} width={width} height={height} aria-hidden="true">
      {labels.map((l) => (
        <text
          key={l.index}
          className={l.index === active ? 'is-active' : undefined}
          {...(isUprightLabel(l.text)
            ? { x: l.center, y: height - 5, textAnchor: 'middle' }
            : {
                transform: `translate(${l.center},${height - 5}) rotate(-90)`,
                dominantBaseline: 'central',
              })}
        >
          {l.text}
          {l.full !== l.text && <title>{l.full}</title>}
        </text>
      ))}
    </svg>
  );
}

/** The query (row) labels left of a heatmap grid, right-aligned against the cells. */
export function RowLabels({
  labels,
  width,
  height,
  isActive,
  className = 'heatmap-rows',
}: {
  labels: readonly AxisLabel[];
  width: number;
  height: number;
  /** Whether a row is highlighted (hovered, keyboard-chosen or marked). */
  isActive: (index: number) => boolean;
  className?: string;
}) {
  return (
    <svg className={className} width={width} height={height} aria-hidden="true">
      {labels.map((l) => (
        <text
          key={l.index}
          className={isActive(l.index) ? 'is-active' : undefined}
          x={width - 5}
          y={l.center}
          textAnchor="end"
          dominantBaseline="central"
        >
          {l.text}
          {l.full !== l.text && <title>{l.full}</title>}
        </text>
      ))}
    </svg>
  );
}
