import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { useTranslatorStatus } from '../../store/selectors';
import { translatorKey } from './directionText';

/**
 * The one message the page shows when the translator cannot be loaded (both sentences fail
 * alike): the loader's readable message, which names the file, never a stack. The playground stays
 * one click away, and "Try again" downloads again.
 */
export function ModelLoadError() {
  const t = useT();
  const model = useAppStore((s) => s.model);
  const { load } = useTranslatorStatus();
  const setModel = useAppStore((s) => s.setModel);
  const direction = useAppStore((s) => s.direction);
  const setDirection = useAppStore((s) => s.setDirection);
  const runAll = useAppStore((s) => s.runAll);
  if (model !== 'translator' || load.state !== 'error') return null;
  return (
    <div className="model-error" role="alert">
      <p className="model-error-message">
        {t(translatorKey('loadError', direction), { message: load.error ?? '' })}
      </p>
      <p className="model-error-hint">{t(translatorKey('loadErrorHint', direction))}</p>
      <div className="model-error-actions">
        <button type="button" className="button" onClick={runAll}>
          {t('translator.retry')}
        </button>
        {direction === 'zh-en' && (
          <button type="button" className="button" onClick={() => setDirection('en-zh')}>
            {t('direction.backToEnZh')}
          </button>
        )}
        <button type="button" className="button" onClick={() => setModel('playground')}>
          {t('translator.usePlayground')}
        </button>
      </div>
    </div>
  );
}
