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

/** Key spans start and end on multiples of this (see tile): lcm of the kernel's batch sizes. */
const SPAN_ALIGN = 240;

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
    const allowed = mask.allowed.subarray(r0 * keys, r1 * keys); // rows [r0, r1)
    // The keys these rows may attend lie in [k0, k1): the others weigh exactly 0 after the softmax
    // (exp(−1e9 − max) underflows), so only this span is computed (half the work on causal heads).
    let k0 = keys;
    let k1 = 0;
    const rowHasKey = new Float32Array(n);
    for (let q = 0; q < n; q++) {
      const row = allowed.subarray(q * keys, (q + 1) * keys);
      const first = row.indexOf(1);
      if (first < 0) continue;
      rowHasKey[q] = 1;
      k0 = Math.min(k0, first);
      k1 = Math.max(k1, row.lastIndexOf(1) + 1);
    }
    const m = c1 - c0;
    const out = heads.map(() => new Float32Array(n * m)); // zeros where no key is allowed
    if (k1 <= k0) return out;
    // Widened to multiples of SPAN_ALIGN (or the row's end), so the softmax kernel's vector lanes
    // and tail see every allowed key where they see it in the whole row: the sums, hence the
    // weights, stay bit-identical (a span cut anywhere differed by up to 6e-8).
    k0 = Math.floor(k0 / SPAN_ALIGN) * SPAN_ALIGN;
    k1 = Math.ceil(k1 / SPAN_ALIGN) * SPAN_ALIGN;
    if (k1 >= keys) k1 = keys;
    const span = k1 - k0;
    // The mask over the span as the forward adds it: 0 where allowed, −1e9 where masked.
    let masked = false;
    const maskAdd = new Float32Array(n * span);
    for (let q = 0; q < n; q++)
      for (let k = 0; k < span; k++)
        if (!allowed[q * keys + k0 + k]) {
          maskAdd[q * span + k] = -1e9;
          masked = true;
        }
    const group = this.heads / this.kvHeads;
    // Output columns [c0, c1) that fall inside the span, as offsets into a computed row.
    const from = Math.max(c0, k0);
    const to = Math.min(c1, k1);
    tf.tidy(() => {
      const add = masked ? tf.tensor2d(maskAdd, [n, span]) : undefined;
      const hasKey = rowHasKey.includes(0) ? tf.tensor2d(rowHasKey, [n, 1]) : undefined;
      heads.forEach((h, i) => {
        const q = kept.q[h]!; // [Tq, dh]
        const qRows = n === this.queryLength ? q : tf.slice(q, [r0, 0], [n, q.shape[1]]); // [n, dh]
        const kT = kept.kT[Math.floor(h / group)]!; // [dh, Tk]
        const kSpan = span === keys ? kT : tf.slice(kT, [0, k0], [kT.shape[0], span]); // [dh, span]
        const bias = this.slopes
          ? tf.tensor2d(alibiRows(this.slopes[h]!, r0, n, k0, span), [n, span])
          : undefined;
        const { weights } = headWeights(
          qRows,
          kSpan,
          this.spec.scale,
          this.spec.softcap,
          bias,
          add,
          hasKey,
        ); // [n, span]
        if (to <= from) return;
        const values = weights.dataSync() as Float32Array;
        for (let r = 0; r < n; r++)
          out[i]!.set(values.subarray(r * span + from - k0, r * span + to - k0), r * m + from - c0);
      });
    });
    return out;
  }

  dispose(): void {
    for (const k of this.kept) tf.dispose([...k.q, ...k.kT]);
    this.kept = [];
  }
}

/** ALiBi's bias −slope·|q − k| for query rows [r0, r0 + n) and keys [k0, k0 + span), [n][span]. */
function alibiRows(slope: number, r0: number, n: number, k0: number, span: number): Float32Array {
  const bias = new Float32Array(n * span);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < span; k++) bias[i * span + k] = -slope * Math.abs(r0 + i - (k0 + k));
  return bias;
}

/** A probe over a forward's kept tensors (one KeptAttention per layer); it owns them from now. */
export function createProbe(spec: ProbeSpec, kept: KeptAttention[]): AttentionProbe {
  return new TensorProbe(spec, kept);
}
