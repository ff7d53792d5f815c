import type { BackendFailure } from '../../engine';
import type { TranslateFn } from '../../i18n';

/** Why a backend could not start, in plain words (the clause the fallback notice puts in). */
export function failureReason(t: TranslateFn, failure: BackendFailure): string {
  switch (failure.reason) {
    case 'wasm-file':
      return failure.status === undefined
        ? t('backend.why.wasm-file')
        : t('backend.why.wasm-file-status', { status: failure.status });
    case 'error':
      return t('backend.why.error', { detail: failure.detail ?? '' });
    default:
      return t(`backend.why.${failure.reason}`);
  }
}
