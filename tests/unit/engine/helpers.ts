/** Shared helpers of the engine tests: configs, comparisons and small formatting. */
import type {
  ArchitectureKind,
  AttentionStack,
  MaskMatrix,
  PositionalKind,
  TransformerConfig,
} from '../../../src/engine/types';

export const ARCHITECTURES: ArchitectureKind[] = ['encoder', 'decoder', 'encoder-decoder'];
export const POSITIONALS: PositionalKind[] = ['none', 'sinusoidal', 'learned', 'rope', 'alibi'];

export interface ConfigOptions {
  architecture: ArchitectureKind;
  heads: number;
  headSize: number;
  layers: number;
  decoderLayers?: number;
  positional: PositionalKind;
  norm?: 'pre' | 'post';
  activation?: 'relu' | 'gelu' | 'gelu_tanh';
  vocabSize?: number;
  targetVocabSize?: number;
  maxPositions?: number;
  dFF?: number;
  scale?: TransformerConfig['scale'];
  scaleEmbeddings?: boolean;
  positionalBase?: number;
  layerNormEps?: number;
}

/** A small TransformerConfig from the few numbers the tests vary. */
export function makeConfig(o: ConfigOptions): TransformerConfig {
  const dModel = o.heads * o.headSize;
  const config: TransformerConfig = {
    architecture: o.architecture,
    vocabSize: o.vocabSize ?? 17,
    dModel,
    numHeads: o.heads,
    numLayers: o.layers,
    dFF: o.dFF ?? 2 * dModel,
    maxPositions: o.maxPositions ?? 16,
    positional: o.positional,
    positionalBase: o.positionalBase ?? 10000,
    norm: o.norm ?? 'post',
    activation: o.activation ?? 'gelu',
    layerNormEps: o.layerNormEps ?? 1e-5,
    scale: o.scale ?? { kind: 'default' },
    scaleEmbeddings: o.scaleEmbeddings ?? false,
  };
  if (o.architecture === 'encoder-decoder') {
    config.numDecoderLayers = o.decoderLayers ?? o.layers;
    if (o.targetVocabSize !== undefined) config.targetVocabSize = o.targetVocabSize;
  }
  return config;
}

export interface DiffResult {
  max: number;
  index: number;
  expected: number;
  got: number;
}

/**
 * Largest |a − b|. Matching infinities of the same sign count as equal; an infinity facing a
 * finite value, or a NaN anywhere, counts as Infinity.
 */
export function maxAbsDiff(expected: ArrayLike<number>, got: ArrayLike<number>): DiffResult {
  if (expected.length !== got.length) {
    return { max: Infinity, index: -1, expected: expected.length, got: got.length };
  }
  let worst: DiffResult = { max: 0, index: -1, expected: 0, got: 0 };
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] ?? NaN;
    const g = got[i] ?? NaN;
    let diff: number;
    if (Number.isNaN(e) || Number.isNaN(g)) diff = Infinity;
    else if (e === g) diff = 0;
    else diff = Math.abs(e - g);
    if (Number.isNaN(diff)) diff = Infinity;
    if (diff > worst.max) worst = { max: diff, index: i, expected: e, got: g };
  }
  return worst;
}

/** "stack[l][h][q][k]" of a flat index into a [layers][heads][Tq][Tk] array. */
export function stackIndex(
  stack: Pick<AttentionStack, 'heads' | 'queryLength' | 'keyLength'>,
  i: number,
): string {
  const { heads, queryLength: tq, keyLength: tk } = stack;
  const k = i % tk;
  const q = Math.floor(i / tk) % tq;
  const h = Math.floor(i / (tk * tq)) % heads;
  const l = Math.floor(i / (tk * tq * heads));
  return `layer ${l} head ${h} q ${q} k ${k}`;
}

export function maskEquals(a: MaskMatrix, b: MaskMatrix): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols || a.allowed.length !== b.allowed.length) return false;
  for (let i = 0; i < a.allowed.length; i++) if (a.allowed[i] !== b.allowed[i]) return false;
  return true;
}

export function maskText(m: MaskMatrix): string {
  const lines: string[] = [];
  for (let q = 0; q < m.rows; q++) {
    let s = '';
    for (let k = 0; k < m.cols; k++) s += m.allowed[q * m.cols + k] ? '1' : '.';
    lines.push(s);
  }
  return lines.join('\n');
}

/** Row `q` of head `h` of layer `l` of a stack, as a plain array. */
export function stackRow(stack: AttentionStack, l: number, h: number, q: number): number[] {
  const { heads, queryLength: tq, keyLength: tk } = stack;
  const start = ((l * heads + h) * tq + q) * tk;
  return Array.from(stack.weights.subarray(start, start + tk));
}

/** Ids 0..vocab-1 from a uniform generator. */
export function randomIds(rand: () => number, n: number, vocab: number): number[] {
  return Array.from({ length: n }, () => Math.floor(rand() * vocab));
}

export function randInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  const v = items[Math.floor(rand() * items.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}
