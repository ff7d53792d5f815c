// First: the teaching strings load with this view's chunk and are registered before it renders.
import '../messages';
import { useId, useMemo, useRef, useState } from 'react';
import { entropy, rowOf } from '../../../analysis/teach/attention';
import {
  meanRowEntropy,
  powersOfTwo,
  rescaleHead,
  sampleSharpness,
} from '../../../analysis/teach/scaling';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import { fixed, short } from '../common/format';
import { LinePlot, type PlotSeries } from '../common/LinePlot';
import { ExportableMatrix } from '../common/ExportableMatrix';
import { PlotExport } from '../common/PlotExport';
import { NumberSelect } from '../common/NumberSelect';
import { SourceBar, useSourceTitle } from '../common/SourceBar';
import { TeachCard } from '../common/TeachCard';
import { TokenPicker } from '../common/TokenPicker';
import { useTeachQuery, useTeachRun } from '../common/useTeach';
import { WeightBars } from '../common/WeightBars';
import { TeachSlider } from '../common/TeachSlider';
import '../common/teach.css';

// CSS colours (app.css): the curves follow the light or dark theme.
const RAW_COLOR = 'var(--plot-3)';
const SCALED_COLOR = 'var(--plot-5)';

/** Tab "Why √d_k": sampled softmax sharpness vs d_k, and the current head under any scale. */
export function SqrtDkView() {
  const t = useT();
  const headingId = useId();
  return (
    <section className="teach" aria-labelledby={headingId}>
      <header className="teach-header">
        <h2 id={headingId}>{t('teach.sqrt.title')}</h2>
        <p>{t('teach.sqrt.intro')}</p>
      </header>
      <Sampling />
      <HeadScale />
    </section>
  );
}

