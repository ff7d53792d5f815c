/**
 * An independent float64 reference of the engine's forward, written from the specification in
 * src/engine/weights.ts (top comment) and the MaskSpec docs in src/engine/types.ts.
 *
 * Plain loops over Float64Array; no tfjs and no engine code except *types*. Masks, positions
 * (sinusoid, RoPE, ALiBi slopes), GELU (with our own erf), LayerNorm and softmax are all
 * re-implemented here.
 *
 * The only thing we cannot derive independently is BigBird's random key columns: the PRNG is
 * engine-defined. For 'bigbird' the caller therefore passes the engine's own `buildMask` output
 * (`options.bigbirdMask`); the reference builds window + globals itself and takes only the
 * *extra* columns from that matrix (and `bigbirdExtrasOk` lets tests check the engine's matrix
 * contains window + globals).
 */
import type {
  AttentionKind,
  IntermediatesRequest,
  MaskMatrix,
  MaskSpec,
  RunInput,
  ScaleSpec,
  TransformerConfig,
} from '../../../src/engine/types';
import { floatValues, type WeightMap } from '../../../src/engine/weights';
import { mulberry32 } from '../../../src/lib/random';

// ---------------------------------------------------------------------------------------------
// Scalar maths
// ---------------------------------------------------------------------------------------------

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf in float64. |x| < 3: Maclaurin series (terms peak below 1e4, so ~1e-13 absolute error).
 * |x| ≥ 3: erfc by its continued fraction (modified Lentz), erf = 1 − erfc. |x| > 6: ±1.
 */
