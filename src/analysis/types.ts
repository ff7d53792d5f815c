/**
 * The small shapes the analysis functions work on. They are defined here (not imported from the
 * engine) so that src/analysis stays pure; the engine's `AttentionStack` and `MaskMatrix` satisfy
 * them structurally.
 */

/**
 * Attention weights of one attention block for every layer and head.
 * `weights` is row-major [layers][heads][queryLength][keyLength]; each row (one query) holds the
 * weights over the keys and sums to 1 over the keys the query may attend to.
 */
export interface AttentionStackLike {
  readonly layers: number;
  readonly heads: number;
  readonly queryLength: number;
  readonly keyLength: number;
  readonly weights: Float32Array;
  /**
   * The mask every layer used, [queryLength][keyLength] (optional). `stackMetrics` reads it for
   * the normalised entropy when no mask is passed in its options.
   */
  readonly mask?: AllowedMask;
}

/** Which keys each query may attend to: `allowed` is row-major [rows][cols], non-zero = allowed. */
export interface AllowedMask {
  readonly rows: number;
  readonly cols: number;
  readonly allowed: ArrayLike<number>;
}

/** A per-key flag, [keyLength]: `true` (or non-zero) marks a key token. */
export type KeyFlags = ArrayLike<boolean | number>;

/** Throws a RangeError unless the stack's dimensions are non-negative integers matching `weights`. */
export function checkStack(stack: AttentionStackLike, what = 'stack'): void {
  const { layers, heads, queryLength, keyLength, weights } = stack;
  for (const [name, v] of [
    ['layers', layers],
    ['heads', heads],
    ['queryLength', queryLength],
    ['keyLength', keyLength],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`${what}: ${name} must be a non-negative integer, got ${v}`);
    }
  }
  const expected = layers * heads * queryLength * keyLength;
  if (weights.length !== expected) {
    throw new RangeError(
      `${what}: weights has ${weights.length} values, expected ` +
        `${layers}×${heads}×${queryLength}×${keyLength} = ${expected}`,
    );
  }
}

/** Throws a RangeError unless the stack is square (self-attention: queryLength === keyLength). */
export function checkSquare(stack: AttentionStackLike, what = 'stack'): void {
  checkStack(stack, what);
  if (stack.queryLength !== stack.keyLength) {
    throw new RangeError(
      `${what}: needs self-attention (queryLength === keyLength), got ` +
        `${stack.queryLength}×${stack.keyLength}`,
    );
  }
}

/** The indices whose flag is set, as an Int32Array (throws if `flags` is not `length` long). */
export function flaggedIndices(
  flags: KeyFlags | undefined,
  length: number,
  what: string,
): Int32Array {
  if (flags === undefined) return new Int32Array(0);
  if (flags.length !== length) {
    throw new RangeError(`${what} has ${flags.length} entries, expected ${length} (one per key)`);
  }
  let count = 0;
  for (let i = 0; i < length; i++) if (flags[i]) count++;
  const out = new Int32Array(count);
  let n = 0;
  for (let i = 0; i < length; i++) if (flags[i]) out[n++] = i;
  return out;
}
