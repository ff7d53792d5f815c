import { useEffect } from 'react';
import { HTML_LANG, useT } from '../../i18n';
import { useAppStore } from '../../store';
import { BackendPicker, LanguageToggle, PlaygroundSettings, ViewControls } from '../controls';
import { SentencePanel } from '../sentence/SentencePanel';

/** The page: header, the two sentences with their heatmaps, and the settings. */
export function AppLayout() {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const summary = useAppStore((s) => s.playground);

  useEffect(() => {
    document.documentElement.lang = HTML_LANG[language];
    document.title = t('app.title');
  }, [language, t]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <div>
            <h1>{t('app.title')}</h1>
            <p className="tagline">{t('app.tagline')}</p>
          </div>
        </div>
        <div className="header-tools">
          <LanguageToggle />
        </div>
      </header>

      <div className="app-body">
        <main className="workspace">
          <div className="toolbar">
            <ViewControls />
            <p className="model-summary">
              {t('model.summary', {
                layers: summary.layers,
                heads: summary.heads,
                dModel: summary.dModel,
              })}
            </p>
          </div>
          <div className="sentences">
            <SentencePanel slot="A" />
            <SentencePanel slot="B" />
          </div>
        </main>
        <aside className="sidebar">
          <PlaygroundSettings />
          <section className="panel" aria-labelledby="backend-heading">
            <h2 id="backend-heading" className="sr-only">
              {t('backend.label')}
            </h2>
            <BackendPicker />
          </section>
        </aside>
      </div>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
