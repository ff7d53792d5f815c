/**
 * Attention masks as explicit boolean matrices, so the views can draw exactly what the engine used.
 * `allowed[q * cols + k] === 1` means query q may attend to key k.
 */
import { mulberry32 } from '../lib/random';
import type { ArchitectureKind, AttentionKind, MaskMatrix, MaskSpec, RunInput } from './types';

/** Builds the [rows][cols] matrix of a mask recipe; cols defaults to rows (self-attention). */
export function buildMask(spec: MaskSpec, rows: number, cols: number = rows): MaskMatrix {
  const allowed = new Uint8Array(rows * cols);
  const set = (q: number, k: number): void => {
    if (q >= 0 && q < rows && k >= 0 && k < cols) allowed[q * cols + k] = 1;
  };
  const fill = (rule: (q: number, k: number) => boolean): void => {
    for (let q = 0; q < rows; q++) for (let k = 0; k < cols; k++) if (rule(q, k)) set(q, k);
  };
  switch (spec.kind) {
    case 'none':
      allowed.fill(1);
      break;
    case 'causal':
      fill((q, k) => k <= q);
      break;
    case 'padding':
      fill((_q, k) => k < spec.validLength);
      break;
    case 'window':
      fill((q, k) => Math.abs(q - k) <= spec.radius);
      break;
    case 'dilated': {
      const step = Math.max(1, Math.floor(spec.dilation));
      fill((q, k) => Math.abs(q - k) <= spec.radius * step && (q - k) % step === 0);
      break;
    }
    case 'global-window':
      fillGlobalWindow(spec.radius, spec.globalTokens, rows, cols, set);
      break;
    case 'bigbird':
      fillGlobalWindow(spec.radius, spec.globalTokens, rows, cols, set);
      addRandomKeys(allowed, rows, cols, spec.globalTokens, spec.randomPerRow, spec.seed);
      break;
    case 'custom':
      // A custom matrix smaller than the input leaves the extra rows/keys masked.
      for (let q = 0; q < Math.min(rows, spec.size); q++)
        for (let k = 0; k < Math.min(cols, spec.size); k++)
          if (spec.allowed[q * spec.size + k]) set(q, k);
      break;
  }
  return { rows, cols, allowed };
}

function fillGlobalWindow(
  radius: number,
  globals: readonly number[],
  rows: number,
  cols: number,
  set: (q: number, k: number) => void,
): void {
  const isGlobal = new Set(globals);
  for (let q = 0; q < rows; q++)
    for (let k = 0; k < cols; k++)
      if (Math.abs(q - k) <= radius || isGlobal.has(q) || isGlobal.has(k)) set(q, k);
}

/**
 * BigBird's random part: each non-global row gets `perRow` extra keys, drawn without replacement
 * from the keys it does not already see (fewer when not enough are left). Seeded, so the same
 * sentence gives the same mask on every run.
 */
function addRandomKeys(
  allowed: Uint8Array,
  rows: number,
  cols: number,
  globals: readonly number[],
  perRow: number,
  seed: number,
): void {
  const rand = mulberry32(seed);
  const isGlobal = new Set(globals);
  for (let q = 0; q < rows; q++) {
    if (isGlobal.has(q)) continue;
    const free: number[] = [];
    for (let k = 0; k < cols; k++) if (!allowed[q * cols + k]) free.push(k);
    for (let n = 0; n < perRow && free.length > 0; n++) {
      const pick = Math.floor(rand() * free.length);
      const k = free[pick] as number;
      free[pick] = free[free.length - 1] as number;
      free.pop();
      allowed[q * cols + k] = 1;
    }
  }
}

/** Element-wise AND of two masks of the same shape. */
/**
 * A causal sliding window (Mistral, Gemma's local layers): query q sees keys k with
 * q − window < k ≤ q, itself and the window − 1 tokens before it.
 */
export function causalSlidingMask(size: number, window: number): MaskMatrix {
  const allowed = new Uint8Array(size * size);
  for (let q = 0; q < size; q++)
    for (let k = Math.max(0, q - window + 1); k <= q; k++) allowed[q * size + k] = 1;
  return { rows: size, cols: size, allowed };
}

export function intersectMasks(a: MaskMatrix, b: MaskMatrix): MaskMatrix {
  if (a.rows !== b.rows || a.cols !== b.cols)
    throw new Error(`masks differ in shape: ${a.rows}x${a.cols} vs ${b.rows}x${b.cols}`);
  const allowed = new Uint8Array(a.allowed.length);
  for (let i = 0; i < allowed.length; i++) allowed[i] = a.allowed[i]! & b.allowed[i]!;
  return { rows: a.rows, cols: a.cols, allowed };
}

/** Number of attended (query, key) pairs: the cost of the mask against the full rows × cols. */
export function countAllowed(mask: MaskMatrix): number {
  let n = 0;
  for (let i = 0; i < mask.allowed.length; i++) n += mask.allowed[i]!;
  return n;
}

/** The attentions an architecture has. */
export function attentionKindsOf(architecture: ArchitectureKind): AttentionKind[] {
  if (architecture === 'encoder') return ['encoder-self'];
  if (architecture === 'decoder') return ['decoder-self'];
  return ['encoder-self', 'decoder-self', 'cross'];
}

/**
 * The mask of every attention of a run (see RunInput.mask and maskedAttention): the run's mask on
 * the named attention, causal added to decoder self-attention, and a padding mask also on the
 * source's keys (encoder self-attention and cross-attention).
 */
export function runMasks(
  architecture: ArchitectureKind,
  input: Pick<RunInput, 'mask' | 'maskedAttention'>,
  sourceLength: number,
  targetLength: number,
): Partial<Record<AttentionKind, MaskMatrix>> {
  const spec = input.mask ?? { kind: 'none' };
  const kinds = attentionKindsOf(architecture);
  const target = input.maskedAttention ?? kinds[0]!;
  if (!kinds.includes(target))
    throw new Error(`This ${architecture} model has no ${target} attention to mask`);
  const padding = spec.kind === 'padding';
  const none = { kind: 'none' } as const;
  const pick = (kind: AttentionKind, sourceKeys: boolean) =>
    kind === target || (padding && sourceKeys) ? spec : none;
  if (architecture === 'encoder') return { 'encoder-self': buildMask(spec, sourceLength) };
  if (architecture === 'decoder')
    return {
      'decoder-self': intersectMasks(
        buildMask(spec, sourceLength),
        buildMask({ kind: 'causal' }, sourceLength),
      ),
    };
  return {
    'encoder-self': buildMask(pick('encoder-self', true), sourceLength),
    'decoder-self': intersectMasks(
      buildMask(pick('decoder-self', false), targetLength),
      buildMask({ kind: 'causal' }, targetLength),
    ),
    cross: buildMask(pick('cross', true), targetLength, sourceLength),
  };
}
