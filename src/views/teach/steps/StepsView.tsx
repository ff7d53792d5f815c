// First: the teaching strings load with this view's chunk and are registered before it renders.
import '../messages';
import { useId, useMemo, useState } from 'react';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import { fixed, short, tiny } from '../common/format';
import { MatrixCanvas } from '../common/MatrixCanvas';
import { NumberVector } from '../common/NumberVector';
import { SourceBar } from '../common/SourceBar';
import { TeachCard } from '../common/TeachCard';
import { TokenPicker } from '../common/TokenPicker';
import { useTeachQuery, useTeachRun } from '../common/useTeach';
import '../common/teach.css';
import { ByHand } from './ByHand';
import { NeedsModelNotice } from '../../attention-file/NeedsModelNotice';
import { querySteps } from './modelSteps';
import { useZoomed } from '../../heatmap-zoom/useLongInput';

/** Tab "Step by step": one query's attention with the loaded model's numbers, or by hand. */
export function StepsView() {
  const t = useT();
  const [mode, setMode] = useState<'model' | 'hand'>('model');
  // Sentence A from an attention file has weights only: no intermediates to show.
  const fromFile = useAppStore((s) => s.teachSlot === 'A' && s.attentionFile !== null);
  // A long input: say what this view computes for it (one query of one head, every key listed).
  const teachSlot = useAppStore((s) => s.teachSlot);
  const long = useZoomed(teachSlot);
  const tokenCount = useAppStore((s) => s.runs[s.teachSlot].tokens.length);
  const headingId = useId();
  return (
    <section className="teach" aria-labelledby={headingId}>
      <header className="teach-header">
        <h2 id={headingId}>{t('teach.steps.title')}</h2>
        <p>{t('teach.steps.intro')}</p>
        <p className="teach-formula" aria-label={t('teach.formula.label')}>
          Attention(Q, K, V) = softmax(QKᵀ / √d_k + M) · V
        </p>
      </header>
      <fieldset className="teach-radio teach-mode">
        <legend>{t('teach.steps.mode')}</legend>
        <label>
          <input type="radio" checked={mode === 'model'} onChange={() => setMode('model')} />
          {t('teach.steps.mode.model')}
        </label>
        <label>
          <input type="radio" checked={mode === 'hand'} onChange={() => setMode('hand')} />
          {t('teach.steps.mode.hand')}
        </label>
      </fieldset>
      {mode === 'model' && long && !fromFile && (
        <p className="notice" role="note">
          {t('longInput.steps', { tokens: tokenCount })}
        </p>
      )}
      {mode === 'hand' ? <ByHand /> : fromFile ? <NeedsModelNotice /> : <ModelSteps />}
    </section>
  );
}

const FEW_DIMS = 8;

