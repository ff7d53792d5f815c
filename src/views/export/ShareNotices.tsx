import { useEffect } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useAppStore, type ShareNotice } from '../../store';
import type { ShareFailure } from '../../share';
import { openLocationLink } from './shareLocation';
import './export.css';

const FAILURE_KEYS: Record<ShareFailure, MessageKey> = {
  foreign: 'share.notice.foreign',
  tooLarge: 'share.notice.tooLarge',
  corrupt: 'share.notice.corrupt',
  invalid: 'share.notice.corrupt',
  version: 'share.notice.version',
};

/**
 * Links pasted into the address bar of the open page (the link the page opened with is applied
 * before the first run, by main.tsx).
 */
function useHashChangeRestore(): void {
  useEffect(() => {
    const read = () => void openLocationLink();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
}

function noticeText(notice: ShareNotice, t: ReturnType<typeof useT>): string {
  switch (notice.kind) {
    case 'unreadable':
      return t(FAILURE_KEYS[notice.reason]);
    case 'fields':
      return t('share.notice.fields', { fields: notice.fields.join(t('list.separator')) });
    case 'params':
      return t('share.notice.params', {
        params: notice.params.map((name) => `?${name}=`).join(t('list.separator')),
      });
    case 'clamped':
      return t('share.notice.clamped', {
        layer: notice.requestedLayer + 1,
        head: notice.requestedHead + 1,
        shownLayer: notice.layer + 1,
        shownHead: notice.head + 1,
      });
  }
}

/** What happened to the link the page was opened with (nothing when it opened cleanly). */
export function ShareNotices() {
  const t = useT();
  useHashChangeRestore();
  const notices = useAppStore((s) => s.shareNotices);
  const dismiss = useAppStore((s) => s.dismissShareNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notice share-notice" role="status">
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{noticeText(n, t)}</li>
        ))}
      </ul>
      <button type="button" className="share-dismiss" onClick={dismiss}>
        {t('share.dismiss')}
      </button>
    </div>
  );
}
