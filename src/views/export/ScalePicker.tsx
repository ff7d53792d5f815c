import { useT } from '../../i18n';
import { EXPORT_SCALES, type ExportScale } from './scales';

/** The 1× / 2× / 4× choice of a PNG export, as radio buttons named `name`. */
export function ScalePicker({
  name,
  scale,
  onChange,
  className,
  legendHidden = false,
}: {
  name: string;
  scale: ExportScale;
  onChange: (scale: ExportScale) => void;
  className: string;
  /** Keep the "Resolution" legend for screen readers only (a compact toolbar). */
  legendHidden?: boolean;
}) {
  const t = useT();
  return (
    <fieldset className={className}>
      <legend className={legendHidden ? 'sr-only' : undefined}>{t('export.resolution')}</legend>
      {EXPORT_SCALES.map((s) => (
        <label key={s}>
          <input
            type="radio"
            name={name}
            value={s}
            checked={scale === s}
            onChange={() => onChange(s)}
          />
          {t('export.scale', { n: s })}
        </label>
      ))}
    </fieldset>
  );
}
