/** Pure: the gallery's mask recipes and padded matrices. */
import { buildMask } from '../../../engine/masks';
import type { MaskMatrix } from '../../../engine/types';

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

/** The mask of a gallery entry for a [rows][cols] score matrix. */
export function galleryMask(
  kind: GalleryKind,
  settings: GallerySettings,
  rows: number,
  cols: number,
): MaskMatrix {
  switch (kind) {
    case 'none':
      return buildMask({ kind: 'none' }, rows, cols);
    case 'causal':
      return buildMask({ kind: 'causal' }, rows, cols);
    case 'padding':
      return buildMask({ kind: 'padding', validLength: settings.validLength }, rows, cols);
    case 'window':
      return buildMask({ kind: 'window', radius: settings.radius }, rows, cols);
    case 'dilated':
      return buildMask(
        { kind: 'dilated', radius: settings.radius, dilation: settings.dilation },
        rows,
        cols,
      );
    case 'global-window':
      return buildMask(
        { kind: 'global-window', radius: settings.radius, globalTokens: settings.globalTokens },
        rows,
        cols,
      );
    case 'bigbird':
      return buildMask(
        {
          kind: 'bigbird',
          radius: settings.radius,
          globalTokens: settings.globalTokens,
          randomPerRow: settings.randomPerRow,
          seed: settings.seed,
        },
        rows,
        cols,
      );
    case 'custom':
      return buildMask(
        { kind: 'custom', size: settings.custom.size, allowed: settings.custom.allowed },
        rows,
        cols,
      );
  }
}

/** `values` [rows][cols] in the top-left of [R][C]; the padded cells are NaN (not computed). */
export function padTo(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  R: number,
  C: number,
): Float64Array {
  const out = new Float64Array(R * C).fill(Number.NaN);
  for (let r = 0; r < Math.min(rows, R); r++)
    for (let c = 0; c < Math.min(cols, C); c++) out[r * C + c] = values[r * cols + c]!;
  return out;
}

/** A mask as numbers for drawing: 1 where allowed, −∞ (hatched) where masked. */
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
