/**
 * The "Head importance" panel of the Heads tab: measure every head of the chosen sentence's input
 * (one forward per head, with progress and Cancel), then the result as a layers × heads heatmap and
 * a ranked table (top 10, or all). Rankings are cached per input by the store, so coming back to an
 * input shows its ranking at once. The panel only reads the store and calls its actions.
 */
import { useId, useMemo, useState } from 'react';
import { NeedsModelNotice } from '../attention-file/NeedsModelNotice';
import { useShallow } from 'zustand/react/shallow';
import {
  IMPORTANCE_TOP,
  formatImportanceScore,
  importanceGrid,
  rankImportance,
  visibleRows,
} from '../../analysis/headRanking';
import { useT } from '../../i18n';
import { selectImportancePanel, useAppStore } from '../../store';
import type { ImportanceResult } from '../../worker/protocol';
import { ImportanceHeatmap } from './ImportanceHeatmap';
import './importance.css';

type T = ReturnType<typeof useT>;

/** A row label of the grid: "Enc L1" when the model has several blocks, else "L1". */
function rowLabel(t: T, kind: string, layer: number, severalKinds: boolean): string {
  if (!severalKinds) return t('importance.rowLabelShort', { layer: layer + 1 });
  const short =
    kind === 'decoder-self' || kind === 'cross' || kind === 'encoder-self'
      ? t(`importance.kindShort.${kind}`)
      : kind;
  return t('importance.rowLabel', { kind: short, layer: layer + 1 });
}

export function ImportancePanel() {
  const t = useT();
  const ids = useId();
  const slot = useAppStore((s) => s.analysisSlot);
  const src = useAppStore(useShallow(selectImportancePanel(slot)));
  const mode = useAppStore((s) => s.ablation.mode);
  const measureImportance = useAppStore((s) => s.measureImportance);
  const cancelImportance = useAppStore((s) => s.cancelImportance);
  const name = t(slot === 'A' ? 'input.sentenceA' : 'input.sentenceB');
  const { measure } = src;
  const fromFile = useAppStore((s) => slot === 'A' && s.attentionFile !== null);

  if (fromFile)
    return (
      <section className="panel an-panel imp-panel" aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>{t('importance.heading')}</h2>
        <NeedsModelNotice />
      </section>
    );

  return (
    <section className="panel an-panel imp-panel" aria-labelledby={`${ids}-title`}>
      <div className="an-head">
        <div>
          <h2 id={`${ids}-title`}>{t('importance.heading')}</h2>
          <p className="panel-note">{name}</p>
        </div>
      </div>
      <p className="an-help">{t('importance.intro', { mode: t(`importance.mode.${mode}`) })}</p>
      <div className="imp-actions">
        <button
          type="button"
          className="button"
          disabled={src.key === null || src.measuringThis}
          onClick={() => measureImportance(slot)}
        >
          {src.result ? t('importance.measureAgain') : t('importance.measure')}
        </button>
        {measure && (
          <>
            <span className="imp-progress" role="status">
              {!src.measuringThis
                ? t('importance.otherInput')
                : measure.total > 0
                  ? t('importance.progress', { done: measure.done, total: measure.total })
                  : t('importance.starting')}
            </span>
            {measure.total > 0 && (
              <progress
                className="imp-bar"
                max={measure.total}
                value={measure.done}
                aria-hidden="true"
              />
            )}
            <button type="button" className="button" onClick={cancelImportance}>
              {t('importance.cancel')}
            </button>
          </>
        )}
      </div>
      {src.why && <p className="an-help">{t(`importance.why.${src.why}`)}</p>}
      {src.error && (
        <p className="heatmap-error" role="alert">
          {src.error.kind === 'unsupported'
            ? t('importance.unsupported')
            : t('importance.error', { message: src.error.message })}
        </p>
      )}
      {src.result ? (
        <ImportanceResultView result={src.result} name={name} />
      ) : (
        src.key !== null &&
        !src.error &&
        !measure && <p className="an-help">{t('importance.notYet')}</p>
      )}
    </section>
  );
}

/** The measured ranking: heatmap, baseline translation and ranked table. */
function ImportanceResultView({ result, name }: { result: ImportanceResult; name: string }) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const grid = useMemo(() => importanceGrid(result.heads), [result]);
  const ranked = useMemo(() => rankImportance(result.heads), [result]);
  const severalKinds = new Set(grid.rows.map((r) => r.kind)).size > 1;
  const rowLabels = grid.rows.map((r) => rowLabel(t, r.kind, r.layer, severalKinds));
  const metric = t(`importance.metric.${result.metric}`);
  const unit = t('importance.unit');
  const translator = result.metric === 'logprob-drop';
  const changed = ranked.filter((r) => r.changed).length;
  const rows = visibleRows(ranked, showAll);

  return (
    <div className="imp-result" data-metric={result.metric}>
      <ImportanceHeatmap
        grid={grid}
        rowLabels={rowLabels}
        label={t('importance.gridLabel', {
          name,
          rows: grid.rows.length,
          cols: grid.cols,
          metric,
        })}
        legendTitle={t('importance.metricWithUnit', { metric, unit })}
      />
      {translator && result.baseline !== undefined && (
        <p className="an-help">
          {t('importance.baseline', { text: result.baseline })}{' '}
          {t('importance.changedCount', { count: changed, total: ranked.length })}
        </p>
      )}
      <div className="imp-table-scroll">
        <table className="imp-table">
          <caption>{t('importance.tableCaption', { metric })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('importance.col.rank')}</th>
              {severalKinds && <th scope="col">{t('importance.col.block')}</th>}
              <th scope="col">{t('importance.col.layer')}</th>
              <th scope="col">{t('importance.col.head')}</th>
              <th scope="col">{t('importance.col.score', { unit })}</th>
              {translator && <th scope="col">{t('importance.col.output')}</th>}
              {translator && <th scope="col">{t('importance.col.changed')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}/${r.layer}/${r.head}`} data-changed={r.changed ? 'yes' : 'no'}>
                <td>{r.rank}</td>
                {severalKinds && (
                  <td>
                    {r.kind === 'encoder-self' || r.kind === 'decoder-self' || r.kind === 'cross'
                      ? t(`view.kind.${r.kind}`)
                      : r.kind}
                  </td>
                )}
                <td>{r.layer + 1}</td>
                <td>{r.head + 1}</td>
                <td className="imp-num">{formatImportanceScore(r.score)}</td>
                {translator && <td lang="zh">{r.output ?? ''}</td>}
                {translator && (
                  <td>{t(r.changed ? 'importance.changed.yes' : 'importance.changed.no')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ranked.length > IMPORTANCE_TOP && (
        <button type="button" className="button" onClick={() => setShowAll(!showAll)}>
          {showAll
            ? t('importance.showTop', { count: IMPORTANCE_TOP })
            : t('importance.showAll', { count: ranked.length })}
        </button>
      )}
    </div>
  );
}
