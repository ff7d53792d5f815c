/**
 * The page's address and shared links: the first run (with the link the page was opened with, if
 * any) and links pasted into the address bar later. A link's fragment is cleared once read, so the
 * address bar does not keep an outdated state.
 */
import { hasFragment } from '../../share';
import { openShareLink, startApp, useAppStore } from '../../store';
import { TABS } from '../app/tabs';

const tabIds = (): string[] => TABS.map((tab) => tab.id);

function clearFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** Runs the page's first run: the link's state when opened with one, else the defaults. */
export async function startFromLocation(): Promise<void> {
  const hadLink = hasFragment(location.hash);
  await startApp(useAppStore, location.hash, tabIds());
  if (hadLink) clearFragment();
}

/** Applies a link pasted into the address bar of the open page. */
export async function openLocationLink(): Promise<void> {
  if (!hasFragment(location.hash)) return;
  await openShareLink(useAppStore, location.hash, tabIds());
  clearFragment();
}
