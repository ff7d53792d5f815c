import { useId, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { useElementWidth } from '../common/useElementWidth';
import { cellAt, ColorLegend, computeHeatmapLayout, formatTick, formatWeight } from '../heatmap';
import { cellScaleOf, scaledToRgba } from '../heatmap/colorScale';
import {
  colorMapLut,
  gradientStops,
  interpolateDiverging,
  signedMatrixToRgba,
} from '../heatmap/colormaps';
import { CellOutline, CellTooltip, HeatmapGrid } from '../heatmap/HeatmapGrid';
import { divergingTicks, maxAbsOf, symmetricMax } from './diverging';
import './aggregate.css';

export interface MatrixHeatmapProps {
  /** Row (query) labels, [rows]. */
  rowTokens: readonly string[];
  /** Column (key) labels, [cols]. */
  colTokens: readonly string[];
  /** Row-major [rows][cols] values. */
  matrix: Float32Array;
  /** Accessible name of the picture. */
  label: string;
  /** Caption above the picture. */
  caption?: string;
  /**
   * 'sequential' (default): the chosen colour map over [0, max(matrix)], linear or log and with
   * the first token left out (hatched) as the display preferences say; 'diverging': the app's
   * diverging map (purple–white–orange) over the symmetric domain [−maxAbs, +maxAbs] (differences).
   */
  scale?: 'sequential' | 'diverging';
  /** Top of a sequential scale or half-width of a diverging one; default from the matrix. */
  max?: number;
  /** Smallest and largest cell, CSS px. Defaults 4 and 36. */
  minCell?: number;
  maxCell?: number;
  /** A query row to outline (e.g. the focus word), or null. */
  markRow?: number | null;
  /**
   * Title of the legend: of a diverging one, what is subtracted (default "B − A"); of a
   * sequential one, what the values are (default "Attention weight").
   */
  legendTitle?: string;
  /**
   * Names of the two sides of a difference `second − first`, e.g. ['A', 'B'] for B − A: the
   * legend's negative end reads "A larger", its positive end "B larger". Default ['A', 'B'].
   */
  legendSides?: readonly [string, string];
}

/**
 * A presentational heatmap of any matrix (an average, a rollout, a difference): the same pure
 * layout and colour helpers as the Attention tab's heatmap, fed by props instead of the store.
 * One pixel per cell, scaled up by CSS without smoothing; labels are SVG text.
 */
export function MatrixHeatmap({
  rowTokens,
  colTokens,
  matrix,
  label,
  caption,
  scale = 'sequential',
  max,
  minCell = 4,
  maxCell = 36,
  markRow = null,
  legendTitle,
  legendSides = SIDES_AB,
}: MatrixHeatmapProps) {
  const t = useT();
  const tooltipId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(containerRef);
  const [hover, setHover] = useState<{ query: number; key: number } | null>(null);
  const colorMap = useAppStore((s) => s.colorMap);
  const colorScale = useAppStore((s) => s.colorScale);
  const leaveOutFirst = useAppStore((s) => s.leaveOutFirst);
  const rows = rowTokens.length;
  const cols = colTokens.length;
  const valid = rows > 0 && cols > 0 && matrix.length === rows * cols;

  // A sequential scale under the display preferences (log, first token left out).
  const seq = useMemo(
    () =>
      scale === 'sequential'
        ? cellScaleOf(matrix, rows, cols, { kind: colorScale, leaveOutFirst }, max)
        : null,
    [matrix, rows, cols, max, scale, colorScale, leaveOutFirst],
  );
  const top = useMemo(() => {
    if (seq) return seq.max;
    return symmetricMax(max ?? maxAbsOf(matrix));
  }, [matrix, max, seq]);

  const layout = useMemo(
    () =>
      computeHeatmapLayout(rowTokens, colTokens, {
        availableWidth: width,
        minCell,
        maxCell,
        fontSize: 11,
        maxLabelChars: 12,
      }),
    [rowTokens, colTokens, width, minCell, maxCell],
  );

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !valid) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const rgba = seq
      ? scaledToRgba(matrix, rows, cols, seq, colorMapLut(colorMap))
      : signedMatrixToRgba(matrix, rows, cols, top);
    const image = ctx.createImageData(cols, rows);
    image.data.set(rgba);
    ctx.putImageData(image, 0, 0);
  }, [matrix, rows, cols, top, seq, valid, colorMap]);

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    setHover(cellAt(e.clientX - rect.left, e.clientY - rect.top, layout.cellSize, rows, cols));
  };
  const cell = hover && hover.query < rows && hover.key < cols ? hover : null;
  const value = cell ? (matrix[cell.query * cols + cell.key] ?? 0) : 0;
  const tooltip = cell
    ? `${rowTokens[cell.query] ?? ''} → ${colTokens[cell.key] ?? ''}: ${
        scale === 'diverging' && value > 0 ? '+' : ''
      }${formatWeight(value)}`
    : '';

  return (
    <figure className="mh">
      {caption && <figcaption className="mh-caption">{caption}</figcaption>}
      <div ref={containerRef} className="mh-body">
        {valid && (
          <div className="heatmap-scroll mh-scroll">
            <HeatmapGrid
              layout={layout}
              activeColumn={cell?.key}
              isRowActive={(i) => i === cell?.query || i === markRow}
              labelClassName="mh-labels"
            >
              <canvas
                ref={canvasRef}
                className="heatmap-canvas"
                role="img"
                aria-label={label}
                aria-describedby={cell ? tooltipId : undefined}
                width={cols}
                height={rows}
                style={{ width: layout.gridWidth, height: layout.gridHeight }}
                onPointerMove={onPointerMove}
                onPointerLeave={() => setHover(null)}
              />
              {seq?.hatchFirst && (
                <div
                  className="heatmap-sink"
                  aria-hidden="true"
                  style={{ width: layout.cellSize, height: layout.gridHeight }}
                />
              )}
              {(cell || markRow !== null) && (
                <svg
                  className="heatmap-overlay"
                  width={layout.gridWidth}
                  height={layout.gridHeight}
                  aria-hidden="true"
                >
                  {markRow !== null && markRow < rows && (
                    <rect
                      className="mh-mark"
                      x={0.5}
                      y={markRow * layout.cellSize + 0.5}
                      width={layout.gridWidth - 1}
                      height={layout.cellSize - 1}
                    />
                  )}
                  {cell && <CellOutline cell={cell} cellSize={layout.cellSize} />}
                </svg>
              )}
              {cell && (
                <CellTooltip id={tooltipId} cell={cell} cols={cols} cellSize={layout.cellSize}>
                  {tooltip}
                </CellTooltip>
              )}
            </HeatmapGrid>
          </div>
        )}
        {valid &&
          (scale === 'diverging' ? (
            <DivergingLegend
              maxAbs={top}
              title={legendTitle ?? t('compare.diffLegend')}
              sides={legendSides}
            />
          ) : (
            <ColorLegend
              max={top}
              scale={seq ?? undefined}
              {...(legendTitle ? { title: legendTitle } : {})}
            />
          ))}
      </div>
    </figure>
  );
}

