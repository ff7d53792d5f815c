import { useT } from '../../i18n';
import { useAppStore } from '../../store';

/**
 * The load's error above the sentences (like the translator's): the loader's readable message
 * (it names the file), a hint for its kind, and ways on: try again, or the built-in translator.
 * A model loaded before keeps running, and says so.
 */
export function HubLoadError() {
  const t = useT();
  const model = useAppStore((s) => s.model);
  const load = useAppStore((s) => s.hub.load);
  const kept = useAppStore((s) => s.hub.info?.name ?? null);
  const loadHubModel = useAppStore((s) => s.loadHubModel);
  const setModel = useAppStore((s) => s.setModel);
  if (model !== 'hf' || load.state !== 'error') return null;
  return (
    <div className="model-error hub-error" role="alert">
      <p className="model-error-message">{t('hub.loadError', { message: load.error ?? '' })}</p>
      <p className="model-error-hint">{t(`hub.hint.${load.code ?? 'other'}`)}</p>
      {kept && <p className="model-error-hint">{t('hub.kept', { name: kept })}</p>}
      <div className="model-error-actions">
        {load.source === 'hub' && (
          <button type="button" className="button" onClick={loadHubModel}>
            {t('hub.retry')}
          </button>
        )}
        <button type="button" className="button" onClick={() => setModel('translator')}>
          {t('hub.useTranslator')}
        </button>
      </div>
    </div>
  );
}
