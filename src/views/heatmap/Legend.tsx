import { useT } from '../../i18n';
import { formatTickIn } from '../../i18n/numbers';
import { useAppStore, type ColorMapName } from '../../store';
import { formatScaleTick, makeCellScale, scaleTicks, type CellScale } from './colorScale';
import { COLOR_MAP_INTERPOLATORS, gradientStops } from './colormaps';
import './colorScale.css';

export interface ColorLegendProps {
  /** Top of the colour scale (the shown matrix's largest weight). */
  max: number;
  /** Show the "masked" swatch (some cells are masked out). */
  showMasked?: boolean;
  /** Colour map of the bar; default: the one chosen in the header. */
  colorMap?: ColorMapName;
  /** The scale the cells were drawn on (log ticks, the hatched first token); default linear. */
  scale?: CellScale;
  /** Title of the bar; default "Attention weight" (value-weighted attention: "‖α·f(x)‖"). */
  title?: string;
}

/**
 * A horizontal colour bar from 0 (or a log scale's floor) to `max` with nice (or power-of-ten)
 * ticks, the exact max at its right end, and swatches of the hatched kinds of cells.
 */
export function ColorLegend({ max, showMasked = false, colorMap, scale, title }: ColorLegendProps) {
  const t = useT();
  const chosen = useAppStore((s) => s.colorMap);
  const language = useAppStore((s) => s.language);
  const formatTick = (v: number) => formatTickIn(language, v);
  const STOPS = gradientStops(COLOR_MAP_INTERPOLATORS[colorMap ?? chosen]);
  const bar = scale ?? makeCellScale(max, 'linear');
  // Ticks that would collide with the exact max label at the end are left out.
  const ticks = scaleTicks(bar, 4);
  const caption =
    bar.kind === 'log'
      ? t('legend.captionLog', {
          floor: formatScaleTick(bar.floor, formatTick),
          max: formatTick(max),
        })
      : t('legend.caption', { max: formatTick(max) });
  return (
    <div className="legend" aria-label={caption} role="group" data-scale={bar.kind}>
      <span className="legend-title">{title ?? t('legend.label')}</span>
      <div className="legend-scale">
        <div className="legend-bar" style={{ background: `linear-gradient(to right, ${STOPS})` }} />
        <div className="legend-ticks" aria-hidden="true">
          {ticks.map((v) => (
            <span key={v} className="legend-tick" style={{ left: `${bar.position(v) * 100}%` }}>
              {formatScaleTick(v, formatTick)}
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
      {bar.hatchFirst && (
        <span className="legend-masked">
          <span className="legend-sink-swatch" aria-hidden="true" />
          {t('legend.sink')}
        </span>
      )}
    </div>
  );
}
