import type { BackendName } from '../../engine';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { selectBusy, useBackend } from '../../store/selectors';
import { failureReason } from './backendFailureText';
import { SelectField } from './Field';

/** Backends this browser may offer: WebGPU only where `navigator.gpu` exists. */
export function availableBackends(
  nav: Navigator | undefined = globalThis.navigator,
): BackendName[] {
  const hasGpu = !!nav && 'gpu' in nav && !!(nav as Navigator & { gpu?: unknown }).gpu;
  return hasGpu ? ['wasm', 'webgpu', 'webgl', 'cpu'] : ['wasm', 'webgl', 'cpu'];
}

/** Backend choice and the backend that really runs (after any fallback). */
export function BackendPicker() {
  const t = useT();
  const { backend, status } = useBackend();
  const setBackend = useAppStore((s) => s.setBackend);
  const busy = useAppStore(selectBusy);
  const lost = useAppStore((s) => s.backendLost);
  const fallback = useAppStore((s) => s.backendFallback);
  const options = availableBackends().map((b) => ({ value: b, label: t(`backend.${b}`) }));
  let active: string;
  if (!status) active = busy ? t('backend.starting') : t('backend.idle');
  else if (status.name === 'wasm' && status.threads && status.threads > 1)
    active = t('backend.activeThreads', {
      name: t(`backend.${status.name}`),
      threads: status.threads,
    });
  else active = t('backend.active', { name: t(`backend.${status.name}`) });
  return (
    <div className="backend">
      <SelectField<BackendName>
        label={t('backend.label')}
        value={backend}
        options={options}
        onChange={setBackend}
      />
      <p className="backend-active" data-backend={status?.name ?? ''}>
        <span className={`dot${status ? ' is-on' : ''}`} aria-hidden="true" />
        {active}
      </p>
      {lost && (
        <p className="field-hint warn backend-lost" role="status">
          {t('backend.lost', { name: t(`backend.${lost}`) })}
        </p>
      )}
      {fallback && (
        <p className="field-hint warn backend-fallback" role="status">
          {t('backend.fallbackWhy', {
            wanted: t(`backend.${fallback.backend}`),
            why: failureReason(t, fallback),
            name: t(`backend.${fallback.using}`),
          })}
        </p>
      )}
      {!fallback && status && status.name !== status.requested && (
        <p className="field-hint warn">
          {t('backend.fallback', {
            wanted: t(`backend.${status.requested}`),
            name: t(`backend.${status.name}`),
          })}
        </p>
      )}
    </div>
  );
}
