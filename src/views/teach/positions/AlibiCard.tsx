import { useState } from 'react';
import { alibiBias, alibiSlopes } from '../../../engine/positional';
import { useT } from '../../../i18n';
import { ExportableMatrix } from '../common/ExportableMatrix';
import { NumberSelect } from '../common/NumberSelect';
import { short } from '../common/format';
import { TeachCard } from '../common/TeachCard';
import { labels } from './shared';

/** Card "ALiBi": a linear distance penalty per head, with its slopes. */
export function AlibiCard({ positions }: { positions: number }) {
  const t = useT();
  const [heads, setHeads] = useState(8);
  const [head, setHead] = useState(0);
  const h = Math.min(head, heads - 1);
  const slopes = alibiSlopes(heads);
  const slope = slopes[h] ?? 0;
  const P = Math.min(positions, 16);
  const bias = alibiBias(slope, P, P);
  return (
    <TeachCard title={t('teach.pos.alibi.title')}>
      <p>{t('teach.pos.alibi.text')}</p>
      <div className="teach-controls">
        <NumberSelect
          label={t('teach.pos.alibi.heads')}
          value={heads}
          options={[1, 2, 4, 8, 12, 16]}
          onChange={setHeads}
        />
        <NumberSelect
          label={t('teach.pos.alibi.head')}
          value={h + 1}
          options={Array.from({ length: heads }, (_, i) => i + 1)}
          onChange={(v) => setHead(v - 1)}
        />
      </div>
      <p className="teach-readout">
        {t('teach.pos.alibi.slopes', { slopes: slopes.map((s) => short(s, 4)).join(', ') })}
      </p>
      <ExportableMatrix
        picture={t('teach.pos.alibi.title')}
        what={`alibi_head${h + 1}-of-${heads}_n${P}`}
        details={[`${t('teach.pos.alibi.heads')}: ${heads} · ${P} × ${P}`]}
        barLabel={t('teach.export.bias')}
        values={bias}
        rows={P}
        cols={P}
        rowLabels={labels(P)}
        colLabels={labels(P)}
        label={t('teach.pos.alibi.label', { head: h + 1, slope: short(slope, 4) })}
        scheme="sequential"
        showValues={P <= 12}
        digits={2}
        maxCell={30}
      />
    </TeachCard>
  );
}
