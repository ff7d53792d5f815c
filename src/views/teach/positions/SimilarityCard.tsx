import { useMemo, useState } from 'react';
import { rowDots } from '../../../analysis/teach/matrix';
import { useT } from '../../../i18n';
import { ExportableMatrix } from '../common/ExportableMatrix';
import { fixed } from '../common/format';
import { LinePlot, type PlotSeries } from '../common/LinePlot';
import { TeachCard } from '../common/TeachCard';
import { labels, type TableProps } from './shared';
import { TeachSlider } from '../common/TeachSlider';

/** Card "How similar are two positions": dot products of one row with all the others. */
export function SimilarityCard({ table, positions, dModel }: TableProps) {
  const t = useT();
  const [pick, setPick] = useState(16);
  const i = Math.min(pick, positions - 1);
  const dots = useMemo(() => rowDots(table, positions, dModel, i), [table, positions, dModel, i]);
  const shown = Math.min(positions, 32);
  const matrix = useMemo(() => {
    const out = new Float64Array(shown * shown);
    for (let a = 0; a < shown; a++) out.set(rowDots(table, shown, dModel, a), a * shown);
    return out;
  }, [table, shown, dModel]);
  const series: PlotSeries[] = [
    {
      id: 'dots',
      label: t('teach.pos.sim.series', { i }),
      color: 'var(--plot-1)',
      markers: false,
      points: Array.from(dots, (y, x) => ({ x, y })),
    },
  ];
  return (
    <TeachCard title={t('teach.pos.sim.title')}>
      <p>{t('teach.pos.sim.text')}</p>
      <TeachSlider
        label={t('teach.pos.sim.pick')}
        min={0}
        max={positions - 1}
        value={i}
        onChange={setPick}
        valueText={String(i)}
      />
      <LinePlot
        series={series}
        label={t('teach.pos.sim.label', { i })}
        xLabel={t('teach.pos.axis.position')}
        yLabel={t('teach.pos.axis.dot')}
        marker={i}
      />
      <p className="teach-readout">
        {t('teach.pos.sim.readout', {
          i,
          self: fixed(dots[i] ?? 0, 2),
          half: dModel / 2,
          near: fixed(dots[Math.min(positions - 1, i + 1)] ?? 0, 2),
          far: fixed(dots[Math.min(positions - 1, i + 10)] ?? 0, 2),
        })}
      </p>
      <ExportableMatrix
        picture={t('teach.pos.sim.title')}
        what={`position-similarity_d${dModel}_n${shown}`}
        details={[`d_model = ${dModel}`]}
        barLabel={t('teach.export.dot')}
        values={matrix}
        rows={shown}
        cols={shown}
        rowLabels={labels(shown)}
        colLabels={labels(shown)}
        label={t('teach.pos.sim.matrix', { n: shown })}
        scheme="sequential"
        showValues={false}
        maxCell={14}
      />
    </TeachCard>
  );
}
