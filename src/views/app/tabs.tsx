/**
 * The workspace's tabs. Each feature registers one entry here and keeps everything else in its own
 * folder; the tab list, keyboard handling and panels live in WorkspaceTabs.
 */
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n';
import { SentencePanel } from '../sentence/SentencePanel';
import { TEACH_TABS } from '../teach/tabs';
import { HeadsTab } from '../heads/HeadsTab';
import { LinesTab } from '../lines/LinesTab';
import { CompareTab } from '../compare/CompareTab';
import { AggregateTab } from '../aggregate/AggregateTab';

/** The two groups of the tab row: views of a run, and the teaching views. */
export type TabGroupId = 'explore' | 'learn';

export interface TabDef {
  /** Stable id, kept in the store (and later in shared links). */
  id: string;
  /** i18n key of the tab's full name: its accessible name (and its label when no shortKey). */
  labelKey: MessageKey;
  /** i18n key of a shorter label shown on the tab row, so the row fits one line. */
  shortKey?: MessageKey;
  group: TabGroupId;
  render: () => ReactNode;
}

export interface TabGroupDef {
  id: TabGroupId;
  /** i18n key of the group's caption (also the name of its tab list). */
  labelKey: MessageKey;
}

export const TAB_GROUPS: readonly TabGroupDef[] = [
  { id: 'explore', labelKey: 'tabs.group.explore' },
  { id: 'learn', labelKey: 'tabs.group.learn' },
];

function AttentionTab() {
  return (
    <div className="sentences">
      <SentencePanel slot="A" />
      <SentencePanel slot="B" />
    </div>
  );
}

export const TABS: readonly TabDef[] = [
  { id: 'attention', labelKey: 'tab.attention', group: 'explore', render: () => <AttentionTab /> },
  { id: 'heads', labelKey: 'tab.heads', group: 'explore', render: () => <HeadsTab /> },
  { id: 'lines', labelKey: 'tab.lines', group: 'explore', render: () => <LinesTab /> },
  { id: 'compare', labelKey: 'tab.compare', group: 'explore', render: () => <CompareTab /> },
  { id: 'aggregate', labelKey: 'tab.aggregate', group: 'explore', render: () => <AggregateTab /> },
  ...TEACH_TABS,
];
