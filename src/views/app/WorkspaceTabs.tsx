import { useId, useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { accessibleName } from './tabName';
import { TAB_GROUPS, TABS } from './tabs';

/** Where an arrow, Home or End key moves focus from tab `index` of `count` (null: not ours). */
function nextTabIndex(key: string, index: number, count: number): number | null {
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * ARIA tabs over the registered views, in captioned groups ("Explore", "Learn"): one tab list per
 * group, named by its visible caption (the caption sits outside the list, whose children are all
 * tabs). Arrow keys move between tabs across the groups, as if they were one row; only the
 * selected tab is in the page's Tab order. With one tab, no tab list.
 */
export function WorkspaceTabs() {
  const t = useT();
  const baseId = useId();
  const active = useAppStore((s) => s.tab);
  const setTab = useAppStore((s) => s.setTab);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const current = TABS.find((tab) => tab.id === active) ?? TABS[0]!;
  if (TABS.length === 1) return <>{current.render()}</>;

  const onKeyDown = (event: KeyboardEvent, index: number): void => {
    const next = nextTabIndex(event.key, index, TABS.length);
    if (next === null) return;
    event.preventDefault();
    setTab(TABS[next]!.id);
    buttons.current[next]?.focus();
  };

  return (
    <div className="workspace-tabs">
      <div className="tab-row" role="group" aria-label={t('tabs.label')}>
        {TAB_GROUPS.map((group) => {
          const members = TABS.map((tab, index) => ({ tab, index })).filter(
            ({ tab }) => tab.group === group.id,
          );
          if (members.length === 0) return null;
          const captionId = `${baseId}-${group.id}`;
          return (
            <div className="tab-group" key={group.id}>
              <span className="tab-group-label" id={captionId}>
                {t(group.labelKey)}
              </span>
              <div role="tablist" aria-labelledby={captionId} className="tab-list">
                {members.map(({ tab, index }) => {
                  const name = t(tab.labelKey);
                  const shown = tab.shortKey ? t(tab.shortKey) : name;
                  const label = accessibleName(shown, name);
                  return (
                    <button
                      key={tab.id}
                      ref={(el) => {
                        buttons.current[index] = el;
                      }}
                      role="tab"
                      id={`tab-${tab.id}`}
                      aria-selected={tab.id === current.id}
                      aria-controls={`panel-${tab.id}`}
                      aria-label={label === shown ? undefined : label}
                      title={shown === name ? undefined : name}
                      tabIndex={tab.id === current.id ? 0 : -1}
                      className="tab"
                      onClick={() => setTab(tab.id)}
                      onKeyDown={(e) => onKeyDown(e, index)}
                    >
                      {shown}
                    </button>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.render()}
      </div>
    </div>
  );
}
