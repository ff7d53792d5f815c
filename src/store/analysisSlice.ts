/**
 * State of the analysis views (Heads, Lines, Compare, Aggregates): which sentence they read, the
 * focus word of the comparison, the heads picked for a side-by-side comparison, how the heads grid
 * is sorted and filtered, which heads the lines view hides and which aggregate is shown.
 * Nothing here re-runs the model: every layer and head is already in the store.
 */
import type { StateCreator } from 'zustand';
import type { HeadPattern, MetricName } from '../analysis';
import type { AppState, SentenceSlot } from './types';

/** One head of one layer (0-based). */
export interface HeadRef {
  layer: number;
  head: number;
}

/** How the heads grid is ordered: by layer then head ('index') or by one metric. */
export type GridSortKey = 'index' | MetricName;

/** Which pattern label the heads grid keeps ('all': every head). */
export type GridFilter = 'all' | HeadPattern;

/** What the Aggregates tab shows. */
export type AggregateMode = 'heads' | 'layers' | 'all' | 'rollout' | 'flow';

/** The most heads the side-by-side comparison takes. */
export const MAX_COMPARE_HEADS = 4;

export interface AnalysisSlice {
  /** The sentence the Heads, Lines and Aggregates tabs show. Default 'A'. */
  analysisSlot: SentenceSlot;
  setAnalysisSlot: (slot: SentenceSlot) => void;
  /** The focus word of the Compare tab (normalised, e.g. "bank"); null: proposed automatically. */
  focusWord: string | null;
  setFocusWord: (word: string | null) => void;
  /** Heads compared side by side (any layers), in the order they were picked; at most 4. */
  compareHeads: HeadRef[];
  /** Adds the head, or removes it when it is already picked (the oldest goes when full). */
  toggleCompareHead: (ref: HeadRef) => void;
  clearCompareHeads: () => void;
  /** Order of the heads grid. Default 'index' (layer by layer). */
  gridSort: GridSortKey;
  /** Largest first when sorting by a metric. Default true. */
  gridDescending: boolean;
  gridFilter: GridFilter;
  setGridSort: (key: GridSortKey) => void;
  setGridDescending: (descending: boolean) => void;
  setGridFilter: (filter: GridFilter) => void;
  /** Heads the lines view hides (0-based head indices); every head is shown by default. */
  hiddenLineHeads: number[];
  toggleLineHead: (head: number) => void;
  /** Shows every head (`true`) or hides the heads 0…count−1 (`false`). */
  setAllLineHeads: (visible: boolean, count: number) => void;
  aggregateMode: AggregateMode;
  setAggregateMode: (mode: AggregateMode) => void;
}

const sameHead = (a: HeadRef, b: HeadRef) => a.layer === b.layer && a.head === b.head;

export const createAnalysisSlice: StateCreator<AppState, [], [], AnalysisSlice> = (set, get) => ({
  analysisSlot: 'A',
  setAnalysisSlot: (analysisSlot) => set({ analysisSlot }),
  focusWord: null,
  setFocusWord: (focusWord) => set({ focusWord }),
  compareHeads: [],
  toggleCompareHead: (ref) => {
    const current = get().compareHeads;
    const next = current.some((r) => sameHead(r, ref))
      ? current.filter((r) => !sameHead(r, ref))
      : [...current, { layer: ref.layer, head: ref.head }].slice(-MAX_COMPARE_HEADS);
    set({ compareHeads: next });
  },
  clearCompareHeads: () => set({ compareHeads: [] }),
  gridSort: 'index',
  gridDescending: true,
  gridFilter: 'all',
  setGridSort: (gridSort) => set({ gridSort }),
  setGridDescending: (gridDescending) => set({ gridDescending }),
  setGridFilter: (gridFilter) => set({ gridFilter }),
  hiddenLineHeads: [],
  toggleLineHead: (head) => {
    const hidden = get().hiddenLineHeads;
    set({
      hiddenLineHeads: hidden.includes(head)
        ? hidden.filter((h) => h !== head)
        : [...hidden, head].sort((a, b) => a - b),
    });
  },
  setAllLineHeads: (visible, count) =>
    set({ hiddenLineHeads: visible ? [] : Array.from({ length: count }, (_, i) => i) }),
  aggregateMode: 'heads',
  setAggregateMode: (aggregateMode) => set({ aggregateMode }),
});
