import type { ReactNode } from 'react';
import { ColumnLabels, RowLabels } from './AxisLabels';
import type { AxisLabel, HeatmapLayout } from './layout';

/**
 * The frame every canvas heatmap shares: a CSS grid with the empty corner, the key labels above,
 * the query labels to the left and the cell area, sized from the layout. The cell area's content
 * (the canvas, its overlay and tooltip) is the caller's.
 */
export function HeatmapGrid({
  layout,
  colLabels = layout.colLabels,
  rowLabels = layout.rowLabels,
  activeColumn,
  isRowActive,
  labelClassName,
  children,
}: {
  layout: HeatmapLayout;
  /** Default: the layout's own; a caller may spell out the hovered token in full. */
  colLabels?: readonly AxisLabel[];
  rowLabels?: readonly AxisLabel[];
  activeColumn?: number;
  isRowActive: (row: number) => boolean;
  /** Added to both label gutters' classes. */
  labelClassName?: string;
  children: ReactNode;
}) {
  const extra = labelClassName ? ` ${labelClassName}` : '';
  return (
    <div
      className="heatmap-grid"
      style={{
        gridTemplateColumns: `${layout.rowLabelWidth}px ${layout.gridWidth}px`,
        gridTemplateRows: `${layout.colLabelHeight}px ${layout.gridHeight}px`,
        fontSize: layout.fontSize,
      }}
    >
      <div className="heatmap-corner" aria-hidden="true" />
      <ColumnLabels
        className={`heatmap-cols${extra}`}
        labels={colLabels}
        width={layout.gridWidth}
        height={layout.colLabelHeight}
        active={activeColumn}
      />
      <RowLabels
        className={`heatmap-rows${extra}`}
        labels={rowLabels}
        width={layout.rowLabelWidth}
        height={layout.gridHeight}
        isActive={isRowActive}
      />
      <div className="heatmap-cells" style={{ width: layout.gridWidth, height: layout.gridHeight }}>
        {children}
      </div>
    </div>
  );
}

/**
 * The hovered cell's tooltip, beside the cell: to its right, or to its left past the middle
 * column so it stays inside the grid.
 */
export function CellTooltip({
  id,
  cell,
  cols,
  cellSize,
  children,
}: {
  id: string;
  cell: { query: number; key: number };
  cols: number;
  cellSize: number;
  children: ReactNode;
}) {
  const left = cell.key > cols / 2;
  return (
    <div
      id={id}
      role="tooltip"
      className={`heatmap-tooltip${left ? ' is-left' : ''}`}
      style={{
        left: left ? cell.key * cellSize - 6 : (cell.key + 1) * cellSize + 6,
        top: cell.query * cellSize + cellSize / 2,
      }}
    >
      {children}
    </div>
  );
}

/** The outline of the hovered cell, inside the heatmap's overlay svg. */
export function CellOutline({
  cell,
  cellSize,
}: {
  cell: { query: number; key: number };
  cellSize: number;
}) {
  return (
    <rect
      className="overlay-cell"
      x={cell.key * cellSize + 0.5}
      y={cell.query * cellSize + 0.5}
      width={cellSize - 1}
      height={cellSize - 1}
    />
  );
}
