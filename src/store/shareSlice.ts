/**
 * Sharing and display preferences: restoring a decoded link (with notices for what could not be
 * taken as it was), the colour theme and the heatmaps' colour map (both kept in localStorage).
 *
 * Decoding is async (DecompressionStream) and needs the views' tab ids, so a view decodes the
 * fragment (src/share) and hands the result to `restoreShared`; the store stays synchronous.
 */
import type { StateCreator } from 'zustand';
import { clampView, type DecodeResult, type ShareFailure } from '../share';
import { ADOPT, headsInShape, modelHeadShape, sortHeadRefs } from './ablationSlice';
import { emptyRun, LIMITS } from './defaults';
import { directionFields } from './directionSlice';
import { getEngineClient } from './engineClient';
import { normalizePlayground, viewChoices } from './model';
import type { AppState, SentenceRun } from './types';
import { pageRefusedUrlParams } from './urlParams';

export const THEMES = ['system', 'light', 'dark'] as const;
/** 'system' follows prefers-color-scheme. */
export type ThemeChoice = (typeof THEMES)[number];

/** Sequential colour maps of the heatmaps, all readable with colour-vision deficiencies. */
export const COLOR_MAPS = ['viridis', 'cividis', 'magma'] as const;
export type ColorMapName = (typeof COLOR_MAPS)[number];

/** How weights map to colours: linear over [0, max], or log over [floor, max] (see colorScale.ts). */
export const COLOR_SCALES = ['linear', 'log'] as const;
export type ColorScaleName = (typeof COLOR_SCALES)[number];

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
  /** Linear (default) or log colours in every heatmap and thumbnail. */
  colorScale: ColorScaleName;
  setColorScale: (colorScale: ColorScaleName) => void;
  /** Colours scaled over the keys after the first (the attention sink), which is drawn hatched. */
  leaveOutFirst: boolean;
  setLeaveOutFirst: (leaveOutFirst: boolean) => void;
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
const COLOR_SCALE_KEY = 'attention-atlas.colorScale';
const LEAVE_OUT_FIRST_KEY = 'attention-atlas.leaveOutFirst';

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

/** A sentence waiting for its model to load (ticket 0: answers of older runs are ignored). */
const waiting = (): SentenceRun => ({ ...emptyRun(), state: 'loading' });

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
    if (s.model === 'playground') {
      set({ pendingView: null });
      return;
    }
    // The model's shape: the translator's, or the Hugging Face checkpoint's once loaded.
    if (s.model === 'translator' ? !s.translatorInfo : !s.hub.info) return;
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
  /** Stops the runs in flight (their answers would be of another model). */
  const stopRuns = (): void => {
    for (const run of [get().runs.A, get().runs.B])
      if (run.requestId !== null && run.state === 'loading')
        try {
          getEngineClient().cancel(run.requestId);
        } catch {
          // no client: nothing in flight
        }
  };
  api.subscribe((s, prev) => {
    // A link's Hub checkpoint failed to load (or was cancelled): the sentences stop waiting and say what is missing
    // (the hub panel says why the load failed).
    if (
      s.model === 'hf' &&
      s.hub.load.state !== 'loading' &&
      s.hub.load.state !== 'ready' &&
      prev.hub.load.state === 'loading' &&
      s.runs.A.ticket === 0 &&
      s.runs.A.state === 'loading'
    )
      get().runAll();
    if (
      s.pendingView &&
      (s.translatorInfo !== prev.translatorInfo ||
        s.model !== prev.model ||
        s.hub.info !== prev.hub.info)
    )
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
    colorScale: readPref(COLOR_SCALE_KEY, COLOR_SCALES, 'linear'),
    setColorScale: (colorScale) => {
      writePref(COLOR_SCALE_KEY, colorScale);
      set({ colorScale });
    },
    leaveOutFirst: readPref(LEAVE_OUT_FIRST_KEY, ['on', 'off'], 'off') === 'on',
    setLeaveOutFirst: (leaveOutFirst) => {
      writePref(LEAVE_OUT_FIRST_KEY, leaveOutFirst ? 'on' : 'off');
      set({ leaveOutFirst });
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
      // Switched-off heads the link's model lacks are dropped (a Hub checkpoint's, once it runs).
      const sharedHeads = sortHeadRefs(shared.ablation.heads);
      const offHeads = headsInShape(
        sharedHeads,
        shared.model === 'hf'
          ? null
          : modelHeadShape({
              model: shared.model,
              playground,
              // Another direction's translator has another shape, unknown until it loads.
              translatorInfo:
                (shared.direction ?? 'en-zh') === get().direction ? get().translatorInfo : null,
            }),
      );
      if (offHeads.length !== sharedHeads.length) fields.push('ablation.heads');
      const notices: ShareNotice[] = [];
      if (fields.length > 0) notices.push({ kind: 'fields', fields: [...new Set(fields)] });

      const s = get();
      const requested = { layer: shared.layer, head: shared.head };
      let view = requested;
      let pendingView: ShareSlice['pendingView'] = null;
      const hf = shared.model === 'hf' ? shared.hf : null;
      // The link's Hub checkpoint is the one already loaded: its shape is known now.
      const hfReady =
        !!hf &&
        s.hub.info?.source === 'hub' &&
        s.hub.info.name === hf.id &&
        (s.hub.info.revision ?? 'main') === hf.revision;
      const next = { ...s, model: shared.model, playground, kind: shared.kind };
      // The translator of the link's direction (another direction's model is unknown until loaded).
      const direction = shared.direction ?? 'en-zh';
      const sameDirection = direction === s.direction;
      const shapeKnown =
        shared.model === 'playground' ||
        (shared.model === 'translator' && !!s.translatorInfo && sameDirection) ||
        hfReady;
      if (shapeKnown) {
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
        // The model's depth is known once it has loaded: show a provisional view until then.
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
        colorScale: shared.colorScale,
        leaveOutFirst: shared.leaveOutFirst,
        weighting: shared.weighting,
        ablation: { heads: offHeads, mode: shared.ablation.mode },
        ablationModel: offHeads.length > 0 ? ADOPT : '',
        runs: { A: fresh(s.runs.A), B: fresh(s.runs.B) },
        shareNotices: [...addressNotices(s.shareNotices), ...notices],
        pendingView,
        ...(hf ? { hub: { ...s.hub, id: hf.id, revision: hf.revision, pair: hf.pair } } : {}),
        ...(sameDirection ? {} : directionFields(direction)),
      });
      // A Hub checkpoint not loaded yet: load it (from Cache Storage when cached); both sentences
      // run once it has loaded (hubSlice's activate), so nothing runs on a model that is not there.
      if (hf && !hfReady) {
        stopRuns();
        set({ runs: { A: waiting(), B: waiting() } });
        get().loadHubModel();
      } else get().runAll();
    },
  };
};
