import { useEffect } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { COLOR_MAPS, LIMITS, useAppStore, type ShareNotice } from '../../store';
import {
  decodeShareFragment,
  hasFragment,
  snapshotShareState,
  type ShareFailure,
} from '../../share';
import { TABS } from '../app/tabs';
import './export.css';

const FAILURE_KEYS: Record<ShareFailure, MessageKey> = {
  foreign: 'share.notice.foreign',
  tooLarge: 'share.notice.tooLarge',
  corrupt: 'share.notice.corrupt',
  invalid: 'share.notice.corrupt',
  version: 'share.notice.version',
};

/**
 * Opens a shared link: reads the URL fragment on load (and when it changes), hands the decoded state
 * to the store, then clears the fragment so the address bar does not keep an outdated state.
 */
function useShareRestore(): void {
  const restore = useAppStore((s) => s.restoreShared);
  useEffect(() => {
    let cancelled = false;
    const read = () => {
      const hash = location.hash;
      if (!hasFragment(hash)) return;
      const s = useAppStore.getState();
      void decodeShareFragment(hash, {
        // Whatever a link leaves out or gets wrong keeps the page's current (on load: default) value.
        defaults: { ...snapshotShareState(s), focus: null },
        tabs: TABS.map((tab) => tab.id),
        colorMaps: COLOR_MAPS,
        limits: LIMITS,
      }).then((result) => {
        if (cancelled) return;
        restore(result);
        history.replaceState(history.state, '', `${location.pathname}${location.search}`);
      });
    };
    read();
    window.addEventListener('hashchange', read);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', read);
    };
  }, [restore]);
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
  useShareRestore();
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
