/** Pure: the gallery's mask recipes and the masks the engine makes of them. */
import { buildMask, runMasks } from '../../../engine/masks';
import type { ArchitectureKind, AttentionKind, MaskMatrix, MaskSpec } from '../../../engine/types';

export type GalleryKind =
  'none' | 'causal' | 'padding' | 'window' | 'dilated' | 'global-window' | 'bigbird' | 'custom';

export const GALLERY_KINDS: readonly GalleryKind[] = [
  'none',
  'causal',
  'padding',
  'window',
  'dilated',
  'global-window',
  'bigbird',
  'custom',
];

export interface GallerySettings {
  /** Window radius r: each query sees keys within r positions (width 2r + 1). */
  radius: number;
  dilation: number;
  /** BigBird: random keys per row and their seed. */
  randomPerRow: number;
  seed: number;
  /** Tokens that attend to and are attended by everyone (Longformer, BigBird). */
  globalTokens: number[];
  /** Keys that are real tokens (padding): the rest are [PAD]. */
  validLength: number;
  /** The custom mask, row-major [size][size]. */
  custom: { size: number; allowed: Uint8Array };
}

/** The engine's mask spec of a gallery entry (what the playground run is given). */
export function gallerySpec(kind: GalleryKind, settings: GallerySettings): MaskSpec {
  switch (kind) {
    case 'none':
      return { kind: 'none' };
    case 'causal':
      return { kind: 'causal' };
    case 'padding':
      return { kind: 'padding', validLength: settings.validLength };
    case 'window':
      return { kind: 'window', radius: settings.radius };
    case 'dilated':
      return { kind: 'dilated', radius: settings.radius, dilation: settings.dilation };
    case 'global-window':
      return {
        kind: 'global-window',
        radius: settings.radius,
        globalTokens: settings.globalTokens,
      };
    case 'bigbird':
      return {
        kind: 'bigbird',
        radius: settings.radius,
        globalTokens: settings.globalTokens,
        randomPerRow: settings.randomPerRow,
        seed: settings.seed,
      };
    case 'custom':
      return { kind: 'custom', size: settings.custom.size, allowed: settings.custom.allowed };
  }
}

/** The mask of a gallery entry for a [rows][cols] score matrix. */
export function galleryMask(
  kind: GalleryKind,
  settings: GallerySettings,
  rows: number,
  cols: number,
): MaskMatrix {
  return buildMask(gallerySpec(kind, settings), rows, cols);
}

/** A mask spec as a string (same string: same mask), typed arrays written as lists. */
export function maskSpecKey(spec: MaskSpec): string {
  return spec.kind === 'custom'
    ? JSON.stringify([spec.kind, spec.size, Array.from(spec.allowed).join('')])
    : JSON.stringify(spec);
}

/**
 * The mask the engine uses on `attention` of a playground of `architecture` when the run's mask is
 * this gallery entry, [rows][cols]: queries × keys (cross-attention: decoder rows × encoder
 * columns; decoder self-attention: the entry ANDed with causal).
 */
export function engineMask(
  kind: GalleryKind,
  settings: GallerySettings,
  architecture: ArchitectureKind,
  attention: AttentionKind,
  rows: number,
  cols: number,
): MaskMatrix {
  const masks = runMasks(
    architecture,
    { mask: gallerySpec(kind, settings), maskedAttention: attention },
    cols,
    rows,
  );
  return masks[attention] ?? galleryMask(kind, settings, rows, cols);
}

/**
 * A short checksum (8 hex digits, FNV-1a) of a matrix's values rounded to 4 decimals; −∞ and NaN
 * have their own codes. Changes when the shown numbers change (for tests and the page's data).
 */
export function valuesChecksum(values: ArrayLike<number>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const n = Number.isFinite(v)
      ? Math.round(v * 1e4)
      : Number.isNaN(v)
        ? 0x7ff80000
        : v > 0
          ? 0x7ff00000
          : -0x7ff00000;
    for (let b = 0; b < 4; b++) {
      h ^= (n >>> (b * 8)) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A mask as numbers for drawing: 1 where allowed, −∞ (hatched) where masked. */
/** The mask the engine really used: 1 where it left a score finite, 0 where it put −∞. */
export function usedMask(maskedScores: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(maskedScores, (v) => (v === -Infinity ? 0 : 1));
}

export function maskPicture(mask: MaskMatrix): Float64Array {
  return Float64Array.from(mask.allowed, (a) => (a ? 1 : -Infinity));
}

/** A starting custom mask: everything allowed, only the diagonal, or causal. */
export function customStart(size: number, preset: 'all' | 'diagonal' | 'causal'): Uint8Array {
  const allowed = new Uint8Array(size * size);
  for (let q = 0; q < size; q++)
    for (let k = 0; k < size; k++)
      allowed[q * size + k] =
        preset === 'all' ? 1 : preset === 'diagonal' ? (q === k ? 1 : 0) : k <= q ? 1 : 0;
  return allowed;
}
