// First: the teaching strings load with this view's chunk and are registered before it renders.
import '../messages';
import { useId, useMemo, useState } from 'react';
import { attentionKindsOf } from '../../../engine/masks';
import type { AttentionKind } from '../../../engine/types';
import { useT } from '../../../i18n';
import { useAppStore } from '../../../store';
import { RunStatus } from '../common/SourceBar';
import '../common/teach.css';
import { AttentionPicker } from './AttentionPicker';
import { MaskControls, type MaskSettingsState } from './MaskControls';
import { MaskDetail } from './MaskDetail';
import { MaskGallery } from './MaskGallery';
import { ModelMasks } from './ModelMasks';
import { customStart, gallerySpec, type GalleryKind, type GallerySettings } from './masks';
import { PaddingDetail } from './PaddingDetail';
import { usePlaygroundRun } from './usePlaygroundRun';

/** Tab "Masks": every mask recipe on the current tokens, with its cost and its effect. */
export function MasksView() {
  const t = useT();
  const headingId = useId();
  const slot = useAppStore((s) => s.teachSlot);
  const setSlot = useAppStore((s) => s.setTeachSlot);
  const model = useAppStore((s) => s.model);
  const text = useAppStore((s) => s.sentences[slot]);
  const architecture = useAppStore((s) => s.playground.architecture);
  const kinds = attentionKindsOf(architecture);
  const [picked, setAttention] = useState<AttentionKind>('encoder-self');
  const attention = kinds.includes(picked) ? picked : kinds[0]!;
  // The playground's tokens of the sentence (known after its first run; kept while re-running).
  const [tokenCount, setTokenCount] = useState(0);
  const [kind, setKind] = useState<GalleryKind>('window');
  const [knobs, setKnobs] = useState<MaskSettingsState>({
    radius: 1,
    dilation: 2,
    randomPerRow: 1,
    seed: 42,
    extraPad: 2,
  });
  const [customState, setCustom] = useState<{ size: number; allowed: Uint8Array }>({
    size: 0,
    allowed: new Uint8Array(0),
  });
  // A new length starts a new custom mask (causal, a common starting point).
  const cols = tokenCount;
  const custom = useMemo(
    () =>
      customState.size === cols
        ? customState
        : { size: cols, allowed: customStart(cols, 'causal') },
    [customState, cols],
  );
  const { radius, dilation, randomPerRow, seed, extraPad } = knobs;
  const settings: GallerySettings = useMemo(
    () => ({
      radius,
      dilation,
      randomPerRow,
      seed,
      globalTokens: [0],
      validLength: cols,
      custom,
    }),
    [radius, dilation, randomPerRow, seed, cols, custom],
  );
  // The selected mask, applied to the playground model live (padding has its own padded runs).
  const spec = useMemo(
    () => gallerySpec(kind === 'padding' ? 'none' : kind, settings),
    [kind, settings],
  );
  const run = usePlaygroundRun({ runSlot: 'teach-mask', text, spec, attention });
  const inter = run.intermediates;
  const rows = inter?.queryLength ?? 0;
  if (inter && inter.keyLength !== tokenCount) setTokenCount(inter.keyLength);

  return (
    <section className="teach" aria-labelledby={headingId}>
      <header className="teach-header">
        <h2 id={headingId}>{t('teach.masks.title')}</h2>
        <p>{t('teach.masks.intro')}</p>
      </header>
      <div className="teach-body">
        <fieldset className="teach-radio">
          <legend>{t('teach.source.sentence')}</legend>
          {(['A', 'B'] as const).map((s) => (
            <label key={s}>
              <input
                type="radio"
                name="teach-slot"
                checked={slot === s}
                onChange={() => setSlot(s)}
              />
              {t(s === 'A' ? 'input.sentenceA' : 'input.sentenceB')}
            </label>
          ))}
        </fieldset>
        {(model === 'hf' || model === 'trained') && <ModelMasks slot={slot} />}
        <AttentionPicker kinds={kinds} value={attention} onChange={setAttention} />
        <p className="teach-source-line" data-testid="mask-source">
          {t('teach.source.line', {
            model: t('teach.model.playground'),
            kind: t(`view.kind.${inter?.kind ?? attention}`),
            layer: run.layer + 1,
            head: run.head + 1,
          })}
          {inter && <> · d_k = {inter.headSize}</>}
        </p>
        <p className="teach-note">{t('teach.masks.source')}</p>
        {model !== 'playground' && (
          <p className="teach-note" data-testid="mask-other-model">
            {t('teach.masks.otherModel')}
          </p>
        )}
        <RunStatus run={run} />
        {inter && (
          <>
            <MaskControls value={knobs} onChange={setKnobs} cols={cols} />
            <MaskGallery
              kind={kind}
              onKind={setKind}
              settings={settings}
              architecture={architecture}
              attention={attention}
              rows={rows}
              cols={cols}
              extraPad={extraPad}
            />
            {kind === 'padding' ? (
              <PaddingDetail attention={attention} extraPad={extraPad} />
            ) : (
              <MaskDetail
                kind={kind}
                run={run}
                settings={settings}
                sentence={text}
                onToggle={
                  kind === 'custom'
                    ? (q, k) => {
                        const allowed = custom.allowed.slice();
                        allowed[q * custom.size + k] = allowed[q * custom.size + k] ? 0 : 1;
                        setCustom({ size: custom.size, allowed });
                      }
                    : undefined
                }
                onPreset={(preset) => setCustom({ size: cols, allowed: customStart(cols, preset) })}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}
