import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { formatBytes } from '../translation/format';
import { formatParamsPrecise, formatSize, loadPercent } from './format';

/**
 * Where the load stands: the file arriving, bytes and percent with a progress bar (and "from
 * cache"), then "Loaded"; "Not loaded" after an error (the message itself is shown above the
 * sentences); a note after Cancel.
 */
export function HubLoadStatus() {
  const t = useT();
  const load = useAppStore((s) => s.hub.load);
  const info = useAppStore((s) => s.hub.info);

  if (load.state === 'loading') {
    const p = load.progress;
    const percent = loadPercent(p);
    return (
      <div className="load-status hub-status" role="status" data-state="loading">
        <span>{t('hub.starting', { name: load.label })}</span>
        {load.size && (
          <span
            className="hub-status-size"
            title={t('hub.sizeEngine', {
              engine: formatSize(load.size.engineBytes),
              limit: formatSize(load.size.limitBytes),
            })}
          >
            {t('hub.size', {
              params: formatParamsPrecise(load.size.parameters),
              download: formatSize(load.size.downloadBytes),
              memory: formatSize(load.size.tabBytes),
            })}
          </span>
        )}
        {p && (
          <span className="hub-status-file">
            {p.total !== null
              ? t('hub.progress', {
                  file: p.file,
                  loaded: formatBytes(p.loaded),
                  total: formatBytes(p.total),
                })
              : t('hub.progressUnknown', { file: p.file, loaded: formatBytes(p.loaded) })}
            {p.parts > 1 && p.part > 0 && <> · {t('hub.part', { part: p.part, parts: p.parts })}</>}
            {percent !== null && <> · {t('hub.percent', { percent })}</>}
            {p.fromCache && <span className="hub-tag"> {t('hub.fromCache')}</span>}
          </span>
        )}
        <progress
          max={100}
          value={percent ?? undefined}
          aria-label={t('hub.progressLabel', { name: load.label })}
        />
      </div>
    );
  }
  if (load.state === 'error')
    return (
      <p className="load-status is-ready hub-status" role="status" data-state="error">
        <span className="dot is-error" aria-hidden="true" />
        {t('hub.failed', { name: load.label })}
      </p>
    );
  if (load.state === 'ready' && info)
    return (
      <div className="load-status hub-status" role="status" data-state="ready">
        <span className="hub-status-line">
          <span className="dot is-on" aria-hidden="true" />
          {t('hub.loaded', { name: info.name, size: formatBytes(info.bytesRead) })} ·{' '}
          {t('hub.percent', { percent: 100 })}
          {info.fromCache && <span className="hub-tag"> {t('hub.fromCache')}</span>}
          {!info.fromCache && load.saved && <span className="hub-tag"> {t('hub.saved')}</span>}
        </span>
        <progress max={100} value={100} aria-label={t('hub.progressLabel', { name: info.name })} />
      </div>
    );
  return (
    <p className="load-status hub-status" role="status" data-state="idle">
      {load.cancelled ? t('hub.cancelled', { name: load.label }) : info ? '' : t('hub.idle')}
    </p>
  );
}
