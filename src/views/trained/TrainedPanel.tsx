/**
 * The page's model when it is one trained in the Train tab: the toolbar's one-line summary and the
 * side panel (task, positions, steps, held-out accuracy, the vocabulary the sentences are read in).
 */
import { useT } from '../../i18n';
import { useAppStore } from '../../store';

/** The toolbar line: "Trained in the Train tab on “reverse”: 1 layers × 2 heads · …". */
export function TrainedSummary() {
  const t = useT();
  const m = useAppStore((s) => s.trainedModel);
  if (!m) return null;
  return (
    <>
      {t('trained.summary', {
        task: m.task,
        layers: m.settings.layers,
        heads: m.settings.heads,
        dModel: m.settings.dModel,
        step: m.step,
      })}
    </>
  );
}

export function TrainedPanel() {
  const t = useT();
  const m = useAppStore((s) => s.trainedModel);
  return (
    <section className="panel trained-panel" aria-labelledby="trained-heading">
      <h2 id="trained-heading">{t('trained.panel.title')}</h2>
      {m && (
        <>
          <p className="panel-note">
            {t('trained.panel.task', {
              task: m.task,
              positional: m.settings.positional,
              step: m.step,
            })}
          </p>
          {m.accuracy !== null && (
            <p className="panel-note">
              {t('trained.panel.accuracy', { value: `${(m.accuracy * 100).toFixed(1)}%` })}
            </p>
          )}
          <p className="panel-note">
            {t('trained.panel.vocab', { symbols: m.vocab.join(' '), length: m.length })}
          </p>
        </>
      )}
      <p className="panel-note">{t('trained.panel.more')}</p>
    </section>
  );
}
