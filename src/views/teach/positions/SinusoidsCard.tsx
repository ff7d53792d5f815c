import { useRef, useState } from 'react';
import { columnOf } from '../../../analysis/teach/matrix';
import { useT } from '../../../i18n';
import { ExportableMatrix } from '../common/ExportableMatrix';
import { fixed, short } from '../common/format';
import { LinePlot, type PlotSeries } from '../common/LinePlot';
import { PlotExport } from '../common/PlotExport';
import { TeachCard } from '../common/TeachCard';
import { CURVE_COLORS, labels, type TableProps } from './shared';

/** Card "Sinusoidal encoding": the table as a heatmap and chosen dimensions as curves. */
export function SinusoidsCard({ table, positions, dModel, base }: TableProps & { base: number }) {
  const t = useT();
  const [dims, setDims] = useState<number[]>([0, 1, 8, 9]);
  const shown = dims.map((d) => Math.min(dModel - 1, Math.max(0, d)));
  const series: PlotSeries[] = shown.map((d, i) => ({
    id: `${i}-${d}`,
    label: t('teach.pos.dim', {
      dim: d,
      fn: d % 2 === 0 ? 'sin' : 'cos',
      wavelength: short(2 * Math.PI * Math.pow(base, (d - (d % 2)) / dModel), 1),
    }),
    color: CURVE_COLORS[i % CURVE_COLORS.length]!,
    markers: false,
    points: columnOf(table, positions, dModel, d).map((y, x) => ({ x, y })),
  }));
  const curvesRef = useRef<HTMLDivElement>(null);
  return (
    <TeachCard title={t('teach.pos.sin.title')}>
      <p>{t('teach.pos.sin.text')}</p>
      <p className="teach-formula">
        PE(pos, 2i) = sin(pos / {short(base)}^(2i/d)) · PE(pos, 2i+1) = cos(pos / {short(base)}
        ^(2i/d))
      </p>
      <ExportableMatrix
        picture={t('teach.pos.sin.title')}
        what={`positions_d${dModel}_n${positions}`}
        details={[`d_model = ${dModel} · base = ${short(base)}`]}
        values={table}
        rows={positions}
        cols={dModel}
        rowLabels={labels(positions)}
        colLabels={labels(dModel)}
        label={t('teach.pos.sin.label', { positions, d: dModel })}
        scheme="diverging"
        domain={[-1, 1]}
        showValues={false}
        maxCell={14}
        describe={(r, c, v) => t('teach.pos.sin.cell', { pos: r, dim: c, value: fixed(v, 3) })}
      />
      <h4>{t('teach.pos.curves.title')}</h4>
      <div className="teach-controls">
        {dims.map((d, i) => (
          <div className="field teach-small" key={i}>
            <label htmlFor={`teach-dim-${i}`}>{t('teach.pos.dimPick', { n: i + 1 })}</label>
            <input
              id={`teach-dim-${i}`}
              type="number"
              min={0}
              max={dModel - 1}
              value={d}
              onChange={(e) =>
                setDims(dims.map((x, j) => (j === i ? Math.floor(Number(e.target.value) || 0) : x)))
              }
            />
          </div>
        ))}
      </div>
      <div ref={curvesRef}>
        <PlotExport
          plotRef={curvesRef}
          picture={t('teach.pos.curves.title')}
          what={`positions_curves_d${dModel}_n${positions}`}
          details={[
            `d_model = ${dModel} · base = ${short(base)} · ${dims.map((d) => `i = ${d}`).join(', ')}`,
          ]}
        />
        <LinePlot
          series={series}
          label={t('teach.pos.curves.label')}
          xLabel={t('teach.pos.axis.position')}
          yLabel={t('teach.pos.axis.value')}
          yDomain={[-1, 1]}
        />
      </div>
      <p>{t('teach.pos.curves.text')}</p>
    </TeachCard>
  );
}
