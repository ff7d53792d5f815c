// First: the teaching strings load with this view's chunk and are registered before it renders.
import '../messages';
import { useId, useMemo, useRef, useState } from 'react';
import { maxAbsDiff, rowOf } from '../../../analysis/teach/attention';
import { flashAttention, fullAttention, memoryGrowth } from '../../../analysis/teach/flash';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import { fixed, tiny } from '../common/format';
import { NumberVector } from '../common/NumberVector';
import { PlotExport } from '../common/PlotExport';
import { SourceBar } from '../common/SourceBar';
import { TeachCard } from '../common/TeachCard';
import { TokenPicker } from '../common/TokenPicker';
import { useTeachQuery, useTeachRun } from '../common/useTeach';
import { TeachSlider } from '../common/TeachSlider';
import '../common/teach.css';

/** Sequence lengths for the memory-growth table: from a sentence to a long document. */
const GROWTH_LENGTHS = [128, 512, 2048, 8192, 32768];

/** Tab "Efficient attention": FlashAttention's tiles and running softmax on the current head. */
export function FlashView() {
  const t = useT();
  const headingId = useId();
  const slot = useAppStore((s) => s.teachSlot);
  const run = useTeachRun(slot);
  const inter = run.intermediates;
  const [query, setQuery] = useTeachQuery(slot, inter?.queryLength ?? 0);
  const [tileSize, setTileSize] = useState(2);
  const [step, setStep] = useState<number | null>(null);
  const tilesRef = useRef<HTMLElement>(null);

  const result = useMemo(() => {
    if (!inter) return null;
    const { queryLength: rows, keyLength: cols, headSize: dh } = inter;
    const size = Math.min(tileSize, cols);
    const flash = flashAttention(inter.maskedScores, inter.v, rows, cols, dh, size);
    const full = fullAttention(inter.maskedScores, inter.v, rows, cols, dh);
    return {
      flash,
      size,
      diffWeights: maxAbsDiff(flash.weights, full.weights),
      diffOutput: maxAbsDiff(flash.output, full.output),
      diffEngine: maxAbsDiff(flash.output, inter.output),
    };
  }, [inter, tileSize]);

  const header = (
    <header className="teach-header">
      <h2 id={headingId}>{t('teach.flash.title')}</h2>
      <p>{t('teach.flash.intro')}</p>
    </header>
  );
  if (!inter || !result)
    return (
      <section className="teach" aria-labelledby={headingId}>
        {header}
        <div className="teach-body">
          <SourceBar run={run} />
        </div>
      </section>
    );

  const { flash, size } = result;
  const cols = inter.keyLength;
  const trace = flash.trace[query] ?? [];
  const last = Math.max(0, trace.length - 1);
  const shownStep = Math.min(step ?? last, last);
  const state = trace[shownStep];
  const token = run.rowTokens[query] ?? '';
  const scores = rowOf(inter.maskedScores, query, cols);
  const estimate =
    state && state.runningSum > 0 ? state.output.map((o) => o / state.runningSum) : [];
  const cell = Math.max(14, Math.min(48, Math.floor(640 / Math.max(1, cols))));
  return (
    <section className="teach" aria-labelledby={headingId}>
      {header}
      <div className={`teach-body${run.state === 'loading' ? ' is-stale' : ''}`}>
        <SourceBar run={run} />
        <TokenPicker
          tokens={run.rowTokens}
          value={query}
          onChange={setQuery}
          label={t('teach.steps.pickQuery')}
        />
        <div className="teach-controls">
          <TeachSlider
            label={t('teach.flash.tile')}
            min={1}
            max={Math.max(1, cols)}
            value={size}
            onChange={(v) => {
              setTileSize(v);
              setStep(null);
            }}
            valueText={t('teach.flash.tileValue', { size, tiles: flash.tiles })}
          />
          <TeachSlider
            label={t('teach.flash.step')}
            min={0}
            max={last}
            value={shownStep}
            onChange={setStep}
            valueText={t('teach.flash.stepValue', { step: shownStep + 1, tiles: flash.tiles })}
          />
        </div>

        <TeachCard
          title={t('teach.flash.tiles')}
          cardRef={tilesRef}
          actions={
            <PlotExport
              plotRef={tilesRef}
              picture={t('teach.flash.tiles')}
              what={`flash_tiles_step${shownStep + 1}`}
              details={[
                `${t('teach.flash.tileValue', { size, tiles: flash.tiles })} · ${t('teach.flash.stepValue', { step: shownStep + 1, tiles: flash.tiles })}`,
              ]}
            />
          }
        >
          <svg
            className="teach-tiles"
            width={cols * cell + 2}
            height={cell + 22}
            role="img"
            aria-label={t('teach.flash.rowLabel', {
              token,
              step: shownStep + 1,
              tiles: flash.tiles,
            })}
          >
            {scores.map((s, c) => {
              const tile = Math.floor(c / size);
              const done = tile <= shownStep;
              return (
                <g key={c} transform={`translate(${c * cell + 1},1)`}>
                  <rect
                    width={cell - 1}
                    height={cell}
                    className={`teach-tile-cell${done ? ' is-done' : ''}${
                      tile === shownStep ? ' is-current' : ''
                    }${s === -Infinity ? ' is-masked' : ''}`}
                  />
                  {cell >= 34 && (
                    <text
                      x={cell / 2}
                      y={cell / 2}
                      dy="0.32em"
                      textAnchor="middle"
                      className="teach-tile-score"
                    >
                      {fixed(s, 1)}
                    </text>
                  )}
                  <text x={cell / 2} y={cell + 14} textAnchor="middle" className="teach-tile-label">
                    {c}
                  </text>
                </g>
              );
            })}
            {Array.from({ length: flash.tiles + 1 }, (_, i) => (
              <line
                key={i}
                x1={Math.min(cols, i * size) * cell + 0.5}
                x2={Math.min(cols, i * size) * cell + 0.5}
                y1={0}
                y2={cell + 2}
                className="teach-tile-edge"
              />
            ))}
          </svg>
          <div className="teach-table-wrap" tabIndex={0}>
            <table className="teach-table" data-testid="flash-table">
              <caption>{t('teach.flash.table.caption', { token })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('teach.flash.col.tile')}</th>
                  <th scope="col">{t('teach.flash.col.keys')}</th>
                  <th scope="col">{t('teach.flash.col.tileMax')}</th>
                  <th scope="col">{t('teach.flash.col.m')}</th>
                  <th scope="col">{t('teach.flash.col.rescale')}</th>
                  <th scope="col">{t('teach.flash.col.l')}</th>
                </tr>
              </thead>
              <tbody>
                {trace.map((st) => (
                  <tr
                    key={st.tile}
                    className={
                      st.tile === shownStep ? 'is-active' : st.tile > shownStep ? 'is-masked' : ''
                    }
                  >
                    <th scope="row">{st.tile + 1}</th>
                    <td>
                      {run.colTokens.slice(st.start, st.end).join(' · ')} ({st.start}–{st.end - 1})
                    </td>
                    <td className="num">{fixed(st.tileMax, 3)}</td>
                    <td className="num">{fixed(st.runningMax, 3)}</td>
                    <td className="num">
                      {(trace[st.tile - 1]?.runningMax ?? -Infinity) === -Infinity
                        ? '—'
                        : fixed(st.rescale, 4)}
                    </td>
                    <td className="num">{fixed(st.runningSum, 4)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t('teach.flash.update')}</p>
        </TeachCard>
        <TeachCard title={t('teach.flash.estimate', { step: shownStep + 1 })}>
          <NumberVector
            values={estimate}
            limit={16}
            label={t('teach.flash.estimateLabel', { token, step: shownStep + 1 })}
          />
        </TeachCard>
        <TeachCard title={t('teach.flash.result')}>
          <p className="teach-readout" data-testid="flash-diff">
            {t('teach.flash.diff', {
              weights: tiny(result.diffWeights),
              output: tiny(result.diffOutput),
              engine: tiny(result.diffEngine),
            })}
          </p>
          <p className="teach-readout" data-testid="flash-memory">
            {t('teach.flash.memory', {
              n: inter.queryLength,
              m: cols,
              full: flash.memory.fullScores,
              tile: flash.memory.tileScores,
              size,
              stats: flash.memory.runningStats,
            })}
          </p>
          <table className="teach-table" data-testid="flash-memory-growth">
            <caption>{t('teach.flash.growthCaption', { size })}</caption>
            <thead>
              <tr>
                <th scope="col">N</th>
                <th scope="col">{t('teach.flash.growthFull')}</th>
                <th scope="col">{t('teach.flash.growthTiled')}</th>
              </tr>
            </thead>
            <tbody>
              {memoryGrowth(size, GROWTH_LENGTHS).map((row) => (
                <tr key={row.n}>
                  <th scope="row">{row.n.toLocaleString()}</th>
                  <td>{row.full.toLocaleString()}</td>
                  <td>{row.tiled.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('teach.flash.why')}</p>
        </TeachCard>
      </div>
    </section>
  );
}
