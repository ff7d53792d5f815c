import { useEffect, useId } from 'react';
import { useT } from '../../i18n';
import { COLOR_MAPS, THEMES, useAppStore, type ThemeChoice } from '../../store';
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
 * Header preferences: theme (system / light / dark) and the heatmaps' colour map (viridis,
 * cividis, magma: all readable with colour-vision deficiencies). Both are remembered.
 */
export function DisplayPrefs() {
  const t = useT();
  const id = useId();
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const colorMap = useAppStore((s) => s.colorMap);
  const setColorMap = useAppStore((s) => s.setColorMap);
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
    </div>
  );
}
