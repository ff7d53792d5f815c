/**
 * The page's first run, and links opened later (hashchange). A link's state is applied BEFORE the
 * first run, so opening a link runs once, with the link's sentences (never the defaults first).
 *
 * Decoding is async (DecompressionStream); the store stays the only caller of the engine client.
 * The tab ids come from the views (src/views/app/tabs.tsx), passed in so the store imports no view.
 */
import { decodeShareFragment, hasFragment, snapshotShareState, type DecodeResult } from '../share';
import { LIMITS } from './defaults';
import { COLOR_MAPS } from './shareSlice';
import type { AppState } from './types';

interface StoreApi {
  getState: () => AppState;
}

/** Decodes `fragment` against the current state: whatever a link leaves out keeps its value. */
export function decodeAgainst(
  s: AppState,
  fragment: string,
  tabs: readonly string[],
): Promise<DecodeResult> {
  return decodeShareFragment(fragment, {
    defaults: { ...snapshotShareState(s), focus: null },
    tabs,
    colorMaps: COLOR_MAPS,
    limits: LIMITS,
  });
}

/**
 * Applies the link in `fragment` (which runs both sentences with the link's state). An unreadable
 * link leaves a notice and runs nothing. Resolves with what decoding said.
 */
export async function openShareLink(
  store: StoreApi,
  fragment: string,
  tabs: readonly string[],
): Promise<DecodeResult> {
  const result = await decodeAgainst(store.getState(), fragment, tabs);
  store.getState().restoreShared(result);
  return result;
}

/**
 * The first run of the page: the link's state when the page was opened with one (one run, the
 * link's), else the defaults at once. An unreadable link runs the defaults, with its notice.
 * Resolves with the decoded link, or null when there was none.
 */
export async function startApp(
  store: StoreApi,
  fragment: string,
  tabs: readonly string[],
): Promise<DecodeResult | null> {
  if (!hasFragment(fragment)) {
    store.getState().runAll();
    return null;
  }
  let result: DecodeResult;
  try {
    result = await openShareLink(store, fragment, tabs);
  } catch {
    // Decoding never throws by contract; should it ever, the page still runs its defaults.
    result = { ok: false, reason: 'corrupt' };
    store.getState().restoreShared(result);
  }
  if (!result.ok) store.getState().runAll();
  return result;
}
