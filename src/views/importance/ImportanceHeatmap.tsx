/**
 * Measured head importance as a layers × heads heatmap: one canvas pixel per head (scaled up by
 * CSS with smoothing off), row labels per (block, layer), head numbers above, and its own colour
 * bar titled with the metric and its unit. Sequential colours (the chosen colour map) from 0 to the
 * largest score; diverging colours around 0 when some head's removal made the output more likely.
 */
import { scaleLinear } from 'd3-scale';
import { useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import {
  formatImportanceScore,
  importanceDomain,
  importancePosition,
  type ImportanceDomain,
  type ImportanceGrid,
} from '../../analysis/headRanking';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { buildColorLut } from '../heatmap/color';
import {
  COLOR_MAP_INTERPOLATORS,
  DIVERGING_LUT,
  gradientStops,
  interpolateDiverging,
} from '../heatmap/colormaps';

export interface ImportanceHeatmapProps {
  /** Scores as rows of (block, layer) × heads (`importanceGrid`). */
  grid: ImportanceGrid;
  /** Label of each row, e.g. "Enc L1" (same order as grid.rows). */
  rowLabels: readonly string[];
  /** Accessible name of the picture. */
  label: string;
  /** Title of the colour bar: the metric and its unit. */
  legendTitle: string;
}

/** CSS px per head cell. */
const CELL = 28;

const luts = new Map<(t: number) => string, Uint8ClampedArray>();
function lutOf(interpolate: (t: number) => string): Uint8ClampedArray {
  let lut = luts.get(interpolate);
  if (!lut) {
    lut = buildColorLut(interpolate, 256);
    luts.set(interpolate, lut);
  }
  return lut;
}

/** RGBA pixels of the grid on its domain; missing cells are transparent. */
export function importanceRgba(
  grid: ImportanceGrid,
  domain: ImportanceDomain,
  lut: Uint8ClampedArray,
): Uint8ClampedArray {
  const size = lut.length / 3;
  const out = new Uint8ClampedArray(grid.values.length * 4);
  for (let i = 0; i < grid.values.length; i++) {
    const t = importancePosition(grid.values[i]!, domain);
    if (Number.isNaN(t)) continue;
    const j = Math.round(t * (size - 1)) * 3;
    out[i * 4] = lut[j]!;
    out[i * 4 + 1] = lut[j + 1]!;
    out[i * 4 + 2] = lut[j + 2]!;
    out[i * 4 + 3] = 255;
  }
  return out;
}

export function ImportanceHeatmap({ grid, rowLabels, label, legendTitle }: ImportanceHeatmapProps) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const colorMap = useAppStore((s) => s.colorMap);
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);
  const domain = useMemo(() => importanceDomain(grid), [grid]);
  const interpolate = domain.diverging ? interpolateDiverging : COLOR_MAP_INTERPOLATORS[colorMap];
  const lut = domain.diverging ? DIVERGING_LUT : lutOf(interpolate);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || grid.rows.length === 0 || grid.cols === 0) return;
    const image = ctx.createImageData(grid.cols, grid.rows.length);
    image.data.set(importanceRgba(grid, domain, lut));
    ctx.putImageData(image, 0, 0);
  }, [grid, domain, lut]);

  const ticks = useMemo(
    () => scaleLinear().domain([domain.lo, domain.hi]).ticks(4),
    [domain.lo, domain.hi],
  );
  if (grid.rows.length === 0 || grid.cols === 0) return null;

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    const col = Math.floor((e.clientX - rect.left) / CELL);
    const row = Math.floor((e.clientY - rect.top) / CELL);
    setHover(
      row >= 0 && row < grid.rows.length && col >= 0 && col < grid.cols ? { row, col } : null,
    );
  };
  const hoverScore = hover ? grid.values[hover.row * grid.cols + hover.col]! : NaN;
  const width = grid.cols * CELL;
  const height = grid.rows.length * CELL;

  return (
    <figure className="imp-heatmap">
      <div className="imp-grid">
        <span aria-hidden="true" />
        <div className="imp-cols" aria-hidden="true" style={{ width }}>
          {Array.from({ length: grid.cols }, (_, h) => (
            <span key={h} style={{ width: CELL }}>
              H{h + 1}
            </span>
          ))}
        </div>
        <div className="imp-rows" aria-hidden="true">
          {rowLabels.map((text, r) => (
            <span key={r} style={{ height: CELL }}>
              {text}
            </span>
          ))}
        </div>
        <canvas
          ref={canvasRef}
          className="imp-canvas"
          role="img"
          aria-label={label}
          width={grid.cols}
          height={grid.rows.length}
          style={{ width, height }}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
        />
      </div>
      <p className="imp-hover" aria-live="polite">
        {hover && Number.isFinite(hoverScore)
          ? t('importance.cell', {
              row: rowLabels[hover.row] ?? '',
              head: hover.col + 1,
              score: formatImportanceScore(hoverScore),
            })
          : ' '}
      </p>
      <div className="legend imp-legend" role="group" aria-label={legendTitle}>
        <span className="legend-title">{legendTitle}</span>
        <div className="legend-scale">
          <div
            className="legend-bar"
            style={{ background: `linear-gradient(to right, ${gradientStops(interpolate)})` }}
          />
          <div className="legend-ticks" aria-hidden="true">
            {ticks.map((v) => (
              <span
                key={v}
                className="legend-tick"
                style={{ left: `${importancePosition(v, domain) * 100}%` }}
              >
                {formatImportanceScore(v)}
              </span>
            ))}
          </div>
        </div>
      </div>
      {domain.diverging && <p className="an-help">{t('importance.negativeNote')}</p>}
    </figure>
  );
}
