import { useEffect } from 'react';
import { HTML_LANG, useT } from '../../i18n';
import { useAppStore } from '../../store';
import {
  BackendPicker,
  LanguageToggle,
  ModelPicker,
  PlaygroundSettings,
  ViewControls,
} from '../controls';
import { AblationBar } from '../ablation';
import { AttentionFileControl } from '../attention-file';
import { CopyLinkButton, DisplayPrefs, ShareNotices } from '../export';
import { WorkspaceTabs } from './WorkspaceTabs';
import { HubLoadError, HubPanel, HubSummary } from '../hub';
import { ModelLoadError } from '../translation/ModelLoadError';
import { TranslatorPanel } from '../translation/TranslatorPanel';
import { TrainedPanel, TrainedSummary } from '../trained/TrainedPanel';
import { translatorKey } from '../translation/directionText';

/** The page: header, the model and view pickers, the two sentences with their heatmaps, settings. */
export function AppLayout() {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const model = useAppStore((s) => s.model);
  const summary = useAppStore((s) => s.playground);
  const info = useAppStore((s) => s.translatorInfo);
  const direction = useAppStore((s) => s.direction);

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
          <DisplayPrefs />
          <CopyLinkButton />
          <LanguageToggle />
        </div>
      </header>

      <div className="app-body">
        <main className="workspace">
          <div className="toolbar">
            <div className="toolbar-controls">
              <ModelPicker />
              <ViewControls />
            </div>
            <p className="model-summary">
              {model === 'hf' ? (
                <HubSummary />
              ) : model === 'trained' ? (
                <TrainedSummary />
              ) : model === 'playground' ? (
                t('model.summary', {
                  layers: summary.layers,
                  heads: summary.heads,
                  dModel: summary.dModel,
                })
              ) : info ? (
                t(translatorKey('summary', direction), {
                  encoder: info.encoderLayers,
                  decoder: info.decoderLayers,
                  heads: info.heads,
                  dModel: info.dModel,
                })
              ) : (
                ''
              )}
            </p>
          </div>
          <AttentionFileControl />
          <ModelLoadError />
          <HubLoadError />
          <ShareNotices />
          <AblationBar />
          <WorkspaceTabs />
        </main>
        <aside className="sidebar">
          {model === 'playground' ? (
            <PlaygroundSettings />
          ) : model === 'hf' ? (
            <HubPanel />
          ) : model === 'trained' ? (
            <TrainedPanel />
          ) : (
            <TranslatorPanel />
          )}
          <section className="panel" aria-labelledby="backend-heading">
            <h2 id="backend-heading" className="sr-only">
              {t('backend.label')}
            </h2>
            <BackendPicker />
          </section>
        </aside>
      </div>
      <footer className="app-footer">
        <p>
          {t(
            model === 'playground'
              ? 'app.footer'
              : model === 'hf'
                ? 'hub.footer'
                : model === 'trained'
                  ? 'trained.footer'
                  : 'translator.footer',
          )}
        </p>
      </footer>
    </div>
  );
}
