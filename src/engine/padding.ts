/**
 * Padding a sequence to a batch's length: what a real batch does when its sentences differ in
 * length. The [PAD] positions get the padding mask, so no query attends to them; the real tokens'
 * numbers stay those of the unpadded run (up to rounding).
 */
import type { MaskSpec } from './types';

/** How a padding token is written. */
export const PAD_TEXT = '[PAD]';

export interface PaddedIds {
  /** `ids` followed by `padId` up to `length`. */
  ids: number[];
  /** The real tokens (the first `validLength` positions). */
  validLength: number;
  /** The engine's padding mask for this input: keys ≥ validLength are masked. */
  mask: MaskSpec;
}

/** `ids` padded with `padId` to `length` (never cut: a longer input stays as it is). */
export function padIds(ids: readonly number[], length: number, padId: number): PaddedIds {
  const total = Math.max(ids.length, Math.floor(length));
  const padded = [...ids, ...new Array<number>(total - ids.length).fill(padId)];
  return {
    ids: padded,
    validLength: ids.length,
    mask: { kind: 'padding', validLength: ids.length },
  };
}
