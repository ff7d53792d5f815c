import type { AttentionKind } from '../../../engine/types';
import { useT } from '../../../i18n';

interface AttentionPickerProps {
  /** The attentions the playground has (one for an encoder or a decoder: no choice shown). */
  kinds: readonly AttentionKind[];
  value: AttentionKind;
  onChange: (kind: AttentionKind) => void;
}

/** Which attention of an encoder–decoder playground the gallery and the live run show. */
export function AttentionPicker({ kinds, value, onChange }: AttentionPickerProps) {
  const t = useT();
  if (kinds.length < 2) return null;
  return (
    <fieldset className="teach-radio" data-testid="mask-attention">
      <legend>{t('teach.masks.attention')}</legend>
      {kinds.map((k) => (
        <label key={k}>
          <input
            type="radio"
            name="teach-mask-attention"
            checked={value === k}
            onChange={() => onChange(k)}
          />
          {t(`view.kind.${k}`)}
        </label>
      ))}
    </fieldset>
  );
}
