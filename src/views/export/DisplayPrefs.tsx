import { useEffect, useId } from 'react';
import { useT } from '../../i18n';
import { COLOR_MAPS, COLOR_SCALES, THEMES, useAppStore, type ThemeChoice } from '../../store';
import './export.css';

/** Applies the theme: `data-theme` on <html> overrides prefers-color-scheme ('system': removed). */
function useApplyTheme(theme: ThemeChoice): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}

/**
 * Header preferences: theme (system / light / dark), the heatmaps' colour map (viridis,
 * cividis, magma: all readable with colour-vision deficiencies), their colour scale (linear or
 * log) and "leave out the first token" (the attention sink drawn hatched). All are remembered.
 */
export function DisplayPrefs() {
  const t = useT();
  const id = useId();
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const colorMap = useAppStore((s) => s.colorMap);
  const setColorMap = useAppStore((s) => s.setColorMap);
  const colorScale = useAppStore((s) => s.colorScale);
  const setColorScale = useAppStore((s) => s.setColorScale);
  const leaveOutFirst = useAppStore((s) => s.leaveOutFirst);
  const setLeaveOutFirst = useAppStore((s) => s.setLeaveOutFirst);
  useApplyTheme(theme);
  return (
    <div className="display-prefs">
      <div className="pref">
        <label htmlFor={`${id}-theme`}>{t('prefs.theme')}</label>
        <select
          id={`${id}-theme`}
          value={theme}
          onChange={(e) => {
            const v = THEMES.find((x) => x === e.target.value);
            if (v) setTheme(v);
          }}
        >
          {THEMES.map((v) => (
            <option key={v} value={v}>
              {t(`prefs.theme.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="pref">
        <label htmlFor={`${id}-cmap`}>{t('prefs.colorMap')}</label>
        <select
          id={`${id}-cmap`}
          value={colorMap}
          onChange={(e) => {
            const v = COLOR_MAPS.find((x) => x === e.target.value);
            if (v) setColorMap(v);
          }}
        >
          {COLOR_MAPS.map((v) => (
            <option key={v} value={v}>
              {t(`prefs.colorMap.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="pref">
        <label htmlFor={`${id}-cscale`}>{t('prefs.colorScale')}</label>
        <select
          id={`${id}-cscale`}
          value={colorScale}
          onChange={(e) => {
            const v = COLOR_SCALES.find((x) => x === e.target.value);
            if (v) setColorScale(v);
          }}
        >
          {COLOR_SCALES.map((v) => (
            <option key={v} value={v}>
              {t(`prefs.colorScale.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="pref" title={t('prefs.leaveOutFirstHint')}>
        <input
          id={`${id}-sink`}
          type="checkbox"
          checked={leaveOutFirst}
          onChange={(e) => setLeaveOutFirst(e.target.checked)}
        />
        <label htmlFor={`${id}-sink`}>{t('prefs.leaveOutFirst')}</label>
      </div>
    </div>
  );
}
