import { useT } from '../../i18n';
import { useAppStore } from '../../store';

/** Switches the UI between English and 简体中文. */
export function LanguageToggle() {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const other = language === 'en' ? 'zh' : 'en';
  return (
    <button
      type="button"
      className="lang-toggle"
      title={t('lang.switchToName')}
      onClick={() => setLanguage(other)}
    >
      {t('lang.switchTo')}
    </button>
  );
}
