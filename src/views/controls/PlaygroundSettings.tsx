import type { ArchitectureKind, PlaygroundOptions, PositionalKind } from '../../engine';
import { useT } from '../../i18n';
import { LIMITS, snapHeads, useAppStore, validHeadCounts, type MaskChoice } from '../../store';
import { NumberField, SelectField } from './Field';

const ARCHITECTURES: ArchitectureKind[] = ['encoder', 'decoder', 'encoder-decoder'];
const POSITIONAL: PositionalKind[] = ['none', 'sinusoidal', 'learned', 'rope', 'alibi'];
const MASKS: MaskChoice[] = ['none', 'causal', 'window', 'dilated', 'global-window', 'bigbird'];
const WITH_RADIUS: MaskChoice[] = ['window', 'dilated', 'global-window', 'bigbird'];

/** The playground model's shape and the self-attention mask. Every change re-runs both sentences. */
export function PlaygroundSettings() {
  const t = useT();
  const playground = useAppStore((s) => s.playground);
  const mask = useAppStore((s) => s.mask);
  const setPlayground = useAppStore((s) => s.setPlayground);
  const setMask = useAppStore((s) => s.setMask);
  const set = (patch: Partial<PlaygroundOptions>): void => setPlayground(patch);
  const validHeads = validHeadCounts(playground.dModel, playground.positional);

  return (
    <section className="panel settings" aria-labelledby="playground-heading">
      <h2 id="playground-heading">{t('model.heading')}</h2>
      <p className="panel-note">{t('model.note')}</p>
      <div className="settings-grid">
        <SelectField
          className="span-2"
          label={t('model.architecture')}
          value={playground.architecture}
          options={ARCHITECTURES.map((a) => ({ value: a, label: t(`model.architecture.${a}`) }))}
          onChange={(architecture) => set({ architecture })}
        />
        <NumberField
          label={t('model.layers')}
          value={playground.layers}
          min={LIMITS.layers.min}
          max={LIMITS.layers.max}
          onChange={(layers) => set({ layers })}
        />
        <NumberField
          label={t('model.heads')}
          value={playground.heads}
          min={LIMITS.heads.min}
          max={LIMITS.heads.max}
          onChange={(wanted) => set({ heads: snapHeads(playground.heads, wanted, validHeads) })}
          hint={t('model.headsHint', { list: validHeads.join(' · ') })}
        />
        <SelectField
          label={t('model.dModel')}
          value={playground.dModel}
          options={LIMITS.dModels.map((d) => ({ value: d, label: String(d) }))}
          onChange={(dModel) => set({ dModel })}
        />
        <SelectField
          label={t('model.norm')}
          value={playground.norm}
          options={(['pre', 'post'] as const).map((n) => ({
            value: n,
            label: t(`model.norm.${n}`),
          }))}
          onChange={(norm) => set({ norm })}
        />
        <SelectField
          className="span-2"
          label={t('model.positional')}
          value={playground.positional}
          options={POSITIONAL.map((p) => ({ value: p, label: t(`model.positional.${p}`) }))}
          onChange={(positional) => set({ positional })}
        />
        <SelectField
          className="span-2"
          label={t('model.mask')}
          value={mask.kind}
          options={MASKS.map((m) => ({ value: m, label: t(`model.mask.${m}`) }))}
          onChange={(kind) => setMask({ kind })}
        />
        {WITH_RADIUS.includes(mask.kind) && (
          <NumberField
            label={t('model.radius')}
            value={mask.radius}
            min={LIMITS.radius.min}
            max={LIMITS.radius.max}
            onChange={(radius) => setMask({ radius })}
          />
        )}
        {mask.kind === 'dilated' && (
          <NumberField
            label={t('model.dilation')}
            value={mask.dilation}
            min={LIMITS.dilation.min}
            max={LIMITS.dilation.max}
            onChange={(dilation) => setMask({ dilation })}
          />
        )}
        <NumberField
          label={t('model.seed')}
          value={playground.seed}
          min={LIMITS.seed.min}
          max={LIMITS.seed.max}
          onChange={(seed) => set({ seed })}
        >
          <button
            type="button"
            className="icon-button"
            title={t('model.reseed')}
            aria-label={t('model.reseed')}
            onClick={() => set({ seed: Math.floor(Math.random() * 100000) })}
          >
            ⟳
          </button>
        </NumberField>
        <NumberField
          label={t('model.maxTokens')}
          value={playground.maxPositions}
          min={LIMITS.maxPositions.min}
          max={LIMITS.maxPositions.max}
          onChange={(maxPositions) => set({ maxPositions })}
        />
      </div>
    </section>
  );
}
