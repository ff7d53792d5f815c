import { useId, useMemo, useRef } from 'react';
import { extent as d3Extent } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { useElementWidth } from '../../common/useElementWidth';
import { short } from './format';

export interface PlotPoint {
  x: number;
  y: number;
}

export interface PlotSeries {
  id: string;
  /** Legend text. */
  label: string;
  points: readonly PlotPoint[];
  /** CSS colour. */
  color: string;
  dashed?: boolean;
  /** Draw a dot on every point (default: when there are at most 24). */
  markers?: boolean;
}

export interface LinePlotProps {
  series: readonly PlotSeries[];
  /** Accessible name of the plot (an SVG with role img). */
  label: string;
  xLabel: string;
  yLabel: string;
  /** 'log2': a log axis with base 2 (d_k = 1, 2, 4 …). Default 'linear'. */
  xScale?: 'linear' | 'log2';
  /** Default: the data's extent (y always includes 0 unless `yDomain` says otherwise). */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Horizontal reference lines (e.g. "uniform: ln N"). */
  references?: readonly { y: number; label: string }[];
  /** A vertical marker (e.g. the chosen position). */
  marker?: number;
  /** Height in CSS px (default 220). */
  height?: number;
}

const MARGIN = { top: 12, right: 16, bottom: 42, left: 54 };

/**
 * A line plot in SVG: d3 computes the scales and the path strings, React draws the elements.
 * Axes are drawn from the scales' ticks; the legend lists every series.
 */
export function LinePlot({
  series,
  label,
  xLabel,
  yLabel,
  xScale = 'linear',
  xDomain,
  yDomain,
  references = [],
  marker,
  height = 220,
}: LinePlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  const measured = useElementWidth(ref);
  const width = Math.max(240, Math.min(720, measured ?? 480));
  const titleId = useId();
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;

  const { x, y, paths, xTicks, yTicks } = useMemo(() => {
    const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y));
    const xs = d3Extent(all, (p) => p.x);
    const ys = d3Extent(all, (p) => p.y);
    const xd: [number, number] = xDomain ?? [xs[0] ?? 0, xs[1] ?? 1];
    const yd: [number, number] = yDomain ?? [
      Math.min(0, ys[0] ?? 0, ...references.map((r) => r.y)),
      Math.max(ys[1] ?? 1, ...references.map((r) => r.y)),
    ];
    const xScaleFn =
      xScale === 'log2'
        ? scaleLog()
            .base(2)
            .domain([Math.max(xd[0], 1e-9), Math.max(xd[1], xd[0] * 2)])
            .range([0, innerW])
        : scaleLinear()
            .domain(xd[0] === xd[1] ? [xd[0], xd[0] + 1] : xd)
            .range([0, innerW]);
    const yScaleFn = scaleLinear()
      .domain(yd[0] === yd[1] ? [yd[0] - 1, yd[1] + 1] : yd)
      .range([innerH, 0])
      .nice();
    const path = line<PlotPoint>()
      .defined((p) => Number.isFinite(p.y))
      .x((p) => xScaleFn(p.x))
      .y((p) => yScaleFn(p.y));
    const xt =
      xScale === 'log2'
        ? powersIn(xScaleFn.domain() as [number, number])
        : (xScaleFn as ReturnType<typeof scaleLinear>).ticks(Math.max(2, Math.floor(innerW / 70)));
    return {
      x: xScaleFn,
      y: yScaleFn,
      paths: series.map((s) => path(s.points as PlotPoint[]) ?? ''),
      xTicks: xt,
      yTicks: yScaleFn.ticks(5),
    };
  }, [series, xDomain, yDomain, references, xScale, innerW, innerH]);

  return (
    <div ref={ref} className="teach-plot">
      <svg width={width} height={height} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{label}</title>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {yTicks.map((t) => (
            <g key={`y${t}`} transform={`translate(0,${y(t)})`} className="teach-plot-tick">
              <line x2={innerW} className="teach-plot-grid" />
              <text x={-6} dy="0.32em" textAnchor="end">
                {short(t, 3)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <g key={`x${t}`} transform={`translate(${x(t)},${innerH})`} className="teach-plot-tick">
              <line y2={5} className="teach-plot-axis" />
              <text y={17} textAnchor="middle">
                {short(t, 3)}
              </text>
            </g>
          ))}
          <line y1={innerH} y2={innerH} x2={innerW} className="teach-plot-axis" />
          <line y2={innerH} className="teach-plot-axis" />
          {references.map((r) => (
            <g key={r.label} className="teach-plot-ref">
              <line x2={innerW} y1={y(r.y)} y2={y(r.y)} />
              <text x={innerW - 4} y={y(r.y) - 4} textAnchor="end">
                {r.label}
              </text>
            </g>
          ))}
          {marker !== undefined && (
            <line
              className="teach-plot-marker"
              x1={x(marker)}
              x2={x(marker)}
              y2={innerH}
              aria-hidden="true"
            />
          )}
          {series.map((s, i) => (
            <g key={s.id}>
              <path
                d={paths[i]}
                fill="none"
                style={{ stroke: s.color }}
                strokeWidth={2}
                strokeDasharray={s.dashed ? '6 4' : undefined}
              />
              {(s.markers ?? s.points.length <= 24) &&
                s.points
                  .filter((p) => Number.isFinite(p.y))
                  .map((p) => (
                    <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3} style={{ fill: s.color }} />
                  ))}
            </g>
          ))}
          <text className="teach-plot-label" x={innerW / 2} y={innerH + 36} textAnchor="middle">
            {xLabel}
          </text>
          <text
            className="teach-plot-label"
            transform={`translate(${-42},${innerH / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {yLabel}
          </text>
        </g>
      </svg>
      {series.length > 1 && (
        <ul className="teach-legend">
          {series.map((s) => (
            <li key={s.id}>
              <svg width={26} height={10} aria-hidden="true">
                <line
                  x1={1}
                  x2={25}
                  y1={5}
                  y2={5}
                  style={{ stroke: s.color }}
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? '6 4' : undefined}
                />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Powers of two inside a domain (ticks of a base-2 log axis). */
function powersIn([lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  for (let p = Math.ceil(Math.log2(lo)); Math.pow(2, p) <= hi * (1 + 1e-9); p++)
    out.push(Math.pow(2, p));
  return out;
}
