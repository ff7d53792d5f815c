import type { ZoomLabel } from './draw';

/**
 * The zoomable heatmap's token labels: keys above (turned 90°), queries to the left. Zoomed out,
 * each label carries its 1-based position ("the 201"), since only every n-th token is named.
 * Decorative for screen readers: the readout says the same.
 */
export function ZoomAxes({
  rowLabels,
  colLabels,
  width,
  height,
  rowGutter,
  colGutter,
  cellMode,
  activeRow,
  activeCol,
}: {
  rowLabels: readonly ZoomLabel[];
  colLabels: readonly ZoomLabel[];
  /** Canvas size, CSS px. */
  width: number;
  height: number;
  /** Width of the query labels' gutter and height of the key labels', CSS px. */
  rowGutter: number;
  colGutter: number;
  /** Every visible token is labelled (no positions needed). */
  cellMode: boolean;
  activeRow?: number;
  activeCol?: number;
}) {
  return (
    <>
      <svg className="zoom-cols" width={width} height={colGutter} aria-hidden="true">
        {colLabels.map((l) => (
          <text
            key={l.index}
            className={activeCol === l.index ? 'is-active' : undefined}
            transform={`translate(${l.center},${colGutter - 4}) rotate(-90)`}
            dominantBaseline="central"
          >
            {cellMode ? l.text : `${l.index + 1} ${l.text}`}
          </text>
        ))}
      </svg>
      <svg className="zoom-rows" width={rowGutter} height={height} aria-hidden="true">
        {rowLabels.map((l) => (
          <text
            key={l.index}
            className={activeRow === l.index ? 'is-active' : undefined}
            x={rowGutter - 4}
            y={l.center}
            textAnchor="end"
            dominantBaseline="central"
          >
            {cellMode ? l.text : `${l.text} ${l.index + 1}`}
          </text>
        ))}
      </svg>
    </>
  );
}
