/**
 * Sharing and display preferences: restoring a decoded link (with notices for what could not be
 * taken as it was), the colour theme and the heatmaps' colour map (both kept in localStorage).
 *
 * Decoding is async (DecompressionStream) and needs the views' tab ids, so a view decodes the
 * fragment (src/share) and hands the result to `restoreShared`; the store stays synchronous.
 */
import type { StateCreator } from 'zustand';
import { clampView, type DecodeResult, type ShareFailure } from '../share';
import { emptyRun, LIMITS } from './defaults';
import { normalizePlayground, viewChoices } from './model';
import type { AppState, SentenceRun } from './types';
import { pageRefusedUrlParams } from './urlParams';

export const THEMES = ['system', 'light', 'dark'] as const;
/** 'system' follows prefers-color-scheme. */
export type ThemeChoice = (typeof THEMES)[number];

/** Sequential colour maps of the heatmaps, all readable with colour-vision deficiencies. */
export const COLOR_MAPS = ['viridis', 'cividis', 'magma'] as const;
export type ColorMapName = (typeof COLOR_MAPS)[number];

/** What the page says after opening a link. Layer and head are 0-based. */
export type ShareNotice =
  /** The whole link was refused: the page kept its defaults. */
  | { kind: 'unreadable'; reason: ShareFailure }
  /** These fields were invalid or unknown and took their defaults (dotted paths). */
  | { kind: 'fields'; fields: string[] }
  /** Query parameters of the page's address that were ignored (`?model=gpt-9`, a foreign hub). */
  | { kind: 'params'; params: string[] }
  /** Layer/head outside the model: moved to the nearest that exists. */
  | {
      kind: 'clamped';
      requestedLayer: number;
      requestedHead: number;
      layer: number;
      head: number;
    };

export interface ShareSlice {
  theme: ThemeChoice;
  setTheme: (theme: ThemeChoice) => void;
  colorMap: ColorMapName;
  setColorMap: (colorMap: ColorMapName) => void;
  /** Notices about the last opened link; empty when it opened cleanly (or there was none). */
  shareNotices: ShareNotice[];
  dismissShareNotices: () => void;
  /**
   * A layer/head asked for by a link while the translator's shape is not known yet; applied (and
   * clamped, with a notice) once it has loaded.
   */
  pendingView: { layer: number; head: number } | null;
  /** Applies a decoded link (or reports why it could not be read) and re-runs both sentences. */
  restoreShared: (result: DecodeResult) => void;
}

const THEME_KEY = 'attention-atlas.theme';
const COLOR_MAP_KEY = 'attention-atlas.colorMap';

function readPref<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
    return (allowed as readonly (string | null)[]).includes(value) ? (value as T) : fallback;
  } catch {
    return fallback; // storage blocked
  }
}

function writePref(key: string, value: string): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(key, value);
  } catch {
    // storage blocked or full: the choice lasts for this page only
  }
}

/** Results of another model or sentence mean nothing now. */
const fresh = (run: SentenceRun): SentenceRun => ({
  ...emptyRun(),
  ticket: run.ticket,
  requestId: run.requestId,
  state: run.state,
});

/** The notice about ignored query parameters, when there are any. */
const paramsNotice = (params: string[]): ShareNotice[] =>
  params.length > 0 ? [{ kind: 'params', params }] : [];

/** Notices about the address itself outlive the restoring of a link (both came with the page). */
const addressNotices = (notices: ShareNotice[]): ShareNotice[] =>
  notices.filter((n) => n.kind === 'params');

export const createShareSlice: StateCreator<AppState, [], [], ShareSlice> = (set, get, api) => {
  /** Fits a pending layer/head to the translator once its shape is known. */
  const settlePending = (s: AppState): void => {
    const pending = s.pendingView;
    if (!pending) return;
    if (s.model !== 'translator') {
      set({ pendingView: null });
      return;
    }
    if (!s.translatorInfo) return;
    const choices = viewChoices(s);
    const fit = clampView(pending, choices);
    set({
      pendingView: null,
      layer: fit.layer,
      head: fit.head,
      shareNotices: fit.clamped
        ? [
            ...s.shareNotices,
            {
              kind: 'clamped',
              requestedLayer: pending.layer,
              requestedHead: pending.head,
              layer: fit.layer,
              head: fit.head,
            },
          ]
        : s.shareNotices,
    });
  };
  api.subscribe((s, prev) => {
    if (s.pendingView && (s.translatorInfo !== prev.translatorInfo || s.model !== prev.model))
      settlePending(s);
  });

  return {
    theme: readPref(THEME_KEY, THEMES, 'system'),
    setTheme: (theme) => {
      writePref(THEME_KEY, theme);
      set({ theme });
    },
    colorMap: readPref(COLOR_MAP_KEY, COLOR_MAPS, 'viridis'),
    setColorMap: (colorMap) => {
      writePref(COLOR_MAP_KEY, colorMap);
      set({ colorMap });
    },
    shareNotices: paramsNotice(pageRefusedUrlParams()),
    dismissShareNotices: () => set({ shareNotices: [] }),
    pendingView: null,
    restoreShared: (result) => {
      if (!result.ok) {
        set((st) => ({
          shareNotices: [
            ...addressNotices(st.shareNotices),
            { kind: 'unreadable', reason: result.reason },
          ],
          pendingView: null,
        }));
        return;
      }
      const shared = result.state;
      const fields = result.issues.map((i) => i.field);
      const playground = normalizePlayground(shared.playground);
      if (playground.heads !== shared.playground.heads) fields.push('playground.heads');
      const notices: ShareNotice[] = [];
      if (fields.length > 0) notices.push({ kind: 'fields', fields: [...new Set(fields)] });

      const s = get();
      const requested = { layer: shared.layer, head: shared.head };
      let view = requested;
      let pendingView: ShareSlice['pendingView'] = null;
      const next = { ...s, model: shared.model, playground, kind: shared.kind };
      if (shared.model === 'playground' || s.translatorInfo) {
        const fit = clampView(requested, viewChoices(next));
        view = fit;
        if (fit.clamped)
          notices.push({
            kind: 'clamped',
            requestedLayer: requested.layer,
            requestedHead: requested.head,
            layer: fit.layer,
            head: fit.head,
          });
      } else {
        // The translator's depth is known once it has loaded: show a provisional view until then.
        pendingView = requested;
        view = {
          layer: Math.min(requested.layer, LIMITS.layers.max - 1),
          head: Math.min(requested.head, LIMITS.heads.max - 1),
        };
      }

      set({
        model: shared.model,
        sentences: { A: shared.sentences.A, B: shared.sentences.B },
        tab: shared.tab,
        kind: shared.kind,
        layer: view.layer,
        head: view.head,
        hover: shared.focus,
        playground,
        mask: { ...shared.mask },
        colorMap: (COLOR_MAPS as readonly string[]).includes(shared.colorMap)
          ? (shared.colorMap as ColorMapName)
          : s.colorMap,
        runs: { A: fresh(s.runs.A), B: fresh(s.runs.B) },
        shareNotices: [...addressNotices(s.shareNotices), ...notices],
        pendingView,
      });
      get().runAll();
    },
  };
};
