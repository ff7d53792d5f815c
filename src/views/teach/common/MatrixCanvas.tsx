import {
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { finiteExtent } from '../../../analysis/teach/matrix';
import { useElementWidth } from '../../common/useElementWidth';
import { cellAt, computeHeatmapLayout, isUprightLabel, moveCell } from '../../heatmap/layout';
import { colorScale, textOn, type Scheme } from './colors';
import { fixed } from './format';

export interface MatrixCanvasProps {
  /** Row-major [rows][cols]. −∞ marks a masked cell (hatched); NaN a cell with no value (blank). */
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Row (query) labels, `rows` long; token text is drawn as text, never as HTML. */
  rowLabels: readonly string[];
  /** Column (key) labels, `cols` long. */
  colLabels: readonly string[];
  /** Accessible name of the canvas. */
  label: string;
  /** 'weights' (viridis over [0, max], default), 'sequential' (viridis over the extent) or
   * 'diverging' (red–white–blue around 0). */
  scheme?: Scheme;
  /** Colour domain; default the finite extent of `values`. */
  domain?: [number, number];
  /** A row to outline (the query being followed). */
  highlightRow?: number;
  /** Largest cell side in CSS px (default 30); cells shrink to fit the width, down to 4 px. */
  maxCell?: number;
  /** Width to fit in, CSS px; default the container's width. */
  width?: number;
  /** Numbers inside the cells when they are large enough (default true). */
  showValues?: boolean;
  /** Decimals of the numbers (default 2). */
  digits?: number;
  /** Makes cells toggle on click (and Enter/Space at the keyboard cursor): the mask editor. */
  onCellToggle?: (row: number, col: number) => void;
  /** Text of the hover/cursor readout; default `row → col: value`. */
  describe?: (row: number, col: number, value: number) => string;
}

const HATCH_BG = 'rgba(128, 128, 128, 0.16)';
const HATCH_LINE = 'rgba(128, 128, 128, 0.55)';

/**
 * A small matrix on a canvas (one rect per cell, scaled by devicePixelRatio), with its row and
 * column labels as SVG text. Masked cells are hatched; a readout line names the hovered cell.
 */
export function MatrixCanvas({
  values,
  rows,
  cols,
  rowLabels,
  colLabels,
  label,
  scheme = 'weights',
  domain,
  highlightRow,
  maxCell = 30,
  width,
  showValues = true,
  digits = 2,
  onCellToggle,
  describe,
}: MatrixCanvasProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const measured = useElementWidth(containerRef);
  const readoutId = useId();
  const [cursor, setCursor] = useState<{ query: number; key: number } | null>(null);

  const layout = useMemo(
    () =>
      computeHeatmapLayout(rowLabels.slice(0, rows), colLabels.slice(0, cols), {
        availableWidth: width ?? measured,
        minCell: 4,
        maxCell,
        fontSize: 12,
        maxLabelChars: 10,
      }),
    [rowLabels, colLabels, rows, cols, width, measured, maxCell],
  );
  const extent = useMemo(() => domain ?? finiteExtent(values), [domain, values]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
    const size = layout.cellSize;
    canvas.width = Math.max(1, Math.round(layout.gridWidth * dpr));
    canvas.height = Math.max(1, Math.round(layout.gridHeight * dpr));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, layout.gridWidth, layout.gridHeight);
    const color = colorScale(scheme, extent);
    const textFits = showValues && size >= 30;
    ctx.font = `${Math.min(11, size / 3)}px ui-monospace, Menlo, Consolas, monospace`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = values[r * cols + c] ?? Number.NaN;
        const x = c * size;
        const y = r * size;
        if (v === -Infinity) {
          ctx.fillStyle = HATCH_BG;
          ctx.fillRect(x, y, size, size);
          ctx.save();
          ctx.beginPath();
          ctx.rect(x, y, size, size);
          ctx.clip();
          ctx.strokeStyle = HATCH_LINE;
          ctx.lineWidth = 1;
          ctx.beginPath();
          for (let o = -size; o < size; o += 5) {
            ctx.moveTo(x + o, y + size);
            ctx.lineTo(x + o + size, y);
          }
          ctx.stroke();
          ctx.restore();
          continue;
        }
        if (Number.isNaN(v)) continue; // no value: the page shows through
        const fill = color(v);
        ctx.fillStyle = fill;
        ctx.fillRect(x, y, size, size);
        if (textFits) {
          ctx.fillStyle = textOn(fill);
          ctx.fillText(fixed(v, digits), x + size / 2, y + size / 2);
        }
      }
    }
    if (rows > 1 || cols > 1) {
      ctx.strokeStyle = 'rgba(128, 128, 128, 0.35)';
      ctx.lineWidth = 0.5;
      if (size >= 10) {
        ctx.beginPath();
        for (let r = 1; r < rows; r++) {
          ctx.moveTo(0, r * size);
          ctx.lineTo(layout.gridWidth, r * size);
        }
        for (let c = 1; c < cols; c++) {
          ctx.moveTo(c * size, 0);
          ctx.lineTo(c * size, layout.gridHeight);
        }
        ctx.stroke();
      }
    }
    if (highlightRow !== undefined && highlightRow >= 0 && highlightRow < rows) {
      ctx.strokeStyle = '#f5a623';
      ctx.lineWidth = 2;
      ctx.strokeRect(1, highlightRow * size + 1, layout.gridWidth - 2, size - 2);
    }
    if (cursor && cursor.query < rows && cursor.key < cols) {
      ctx.strokeStyle = '#e0245e';
      ctx.lineWidth = 2;
      ctx.strokeRect(cursor.key * size + 1, cursor.query * size + 1, size - 2, size - 2);
    }
  }, [values, rows, cols, layout, extent, scheme, showValues, digits, highlightRow, cursor]);

  const readout =
    cursor && cursor.query < rows && cursor.key < cols
      ? (describe ?? defaultDescribe(rowLabels, colLabels))(
          cursor.query,
          cursor.key,
          values[cursor.query * cols + cursor.key] ?? Number.NaN,
        )
      : '';

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    setCursor(cellAt(e.clientX - rect.left, e.clientY - rect.top, layout.cellSize, rows, cols));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>): void => {
    if (onCellToggle && cursor && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onCellToggle(cursor.query, cursor.key);
      return;
    }
    const next = cursor
      ? moveCell(cursor, e.key, rows, cols)
      : e.key.startsWith('Arrow')
        ? { query: 0, key: 0 }
        : null;
    if (!next) return;
    e.preventDefault();
    setCursor(next);
  };

  return (
    <div ref={containerRef} className="teach-matrix">
      <div
        className="teach-matrix-grid"
        style={{
          gridTemplateColumns: `${layout.rowLabelWidth}px ${layout.gridWidth}px`,
          gridTemplateRows: `${layout.colLabelHeight}px ${layout.gridHeight}px`,
          fontSize: layout.fontSize,
        }}
      >
        <div aria-hidden="true" />
        <svg width={layout.gridWidth} height={layout.colLabelHeight} aria-hidden="true">
          {layout.colLabels.map((l) =>
            isUprightLabel(l.text) ? (
              <text key={l.index} x={l.center} y={layout.colLabelHeight - 4} textAnchor="middle">
                {l.text}
              </text>
            ) : (
              <text
                key={l.index}
                transform={`translate(${l.center},${layout.colLabelHeight - 4}) rotate(-90)`}
                dominantBaseline="central"
              >
                {l.text}
              </text>
            ),
          )}
        </svg>
        <svg width={layout.rowLabelWidth} height={layout.gridHeight} aria-hidden="true">
          {layout.rowLabels.map((l) => (
            <text
              key={l.index}
              x={layout.rowLabelWidth - 4}
              y={l.center}
              textAnchor="end"
              dominantBaseline="central"
              className={l.index === highlightRow ? 'is-active' : undefined}
            >
              {l.text}
            </text>
          ))}
        </svg>
        <canvas
          ref={canvasRef}
          className={`teach-matrix-canvas${onCellToggle ? ' is-editable' : ''}`}
          role="img"
          aria-label={label}
          aria-describedby={readout ? readoutId : undefined}
          tabIndex={0}
          style={{ width: layout.gridWidth, height: layout.gridHeight }}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setCursor(null)}
          onClick={(e) => {
            if (!onCellToggle) return;
            const rect = e.currentTarget.getBoundingClientRect();
            const cell = cellAt(
              e.clientX - rect.left,
              e.clientY - rect.top,
              layout.cellSize,
              rows,
              cols,
            );
            if (cell) onCellToggle(cell.query, cell.key);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id={readoutId} className="teach-matrix-readout" aria-live="polite">
        {readout || '\u00a0'}
      </p>
    </div>
  );
}

const defaultDescribe =
  (rowLabels: readonly string[], colLabels: readonly string[]) =>
  (row: number, col: number, value: number): string =>
    `${rowLabels[row] ?? row} → ${colLabels[col] ?? col}: ${fixed(value, 4)}`;
