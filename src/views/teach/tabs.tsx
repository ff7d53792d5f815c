/**
 * The teaching views' tabs, registered in src/views/app/tabs.tsx. Each view is loaded on first
 * use (its own chunk), so the page's first paint does not wait for them.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useT } from '../../i18n';
import type { TabDef } from '../app/tabs';

const StepsView = lazy(() => import('./steps/StepsView').then((m) => ({ default: m.StepsView })));
const SqrtDkView = lazy(() =>
  import('./sqrtdk/SqrtDkView').then((m) => ({ default: m.SqrtDkView })),
);
const MasksView = lazy(() => import('./masks/MasksView').then((m) => ({ default: m.MasksView })));
const PositionsView = lazy(() =>
  import('./positions/PositionsView').then((m) => ({ default: m.PositionsView })),
);
const SameWordView = lazy(() =>
  import('./sameword/SameWordView').then((m) => ({ default: m.SameWordView })),
);
const FlashView = lazy(() => import('./flash/FlashView').then((m) => ({ default: m.FlashView })));
const TrainView = lazy(() => import('../train/TrainView').then((m) => ({ default: m.TrainView })));

function Loading() {
  const t = useT();
  return (
    <p className="teach-status" role="status">
      {t('teach.status.loadingView')}
    </p>
  );
}

const lazyTab = (node: ReactNode): ReactNode => <Suspense fallback={<Loading />}>{node}</Suspense>;

/** The "Learn" group of the tab row; each tab shows a short label and keeps its full name. */
export const TEACH_TABS: readonly TabDef[] = [
  {
    id: 'teach-steps',
    labelKey: 'tab.teach.steps',
    shortKey: 'tab.teach.steps.short',
    group: 'learn',
    render: () => lazyTab(<StepsView />),
  },
  {
    id: 'teach-sqrt-dk',
    labelKey: 'tab.teach.sqrt',
    shortKey: 'tab.teach.sqrt.short',
    group: 'learn',
    render: () => lazyTab(<SqrtDkView />),
  },
  {
    id: 'teach-masks',
    labelKey: 'tab.teach.masks',
    shortKey: 'tab.teach.masks.short',
    group: 'learn',
    render: () => lazyTab(<MasksView />),
  },
  {
    id: 'teach-positions',
    labelKey: 'tab.teach.positions',
    shortKey: 'tab.teach.positions.short',
    group: 'learn',
    render: () => lazyTab(<PositionsView />),
  },
  {
    id: 'teach-same-word',
    labelKey: 'tab.teach.same',
    shortKey: 'tab.teach.same.short',
    group: 'learn',
    render: () => lazyTab(<SameWordView />),
  },
  {
    id: 'teach-flash',
    labelKey: 'tab.teach.flash',
    shortKey: 'tab.teach.flash.short',
    group: 'learn',
    render: () => lazyTab(<FlashView />),
  },
  {
    id: 'train',
    labelKey: 'tab.train',
    group: 'learn',
    render: () => lazyTab(<TrainView />),
  },
];
