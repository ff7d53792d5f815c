import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import type { SentenceSlot } from '../../store/types';
import { selectRunProgress } from './progress';
import './export.css';

/** How long a run must take before the bar shows (quick runs do not flash it). */
const SHOW_AFTER_MS = 400;

/**
 * A thin progress bar over a sentence while its run takes a while: layers streamed so far, or an
 * indeterminate bar while the model loads or starts.
 */
export function RunProgress({ slot, name }: { slot: SentenceSlot; name: string }) {
  const t = useT();
  const progress = useAppStore(selectRunProgress(slot));
  const running = progress !== null;
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setVisible(false);
    };
  }, [running]);
  if (!running || !visible) return null;
  const [done, total] = progress ? progress.split('/').map(Number) : [undefined, undefined];
  return (
    <progress
      className="run-progress"
      max={total ?? 1}
      value={done}
      aria-label={t('progress.run', { name })}
    />
  );
}
