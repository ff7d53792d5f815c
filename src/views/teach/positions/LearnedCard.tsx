import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import { ExportableMatrix } from '../common/ExportableMatrix';
import { useModelName } from '../common/SourceBar';
import { TeachCard } from '../common/TeachCard';
import { useTeachRun } from '../common/useTeach';
import { labels } from './shared';

/** Card "Learned positions": the model’s own position table, or why it has none. */
export function LearnedCard({ positions }: { positions: number }) {
  const t = useT();
  const slot = useAppStore((s) => s.teachSlot);
  const model = useAppStore((s) => s.model);
  const modelName = useModelName();
  const playgroundPositional = useAppStore((s) => s.playground.positional);
  const setPlayground = useAppStore((s) => s.setPlayground);
  const run = useTeachRun(slot);
  const table = run.positionTable;
  const positional = run.state === 'ready' ? run.positional : null;
  const rows = table ? Math.min(table.rows, positions) : 0;
  return (
    <TeachCard title={t('teach.pos.learned.title')}>
      <p>{t('teach.pos.learned.text')}</p>
      {table && rows > 0 ? (
        <>
          <p className="teach-readout">
            {t('teach.pos.learned.shown', { rows, cols: table.cols })}
          </p>
          {model === 'playground' && <p className="teach-note">{t('teach.pos.learned.random')}</p>}
          <ExportableMatrix
            picture={t('teach.pos.learned.title')}
            what={`learned-positions_${rows}x${table.cols}`}
            details={[modelName]}
            values={table.data.subarray(0, rows * table.cols)}
            rows={rows}
            cols={table.cols}
            rowLabels={labels(rows)}
            colLabels={labels(table.cols)}
            label={t('teach.pos.learned.label', { rows, cols: table.cols })}
            scheme="diverging"
            showValues={false}
            maxCell={14}
          />
        </>
      ) : positional === null ? (
        <p className="teach-status">{t('teach.status.loading')}</p>
      ) : model === 'translator' ? (
        <p className="teach-note" data-testid="learned-none">
          {t('teach.pos.learned.translator', { kind: positional })}
        </p>
      ) : (
        <div className="teach-note" data-testid="learned-none">
          <p>{t('teach.pos.learned.playground', { kind: playgroundPositional })}</p>
          <button
            type="button"
            className="button"
            onClick={() => setPlayground({ positional: 'learned' })}
          >
            {t('teach.pos.learned.switch')}
          </button>
        </div>
      )}
    </TeachCard>
  );
}