const SIDES_AB = ['A', 'B'] as const;

const DIVERGING_STOPS = gradientStops(interpolateDiverging);

/**
 * The legend of a diverging scale over [−max, +max], in the app's diverging colours, each end named
 * by the side that is larger there (so it never depends on which hue the map gives each sign).
 */
export function DivergingLegend({
  maxAbs,
  title,
  sides,
}: {
  maxAbs: number;
  title: string;
  sides: readonly [string, string];
}) {
  const t = useT();
  const [lo, mid, hi] = divergingTicks(maxAbs);
  return (
    <div
      className="legend"
      role="group"
      aria-label={t('compare.diffLegendLabel', { max: formatTick(hi), a: sides[0], b: sides[1] })}
    >
      <span className="legend-title">{title}</span>
      <div className="legend-scale mh-div-scale">
        <div
          className="legend-bar"
          style={{ background: `linear-gradient(to right, ${DIVERGING_STOPS})` }}
        />
        <div className="mh-div-ticks" aria-hidden="true">
          <span>{formatTick(lo)}</span>
          <span>{formatTick(mid)}</span>
          <span>+{formatTick(hi)}</span>
        </div>
        <div className="mh-div-ends" aria-hidden="true">
          <span>{t('compare.larger', { name: sides[0] })}</span>
          <span>{t('compare.larger', { name: sides[1] })}</span>
        </div>
      </div>
    </div>
  );
}