function ModelSteps() {
  const t = useT();
  const slot = useAppStore((s) => s.teachSlot);
  const run = useTeachRun(slot);
  const inter = run.intermediates;
  const [query, setQuery] = useTeachQuery(slot, inter?.queryLength ?? 0);
  const [allDims, setAllDims] = useState(false);
  const steps = useMemo(() => (inter ? querySteps(inter, query) : null), [inter, query]);

  if (!inter || !steps)
    return (
      <div className="teach-body">
        <SourceBar run={run} />
      </div>
    );

  const rows = run.rowTokens;
  const cols = run.colTokens;
  const token = rows[query] ?? '';
  const dims = allDims ? inter.headSize : Math.min(FEW_DIMS, inter.headSize);
  const stale = run.state === 'loading';
  const { page } = steps;
  const weightSum = page.weights.reduce((a, b) => a + b, 0);
  const masked = page.masked.filter((m) => m === -Infinity).length;
  return (
    <div className={`teach-body${stale ? ' is-stale' : ''}`}>
      <SourceBar run={run} />
      <TokenPicker
        tokens={rows}
        value={query}
        onChange={setQuery}
        label={t('teach.steps.pickQuery')}
      />
      {run.positional === 'rope' && <p className="teach-note">{t('teach.steps.ropeNote')}</p>}
      <label className="teach-check">
        <input type="checkbox" checked={allDims} onChange={(e) => setAllDims(e.target.checked)} />
        {t('teach.steps.allDims', { dh: inter.headSize })}
      </label>

      <TeachCard title={t('teach.steps.q.title')}>
        <p>{t('teach.steps.q.text', { token, dh: inter.headSize })}</p>
        <NumberVector values={steps.q} limit={dims} label={t('teach.steps.q.label', { token })} />
      </TeachCard>
      <TeachCard title={t('teach.steps.scores.title')}>
        <p>
          {t('teach.steps.scores.text', {
            dh: inter.headSize,
            scale: short(inter.scale, 4),
          })}
        </p>
        {steps.bias && <p className="teach-note">{t('teach.steps.biasNote')}</p>}
        {masked > 0 && <p className="teach-note">{t('teach.steps.maskNote', { n: masked })}</p>}
        <div className="teach-table-wrap" tabIndex={0}>
          <table className="teach-table">
            <caption className="sr-only">{t('teach.steps.table.caption', { token })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('teach.steps.col.key')}</th>
                <th scope="col">{t('teach.steps.col.k')}</th>
                <th scope="col">q·k</th>
                <th scope="col">× {short(inter.scale, 4)}</th>
                {steps.bias && <th scope="col">{t('teach.steps.col.bias')}</th>}
                <th scope="col">{t('teach.steps.col.mask')}</th>
                <th scope="col">{t('teach.steps.col.weight')}</th>
              </tr>
            </thead>
            <tbody>
              {cols.map((key, j) => (
                <tr key={j} className={page.masked[j] === -Infinity ? 'is-masked' : undefined}>
                  <th scope="row" className="teach-token-cell">
                    {key}
                  </th>
                  <td>
                    <NumberVector
                      values={steps.keys[j] ?? []}
                      limit={dims}
                      label={t('teach.steps.k.label', { token: key })}
                    />
                  </td>
                  <td className="num">{fixed(page.dots[j] ?? 0, 3)}</td>
                  <td className="num">{fixed(page.scaled[j] ?? 0, 3)}</td>
                  {steps.bias && <td className="num">{fixed(steps.bias[j] ?? 0, 3)}</td>}
                  <td className="num">
                    {page.masked[j] === -Infinity
                      ? `${t('teach.steps.masked')} → −∞`
                      : t('teach.steps.allowed')}
                  </td>
                  <td className="num">
                    <span className="teach-inline-bar">
                      <span style={{ width: `${(page.weights[j] ?? 0) * 100}%` }} />
                    </span>
                    {fixed(page.weights[j] ?? 0, 4)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={steps.bias ? 6 : 5}>
                  {t('teach.steps.sum')}
                </th>
                <td className="num">{fixed(weightSum, 4)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p>{t('teach.steps.softmax.text')}</p>
      </TeachCard>
      <TeachCard title={t('teach.steps.sum.title')}>
        <p>{t('teach.steps.sum.text', { token })}</p>
        <div className="teach-table-wrap" tabIndex={0}>
          <table className="teach-table">
            <caption className="sr-only">{t('teach.steps.vtable.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('teach.steps.col.key')}</th>
                <th scope="col">{t('teach.steps.col.weight')}</th>
                <th scope="col">{t('teach.steps.col.v')}</th>
                <th scope="col">{t('teach.steps.col.wv')}</th>
              </tr>
            </thead>
            <tbody>
              {cols.map((key, j) => {
                const w = page.weights[j] ?? 0;
                const v = steps.values[j] ?? [];
                return (
                  <tr key={j} className={w === 0 ? 'is-masked' : undefined}>
                    <th scope="row" className="teach-token-cell">
                      {key}
                    </th>
                    <td className="num">{fixed(w, 4)}</td>
                    <td>
                      <NumberVector
                        values={v}
                        limit={dims}
                        label={t('teach.steps.v.label', { token: key })}
                      />
                    </td>
                    <td>
                      <NumberVector
                        values={v.map((x) => x * w)}
                        limit={dims}
                        label={t('teach.steps.wv.label', { token: key })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h4>{t('teach.steps.output.title', { token })}</h4>
        <NumberVector
          values={page.output}
          limit={dims}
          label={t('teach.steps.output.label', { token })}
        />
        <p className="teach-check-line" data-testid="steps-check">
          {t('teach.steps.check', {
            scores: tiny(steps.diff.scores),
            weights: tiny(steps.diff.weights),
            output: tiny(steps.diff.output),
          })}
        </p>
        <p>{t('teach.steps.output.next')}</p>
      </TeachCard>
      <TeachCard title={t('teach.steps.all.title')}>
        <p>{t('teach.steps.all.text')}</p>
        <MatrixCanvas
          values={inter.weights}
          rows={inter.queryLength}
          cols={inter.keyLength}
          rowLabels={rows}
          colLabels={cols}
          label={t('teach.steps.all.label')}
          highlightRow={query}
          domain={[0, 1]}
          maxCell={34}
        />
      </TeachCard>
    </div>
  );
}
