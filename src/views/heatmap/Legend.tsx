import { interpolateViridis } from 'd3-scale-chromatic';
import { useT } from '../../i18n';
import { formatTick, legendTicks } from './color';

export interface ColorLegendProps {
  /** Top of the colour scale (the shown matrix's largest weight). */
  max: number;
  /** Show the "masked" swatch (some cells are masked out). */
  showMasked?: boolean;
}

const STOPS = Array.from({ length: 11 }, (_, i) => `${interpolateViridis(i / 10)} ${i * 10}%`).join(
  ', ',
);

/** A horizontal colour bar from 0 to `max` with nice ticks, the exact max at its right end. */
export function ColorLegend({ max, showMasked = false }: ColorLegendProps) {
  const t = useT();
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
