import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { hubPairActive } from '../../store/hubSlice';
import type { SentenceSlot } from '../../store/types';
import { segmentRanges } from './format';

export interface HubPairNoteProps {
  slot: SentenceSlot;
}

/**
 * Sentence-pair mode of a Hugging Face encoder: under sentence A, which tokens belong to which
 * sentence (token types 0 and 1); under sentence B, that it is shown with A.
 */
export function HubPairNote({ slot }: HubPairNoteProps) {
  const t = useT();
  const active = useAppStore(hubPairActive);
  const segments = useAppStore((s) => (slot === 'A' ? s.runs.A.blocks[0]?.segments : undefined));
  if (!active) return null;
  if (slot === 'B')
    return (
      <p role="status" className="notice hub-pair-note">
        {t('hub.pairNoteB')}
      </p>
    );
  const ranges = segmentRanges(segments);
  if (!ranges) return null;
  return (
    <p role="status" className="notice hub-pair-note" data-testid="hub-segments">
      {t('hub.segments', { a1: ranges.a[0], a2: ranges.a[1], b1: ranges.b[0], b2: ranges.b[1] })}
    </p>
  );
}

/** Whether the sentence's own heatmap is hidden (sentence B inside A's pair run). */
export function useHubPairHides(slot: SentenceSlot): boolean {
  return useAppStore((s) => slot === 'B' && hubPairActive(s));
}
