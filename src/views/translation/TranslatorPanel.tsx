import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { DirectionExamples } from './DirectionExamples';
import { translatorKey } from './directionText';
import { useTranslatorStatus } from '../../store/selectors';
import { formatBytes, progressFraction } from './format';

/** The built-in translator: what it is, and its download (progress, then "Loaded"). */
export function TranslatorPanel() {
  const t = useT();
  const { load, info } = useTranslatorStatus();
  const direction = useAppStore((s) => s.direction);
  const fraction = progressFraction(load.loadedBytes, load.totalBytes);
  return (
    <section className="panel translator-panel" aria-labelledby="translator-heading">
      <h2 id="translator-heading">{t('translator.heading')}</h2>
      <p className="panel-note">{t(translatorKey('note', direction))}</p>
      <DirectionExamples />
      {load.state === 'loading' && (
        <div className="load-status" role="status">
          <span>
            {load.file
              ? load.totalBytes
                ? t('translator.progress', {
                    file: load.file,
                    loaded: formatBytes(load.loadedBytes),
                    total: formatBytes(load.totalBytes),
                  })
                : t('translator.progressUnknown', {
                    file: load.file,
                    loaded: formatBytes(load.loadedBytes),
                  })
              : t('translator.loading')}
          </span>
          <progress max={1} value={fraction ?? undefined} aria-label={t('translator.loading')} />
        </div>
      )}
      {load.state === 'error' && (
        <p className="load-status is-ready">
          <span className="dot is-error" aria-hidden="true" />
          {t('translator.failed')}
        </p>
      )}
      {load.state === 'ready' && (
        <p className="load-status is-ready">
          <span className="dot is-on" aria-hidden="true" />
          {t('translator.ready')}
        </p>
      )}
      {info && (
        <dl className="model-facts">
          <div>
            <dt>{info.name}</dt>
            <dd>
              {t('translator.shape', {
                encoder: info.encoderLayers,
                decoder: info.decoderLayers,
                heads: info.heads,
                dModel: info.dModel,
              })}
            </dd>
          </div>
          <div>
            <dd>
              {t(translatorKey('vocab', direction), {
                source: info.sourceVocab,
                target: info.targetVocab,
              })}
            </dd>
          </div>
          <div>
            <dd>
              {t(translatorKey('limits', direction), {
                source: info.maxSourceTokens,
                target: info.maxTargetTokens,
              })}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
