import { useT } from '../../i18n';
import { isHeadOff, useAppStore } from '../../store';
import { useViewChoices, useViewSelection } from '../../store/selectors';
import './ablation.css';

/**
 * The head the Attention tab shows: a toggle that switches it off (or back on), and a line saying
 * so while it is off. The kind is the one the heatmaps show (the model's first when it lacks the
 * chosen one).
 */
export function HeadOffSwitch() {
  const t = useT();
  const { kind: chosen, layer, head } = useViewSelection();
  const { kinds } = useViewChoices();
  const kind = kinds.includes(chosen) ? chosen : (kinds[0] ?? chosen);
  const off = useAppStore((s) => isHeadOff(s.ablation, kind, layer, head));
  const toggle = useAppStore((s) => s.toggleHeadOff);
  const names = { layer: layer + 1, head: head + 1 };
  return (
    <div className="head-off-switch">
      <button
        type="button"
        className="button head-off-button"
        aria-pressed={off}
        onClick={() => toggle({ kind, layer, head })}
      >
        <span aria-hidden="true">⊘ </span>
        {t('ablation.toggle', names)}
      </button>
      {off && (
        <p className="head-off-note" role="status">
          {t('ablation.headOff', names)}
        </p>
      )}
    </div>
  );
}

/** A mark for a heatmap's caption while its head is switched off (nothing otherwise). */
export function HeadOffMark({ off }: { off: boolean }) {
  const t = useT();
  if (!off) return null;
  return <span className="head-off-mark"> · ⊘ {t('ablation.mark')}</span>;
}

/**
 * A mark beside a head's name in a list (the Compare tab's tables) while that head of the shown
 * kind is switched off; nothing otherwise.
 */
export function HeadOffBadge({ layer, head }: { layer: number; head: number }) {
  const t = useT();
  const { kind: chosen } = useViewSelection();
  const { kinds } = useViewChoices();
  const kind = kinds.includes(chosen) ? chosen : (kinds[0] ?? chosen);
  const off = useAppStore((s) => isHeadOff(s.ablation, kind, layer, head));
  if (!off) return null;
  const mark = t('ablation.mark');
  return (
    <span className="head-off-mark" title={mark}>
      {' '}
      <span aria-hidden="true">⊘</span>
      <span className="sr-only">{mark}</span>
    </span>
  );
}
