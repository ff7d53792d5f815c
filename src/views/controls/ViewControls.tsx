import { useMemo } from 'react';
import type { AttentionKind } from '../../engine';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { useViewChoices, useViewSelection } from '../../store/selectors';
import { HeadOffSwitch } from '../ablation/HeadOffSwitch';
import { WeightingSwitch } from '../weighting/WeightingSwitch';
import { SelectField } from './Field';
import { kvGroupOf, layerNote } from './layerNotes';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Tabs whose heatmaps can show value-weighted attention. */
const WEIGHTED_TABS: readonly string[] = ['attention', 'heads', 'compare'];

/** Layer and head (and attention kind, for models with more than one) of the heatmaps. Never re-runs. */
export function ViewControls() {
  const t = useT();
  const { kind, layer, head } = useViewSelection();
  const choices = useViewChoices();
  const setLayer = useAppStore((s) => s.setLayer);
  const setHead = useAppStore((s) => s.setHead);
  const setKind = useAppStore((s) => s.setKind);
  // The Attention tab switches its head off here (the Heads tab has a toggle per thumbnail).
  const onAttentionTab = useAppStore((s) => s.tab === 'attention');
  // Attention weights or value-weighted attention: the tabs whose heatmaps draw either.
  const weighs = useAppStore((s) => WEIGHTED_TABS.includes(s.tab));
  // Hugging Face LMs: which heads share keys, and how the chosen layer attends.
  const hf = useAppStore((s) => (s.model === 'hf' ? s.hub.info : null));
  const kv = hf ? kvGroupOf(head, hf.heads, hf.kvHeads) : null;
  const note = hf ? layerNote(layer, hf.layerTypes, hf.slidingWindow) : null;
  const layerOptions = useMemo(
    () => range(choices.layers).map((i) => ({ value: i, label: t('view.option', { n: i + 1 }) })),
    [choices.layers, t],
  );
  const headOptions = useMemo(
    () => range(choices.heads).map((i) => ({ value: i, label: t('view.option', { n: i + 1 }) })),
    [choices.heads, t],
  );
  return (
    <div className="view-controls" role="group" aria-label={t('view.heading')}>
      {choices.kinds.length > 1 && (
        <SelectField<AttentionKind>
          label={t('view.kind')}
          value={kind}
          options={choices.kinds.map((k) => ({ value: k, label: t(`view.kind.${k}`) }))}
          onChange={setKind}
        />
      )}
      <SelectField
        label={t('view.layer')}
        value={layer}
        options={layerOptions}
        onChange={setLayer}
      />
      <SelectField label={t('view.head')} value={head} options={headOptions} onChange={setHead} />
      {onAttentionTab && <HeadOffSwitch />}
      {weighs && <WeightingSwitch />}
      {(kv || note) && (
        <p className="view-notes" role="note">
          {note &&
            t(note.kind === 'sliding' ? 'view.layerSliding' : 'view.layerGlobal', {
              layer: note.layer,
              before: note.before,
            })}
          {note && kv && ' '}
          {kv && t('view.sharedKv', { ...kv })}
        </p>
      )}
    </div>
  );
}
