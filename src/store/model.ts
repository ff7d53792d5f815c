/** Pure rules of the playground settings: valid shapes and mask recipes. */
import type { AttentionKind, MaskSpec, PlaygroundOptions } from '../engine';
import { LIMITS } from './defaults';
import type { AppState, MaskSettings } from './types';

const clampInt = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, Math.round(Number.isFinite(value) ? value : min)));

/** Whether `heads` heads fit `dModel` (and give RoPE the even head size it needs). */
export function headsFit(
  heads: number,
  dModel: number,
  positional: PlaygroundOptions['positional'],
): boolean {
  if (heads < 1 || dModel % heads !== 0) return false;
  return positional !== 'rope' || (dModel / heads) % 2 === 0;
}

/** Head counts the UI offers for a d_model and positional encoding. */
export function validHeadCounts(
  dModel: number,
  positional: PlaygroundOptions['positional'],
): number[] {
  const out: number[] = [];
  for (let h = LIMITS.heads.min; h <= LIMITS.heads.max; h++)
    if (headsFit(h, dModel, positional)) out.push(h);
  return out;
}

/** Clamps every field into range and picks the nearest valid head count at or below the asked one. */
export function normalizePlayground(options: PlaygroundOptions): PlaygroundOptions {
  const dModel = (LIMITS.dModels as readonly number[]).includes(options.dModel)
    ? options.dModel
    : 64;
  const wanted = clampInt(options.heads, LIMITS.heads.min, LIMITS.heads.max);
  const valid = validHeadCounts(dModel, options.positional);
  const heads = [...valid].reverse().find((h) => h <= wanted) ?? valid[0] ?? 1;
  return {
    ...options,
    architecture: options.architecture,
    dModel,
    heads,
    layers: clampInt(options.layers, LIMITS.layers.min, LIMITS.layers.max),
    seed: clampInt(options.seed, LIMITS.seed.min, LIMITS.seed.max),
    maxPositions: clampInt(options.maxPositions, LIMITS.maxPositions.min, LIMITS.maxPositions.max),
  };
}

/** The engine's mask recipe for the settings. Global tokens: the first token. */
export function toMaskSpec(mask: MaskSettings, seed: number): MaskSpec {
  const radius = clampInt(mask.radius, LIMITS.radius.min, LIMITS.radius.max);
  switch (mask.kind) {
    case 'none':
      return { kind: 'none' };
    case 'causal':
      return { kind: 'causal' };
    case 'window':
      return { kind: 'window', radius };
    case 'dilated':
      return {
        kind: 'dilated',
        radius,
        dilation: clampInt(mask.dilation, LIMITS.dilation.min, LIMITS.dilation.max),
      };
    case 'global-window':
      return { kind: 'global-window', radius, globalTokens: [0] };
    case 'bigbird':
      return { kind: 'bigbird', radius, globalTokens: [0], randomPerRow: 1, seed };
  }
}

const KINDS: Record<PlaygroundOptions['architecture'], readonly AttentionKind[]> = {
  encoder: ['encoder-self'],
  decoder: ['decoder-self'],
  'encoder-decoder': ['encoder-self', 'decoder-self', 'cross'],
};

/** The attention blocks a model architecture produces, in the order the views list them (stable arrays). */
export function kindsOf(architecture: PlaygroundOptions['architecture']): readonly AttentionKind[] {
  return KINDS[architecture];
}

/**
 * The head count a number field moves to: stepping up from `current` goes to the next valid count
 * at or above `wanted`, stepping down to the previous one at or below it (so arrows never get stuck
 * on counts that do not divide d_model).
 */
export function snapHeads(current: number, wanted: number, valid: readonly number[]): number {
  if (valid.length === 0) return current;
  if (wanted > current) return valid.find((h) => h >= wanted) ?? valid[valid.length - 1]!;
  return [...valid].reverse().find((h) => h <= wanted) ?? valid[0]!;
}

/** What the layer, head and kind pickers offer for the current model. */
export interface ViewChoices {
  layers: number;
  heads: number;
  kinds: readonly AttentionKind[];
}

/**
 * The pickers' choices: from the playground settings, or from the translator once it has loaded
 * (its encoder and decoder may differ in depth: the layers of the chosen kind). Before the
 * translator has loaded, the current selection is kept as the only known range.
 */
export function viewChoices(
  s: Pick<AppState, 'model' | 'playground' | 'translatorInfo' | 'kind' | 'layer' | 'head'> &
    Partial<Pick<AppState, 'hub' | 'attentionFile' | 'trainedModel'>>,
): ViewChoices {
  const file = s.attentionFile;
  if (file) {
    // An open attention file: the shape of its block of the chosen kind (else its first block).
    const shape = file.shapes[file.kinds.includes(s.kind) ? s.kind : file.kinds[0]!];
    return { layers: shape?.layers ?? 1, heads: shape?.heads ?? 1, kinds: file.kinds };
  }
  if (s.model === 'playground')
    return {
      layers: s.playground.layers,
      heads: s.playground.heads,
      kinds: kindsOf(s.playground.architecture),
    };
  if (s.model === 'hf') {
    // A Hugging Face checkpoint: its shape once loaded (the selection until then).
    const hf = s.hub?.info;
    return {
      layers: hf ? hf.layers : s.layer + 1,
      heads: hf ? hf.heads : s.head + 1,
      kinds: kindsOf(hf?.architecture ?? 'encoder'),
    };
  }
  if (s.model === 'trained' && s.trainedModel) {
    // A model trained in the Train tab: an encoder, or a causal decoder for look-back tasks.
    const { settings, causal } = s.trainedModel;
    return {
      layers: settings.layers,
      heads: settings.heads,
      kinds: kindsOf(causal ? 'decoder' : 'encoder'),
    };
  }
  const info = s.translatorInfo;
  return {
    layers: info
      ? s.kind === 'encoder-self'
        ? info.encoderLayers
        : info.decoderLayers
      : s.layer + 1,
    heads: info ? info.heads : s.head + 1,
    kinds: kindsOf('encoder-decoder'),
  };
}
