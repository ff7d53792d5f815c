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

export interface TabDef {
  /** Stable id, kept in the store (and later in shared links). */
  id: string;
  /** i18n key of the tab's label. */
  labelKey: MessageKey;
  render: () => ReactNode;
}

function AttentionTab() {
  return (
    <div className="sentences">
      <SentencePanel slot="A" />
      <SentencePanel slot="B" />
    </div>
  );
}

export const TABS: readonly TabDef[] = [
  { id: 'attention', labelKey: 'tab.attention', render: () => <AttentionTab /> },
  { id: 'heads', labelKey: 'tab.heads', render: () => <HeadsTab /> },
  { id: 'lines', labelKey: 'tab.lines', render: () => <LinesTab /> },
  { id: 'compare', labelKey: 'tab.compare', render: () => <CompareTab /> },
  { id: 'aggregate', labelKey: 'tab.aggregate', render: () => <AggregateTab /> },
  ...TEACH_TABS,
];
