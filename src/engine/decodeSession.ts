/**
 * A decode session over one source: the first step runs the encoder and keeps its output (and its
 * attention weights, read back once) so that later steps and the final forward skip the encoder.
 * The model supplies the forward; the session only decides what to reuse and frees it.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type {
  DecodeInput,
  DecodeSession,
  ForwardResult,
  MaskMatrix,
  RunHooks,
  RunInput,
} from './types';

/** The encoder's part of a run, kept for the following runs over the same source. */
export interface EncoderCache {
  /** The encoder's output, [Ts, d]; owned by whoever holds the cache. */
  memory: tf.Tensor2D;
  /** Encoder self-attention mask of the run that made it. */
  mask: MaskMatrix;
  /** [layers][H][Ts][Ts], every layer read back. */
  weights: Float32Array;
  /** [layers][H][Ts] value-vector norms, when the runs ask for them. */
  valueNorms?: Float32Array;
}

/** How a forward differs from a plain run. */
export interface ForwardMode {
  /** Reuse this encoder output, and replay its weights as streamed layers, instead of encoding. */
  encoder?: EncoderCache;
  /** Hand the encoder's output (and its weights, read back even with skipWeights) to this. */
  keepEncoder?: (cache: EncoderCache) => void;
  /** Project only the last target row to logits and skip the hidden-state readback. */
  lastRowOnly?: boolean;
}

export type ForwardFn = (
  input: RunInput,
  hooks: RunHooks,
  mode: ForwardMode,
) => Promise<ForwardResult>;

export class CachedDecodeSession implements DecodeSession {
  private cache?: EncoderCache;
  private closed = false;

  constructor(
    private readonly input: DecodeInput,
    private readonly forward: ForwardFn,
    private readonly onClose: (session: CachedDecodeSession) => void,
  ) {}

  async nextLogits(targetIds: number[], signal?: AbortSignal): Promise<Float32Array> {
    this.checkOpen();
    const run: RunInput = { ...this.input, targetIds, skipWeights: true };
    const mode: ForwardMode = { lastRowOnly: true };
    if (this.cache) mode.encoder = this.cache;
    else mode.keepEncoder = (cache) => this.adopt(cache);
    const result = await this.forward(run, { signal }, mode);
    if (!result.logits) throw new Error('This model has no output head to decode with');
    return result.logits;
  }

  async finish(targetIds: number[], hooks: RunHooks = {}): Promise<ForwardResult> {
    this.checkOpen();
    try {
      const mode: ForwardMode = this.cache ? { encoder: this.cache } : {};
      return await this.forward({ ...this.input, targetIds }, hooks, mode);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache?.memory.dispose();
    this.cache = undefined;
    this.onClose(this);
  }

  /** A cache that arrives after the session closed (disposed mid-run) is freed at once. */
  private adopt(cache: EncoderCache): void {
    if (this.closed) cache.memory.dispose();
    else this.cache = cache;
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('This decode session has ended; open a new one');
  }
}