function Sampling() {
  const t = useT();
  const [keys, setKeys] = useState(16);
  const [samples, setSamples] = useState(100);
  const [seed, setSeed] = useState(1);
  const [maxDk, setMaxDk] = useState(1024);
  const points = useMemo(
    () => sampleSharpness({ dks: powersOfTwo(maxDk), keys, samples, seed }),
    [keys, samples, seed, maxDk],
  );
  const entropyRef = useRef<HTMLElement>(null);
  const maxRef = useRef<HTMLElement>(null);
  const plotSettings = [
    `${t('teach.sqrt.keys')}: ${keys}`,
    `${t('teach.sqrt.samples')}: ${samples}`,
    `${t('teach.seed')}: ${seed}`,
  ].join(' · ');
  const entropySeries: PlotSeries[] = [
    {
      id: 'raw',
      label: t('teach.sqrt.series.raw'),
      color: RAW_COLOR,
      points: points.map((p) => ({ x: p.dk, y: p.entropyRaw })),
    },
    {
      id: 'scaled',
      label: t('teach.sqrt.series.scaled'),
      color: SCALED_COLOR,
      dashed: true,
      points: points.map((p) => ({ x: p.dk, y: p.entropyScaled })),
    },
  ];
  const maxSeries: PlotSeries[] = [
    {
      id: 'raw',
      label: t('teach.sqrt.series.raw'),
      color: RAW_COLOR,
      points: points.map((p) => ({ x: p.dk, y: p.maxRaw })),
    },
    {
      id: 'scaled',
      label: t('teach.sqrt.series.scaled'),
      color: SCALED_COLOR,
      dashed: true,
      points: points.map((p) => ({ x: p.dk, y: p.maxScaled })),
    },
  ];
  return (
    <TeachCard title={t('teach.sqrt.sample.title')}>
      <p>{t('teach.sqrt.sample.text')}</p>
      <div className="teach-controls">
        <NumberSelect
          label={t('teach.sqrt.keys')}
          value={keys}
          options={[4, 8, 16, 32]}
          onChange={setKeys}
        />
        <NumberSelect
          label={t('teach.sqrt.samples')}
          value={samples}
          options={[25, 50, 100, 200]}
          onChange={setSamples}
        />
        <NumberSelect
          label={t('teach.sqrt.maxDk')}
          value={maxDk}
          options={[64, 256, 1024]}
          onChange={setMaxDk}
        />
        <div className="field">
          <label htmlFor="teach-seed">{t('teach.seed')}</label>
          <input
            id="teach-seed"
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </div>
      </div>
      <div className="teach-plots">
        <figure ref={entropyRef}>
          <figcaption>{t('teach.sqrt.entropy.title')}</figcaption>
          <PlotExport
            plotRef={entropyRef}
            picture={t('teach.sqrt.entropy.title')}
            what={`sqrt-dk_entropy_keys${keys}`}
            details={[plotSettings]}
          />
          <LinePlot
            series={entropySeries}
            label={t('teach.sqrt.entropy.label')}
            xLabel={t('teach.sqrt.axis.dk')}
            yLabel={t('teach.sqrt.axis.entropy')}
            xScale="log2"
            references={[{ y: Math.log(keys), label: t('teach.sqrt.uniform', { n: keys }) }]}
          />
        </figure>
        <figure ref={maxRef}>
          <figcaption>{t('teach.sqrt.max.title')}</figcaption>
          <PlotExport
            plotRef={maxRef}
            picture={t('teach.sqrt.max.title')}
            what={`sqrt-dk_max-weight_keys${keys}`}
            details={[plotSettings]}
          />
          <LinePlot
            series={maxSeries}
            label={t('teach.sqrt.max.label')}
            xLabel={t('teach.sqrt.axis.dk')}
            yLabel={t('teach.sqrt.axis.max')}
            xScale="log2"
            yDomain={[0, 1]}
            references={[{ y: 1 / keys, label: t('teach.sqrt.uniformMax', { n: keys }) }]}
          />
        </figure>
      </div>
      <div className="teach-table-wrap" tabIndex={0}>
        <table className="teach-table" data-testid="sqrt-table">
          <caption>{t('teach.sqrt.table.caption', { samples, keys })}</caption>
          <thead>
            <tr>
              <th scope="col">d_k</th>
              <th scope="col">{t('teach.sqrt.col.std')}</th>
              <th scope="col">{t('teach.sqrt.col.hRaw')}</th>
              <th scope="col">{t('teach.sqrt.col.hScaled')}</th>
              <th scope="col">{t('teach.sqrt.col.mRaw')}</th>
              <th scope="col">{t('teach.sqrt.col.mScaled')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.dk}>
                <th scope="row">{p.dk}</th>
                <td className="num">{fixed(p.scoreStd, 2)}</td>
                <td className="num">{fixed(p.entropyRaw, 3)}</td>
                <td className="num">{fixed(p.entropyScaled, 3)}</td>
                <td className="num">{fixed(p.maxRaw, 3)}</td>
                <td className="num">{fixed(p.maxScaled, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('teach.sqrt.sample.conclusion')}</p>
    </TeachCard>
  );
}

/** Slider position (log10 of the factor) ↔ factor. */
const SLIDER = { min: -2, max: 1, step: 0.01 };

function HeadScale() {
  const t = useT();
  const slot = useAppStore((s) => s.teachSlot);
  const sentence = useAppStore((s) => s.sentences[slot]);
  const source = useSourceTitle();
  const run = useTeachRun(slot);
  const inter = run.intermediates;
  const [query, setQuery] = useTeachQuery(slot, inter?.queryLength ?? 0);
  const [logFactor, setLogFactor] = useState<number | null>(null);
  const scale = inter?.scale ?? 1;
  const factor = logFactor === null ? scale : Math.pow(10, logFactor);

  const head = useMemo(
    () =>
      inter
        ? {
            rows: inter.queryLength,
            cols: inter.keyLength,
            raw: inter.rawScores,
            scaled: inter.scaledScores,
            masked: inter.maskedScores,
            scale: inter.scale,
          }
        : null,
    [inter],
  );
  const weights = useMemo(() => (head ? rescaleHead(head, factor) : null), [head, factor]);

  if (!inter || !head || !weights)
    return (
      <TeachCard title={t('teach.sqrt.head.title')}>
        <SourceBar run={run} />
      </TeachCard>
    );

  const rowNow = rowOf(weights, query, head.cols);
  const rowDefault = rowOf(inter.weights, query, head.cols);
  const token = run.rowTokens[query] ?? '';
  const sqrtDk = Math.sqrt(inter.headSize);
  return (
    <TeachCard
      title={t('teach.sqrt.head.title')}
      className={run.state === 'loading' ? 'is-stale' : undefined}
    >
      <p>{t('teach.sqrt.head.text')}</p>
      <SourceBar run={run} />
      <TokenPicker
        tokens={run.rowTokens}
        value={query}
        onChange={setQuery}
        label={t('teach.steps.pickQuery')}
      />
      <div className="teach-controls">
        <TeachSlider
          label={t('teach.sqrt.factor')}
          min={SLIDER.min}
          max={SLIDER.max}
          step={SLIDER.step}
          value={Math.log10(factor)}
          onChange={setLogFactor}
          valueText={t('teach.sqrt.factorValue', {
            factor: short(factor, 4),
            times: short(factor * sqrtDk, 3),
          })}
        />
        <div className="teach-row">
          <button type="button" className="button" onClick={() => setLogFactor(null)}>
            {t('teach.sqrt.preset.default', { dk: inter.headSize })}
          </button>
          <button type="button" className="button" onClick={() => setLogFactor(0)}>
            {t('teach.sqrt.preset.none')}
          </button>
        </div>
      </div>
      <p className="teach-readout" data-testid="sqrt-head-readout">
        {t('teach.sqrt.head.readout', {
          token,
          now: fixed(entropy(rowNow), 3),
          base: fixed(entropy(rowDefault), 3),
          max: fixed(Math.max(...rowNow), 3),
          mean: fixed(meanRowEntropy(weights, head.rows, head.cols), 3),
        })}
      </p>
      <div className="teach-split">
        <WeightBars
          labels={run.colTokens}
          weights={rowNow}
          compare={rowDefault}
          label={t('teach.sqrt.head.bars', { token })}
        />
        <ExportableMatrix
          picture={t('teach.sqrt.head.matrix')}
          what="sqrt-dk_head-weights"
          sentence={sentence}
          details={[
            `${source} · d_k = ${inter.headSize}`,
            `${t('teach.sqrt.factor')}: ${t('teach.sqrt.factorValue', {
              factor: short(factor, 4),
              times: short(factor * sqrtDk, 3),
            })}`,
          ]}
          values={weights}
          rows={head.rows}
          cols={head.cols}
          rowLabels={run.rowTokens}
          colLabels={run.colTokens}
          label={t('teach.sqrt.head.matrix')}
          highlightRow={query}
          domain={[0, 1]}
          maxCell={28}
          showValues={false}
        />
      </div>
      <p className="teach-note">{t('teach.sqrt.head.note')}</p>
    </TeachCard>
  );
}
