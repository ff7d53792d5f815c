import { useId, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { formatCountIn } from '../../i18n/numbers';
import { useAppStore } from '../../store';
import {
  encodeShareFragment,
  MAX_LINK_CHARS,
  sharedModelNote,
  shareUrl,
  snapshotShareState,
} from '../../share';
import { copyTextToClipboard, type ClipboardFailure } from './download';
import './export.css';

/** Why the link could not carry the model in use (see sharedModelNote). */
type ModelNote = ReturnType<typeof sharedModelNote>;

const NOTE_KEYS = {
  files: 'share.hfFilesNote',
  notLoaded: 'share.hfNotLoadedNote',
  trained: 'share.trainedNote',
} as const;

type Result =
  | { kind: 'copied'; url: string; note: ModelNote }
  | { kind: 'manual'; url: string; reason: ClipboardFailure; note: ModelNote }
  | { kind: 'tooLong'; chars: number }
  | { kind: 'error'; message: string };

/**
 * "Copy link": the whole state (model (a Hugging Face checkpoint by Hub id and revision), sentences, tab, kind, layer, head, focused cell, playground
 * settings with mask and positional encoding, colour map) compressed into the URL fragment. The
 * link is also shown in a read-only field, for copying by hand where the clipboard is refused.
 */
export function CopyLinkButton() {
  const t = useT();
  const id = useId();
  const language = useAppStore((s) => s.language);
  const [result, setResult] = useState<Result | null>(null);
  const [working, setWorking] = useState(false);
  const fieldRef = useRef<HTMLInputElement>(null);

  const onClick = async () => {
    setWorking(true);
    try {
      const s = useAppStore.getState();
      const note = sharedModelNote(s);
      const fragment = await encodeShareFragment(snapshotShareState(s));
      if (fragment.length > MAX_LINK_CHARS) {
        setResult({ kind: 'tooLong', chars: fragment.length });
        return;
      }
      const url = shareUrl(location.href, fragment);
      const copied = await copyTextToClipboard(url);
      setResult(
        copied.ok
          ? { kind: 'copied', url, note }
          : { kind: 'manual', url, reason: copied.reason, note },
      );
      if (!copied.ok) requestAnimationFrame(() => fieldRef.current?.select());
    } catch (error) {
      setResult({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setWorking(false);
    }
  };

  const kb = (chars: number) => formatCountIn(language, Math.ceil(chars / 1024));
  const message =
    result === null
      ? ''
      : result.kind === 'copied'
        ? t('share.copied')
        : result.kind === 'manual'
          ? t('share.copyManually')
          : result.kind === 'tooLong'
            ? t('share.tooLong', { size: kb(result.chars), max: kb(MAX_LINK_CHARS) })
            : t('share.failed', { message: result.message });
  const url = result && (result.kind === 'copied' || result.kind === 'manual') ? result.url : null;
  const hfNote =
    result && (result.kind === 'copied' || result.kind === 'manual') && result.note
      ? ` ${t(NOTE_KEYS[result.note])}`
      : '';

  return (
    <div
      className="share"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && result) {
          e.stopPropagation();
          setResult(null);
        }
      }}
    >
      <button
        type="button"
        className="share-button"
        onClick={() => void onClick()}
        disabled={working}
        aria-describedby={`${id}-status`}
      >
        {t('share.copyLink')}
      </button>
      <div className="share-result" hidden={result === null}>
        <p
          id={`${id}-status`}
          role="status"
          className={`share-status${result?.kind === 'tooLong' || result?.kind === 'error' ? ' is-error' : ''}`}
        >
          {message}
          {hfNote}
        </p>
        {url && (
          <>
            <label htmlFor={`${id}-url`} className="sr-only">
              {t('share.linkLabel')}
            </label>
            <input
              ref={fieldRef}
              id={`${id}-url`}
              className="share-url"
              type="text"
              readOnly
              value={url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </>
        )}
        <button
          type="button"
          className="share-close"
          onClick={() => setResult(null)}
          aria-label={t('share.close')}
          title={t('share.close')}
        >
          ×
        </button>
      </div>
    </div>
  );
}
