// First: the teaching strings load with this view's chunk and are registered before it renders.
import '../messages';
import { useId, useMemo, useState } from 'react';
import { sinusoidalTable } from '../../../engine/positional';
import { useT } from '../../../i18n';
import { NumberSelect } from '../common/NumberSelect';
import '../common/teach.css';
import { AlibiCard } from './AlibiCard';
import { LearnedCard } from './LearnedCard';
import { RopeCard } from './RopeCard';
import { SimilarityCard } from './SimilarityCard';
import { SinusoidsCard } from './SinusoidsCard';

const D_MODELS = [4, 8, 16, 32, 64, 128, 256, 512] as const;
const POSITIONS = [8, 16, 32, 64, 128, 256] as const;

/**
 * Tab "Positional encodings": the shared controls, then one card per file: sinusoids, their dot
 * products, RoPE, ALiBi and learned tables.
 */
export function PositionsView() {
  const t = useT();
  const headingId = useId();
  const baseId = useId();
  const [dModel, setDModel] = useState(64);
  const [positions, setPositions] = useState(64);
  const [baseText, setBaseText] = useState('10000');
  const base = Math.max(2, Number(baseText) || 10000);
  const table = useMemo(() => sinusoidalTable(positions, dModel, base), [positions, dModel, base]);
  return (
    <section className="teach" aria-labelledby={headingId}>
      <header className="teach-header">
        <h2 id={headingId}>{t('teach.pos.title')}</h2>
        <p>{t('teach.pos.intro')}</p>
      </header>
      <div className="teach-controls teach-sticky">
        <NumberSelect label="d_model" value={dModel} options={D_MODELS} onChange={setDModel} />
        <NumberSelect
          label={t('teach.pos.positions')}
          value={positions}
          options={POSITIONS}
          onChange={setPositions}
        />
        <div className="field">
          <label htmlFor={baseId}>{t('teach.pos.base')}</label>
          <input
            id={baseId}
            type="number"
            min={2}
            value={baseText}
            onChange={(e) => setBaseText(e.target.value)}
          />
        </div>
      </div>
      <SinusoidsCard table={table} positions={positions} dModel={dModel} base={base} />
      <SimilarityCard table={table} positions={positions} dModel={dModel} />
      <RopeCard dModel={dModel} positions={positions} base={base} />
      <AlibiCard positions={positions} />
      <LearnedCard positions={positions} />
    </section>
  );
}
