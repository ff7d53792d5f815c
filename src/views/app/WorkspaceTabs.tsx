import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { TABS } from './tabs';

/** ARIA tabs over the registered views; arrow keys move between tabs. With one tab, no tab list. */
export function WorkspaceTabs() {
  const t = useT();
  const active = useAppStore((s) => s.tab);
  const setTab = useAppStore((s) => s.setTab);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const current = TABS.find((tab) => tab.id === active) ?? TABS[0]!;
  if (TABS.length === 1) return <>{current.render()}</>;

  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    setTab(TABS[next]!.id);
    buttons.current[next]?.focus();
  };

  return (
    <div className="workspace-tabs">
      <div role="tablist" aria-label={t('tabs.label')} className="tab-list">
        {TABS.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current.id}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === current.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(tab.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t(tab.labelKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.render()}
      </div>
    </div>
  );
}