export function refErf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (ax > 6) return sign;
  if (ax < 3) {
    // erf(x) = 2/√π Σ_n (−1)^n x^(2n+1) / (n! (2n+1))
    let term = ax; // x^(2n+1)/n!, n = 0
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return sign * TWO_OVER_SQRT_PI * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  // As a continued fraction b0 + a1/(b1 + a2/(b2 + …)) with b_i = x, a_i = i/2.
  const tiny = 1e-300;
  let f = ax;
  let c = ax;
  let dd = 0;
  for (let i = 1; i < 500; i++) {
    const a = i / 2;
    dd = ax + a * dd;
    if (Math.abs(dd) < tiny) dd = tiny;
    c = ax + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    dd = 1 / dd;
    const delta = c * dd;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return sign * (1 - erfc);
}

export const refGelu = (x: number): number => 0.5 * x * (1 + refErf(x / Math.SQRT2));

export const refGeluTanh = (x: number): number =>
  0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

export const refRelu = (x: number): number => (x > 0 ? x : 0);

// ---------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------

/** PE[pos][2i] = sin(pos / base^(2i/d)), PE[pos][2i+1] = cos(pos / base^(2i/d)); [T][d]. */
export function refSinusoidal(positions: number, d: number, base: number): Float64Array {
  const out = new Float64Array(positions * d);
  for (let pos = 0; pos < positions; pos++) {
    for (let j = 0; j < d; j++) {
      const i2 = j - (j % 2); // 2i
      const angle = pos / Math.pow(base, i2 / d);
      out[pos * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}

function powerOfTwoSlopes(n: number): number[] {
  const out: number[] = [];
  for (let h = 0; h < n; h++) out.push(Math.pow(2, (-8 * (h + 1)) / n));
  return out;
}

/** ALiBi slopes (Press et al.), including the recipe for a head count that is not a power of 2. */
export function refAlibiSlopes(heads: number): number[] {
  if (heads <= 0) return [];
  const n = Math.pow(2, Math.floor(Math.log2(heads)));
  if (n === heads) return powerOfTwoSlopes(heads);
  const out = powerOfTwoSlopes(n);
  const extra = powerOfTwoSlopes(2 * n);
  for (let i = 0; out.length < heads; i += 2) {
    const s = extra[i];
    if (s === undefined) throw new Error('alibi: ran out of slopes');
    out.push(s);
  }
  return out;
}

/** Rotates one head's rows in place, rotate_half convention; row t is at position t. */
function applyRope(x: Float64Array, rows: number, dh: number, base: number): void {
  const half = dh / 2;
  for (let pos = 0; pos < rows; pos++) {
    for (let i = 0; i < half; i++) {
      const theta = pos * Math.pow(base, (-2 * i) / dh);
      const c = Math.cos(theta);
      const s = Math.sin(theta);
      const a = at(x, pos * dh + i);
      const b = at(x, pos * dh + i + half);
      x[pos * dh + i] = a * c - b * s;
      x[pos * dh + i + half] = b * c + a * s;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Masks
// ---------------------------------------------------------------------------------------------

export interface RefMaskOptions {
  /** The engine's buildMask output for a bigbird spec: its extra (random) columns are used. */
  bigbirdMask?: MaskMatrix;
}

function windowAllowed(q: number, k: number, radius: number): boolean {
  return Math.abs(q - k) <= radius;
}

/** Window + globals part of global-window / bigbird (no random keys). */
function globalWindowAllowed(q: number, k: number, radius: number, globals: number[]): boolean {
  return windowAllowed(q, k, radius) || globals.includes(q) || globals.includes(k);
}

/**
 * The mask of a spec as a [rows][cols] 0/1 matrix (self-attention: rows = cols = T).
 * `true` (1) = the query row may attend the key column.
 */
export function refMask(
  spec: MaskSpec,
  rows: number,
  cols: number,
  options: RefMaskOptions = {},
): MaskMatrix {
  const allowed = new Uint8Array(rows * cols);
  for (let q = 0; q < rows; q++) {
    for (let k = 0; k < cols; k++) {
      let ok: boolean;
      switch (spec.kind) {
        case 'none':
          ok = true;
          break;
        case 'causal':
          ok = k <= q;
          break;
        case 'padding':
          ok = k < spec.validLength;
          break;
        case 'window':
          ok = windowAllowed(q, k, spec.radius);
          break;
        case 'dilated': {
          const diff = q - k;
          ok = Math.abs(diff) <= spec.radius * spec.dilation && diff % spec.dilation === 0;
          break;
        }
        case 'global-window':
          ok = globalWindowAllowed(q, k, spec.radius, spec.globalTokens);
          break;
        case 'bigbird': {
          ok = globalWindowAllowed(q, k, spec.radius, spec.globalTokens);
          if (!ok) {
            const ext = options.bigbirdMask;
            if (!ext) throw new Error('refMask: bigbird needs the engine mask for its random keys');
            if (ext.rows !== rows || ext.cols !== cols) throw new Error('refMask: bigbird size');
            ok = ext.allowed[q * cols + k] === 1;
          }
          break;
        }
        case 'custom':
          if (spec.size !== rows || spec.size !== cols) throw new Error('refMask: custom size');
          ok = spec.allowed[q * spec.size + k] === 1;
          break;
      }
      allowed[q * cols + k] = ok ? 1 : 0;
    }
  }
  return { rows, cols, allowed };
}

function andMasks(a: MaskMatrix, b: MaskMatrix): MaskMatrix {
  const allowed = new Uint8Array(a.rows * a.cols);
  for (let i = 0; i < allowed.length; i++) allowed[i] = at8(a.allowed, i) & at8(b.allowed, i);
  return { rows: a.rows, cols: a.cols, allowed };
}

// ---------------------------------------------------------------------------------------------
// Linear algebra helpers
// ---------------------------------------------------------------------------------------------

function at(a: ArrayLike<number>, i: number): number {
  const v = a[i];
  if (v === undefined) throw new Error(`index ${i} out of range (${a.length})`);
  return v;
}

function at8(a: Uint8Array, i: number): number {
  const v = a[i];
  if (v === undefined) throw new Error(`index ${i} out of range (${a.length})`);
  return v;
}

class Weights {
  constructor(private readonly map: WeightMap) {}

  get(name: string, shape: number[]): Float64Array {
    const w = this.map.get(name);
    if (!w) throw new Error(`reference: missing weight ${name}`);
    if (w.shape.length !== shape.length || w.shape.some((s, i) => s !== shape[i])) {
      throw new Error(`reference: ${name} has shape [${w.shape}], expected [${shape}]`);
    }
    return Float64Array.from(floatValues(w.data));
  }
}

/** y = x·W + b; x [rows][inDim], W [inDim][outDim], b [outDim]. */
function linear(
  x: Float64Array,
  rows: number,
  inDim: number,
  w: Float64Array,
  b: Float64Array,
  outDim: number,
): Float64Array {
  const y = new Float64Array(rows * outDim);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outDim; o++) {
      let s = at(b, o);
      for (let i = 0; i < inDim; i++) s += at(x, r * inDim + i) * at(w, i * outDim + o);
      y[r * outDim + o] = s;
    }
  }
  return y;
}

function layerNorm(
  x: Float64Array,
  rows: number,
  d: number,
  gamma: Float64Array,
  beta: Float64Array,
  eps: number,
): Float64Array {
  const y = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += at(x, r * d + j);
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (at(x, r * d + j) - mean) ** 2;
    variance /= d;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let j = 0; j < d; j++) {
      y[r * d + j] = (at(x, r * d + j) - mean) * inv * at(gamma, j) + at(beta, j);
    }
  }
  return y;
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  const y = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) y[i] = at(a, i) + at(b, i);
  return y;
}

// ---------------------------------------------------------------------------------------------
// The forward
// ---------------------------------------------------------------------------------------------

export interface RefStack {
  kind: AttentionKind;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  /** [layers][heads][Tq][Tk] */
  weights: Float64Array;
  mask: MaskMatrix;
}

export interface RefIntermediates {
  kind: AttentionKind;
  layer: number;
  head: number;
  queryLength: number;
  keyLength: number;
  headSize: number;
  q: Float64Array;
  k: Float64Array;
  v: Float64Array;
  rawScores: Float64Array;
  scaledScores: Float64Array;
  /** −Infinity where masked. */
  maskedScores: Float64Array;
  weights: Float64Array;
  output: Float64Array;
  scale: number;
}

export interface RefForwardResult {
  stacks: RefStack[];
  intermediates?: RefIntermediates;
  hidden: Float64Array;
  logits?: Float64Array;
  /** When the run asked for them: ‖f(x_j)‖ by `kind/layer/head`, [Tk] each. */
  valueNorms?: Map<string, Float64Array>;
}

export function refScaleFactor(spec: ScaleSpec, headSize: number): number {
  switch (spec.kind) {
    case 'default':
      return 1 / Math.sqrt(headSize);
    case 'none':
      return 1;
    case 'custom':
      return spec.factor;
  }
}

interface AttentionArgs {
  kind: AttentionKind;
  block: 'encoder' | 'decoder';
  attn: 'self' | 'cross';
  layer: number;
  xq: Float64Array;
  tq: number;
  xkv: Float64Array;
  tk: number;
  mask: MaskMatrix;
  rope: boolean;
  alibi: boolean;
}

interface Ctx {
  config: TransformerConfig;
  w: Weights;
  d: number;
  heads: number;
  dh: number;
  scale: number;
  request?: IntermediatesRequest;
  intermediates?: RefIntermediates;
  /** Switched-off heads (RunInput.ablation), as `kind/layer/head`. */
  off: Set<string>;
  ablationMode: 'zero' | 'mean';
  /** When the run asks for them: ‖f(x_j)‖ per kind, [layers·heads·Tk] entries by key `kind/layer/head`. */
  valueNorms?: Map<string, Float64Array>;
}

/** Multi-head attention; writes this layer's [H][Tq][Tk] weights into `stackWeights`. */
function attention(ctx: Ctx, a: AttentionArgs, stackWeights: Float64Array): Float64Array {
  const { d, heads, dh, scale } = ctx;
  const name = (part: string): string => `${a.block}.${a.layer}.${a.attn}.${part}`;
  const Q = linear(a.xq, a.tq, d, ctx.w.get(name('wq'), [d, d]), ctx.w.get(name('bq'), [d]), d);
  const K = linear(a.xkv, a.tk, d, ctx.w.get(name('wk'), [d, d]), ctx.w.get(name('bk'), [d]), d);
  const V = linear(a.xkv, a.tk, d, ctx.w.get(name('wv'), [d, d]), ctx.w.get(name('bv'), [d]), d);
  const slopes = a.alibi ? refAlibiSlopes(heads) : [];
  const concat = new Float64Array(a.tq * d);
  const { tq, tk } = a;
  for (let h = 0; h < heads; h++) {
    const qh = new Float64Array(tq * dh);
    const kh = new Float64Array(tk * dh);
    const vh = new Float64Array(tk * dh);
    for (let t = 0; t < tq; t++) {
      for (let i = 0; i < dh; i++) qh[t * dh + i] = at(Q, t * d + h * dh + i);
    }
    for (let t = 0; t < tk; t++) {
      for (let i = 0; i < dh; i++) {
        kh[t * dh + i] = at(K, t * d + h * dh + i);
        vh[t * dh + i] = at(V, t * d + h * dh + i);
      }
    }
    if (a.rope) {
      applyRope(qh, tq, dh, ctx.config.positionalBase);
      applyRope(kh, tk, dh, ctx.config.positionalBase);
    }
    const raw = new Float64Array(tq * tk);
    const scaled = new Float64Array(tq * tk);
    const masked = new Float64Array(tq * tk);
    const wts = new Float64Array(tq * tk);
    const out = new Float64Array(tq * dh);
    const slope = a.alibi ? at(slopes, h) : 0;
    for (let qi = 0; qi < tq; qi++) {
      for (let ki = 0; ki < tk; ki++) {
        let s = 0;
        for (let i = 0; i < dh; i++) s += at(qh, qi * dh + i) * at(kh, ki * dh + i);
        raw[qi * tk + ki] = s;
        let sc = s * scale;
        if (a.alibi) sc -= slope * Math.abs(qi - ki);
        scaled[qi * tk + ki] = sc;
        masked[qi * tk + ki] = at8(a.mask.allowed, qi * tk + ki) === 1 ? sc : -Infinity;
      }
      // Softmax over the allowed keys; a row without any is all zeros.
      let max = -Infinity;
      for (let ki = 0; ki < tk; ki++) max = Math.max(max, at(masked, qi * tk + ki));
      if (max !== -Infinity) {
        let sum = 0;
        for (let ki = 0; ki < tk; ki++) {
          const m = at(masked, qi * tk + ki);
          const e = m === -Infinity ? 0 : Math.exp(m - max);
          wts[qi * tk + ki] = e;
          sum += e;
        }
        for (let ki = 0; ki < tk; ki++) wts[qi * tk + ki] = at(wts, qi * tk + ki) / sum;
      }
      for (let i = 0; i < dh; i++) {
        let s = 0;
        for (let ki = 0; ki < tk; ki++) s += at(wts, qi * tk + ki) * at(vh, ki * dh + i);
        out[qi * dh + i] = s;
        concat[qi * d + h * dh + i] = s;
      }
    }
    // A switched-off head: its context vectors become zeros, or their mean over the rows.
    if (ctx.off.has(`${a.kind}/${a.layer}/${h}`))
      for (let i = 0; i < dh; i++) {
        let mean = 0;
        for (let qi = 0; qi < tq; qi++) mean += at(out, qi * dh + i) / tq;
        for (let qi = 0; qi < tq; qi++)
          concat[qi * d + h * dh + i] = ctx.ablationMode === 'mean' ? mean : 0;
      }
    // Kobayashi et al.'s f(x_j) = v_j·W_O^h (head h's rows of W_O, no bias): its norm per key.
    if (ctx.valueNorms) {
      const wo = ctx.w.get(name('wo'), [d, d]);
      const norms = new Float64Array(tk);
      for (let ki = 0; ki < tk; ki++) {
        let sq = 0;
        for (let o = 0; o < d; o++) {
          let f = 0;
          for (let i = 0; i < dh; i++) f += at(vh, ki * dh + i) * at(wo, (h * dh + i) * d + o);
          sq += f * f;
        }
        norms[ki] = Math.sqrt(sq);
      }
      ctx.valueNorms.set(`${a.kind}/${a.layer}/${h}`, norms);
    }
    stackWeights.set(wts, (a.layer * heads + h) * tq * tk);
    const req = ctx.request;
    if (req && req.kind === a.kind && req.layer === a.layer && req.head === h) {
      ctx.intermediates = {
        kind: a.kind,
        layer: a.layer,
        head: h,
        queryLength: tq,
        keyLength: tk,
        headSize: dh,
        q: qh,
        k: kh,
        v: vh,
        rawScores: raw,
        scaledScores: scaled,
        maskedScores: masked,
        weights: wts,
        output: out,
        scale,
      };
    }
  }
  return linear(concat, tq, d, ctx.w.get(name('wo'), [d, d]), ctx.w.get(name('bo'), [d]), d);
}

function ffn(ctx: Ctx, block: string, layer: number, x: Float64Array, t: number): Float64Array {
  const { d } = ctx;
  const f = ctx.config.dFF;
  const p = `${block}.${layer}.ffn.`;
  const h = linear(x, t, d, ctx.w.get(`${p}w1`, [d, f]), ctx.w.get(`${p}b1`, [f]), f);
  const act =
    ctx.config.activation === 'relu'
      ? refRelu
      : ctx.config.activation === 'gelu'
        ? refGelu
        : refGeluTanh;
  for (let i = 0; i < h.length; i++) h[i] = act(at(h, i));
  return linear(h, t, f, ctx.w.get(`${p}w2`, [f, d]), ctx.w.get(`${p}b2`, [d]), d);
}

function ln(ctx: Ctx, prefix: string, x: Float64Array, t: number): Float64Array {
  const { d } = ctx;
  return layerNorm(
    x,
    t,
    d,
    ctx.w.get(`${prefix}.gamma`, [d]),
    ctx.w.get(`${prefix}.beta`, [d]),
    ctx.config.layerNormEps,
  );
}

function embed(
  ctx: Ctx,
  tokensName: string,
  positionsName: string,
  vocab: number,
  ids: number[],
): Float64Array {
  const { d, config } = ctx;
  const t = ids.length;
  const table = ctx.w.get(tokensName, [vocab, d]);
  const mul = config.scaleEmbeddings ? Math.sqrt(d) : 1;
  let pos: Float64Array | undefined;
  if (config.positional === 'sinusoidal') pos = refSinusoidal(t, d, config.positionalBase);
  if (config.positional === 'learned') {
    pos = ctx.w.get(positionsName, [config.maxPositions, d]).subarray(0, t * d);
  }
  const x = new Float64Array(t * d);
  ids.forEach((id, r) => {
    if (id < 0 || id >= vocab) throw new Error(`reference: id ${id} outside vocabulary`);
    for (let j = 0; j < d; j++) {
      x[r * d + j] = at(table, id * d + j) * mul + (pos ? at(pos, r * d + j) : 0);
    }
  });
  return x;
}

interface BlockArgs {
  block: 'encoder' | 'decoder';
  selfKind: AttentionKind;
  layers: number;
  x: Float64Array;
  t: number;
  selfMask: MaskMatrix;
  /** Encoder states and the cross mask, for an encoder-decoder decoder. */
  cross?: { enc: Float64Array; ts: number; mask: MaskMatrix };
}

function runBlock(ctx: Ctx, b: BlockArgs): { x: Float64Array; stacks: RefStack[] } {
  const { heads } = ctx;
  const pre = ctx.config.norm === 'pre';
  const rope = ctx.config.positional === 'rope';
  const alibi = ctx.config.positional === 'alibi';
  const selfW = new Float64Array(b.layers * heads * b.t * b.t);
  const crossW = b.cross ? new Float64Array(b.layers * heads * b.t * b.cross.ts) : undefined;
  let x = b.x;
  const t = b.t;
  for (let l = 0; l < b.layers; l++) {
    const p = `${b.block}.${l}`;
    const self = (input: Float64Array): Float64Array =>
      attention(
        ctx,
        {
          kind: b.selfKind,
          block: b.block,
          attn: 'self',
          layer: l,
          xq: input,
          tq: t,
          xkv: input,
          tk: t,
          mask: b.selfMask,
          rope,
          alibi,
        },
        selfW,
      );
    const cross = (input: Float64Array): Float64Array => {
      if (!b.cross || !crossW) throw new Error('unreachable');
      return attention(
        ctx,
        {
          kind: 'cross',
          block: b.block,
          attn: 'cross',
          layer: l,
          xq: input,
          tq: t,
          xkv: b.cross.enc,
          tk: b.cross.ts,
          mask: b.cross.mask,
          rope: false,
          alibi: false,
        },
        crossW,
      );
    };
    const lastLn = b.cross ? `${p}.ln3` : `${p}.ln2`;
    if (pre) {
      x = add(x, self(ln(ctx, `${p}.ln1`, x, t)));
      if (b.cross) x = add(x, cross(ln(ctx, `${p}.ln2`, x, t)));
      x = add(x, ffn(ctx, b.block, l, ln(ctx, lastLn, x, t), t));
    } else {
      x = ln(ctx, `${p}.ln1`, add(x, self(x)), t);
      if (b.cross) x = ln(ctx, `${p}.ln2`, add(x, cross(x)), t);
      x = ln(ctx, lastLn, add(x, ffn(ctx, b.block, l, x, t)), t);
    }
  }
  if (pre) x = ln(ctx, `${b.block}.lnf`, x, t);
  const stacks: RefStack[] = [
    {
      kind: b.selfKind,
      layers: b.layers,
      heads,
      queryLength: t,
      keyLength: t,
      weights: selfW,
      mask: b.selfMask,
    },
  ];
  if (b.cross && crossW) {
    stacks.push({
      kind: 'cross',
      layers: b.layers,
      heads,
      queryLength: t,
      keyLength: b.cross.ts,
      weights: crossW,
      mask: b.cross.mask,
    });
  }
  return { x, stacks };
}

/**
 * The reference forward. Stacks come in the order encoder-self; decoder-self, cross.
 * Mask rules (weights.ts): the encoder (or decoder-only) self-attention uses the run's mask;
 * a decoder-only model ANDs it with causal; the decoder of an encoder-decoder model uses causal
 * (the run's mask is about the source); cross-attention masks source padding (a 'padding'
 * run mask), otherwise allows everything.
 */
export function refForward(
  config: TransformerConfig,
  weights: WeightMap,
  input: RunInput,
  options: RefMaskOptions = {},
): RefForwardResult {
  const d = config.dModel;
  const heads = config.numHeads;
  const dh = d / heads;
  const scaleSpec = input.scale ?? config.scale;
  const ctx: Ctx = {
    config,
    w: new Weights(weights),
    d,
    heads,
    dh,
    scale: refScaleFactor(scaleSpec, dh),
    request: input.intermediates,
    off: new Set((input.ablation?.heads ?? []).map((r) => `${r.kind}/${r.layer}/${r.head}`)),
    ablationMode: input.ablation?.mode ?? 'zero',
    ...(input.valueNorms ? { valueNorms: new Map<string, Float64Array>() } : {}),
  };
  const spec: MaskSpec = input.mask ?? { kind: 'none' };
  const ts = input.sourceIds.length;
  const runMask = refMask(spec, ts, ts, options);

  let result: RefForwardResult;
  if (config.architecture === 'encoder') {
    const x0 = embed(ctx, 'embed.tokens', 'embed.positions', config.vocabSize, input.sourceIds);
    const enc = runBlock(ctx, {
      block: 'encoder',
      selfKind: 'encoder-self',
      layers: config.numLayers,
      x: x0,
      t: ts,
      selfMask: runMask,
    });
    result = { stacks: enc.stacks, hidden: enc.x };
  } else if (config.architecture === 'decoder') {
    const x0 = embed(ctx, 'embed.tokens', 'embed.positions', config.vocabSize, input.sourceIds);
    const dec = runBlock(ctx, {
      block: 'decoder',
      selfKind: 'decoder-self',
      layers: config.numLayers,
      x: x0,
      t: ts,
      selfMask: andMasks(runMask, refMask({ kind: 'causal' }, ts, ts)),
    });
    const v = config.vocabSize;
    const logits = linear(
      dec.x,
      ts,
      d,
      ctx.w.get('output.w', [d, v]),
      ctx.w.get('output.b', [v]),
      v,
    );
    result = { stacks: dec.stacks, hidden: dec.x, logits };
  } else {
    const targetIds = input.targetIds;
    if (!targetIds) throw new Error('reference: encoder-decoder needs targetIds');
    const tt = targetIds.length;
    const tv = config.targetVocabSize ?? config.vocabSize;
    const xs = embed(ctx, 'embed.tokens', 'embed.positions', config.vocabSize, input.sourceIds);
    const enc = runBlock(ctx, {
      block: 'encoder',
      selfKind: 'encoder-self',
      layers: config.numLayers,
      x: xs,
      t: ts,
      selfMask: runMask,
    });
    const crossMask =
      spec.kind === 'padding' ? refMask(spec, tt, ts) : refMask({ kind: 'none' }, tt, ts);
    const xt = embed(ctx, 'target.tokens', 'target.positions', tv, targetIds);
    const dec = runBlock(ctx, {
      block: 'decoder',
      selfKind: 'decoder-self',
      layers: config.numDecoderLayers ?? config.numLayers,
      x: xt,
      t: tt,
      selfMask: refMask({ kind: 'causal' }, tt, tt),
      cross: { enc: enc.x, ts, mask: crossMask },
    });
    const logits = linear(
      dec.x,
      tt,
      d,
      ctx.w.get('output.w', [d, tv]),
      ctx.w.get('output.b', [tv]),
      tv,
    );
    result = { stacks: [...enc.stacks, ...dec.stacks], hidden: dec.x, logits };
  }
  if (ctx.intermediates) result.intermediates = ctx.intermediates;
  if (ctx.valueNorms) result.valueNorms = ctx.valueNorms;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Random weights that follow the names of weights.ts (a normal sampler of its own, not the engine's)
// ---------------------------------------------------------------------------------------------

/** The project's seeded PRNG (src/lib/random.ts); the normal sampler below is the reference's own. */
export { mulberry32 };

/** Standard normal sampler (Box–Muller) over a uniform source. */
export function gaussian(rand: () => number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/**
 * A full WeightMap for `config` with N(0, std²) matrices and biases, LayerNorm gammas around 1 and
 * small betas. Every name is built from the weights.ts list, not from engine code.
 */
export function refRandomWeights(config: TransformerConfig, seed: number, std = 0.3): WeightMap {
  const normal = gaussian(mulberry32(seed));
  const map: WeightMap = new Map();
  const d = config.dModel;
  const put = (name: string, shape: number[], mean: number, s: number): void => {
    const n = shape.reduce((p, c) => p * c, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = mean + s * normal();
    map.set(name, { shape, data });
  };
  const hasTarget = config.architecture === 'encoder-decoder';
  const tv = config.targetVocabSize ?? config.vocabSize;
  put('embed.tokens', [config.vocabSize, d], 0, std);
  if (config.positional === 'learned') put('embed.positions', [config.maxPositions, d], 0, std);
  if (hasTarget) {
    put('target.tokens', [tv, d], 0, std);
    if (config.positional === 'learned') put('target.positions', [config.maxPositions, d], 0, std);
  }
  const addBlock = (block: 'encoder' | 'decoder', layers: number, withCross: boolean): void => {
    for (let l = 0; l < layers; l++) {
      const attns: ('self' | 'cross')[] = withCross ? ['self', 'cross'] : ['self'];
      for (const a of attns) {
        for (const m of ['wq', 'wk', 'wv', 'wo']) put(`${block}.${l}.${a}.${m}`, [d, d], 0, std);
        for (const b of ['bq', 'bk', 'bv', 'bo']) put(`${block}.${l}.${a}.${b}`, [d], 0, std / 3);
      }
      const lns = withCross ? ['ln1', 'ln2', 'ln3'] : ['ln1', 'ln2'];
      for (const n of lns) {
        put(`${block}.${l}.${n}.gamma`, [d], 1, 0.1);
        put(`${block}.${l}.${n}.beta`, [d], 0, 0.1);
      }
      put(`${block}.${l}.ffn.w1`, [d, config.dFF], 0, std);
      put(`${block}.${l}.ffn.b1`, [config.dFF], 0, std / 3);
      put(`${block}.${l}.ffn.w2`, [config.dFF, d], 0, std);
      put(`${block}.${l}.ffn.b2`, [d], 0, std / 3);
    }
    if (config.norm === 'pre') {
      put(`${block}.lnf.gamma`, [d], 1, 0.1);
      put(`${block}.lnf.beta`, [d], 0, 0.1);
    }
  };
  if (config.architecture === 'encoder') addBlock('encoder', config.numLayers, false);
  if (config.architecture === 'decoder') addBlock('decoder', config.numLayers, false);
  if (hasTarget) {
    addBlock('encoder', config.numLayers, false);
    addBlock('decoder', config.numDecoderLayers ?? config.numLayers, true);
  }
  if (config.architecture !== 'encoder') {
    const outVocab = hasTarget ? tv : config.vocabSize;
    put('output.w', [d, outVocab], 0, std);
    put('output.b', [outVocab], 0, std / 3);
  }
  return map;
}
