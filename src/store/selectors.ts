/**
 * Named selectors. Those returning objects are meant for `useShallow` (see the hooks below), so a
 * component re-renders only when one of the fields really changes.
 */
import { useShallow } from 'zustand/react/shallow';
import type { AttentionKind, MaskMatrix, Token } from '../engine';
import { viewChoices } from './model';
import { useAppStore } from './index';
import type {
  AppState,
  BlockResult,
  HoverCell,
  RunState,
  SentenceRun,
  SentenceSlot,
} from './types';

export const selectSentence =
  (slot: SentenceSlot) =>
  (s: AppState): string =>
    s.sentences[slot];
export const selectRun =
  (slot: SentenceSlot) =>
  (s: AppState): SentenceRun =>
    s.runs[slot];
export const selectTokens =
  (slot: SentenceSlot) =>
  (s: AppState): Token[] =>
    s.runs[slot].tokens;
export const selectLanguage = (s: AppState) => s.language;
export const selectHover = (s: AppState): HoverCell | null => s.hover;

/** What is shown: attention kind, layer and head (0-based). */
export const selectViewSelection = (s: AppState) => ({
  kind: s.kind,
  layer: s.layer,
  head: s.head,
});

/**
 * Layer, head and kind choices the controls offer: from the playground settings, or from the
 * translator once it has loaded.
 */
export const selectViewChoices = (s: AppState) => viewChoices(s);

export const selectModel = (s: AppState) => s.model;

/** The translator's download and what it is, for the model panel. */
export const selectTranslatorStatus = (s: AppState) => ({
  load: s.translatorLoad,
  info: s.translatorInfo,
  url: s.translatorUrl,
});

/** The translation of a sentence (null: none yet, or not a translator run) and whether it is stale. */
export const selectTranslation = (slot: SentenceSlot) => (s: AppState) => ({
  translation: s.runs[slot].translation,
  state: s.runs[slot].state,
});

/** Distinct words of a sentence that the model's vocabulary lacks, in order of appearance. */
export function unknownWords(tokens: readonly Token[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tokens) {
    if (!t.unknown) continue;
    const key = t.text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t.text);
  }
  return out;
}

/** The block of the chosen kind, or the first block when the model has no such kind. */
export function pickBlock(
  blocks: readonly BlockResult[],
  kind: AttentionKind,
): BlockResult | undefined {
  return blocks.find((b) => b.kind === kind) ?? blocks[0];
}

/** What a heatmap needs: its tokens, the chosen layer's data (stable references), and the run state. */
export interface HeatmapSource {
  state: RunState;
  error: string | null;
  /** 'load' when the model could not be loaded (the page says so once, above the sentences). */
  errorStage: SentenceRun['errorStage'];
  tokens: Token[];
  block: BlockResult | undefined;
  /** [heads][queryLength][keyLength] of the chosen layer, null until it has streamed in. */
  layerData: Float32Array | null;
  mask: MaskMatrix | null;
  layer: number;
  head: number;
}

export const selectHeatmapSource =
  (slot: SentenceSlot) =>
  (s: AppState): HeatmapSource => {
    const run = s.runs[slot];
    const block = pickBlock(run.blocks, s.kind);
    const layer = block ? Math.min(s.layer, block.layers - 1) : s.layer;
    const head = block ? Math.min(s.head, block.heads - 1) : s.head;
    return {
      state: run.state,
      error: run.error,
      errorStage: run.errorStage,
      tokens: run.tokens,
      block,
      layerData: block?.data[layer] ?? null,
      mask: block?.layerMasks?.[layer] ?? block?.mask ?? null,
      layer,
      head,
    };
  };

/** Truncation notice data. */
export const selectTruncation = (slot: SentenceSlot) => (s: AppState) => ({
  dropped: s.runs[slot].dropped,
  maxTokens: s.runs[slot].maxTokens,
});

export const selectBackend = (s: AppState) => ({ backend: s.backend, status: s.backendStatus });

/** Whether any sentence is running now. */
export const selectBusy = (s: AppState): boolean =>
  s.runs.A.state === 'loading' || s.runs.B.state === 'loading';

// ---- hooks -----------------------------------------------------------------------------------

export const useViewSelection = () => useAppStore(useShallow(selectViewSelection));
export const useViewChoices = () => useAppStore(useShallow(selectViewChoices));
export const useHeatmapSource = (slot: SentenceSlot) =>
  useAppStore(useShallow(selectHeatmapSource(slot)));
export const useTruncation = (slot: SentenceSlot) =>
  useAppStore(useShallow(selectTruncation(slot)));
export const useBackend = () => useAppStore(useShallow(selectBackend));
export const useTranslatorStatus = () => useAppStore(useShallow(selectTranslatorStatus));
export const useTranslation = (slot: SentenceSlot) =>
  useAppStore(useShallow(selectTranslation(slot)));
