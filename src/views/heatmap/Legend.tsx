import { useT } from '../../i18n';
import { formatTickIn } from '../../i18n/numbers';
import { useAppStore, type ColorMapName } from '../../store';
import { legendTicks } from './color';
import { COLOR_MAP_INTERPOLATORS, gradientStops } from './colormaps';

export interface ColorLegendProps {
  /** Top of the colour scale (the shown matrix's largest weight). */
  max: number;
  /** Show the "masked" swatch (some cells are masked out). */
  showMasked?: boolean;
  /** Colour map of the bar; default: the one chosen in the header. */
  colorMap?: ColorMapName;
}

/** A horizontal colour bar from 0 to `max` with nice ticks, the exact max at its right end. */
export function ColorLegend({ max, showMasked = false, colorMap }: ColorLegendProps) {
  const t = useT();
  const chosen = useAppStore((s) => s.colorMap);
  const language = useAppStore((s) => s.language);
  const formatTick = (v: number) => formatTickIn(language, v);
  const STOPS = gradientStops(COLOR_MAP_INTERPOLATORS[colorMap ?? chosen]);
  // Drop nice ticks that would collide with the exact max label at the end.
  const ticks = legendTicks(max, 4).filter((v) => v === 0 || v < max * 0.8);
  return (
    <div className="legend" aria-label={t('legend.caption', { max: formatTick(max) })} role="group">
      <span className="legend-title">{t('legend.label')}</span>
      <div className="legend-scale">
        <div className="legend-bar" style={{ background: `linear-gradient(to right, ${STOPS})` }} />
        <div className="legend-ticks" aria-hidden="true">
          {ticks.map((v) => (
            <span key={v} className="legend-tick" style={{ left: `${(v / max) * 100}%` }}>
              {formatTick(v)}
            </span>
          ))}
          <span className="legend-tick legend-tick-max" style={{ left: '100%' }}>
            {formatTick(max)}
          </span>
        </div>
      </div>
      {showMasked && (
        <span className="legend-masked">
          <span className="legend-masked-swatch" aria-hidden="true" />
          {t('heatmap.masked')}
        </span>
      )}
    </div>
  );
}
