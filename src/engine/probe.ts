/**
 * Attention on demand: a block's per-layer queries and keys kept from a forward, from which any
 * head's weights (or a window of rows and columns of them) are computed again with the forward's
 * own arithmetic (headWeights), so the values equal the full path's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { headWeights, type KeptAttention } from './attention';
import { alibiSlopes } from './positional';
import type { AttentionKind, AttentionProbe, MaskMatrix } from './types';

/** What a probe needs besides the kept tensors: the block's shape and its score recipe. */
export interface ProbeSpec {
  kind: AttentionKind;
  heads: number;
  queryLength: number;
  keyLength: number;
  scale: number;
  softcap?: number;
  /** ALiBi models: the bias −slope·|q − k| per head is added to the scores. */
  alibi: boolean;
  mask: MaskMatrix;
  layerMasks?: MaskMatrix[];
}

function checkRange(name: string, [from, to]: readonly [number, number], size: number): void {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > size || from >= to)
    throw new RangeError(`${name} [${from}, ${to}) is not inside 0…${size}`);
}

class TensorProbe implements AttentionProbe {
  readonly kind: AttentionKind;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly queryLength: number;
  readonly keyLength: number;
  readonly mask: MaskMatrix;
  readonly layerMasks?: MaskMatrix[];
  readonly bytes: number;
  private kept: KeptAttention[];
  private readonly slopes: number[] | null;

  constructor(
    private readonly spec: ProbeSpec,
    kept: KeptAttention[],
  ) {
    this.kind = spec.kind;
    this.layers = kept.length;
    this.heads = spec.heads;
    this.kvHeads = kept[0]?.kT.length ?? spec.heads;
    this.queryLength = spec.queryLength;
    this.keyLength = spec.keyLength;
    this.mask = spec.mask;
    if (spec.layerMasks) this.layerMasks = spec.layerMasks;
    this.kept = kept;
    this.slopes = spec.alibi ? alibiSlopes(spec.heads) : null;
    this.bytes = kept.reduce(
      (n, k) => n + [...k.q, ...k.kT].reduce((m, t) => m + t.size * 4, 0),
      0,
    );
  }

  tile(
    layer: number,
    heads: readonly number[],
    rows: readonly [number, number],
    cols: readonly [number, number],
  ): Float32Array[] {
    const kept = this.kept[layer];
    if (this.kept.length === 0) throw new Error('This attention was released: run it again');
    if (!kept || !Number.isInteger(layer))
      throw new RangeError(`No layer ${layer} (the block has ${this.layers})`);
    for (const h of heads)
      if (!Number.isInteger(h) || h < 0 || h >= this.heads)
        throw new RangeError(`No head ${h} (the block has ${this.heads})`);
    checkRange('Rows', rows, this.queryLength);
    checkRange('Columns', cols, this.keyLength);
    const [r0, r1] = rows;
    const [c0, c1] = cols;
    const n = r1 - r0;
    const keys = this.keyLength;
    const mask = this.spec.layerMasks?.[layer] ?? this.mask;
    // The mask's rows [r0, r1) as the forward adds them: 0 where allowed, −1e9 where masked.
    const allowed = mask.allowed.subarray(r0 * keys, r1 * keys);
    const maskAdd = allowed.includes(0) ? Float32Array.from(allowed, (a) => (a ? 0 : -1e9)) : null;
    const rowHasKey = new Float32Array(n);
    for (let q = 0; q < n; q++)
      rowHasKey[q] = allowed.subarray(q * keys, (q + 1) * keys).includes(1) ? 1 : 0;
    const group = this.heads / this.kvHeads;
    return tf.tidy(() => {
      const add = maskAdd ? tf.tensor2d(maskAdd, [n, keys]) : undefined;
      const hasKey = rowHasKey.includes(0) ? tf.tensor2d(rowHasKey, [n, 1]) : undefined;
      return heads.map((h) => {
        const q = kept.q[h]!; // [Tq, dh]
        const qRows = n === this.queryLength ? q : tf.slice(q, [r0, 0], [n, q.shape[1]]); // [n, dh]
        const bias = this.slopes
          ? tf.tensor2d(alibiRows(this.slopes[h]!, r0, n, keys), [n, keys])
          : undefined;
        const { weights } = headWeights(
          qRows,
          kept.kT[Math.floor(h / group)]!,
          this.spec.scale,
          this.spec.softcap,
          bias,
          add,
          hasKey,
        ); // [n, Tk]
        const cut = c1 - c0 === keys ? weights : tf.slice(weights, [0, c0], [n, c1 - c0]); // [n, m]
        return Float32Array.from(cut.dataSync() as Float32Array);
      });
    });
  }

  dispose(): void {
    for (const k of this.kept) tf.dispose([...k.q, ...k.kT]);
    this.kept = [];
  }
}

/** ALiBi's bias −slope·|q − k| for query rows [r0, r0 + n) over `keys` keys, [n][keys]. */
function alibiRows(slope: number, r0: number, n: number, keys: number): Float32Array {
  const bias = new Float32Array(n * keys);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < keys; k++) bias[i * keys + k] = -slope * Math.abs(r0 + i - k);
  return bias;
}

/** A probe over a forward's kept tensors (one KeptAttention per layer); it owns them from now. */
export function createProbe(spec: ProbeSpec, kept: KeptAttention[]): AttentionProbe {
  return new TensorProbe(spec, kept);
}
