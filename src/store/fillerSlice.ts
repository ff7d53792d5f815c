/**
 * Masked-LM fillers of Hugging Face encoders (BERT, RoBERTa, DistilBERT with their MLM head,
 * `HfModelInfo.fillsMask`): per sentence, the token the user masked. A sentence with a masked
 * token runs with `maskAt` (the worker replaces that token with the tokenizer's mask token and
 * sends its top fillers as `predictions`, `masked: true`).
 *
 * A masked token belongs to the text, the sentence pair and the checkpoint it was chosen on: an
 * edit of the sentence (or of sentence B, the pair's second half), another model, or pair mode
 * switched on or off clears it, as does a run whose tokens end before it. In pair mode the
 * index is one of the pair's tokens (`[CLS] A [SEP] B [SEP]`): only sentence A, whose run is the
 * pair's, masks; sentence B has no tokens of its own then.
 */
import type { StateCreator } from 'zustand';
import { hubPairActive } from './hubSlice';
import { isScheduled } from './scheduler';
import type { AppState, SentenceSlot } from './types';

/** A token the user masked, and what it was chosen on. */
export interface MaskedToken {
  /** Index into the run's tokens, special tokens counted (`[CLS]` is 0). */
  index: number;
  /** The token's text before it was masked ("bank"): the run's tokens show the mask token. */
  token: string;
  /** The sentence's text when it was masked (an edit clears the mask). */
  text: string;
  /** Sentence B's text in pair mode (the pair's second half), else null. */
  pair: string | null;
  /** The checkpoint it was masked on (`HfModelInfo.key`). */
  modelKey: string;
}

export interface FillerSlice {
  /** The masked token of each sentence; null when none. Read it through `activeMaskedToken`. */
  maskedTokens: Record<SentenceSlot, MaskedToken | null>;
  /**
   * Masks token `index` of the sentence's run and runs the sentence again (with `maskAt`); the
   * masked token again unmasks it (and re-runs). Does nothing when the loaded model does not fill
   * masks, for sentence B in pair mode, for a special token ([CLS], [SEP]) or an index outside
   * the tokens, or while an edit of the sentence waits to run (its tokens are stale then).
   */
  toggleMaskedToken: (slot: SentenceSlot, index: number) => void;
  /** Unmasks the sentence's token, if any, and runs it again. */
  clearMaskedToken: (slot: SentenceSlot) => void;
}

type MaskSource = Pick<AppState, 'model' | 'hub' | 'sentences'>;

/** Whether the model in use fills masks (a Hugging Face masked LM with its head). */
export function fillsMaskNow(s: Pick<AppState, 'model' | 'hub'>): boolean {
  return s.model === 'hf' && (s.hub.info?.fillsMask ?? false);
}

/** Whether a sentence's tokens can be masked now (sentence B rides in A's run in pair mode). */
export function canMaskSentence(s: Pick<AppState, 'model' | 'hub'>, slot: SentenceSlot): boolean {
  return fillsMaskNow(s) && !(slot === 'B' && hubPairActive(s));
}

/** Sentence B's text when it is the second half of A's pair run, else null. */
function pairTextOf(s: MaskSource, slot: SentenceSlot): string | null {
  return slot === 'A' && hubPairActive(s) ? s.sentences.B : null;
}

/** Whether `masked` still belongs to the sentence: same text, pair and checkpoint. */
function isCurrent(s: MaskSource, slot: SentenceSlot, masked: MaskedToken): boolean {
  return (
    canMaskSentence(s, slot) &&
    masked.modelKey === s.hub.info?.key &&
    masked.text === s.sentences[slot] &&
    masked.pair === pairTextOf(s, slot)
  );
}

/**
 * The sentence's masked token when it still applies (the model fills masks, and the text, pair
 * and checkpoint are those it was masked on, and it is inside the run's tokens); else null.
 */
export function activeMaskedToken(
  s: MaskSource & Pick<AppState, 'maskedTokens' | 'runs'>,
  slot: SentenceSlot,
): MaskedToken | null {
  const masked = s.maskedTokens[slot];
  if (!masked || !isCurrent(s, slot, masked)) return null;
  const count = s.runs[slot].tokens.length;
  return count > 0 && masked.index >= count ? null : masked;
}

/**
 * The `maskAt` of the sentence's next run, and whether its stored mask is stale (to be cleared).
 * Used by the run slice when it builds a Hugging Face request.
 */
export function maskForRun(
  s: MaskSource & Pick<AppState, 'maskedTokens'>,
  slot: SentenceSlot,
): { maskAt: number | null; stale: boolean } {
  const masked = s.maskedTokens[slot];
  if (!masked) return { maskAt: null, stale: false };
  return isCurrent(s, slot, masked)
    ? { maskAt: masked.index, stale: false }
    : { maskAt: null, stale: true };
}

/** The masks to clear when sentence `slot`'s text changes (B's edit changes A's pair too). */
export function masksClearedByEdit(
  s: MaskSource & Pick<AppState, 'maskedTokens'>,
  slot: SentenceSlot,
): Partial<Pick<AppState, 'maskedTokens'>> {
  const clearA = slot === 'A' || hubPairActive(s);
  const clearB = slot === 'B';
  const { A, B } = s.maskedTokens;
  if (!(clearA && A) && !(clearB && B)) return {};
  return { maskedTokens: { A: clearA ? null : A, B: clearB ? null : B } };
}

export const createFillerSlice: StateCreator<AppState, [], [], FillerSlice> = (set, get) => {
  const setMasked = (slot: SentenceSlot, masked: MaskedToken | null): void =>
    set((s) => ({ maskedTokens: { ...s.maskedTokens, [slot]: masked } }));

  return {
    maskedTokens: { A: null, B: null },
    toggleMaskedToken: (slot, index) => {
      const s = get();
      const info = s.hub.info;
      if (!info || !canMaskSentence(s, slot) || isScheduled(slot)) return;
      const current = activeMaskedToken(s, slot);
      if (current?.index === index) {
        setMasked(slot, null);
        get().runSentence(slot);
        return;
      }
      const token = Number.isInteger(index) ? s.runs[slot].tokens[index] : undefined;
      if (!token || token.special) return;
      setMasked(slot, {
        index,
        token: token.text,
        text: s.sentences[slot],
        pair: pairTextOf(s, slot),
        modelKey: info.key,
      });
      get().runSentence(slot);
    },
    clearMaskedToken: (slot) => {
      if (!get().maskedTokens[slot]) return;
      setMasked(slot, null);
      get().runSentence(slot);
    },
  };
};

/** What a sentence's token chips need to offer masking (for `useShallow`). */
export interface MaskChipsSource {
  /** Tokens are toggle buttons (the model fills masks and the sentence can be masked). */
  maskable: boolean;
  /** The masked token (its index and its text before masking), or null. */
  masked: MaskedToken | null;
}

export const selectMaskChips =
  (slot: SentenceSlot) =>
  (s: AppState): MaskChipsSource => ({
    maskable: canMaskSentence(s, slot),
    masked: activeMaskedToken(s, slot),
  });
