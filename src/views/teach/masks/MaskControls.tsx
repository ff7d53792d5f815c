import { useT } from '../../../i18n';
import { TeachSlider } from '../common/TeachSlider';

export interface MaskSettingsState {
  radius: number;
  dilation: number;
  randomPerRow: number;
  seed: number;
  extraPad: number;
}

interface MaskControlsProps {
  value: MaskSettingsState;
  onChange: (value: MaskSettingsState) => void;
  /** Tokens of the sentence (the window radius goes up to cols − 1). */
  cols: number;
}

/** The gallery's knobs: window radius, dilation, random keys, extra [PAD] and the seed. */
export function MaskControls({ value, onChange, cols }: MaskControlsProps) {
  const t = useT();
  const set = (patch: Partial<MaskSettingsState>) => onChange({ ...value, ...patch });
  const { radius, dilation, randomPerRow, seed, extraPad } = value;
  return (
    <div className="teach-controls">
      <TeachSlider
        label={t('teach.masks.radius')}
        value={radius}
        min={0}
        max={Math.max(1, cols - 1)}
        onChange={(r) => set({ radius: r })}
        valueText={t('teach.masks.radiusValue', { r: radius, w: 2 * radius + 1 })}
      />
      <TeachSlider
        label={t('teach.masks.dilation')}
        value={dilation}
        min={1}
        max={4}
        onChange={(d) => set({ dilation: d })}
        valueText={String(dilation)}
      />
      <TeachSlider
        label={t('teach.masks.random')}
        value={randomPerRow}
        min={0}
        max={3}
        onChange={(n) => set({ randomPerRow: n })}
        valueText={String(randomPerRow)}
      />
      <TeachSlider
        label={t('teach.masks.extraPad')}
        value={extraPad}
        min={0}
        max={8}
        onChange={(n) => set({ extraPad: n })}
        valueText={t('teach.masks.extraPadValue', { n: extraPad })}
      />
      <div className="field">
        <label htmlFor="teach-mask-seed">{t('teach.seed')}</label>
        <input
          id="teach-mask-seed"
          type="number"
          min={0}
          value={seed}
          onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
        />
      </div>
    </div>
  );
}
