/**
 * The configurable Transformer: encoder, decoder-only or encoder–decoder, built from a WeightMap.
 * Each layer runs in its own tf.tidy and its attention weights are read back before the next
 * layer starts, so results stream layer by layer and a superseded run stops between layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  attentionTensors,
  multiHeadAttention,
  attentionFromArrays,
  type AttentionParams,
  type AttentionSetup,
  type HeadOptions,
  type HeadTrace,
  type KeptAttention,
} from './attention';
import { createProbe } from './probe';
import { CachedDecodeSession, type EncoderCache, type ForwardMode } from './decodeSession';
import { attentionKindsOf, causalSlidingMask, intersectMasks, runMasks } from './masks';
import { readInto, viewNow } from './readback';
import { erfGelu } from './wasm-kernels/erfGelu';
import { layerNorm } from './wasm-kernels/layerNorm';
import { activate, linear, rmsNorm } from './ops';
import { foldsGelu, uploadModelWeight, type PrebuiltWeights } from './prebuilt';
import { gatherRows, tableTimes } from './compactTable';
import {
  alibiBias,
  alibiSlopes,
  ropeInverseFrequencies,
  ropeTablesFromFrequencies,
  scaleRopeFrequencies,
  sinusoidalTable,
} from './positional';
import {
  expectedWeightShapes,
  headSizeOf,
  kvHeadsOf,
  validateConfig,
  validateWeights,
} from './schema';
import type {
  AttentionKind,
  AttentionModel,
  AttentionStack,
  DecodeInput,
  DecodeSession,
  ForwardResult,
  HeadIntermediates,
  LayerAttention,
  LayerAttentionType,
  MaskMatrix,
  RunHooks,
  RunInput,
  ScaleSpec,
  TransformerConfig,
} from './types';
import type { BlockName, WeightMap } from './weights';

/** Where a run's attention weights go: the stack it fills. */
interface StackPlan {
  kind: AttentionKind;
  mask: MaskMatrix;
  /** Layers this attention has in the model. */
  layers: number;
  /** [layers][H][Tq][Tk], made when the first layer's weights arrive; each layer is copied in once. */
  weights?: Float32Array;
  /** Layers copied in so far. */
  filled: number;
  /** [layers][H][Tk] value-vector norms, when the run asks for them. */
  valueNorms?: Float32Array;
  /** keepAttention runs: what regenerates each layer's weights, in layer order. */
  kept?: KeptAttention[];
}

/** A stack the run computes: its plan plus the setup its layers share. */
interface AttentionPlan extends StackPlan {
  setup: AttentionSetup;
  /** Per layer, when layers differ (sliding-window and global layers): its setup and mask. */
  layerSetups?: AttentionSetup[];
  layerMasks?: MaskMatrix[];
}

let encoderPasses = 0;

/**
 * How many times any model has run its encoder stack (encoder or encoder–decoder) since the
 * module loaded: a test seam to check that decoding reuses the encoder's output.
 */
export function encoderPassCount(): number {
  return encoderPasses;
}

interface LayerStep {
  x: tf.Tensor2D;
  /** H × [Tq, Tk] */
  selfW: tf.Tensor2D[];
  crossW?: tf.Tensor2D[];
  /** [H, Tk] value-vector norms, when asked for. */
  selfNorms?: tf.Tensor2D;
  crossNorms?: tf.Tensor2D;
  trace?: HeadTrace;
  selfKept?: KeptAttention;
  crossKept?: KeptAttention;
}

function abortError(): Error {
  const error = new Error('The run was superseded by a newer one');
  error.name = 'AbortError';
  return error;
}

export function scaleFactor(spec: ScaleSpec, headSize: number): number {
  if (spec.kind === 'none') return 1;
  if (spec.kind === 'custom') return spec.factor;
  return 1 / Math.sqrt(headSize);
}

class Transformer implements AttentionModel {
  private readonly tensors = new Map<string, tf.Tensor>();
  /** Attention blocks in per-head form, by prefix (e.g. `encoder.0.self`). */
  private readonly attention = new Map<string, AttentionParams>();
  private disposed = false;
  /** Decode sessions still holding an encoder output; model.dispose() ends them. */
  private readonly sessions = new Set<DecodeSession>();

  constructor(
    readonly config: TransformerConfig,
    weights: WeightMap,
    /** Tensors uploaded while the checkpoint downloaded (modelBuild.ts): taken where they fit. */
    prebuilt?: PrebuiltWeights,
  ) {
    validateConfig(config);
    validateWeights(config, weights);
    const attentionParts = /\.(self|cross)\.(wq|wk|wv|wo|bq|bk|bv|bo|qnorm|knorm)$/;
    const prefixes = new Set<string>();
    for (const name of expectedWeightShapes(config).keys()) {
      // Attention blocks are laid out per head from the plain arrays (below), never uploaded whole.
      if (attentionParts.test(name)) {
        prefixes.add(name.replace(attentionParts, '.$1'));
        continue;
      }
      const w = weights.get(name)!;
      this.tensors.set(name, prebuilt?.takeTensor(name, w) ?? uploadModelWeight(config, name, w));
    }
    for (const prefix of prefixes) {
      const part = (p: string) => weights.get(`${prefix}.${p}`);
      this.attention.set(
        prefix,
        prebuilt?.takeBlock(prefix, part) ??
          attentionFromArrays(part, config.numHeads, kvHeadsOf(config)),
      );
    }
    prebuilt?.dispose();
  }

  private t<T extends tf.Tensor>(name: string): T {
    const tensor = this.tensors.get(name);
    if (!tensor) throw new Error(`internal: no tensor ${name}`);
    return tensor as T;
  }

  private attentionParams(prefix: string): AttentionParams {
    const p = this.attention.get(prefix);
    if (!p) throw new Error(`internal: no attention block ${prefix}`);
    return p;
  }

  private ln(prefix: string, x: tf.Tensor2D): tf.Tensor2D {
    if (this.config.normKind === 'rms')
      return rmsNorm(x, this.t(`${prefix}.gamma`), this.config.layerNormEps);
    return layerNorm(
      x,
      this.t(`${prefix}.gamma`),
      this.t(`${prefix}.beta`),
      this.config.layerNormEps,
    );
  }

  /**
   * Token embeddings plus positions (and token types, and the embedding LayerNorm, for the models
   * that have them), [T, d]. `side` is `embed` (source) or `target`.
   */
  private embed(side: 'embed' | 'target', ids: number[], typeIds?: number[]): tf.Tensor2D {
    const { dModel: d, positional, scaleEmbeddings, positionalBase } = this.config;
    const offset = this.config.positionOffset ?? 0;
    return tf.tidy(() => {
      let x = gatherRows(this.t<tf.Tensor2D>(`${side}.tokens`), tf.tensor1d(ids, 'int32'), d); // [T, d]
      if (scaleEmbeddings) x = tf.mul(x, Math.sqrt(d));
      if (positional === 'sinusoidal')
        x = tf.add(x, tf.tensor2d(sinusoidalTable(ids.length, d, positionalBase), [ids.length, d]));
      if (positional === 'learned')
        x = tf.add(
          x,
          tf.slice(this.t<tf.Tensor2D>(`${side}.positions`), [offset, 0], [ids.length, d]),
        );
      if (side === 'embed' && this.config.typeVocabSize) {
        const types = typeIds ?? new Array<number>(ids.length).fill(0);
        x = tf.add(x, tf.gather(this.t<tf.Tensor2D>('embed.types'), tf.tensor1d(types, 'int32')));
      }
      if (side === 'embed' && this.config.embeddingLayerNorm) x = this.ln('embed.ln', x);
      return x;
    });
  }

  /**
   * Mask, scale and position tensors shared by every layer of one attention kind (or, in models
   * whose layers differ, by every layer of one `layerType`).
   */
  private makeSetup(
    mask: MaskMatrix,
    self: boolean,
    scale: number,
    layerType: LayerAttentionType = 'full',
  ): AttentionSetup {
    const { numHeads: heads, positional, positionalBase } = this.config;
    const { rows, cols } = mask;
    const allowedF = Float32Array.from(mask.allowed);
    const maskAdd = allowedF.map((a) => (a ? 0 : -1e9));
    const rowHasKey = new Float32Array(rows);
    for (let q = 0; q < rows; q++)
      rowHasKey[q] = mask.allowed.subarray(q * cols, (q + 1) * cols).includes(1) ? 1 : 0;
    const setup: AttentionSetup = {
      numHeads: heads,
      scale,
      allowed: tf.tensor2d(allowedF, [rows, cols]),
      qkNormEps: this.config.layerNormEps,
    };
    if (this.config.attnSoftcap !== undefined) setup.softcap = this.config.attnSoftcap;
    // Skip the mask arithmetic entirely when nothing is masked (the common, full-attention case).
    if (allowedF.includes(0)) setup.maskAdd = tf.tensor2d(maskAdd, [rows, cols]);
    if (rowHasKey.includes(0)) setup.rowHasKey = tf.tensor2d(rowHasKey, [rows, 1]);
    if (self && positional === 'rope') {
      const r = this.config.rotaryDim ?? headSizeOf(this.config);
      // Gemma 3's sliding layers turn at their own base, unscaled; every other layer alike.
      const local = layerType === 'sliding' && this.config.ropeLocalBase !== undefined;
      const freqs = local
        ? ropeInverseFrequencies(r, this.config.ropeLocalBase)
        : scaleRopeFrequencies(ropeInverseFrequencies(r, positionalBase), this.config.ropeScaling);
      const q = ropeTablesFromFrequencies(rows, freqs);
      const k = ropeTablesFromFrequencies(cols, freqs);
      setup.rope = {
        cosQ: tf.tensor2d(q.cos, [rows, r]),
        sinQ: tf.tensor2d(q.sin, [rows, r]),
        cosK: tf.tensor2d(k.cos, [cols, r]),
        sinK: tf.tensor2d(k.sin, [cols, r]),
      };
    }
    if (self && positional === 'alibi')
      setup.alibi = alibiSlopes(heads).map((slope) =>
        tf.tensor2d(alibiBias(slope, rows, cols), [rows, cols]),
      );
    return setup;
  }

  /** Whether exact GELU runs as the one-pass kernel, with 1/√2 folded into W1, b1 and W2. */
  private foldsGelu(): boolean {
    return foldsGelu(this.config);
  }

  private ffn(prefix: string, x: tf.Tensor2D): tf.Tensor2D {
    const h = tf.add<tf.Tensor2D>(
      tf.matMul(x, this.t<tf.Tensor2D>(`${prefix}.w1`)),
      this.t(`${prefix}.b1`),
    ); // [T, d] x [d, dFF] -> [T, dFF]
    // For exact GELU the load step scaled W1, b1 and W2 by 1/√2 (uploadModelWeight, prebuilt.ts), so
    // GELU(u)·W2 = h·(1 + erf(h))·W2' with h = u/√2: one pass over [T, dFF] on wasm (erfGelu).
    let a = this.foldsGelu() ? erfGelu(h) : activate(h, this.config.activation);
    if (this.config.mlpKind === 'gated') {
      const up = tf.add<tf.Tensor2D>(
        tf.matMul(x, this.t<tf.Tensor2D>(`${prefix}.w3`)),
        this.t(`${prefix}.b3`),
      ); // [T, d] x [d, dFF] -> [T, dFF]
      a = tf.mul(a, up); // act(gate) ⊙ up
    }
    return tf.add<tf.Tensor2D>(
      tf.matMul(a, this.t<tf.Tensor2D>(`${prefix}.w2`)),
      this.t(`${prefix}.b2`),
    ); // [T, dFF] x [dFF, d] -> [T, d]
  }

  /**
   * One layer: self-attention, optional cross-attention over `memory`, FFN; post- or pre-norm.
   * Returns the new hidden state, the stacked weights per attention, and a trace if asked for.
   */
  private layer(
    block: BlockName,
    i: number,
    x: tf.Tensor2D,
    self: AttentionSetup,
    cross?: { setup: AttentionSetup; memory: tf.Tensor2D; options?: HeadOptions },
    selfOptions: HeadOptions = {},
  ): LayerStep {
    const pre = this.config.norm === 'pre';
    const prefix = `${block}.${i}`;
    const lastLn = cross ? 'ln3' : 'ln2';
    const selfIn = pre ? this.ln(`${prefix}.ln1`, x) : x;
    const a = multiHeadAttention(
      selfIn,
      selfIn,
      this.attentionParams(`${prefix}.self`),
      self,
      selfOptions,
    );
    if (this.config.parallelResidual) {
      // GPT-NeoX: both sublayers read the same x; x + Attn(ln1(x)) + FFN(ln2(x)).
      const f = this.ffn(`${prefix}.ffn`, this.ln(`${prefix}.ln2`, x));
      return {
        x: tf.add(tf.add(x, a.output), f),
        selfW: a.weights,
        selfNorms: a.valueNorms,
        trace: a.trace,
        selfKept: a.kept,
      };
    }
    const sandwich = this.config.sandwichNorm === true;
    let h = tf.add<tf.Tensor2D>(x, sandwich ? this.ln(`${prefix}.lnPostAttn`, a.output) : a.output);
    if (!pre) h = this.ln(`${prefix}.ln1`, h);
    let crossW: tf.Tensor2D[] | undefined;
    let crossNorms: tf.Tensor2D | undefined;
    let crossKept: KeptAttention | undefined;
    let trace = a.trace;
    if (cross) {
      const crossIn = pre ? this.ln(`${prefix}.ln2`, h) : h;
      const c = multiHeadAttention(
        crossIn,
        cross.memory,
        this.attentionParams(`${prefix}.cross`),
        cross.setup,
        cross.options,
      );
      h = tf.add<tf.Tensor2D>(h, c.output);
      if (!pre) h = this.ln(`${prefix}.ln2`, h);
      crossW = c.weights;
      crossNorms = c.valueNorms;
      crossKept = c.kept;
      trace = trace ?? c.trace;
    }
    const f = this.ffn(`${prefix}.ffn`, pre ? this.ln(`${prefix}.${lastLn}`, h) : h);
    let out = tf.add<tf.Tensor2D>(h, sandwich ? this.ln(`${prefix}.lnPostFfn`, f) : f);
    if (!pre) out = this.ln(`${prefix}.${lastLn}`, out);
    return {
      x: out,
      selfW: a.weights,
      crossW,
      selfNorms: a.valueNorms,
      crossNorms,
      trace,
      selfKept: a.kept,
      crossKept,
    };
  }

  run(input: RunInput, hooks: RunHooks = {}): Promise<ForwardResult> {
    return this.forward(input, hooks, {});
  }

  openDecode(input: DecodeInput): DecodeSession {
    if (this.disposed) throw new Error('This model was disposed; load it again');
    if (this.config.architecture !== 'encoder-decoder')
      throw new Error(`A ${this.config.architecture} model has no encoder output to decode from`);
    const session = new CachedDecodeSession(
      input,
      (run, hooks, mode) => this.forward(run, hooks, mode),
      (closed) => this.sessions.delete(closed),
    );
    this.sessions.add(session);
    return session;
  }

  private async forward(
    input: RunInput,
    hooks: RunHooks,
    mode: ForwardMode,
  ): Promise<ForwardResult> {
    if (this.disposed) throw new Error('This model was disposed; load it again');
    const cfg = this.config;
    const checkAbort = (): void => {
      if (hooks.signal?.aborted) throw abortError();
    };
    checkAbort();
    const scale = scaleFactor(input.scale ?? cfg.scale, headSizeOf(cfg));
    const isEncDec = cfg.architecture === 'encoder-decoder';
    const sourceIds = input.sourceIds;
    const targetIds = isEncDec ? (input.targetIds ?? []) : [];
    if (sourceIds.length === 0) throw new Error('Nothing to run: the input has no tokens');
    if (isEncDec && targetIds.length === 0)
      throw new Error('Nothing to run: the target has no tokens');
    this.checkIds(sourceIds, cfg.vocabSize, 'source');
    if (isEncDec) this.checkIds(targetIds, cfg.targetVocabSize ?? cfg.vocabSize, 'target');
    if (input.tokenTypeIds) {
      if (!cfg.typeVocabSize) throw new Error('This model has no token types');
      if (input.tokenTypeIds.length !== sourceIds.length)
        throw new Error(`${input.tokenTypeIds.length} token types for ${sourceIds.length} tokens`);
      this.checkIds(input.tokenTypeIds, cfg.typeVocabSize, 'token-type');
    }

    const ablated = this.ablatedHeads(input);
    const setups: AttentionSetup[] = [];
    const keep: tf.Tensor[] = [];
    const plans: StackPlan[] = [];
    const newPlan = (
      kind: AttentionKind,
      mask: MaskMatrix,
      self: boolean,
      layers: number,
    ): AttentionPlan => {
      const setup = this.makeSetup(mask, self, scale);
      const req = input.intermediates;
      if (req && req.kind === kind) setup.traceHead = req.head;
      setups.push(setup);
      const plan: AttentionPlan = { kind, mask, setup, layers, filled: 0 };
      plans.push(plan);
      return plan;
    };
    /**
     * Gives a decoder's plan one setup and mask per layer when its layers differ (sliding-window
     * and global); a model whose every layer slides uses the window as its one mask.
     */
    const perLayer = (plan: AttentionPlan, size: number): void => {
      const types = cfg.layerTypes;
      if (!types?.includes('sliding') || cfg.slidingWindow === undefined) return;
      const sliding = intersectMasks(plan.mask, causalSlidingMask(size, cfg.slidingWindow));
      const slidingSetup = this.makeSetup(sliding, true, scale, 'sliding');
      slidingSetup.traceHead = plan.setup.traceHead;
      setups.push(slidingSetup);
      if (types.every((t) => t === 'sliding')) {
        plan.mask = sliding;
        plan.layerSetups = types.map(() => slidingSetup);
        return;
      }
      plan.layerSetups = types.map((t) => (t === 'sliding' ? slidingSetup : plan.setup));
      plan.layerMasks = types.map((t) => (t === 'sliding' ? sliding : plan.mask));
    };
    let intermediates: HeadIntermediates | undefined;
    let x: tf.Tensor2D | undefined;
    let logits: Float32Array | undefined;
    let positionLogits: Float32Array | undefined;
    let hiddenData: Float32Array;

    // Each head's [Tq, Tk] goes straight to its place in the plan's stack: one copy per weight
    // (from the wasm heap itself on wasm), and the streamed layer is a view of the stack.
    const readLayer = async (
      plan: StackPlan,
      layer: number,
      heads: tf.Tensor2D[],
    ): Promise<void> => {
      const [queryLength, keyLength] = heads[0]!.shape;
      const perHead = queryLength * keyLength;
      const perLayer = heads.length * perHead;
      plan.weights ??= new Float32Array(plan.layers * perLayer);
      for (let h = 0; h < heads.length; h++)
        await readInto(heads[h]!, plan.weights, layer * perLayer + h * perHead);
      plan.filled = layer + 1;
      const streamed: LayerAttention = {
        kind: plan.kind,
        layer,
        heads: heads.length,
        queryLength,
        keyLength,
        weights: plan.weights.subarray(layer * perLayer, (layer + 1) * perLayer),
      };
      hooks.onLayer?.(streamed);
    };

    /** One layer's value norms [H, Tk] into the plan's [layers][H][Tk]. */
    const readNorms = async (plan: StackPlan, layer: number, norms: tf.Tensor2D): Promise<void> => {
      const [heads, keys] = norms.shape;
      plan.valueNorms ??= new Float32Array(plan.layers * heads * keys);
      plan.valueNorms.set(await norms.data(), layer * heads * keys);
    };

    /**
     * Runs every layer of a block, streaming weights unless skipWeights (or `readWeights` says
     * otherwise); returns the block's final state (kept).
     */
    const runBlock = async (
      block: BlockName,
      layers: number,
      x0: tf.Tensor2D,
      selfPlan: AttentionPlan,
      cross?: { plan: AttentionPlan; memory: tf.Tensor2D },
      readWeights = !input.skipWeights && !input.keepAttention,
    ): Promise<tf.Tensor2D> => {
      if (block === 'encoder') encoderPasses++;
      // In `keep` from the start: a run aborted before the first layer frees its embedding too.
      keep.push(x0);
      let h = x0;
      const norms = readWeights && input.valueNorms === true;
      const optionsOf = (kind: AttentionKind, layer: number): HeadOptions => ({
        off: ablated.get(kind)?.get(layer),
        mode: input.ablation?.mode ?? 'zero',
        valueNorms: norms,
        dropWeights: !readWeights && !norms,
        ...(input.keepAttention
          ? {
              keep: {
                onHead: (head: number, w: tf.Tensor2D) =>
                  hooks.onHead?.(kind, layer, head, viewNow(w)),
              },
            }
          : {}),
      });
      for (let i = 0; i < layers; i++) {
        checkAbort();
        const prev = h;
        // tidy keeps every tensor of the returned object; optional fields may be undefined.
        const step = tf.tidy(
          () =>
            this.layer(
              block,
              i,
              prev,
              selfPlan.layerSetups?.[i] ?? selfPlan.setup,
              cross && {
                setup: cross.plan.setup,
                memory: cross.memory,
                options: optionsOf(cross.plan.kind, i),
              },
              optionsOf(selfPlan.kind, i),
            ) as unknown as tf.TensorContainer,
        ) as unknown as LayerStep;
        prev.dispose();
        h = step.x;
        keep.push(h);
        // Kept tensors belong to the run's probes from now on (freed with them, or on failure).
        if (step.selfKept) (selfPlan.kept ??= []).push(step.selfKept);
        if (cross && step.crossKept) (cross.plan.kept ??= []).push(step.crossKept);
        try {
          if (readWeights) {
            await readLayer(selfPlan, i, step.selfW);
            if (cross && step.crossW) await readLayer(cross.plan, i, step.crossW);
          }
          if (step.selfNorms) await readNorms(selfPlan, i, step.selfNorms);
          if (cross && step.crossNorms) await readNorms(cross.plan, i, step.crossNorms);
          const req = input.intermediates;
          if (step.trace && req && req.layer === i) {
            const kind = step.crossW && req.kind === 'cross' ? 'cross' : selfPlan.kind;
            intermediates = await readTrace(step.trace, kind, i, req.head, scale);
          }
        } finally {
          tf.dispose(step.selfW);
          if (step.crossW) tf.dispose(step.crossW);
          tf.dispose([step.selfNorms, step.crossNorms].filter((t) => t !== undefined));
          if (step.trace) tf.dispose(Object.values(step.trace));
        }
      }
      if (cfg.norm === 'pre') {
        const last = h;
        h = tf.tidy(() => this.ln(`${block}.lnf`, last));
        last.dispose();
        keep.push(h);
      }
      return h;
    };

    /**
     * A cached encoder in place of running it: its stack joins the run's plans and, unless the run
     * skips weights, its layers stream in order as if just computed. Its output is not the run's.
     */
    const replayEncoder = (cache: EncoderCache): tf.Tensor2D => {
      const plan: StackPlan = {
        kind: 'encoder-self',
        mask: cache.mask,
        layers: cfg.numLayers,
        weights: cache.weights,
        filled: cfg.numLayers,
        ...(cache.valueNorms ? { valueNorms: cache.valueNorms } : {}),
      };
      plans.push(plan);
      if (!input.skipWeights) {
        const perLayer = cache.weights.length / cfg.numLayers;
        for (let layer = 0; layer < cfg.numLayers; layer++) {
          checkAbort();
          hooks.onLayer?.({
            kind: 'encoder-self',
            layer,
            heads: cfg.numHeads,
            queryLength: cache.mask.rows,
            keyLength: cache.mask.cols,
            weights: cache.weights.subarray(layer * perLayer, (layer + 1) * perLayer),
          });
        }
      }
      return cache.memory;
    };

    try {
      const masks = runMasks(cfg.architecture, input, sourceIds.length, targetIds.length);
      if (cfg.architecture === 'encoder') {
        x = await runBlock(
          'encoder',
          cfg.numLayers,
          this.embed('embed', sourceIds, input.tokenTypeIds),
          newPlan('encoder-self', masks['encoder-self']!, true, cfg.numLayers),
        );
      } else if (cfg.architecture === 'decoder') {
        const plan = newPlan('decoder-self', masks['decoder-self']!, true, cfg.numLayers);
        perLayer(plan, sourceIds.length);
        x = await runBlock(
          'decoder',
          cfg.numLayers,
          this.embed('embed', sourceIds, input.tokenTypeIds),
          plan,
        );
      } else {
        const memory = mode.encoder
          ? replayEncoder(mode.encoder)
          : await runBlock(
              'encoder',
              cfg.numLayers,
              this.embed('embed', sourceIds, input.tokenTypeIds),
              newPlan('encoder-self', masks['encoder-self']!, true, cfg.numLayers),
              undefined,
              !input.keepAttention && (!input.skipWeights || mode.keepEncoder !== undefined),
            );
        if (mode.keepEncoder && !mode.encoder) {
          const encoderPlan = plans[0]!;
          // A clone shares the data: the run's own handle is disposed with `keep` as usual.
          mode.keepEncoder({
            memory: tf.clone(memory),
            mask: encoderPlan.mask,
            weights: encoderPlan.weights!,
            ...(encoderPlan.valueNorms ? { valueNorms: encoderPlan.valueNorms } : {}),
          });
        }
        const decoderLayers = cfg.numDecoderLayers ?? cfg.numLayers;
        const decoderSelf = newPlan('decoder-self', masks['decoder-self']!, true, decoderLayers);
        const crossPlan = newPlan('cross', masks.cross!, false, decoderLayers);
        x = await runBlock('decoder', decoderLayers, this.embed('target', targetIds), decoderSelf, {
          plan: crossPlan,
          memory,
        });
      }
      checkAbort();
      hiddenData = mode.lastRowOnly ? new Float32Array(0) : ((await x.data()) as Float32Array);
      if (input.logitsAt && input.logitsAt.length > 0)
        positionLogits = await this.languageModelLogits(x, input.logitsAt);
      if (cfg.architecture !== 'encoder' && cfg.outputHead !== false && !cfg.lmHead) {
        const final = x;
        const out = tf.tidy(() => {
          const [rows, d] = final.shape;
          // A decode step needs the next token only: project the last row, [1, d] x [d, V].
          const used = mode.lastRowOnly ? tf.slice(final, [rows - 1, 0], [1, d]) : final;
          return tf.add(tf.matMul(used, this.t<tf.Tensor2D>('output.w')), this.t('output.b'));
        });
        logits = (await out.data()) as Float32Array;
        out.dispose();
      }
    } catch (error) {
      for (const plan of plans) for (const k of plan.kept ?? []) tf.dispose([...k.q, ...k.kT]);
      throw error;
    } finally {
      tf.dispose(keep);
      for (const s of setups) {
        tf.dispose([
          s.allowed,
          ...(s.maskAdd ? [s.maskAdd] : []),
          ...(s.rowHasKey ? [s.rowHasKey] : []),
        ]);
        if (s.rope) tf.dispose(Object.values(s.rope));
        if (s.alibi) tf.dispose(s.alibi);
      }
    }
    const kvHeads = kvHeadsOf(cfg) < cfg.numHeads ? kvHeadsOf(cfg) : undefined;
    if (input.keepAttention) {
      const withMasks: (StackPlan & { layerMasks?: MaskMatrix[] })[] = plans;
      return {
        stacks: [],
        probes: withMasks.map((p) =>
          createProbe(
            {
              kind: p.kind,
              heads: cfg.numHeads,
              queryLength: p.mask.rows,
              keyLength: p.mask.cols,
              scale,
              ...(cfg.attnSoftcap !== undefined ? { softcap: cfg.attnSoftcap } : {}),
              alibi: cfg.positional === 'alibi' && p.kind !== 'cross',
              mask: p.mask,
              ...(p.layerMasks ? { layerMasks: p.layerMasks } : {}),
            },
            p.kept ?? [],
          ),
        ),
        intermediates,
        hidden: hiddenData,
        logits,
        ...(positionLogits ? { positionLogits } : {}),
      };
    }
    return {
      stacks: input.skipWeights ? [] : plans.map((p) => assembleStack(p, cfg.numHeads, kvHeads)),
      intermediates,
      hidden: hiddenData,
      logits,
      ...(positionLogits ? { positionLogits } : {}),
    };
  }

  /**
   * Next-token logits of the asked-for rows of the final states `x` [T, d], [n][vocab]: only those
   * rows meet the vocabulary matrix, which stays as stored ([V, d], tied or not) so no transposed
   * matmul is needed: [V, d] x [d, n] -> [V, n].
   */
  private async languageModelLogits(x: tf.Tensor2D, positions: number[]): Promise<Float32Array> {
    const { lmHead, finalSoftcap } = this.config;
    if (!lmHead) throw new Error('This model has no language-model head to predict with');
    const rows = x.shape[0];
    for (const p of positions)
      if (!Number.isInteger(p) || p < 0 || p >= rows)
        throw new Error(`No position ${p} to predict from (the input has ${rows} tokens)`);
    const out = tf.tidy(() => {
      let picked = tf.gather(x, tf.tensor1d(positions, 'int32')); // [n, d]
      if (this.config.mlmHead) {
        // BERT's prediction-head transform: LN(act(x·W + b)), [n, d] x [d, d] -> [n, d].
        const h = linear(picked, this.t('mlm.dense.w'), this.t<tf.Tensor1D>('mlm.dense.b'));
        picked = layerNorm(
          activate(h, this.config.activation),
          this.t('mlm.ln.gamma'),
          this.t('mlm.ln.beta'),
          this.config.layerNormEps,
        );
      }
      const vocab = this.t<tf.Tensor2D>(lmHead === 'tied' ? 'embed.tokens' : 'lm.head'); // [V, d]
      // [V, d] x [d, n] -> [V, n] -> [n, V]; a compact table a block of rows at a time.
      let logits = tf.transpose(tableTimes(vocab, tf.transpose(picked), this.config.dModel));
      if (this.config.mlmHead) logits = tf.add(logits, this.t('mlm.bias'));
      if (finalSoftcap !== undefined)
        logits = tf.mul(tf.tanh(tf.div(logits, finalSoftcap)), finalSoftcap);
      return logits;
    });
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }

  /** The run's switched-off heads by kind and layer, each checked against the model. */
  private ablatedHeads(input: RunInput): Map<AttentionKind, Map<number, Set<number>>> {
    const out = new Map<AttentionKind, Map<number, Set<number>>>();
    const cfg = this.config;
    const kinds = attentionKindsOf(cfg.architecture);
    for (const { kind, layer, head } of input.ablation?.heads ?? []) {
      const layers =
        kind === 'encoder-self' ? cfg.numLayers : (cfg.numDecoderLayers ?? cfg.numLayers);
      const where = `layer ${layer + 1}, head ${head + 1} of the ${kind} attention`;
      if (!kinds.includes(kind)) throw new Error(`Cannot switch off ${where}: this model has none`);
      if (!Number.isInteger(layer) || layer < 0 || layer >= layers)
        throw new Error(`Cannot switch off ${where}: the model has ${layers} layers`);
      if (!Number.isInteger(head) || head < 0 || head >= cfg.numHeads)
        throw new Error(`Cannot switch off ${where}: the model has ${cfg.numHeads} heads`);
      const byLayer = out.get(kind) ?? new Map<number, Set<number>>();
      out.set(kind, byLayer);
      const heads = byLayer.get(layer) ?? new Set<number>();
      byLayer.set(layer, heads.add(head));
    }
    return out;
  }

  private checkIds(ids: number[], vocab: number, side: string): void {
    if (ids.length > this.config.maxPositions)
      throw new Error(
        `The ${side} has ${ids.length} tokens; this model takes at most ${this.config.maxPositions}`,
      );
    for (const id of ids)
      if (!Number.isInteger(id) || id < 0 || id >= vocab)
        throw new Error(`Token id ${id} is outside the ${side} vocabulary (size ${vocab})`);
  }

  dispose(): void {
    if (this.disposed) return;
    for (const session of [...this.sessions]) session.dispose();
    this.disposed = true;
    tf.dispose([...this.tensors.values()]);
    this.tensors.clear();
    for (const p of this.attention.values()) tf.dispose(attentionTensors(p));
    this.attention.clear();
  }
}

async function readTrace(
  trace: HeadTrace,
  kind: AttentionKind,
  layer: number,
  head: number,
  scale: number,
): Promise<HeadIntermediates> {
  const read = async (t: tf.Tensor): Promise<Float32Array> => (await t.data()) as Float32Array;
  const [queryLength, headSize] = trace.q.shape;
  return {
    kind,
    layer,
    head,
    queryLength,
    keyLength: trace.k.shape[0],
    headSize,
    q: await read(trace.q),
    k: await read(trace.k),
    v: await read(trace.v),
    rawScores: await read(trace.rawScores),
    scaledScores: await read(trace.scaledScores),
    maskedScores: await read(trace.maskedScores),
    weights: await read(trace.weights),
    output: await read(trace.output),
    scale,
  };
}

/** The plan's [L, H, Tq, Tk] stack (empty when the run skipped the weights). */
function assembleStack(
  plan: StackPlan & { layerMasks?: MaskMatrix[] },
  heads: number,
  kvHeads?: number,
): AttentionStack {
  const { rows: queryLength, cols: keyLength } = plan.mask;
  const per = heads * queryLength * keyLength;
  const weights = plan.weights?.subarray(0, plan.filled * per) ?? new Float32Array(0);
  return {
    kind: plan.kind,
    layers: plan.weights ? plan.filled : 0,
    heads,
    queryLength,
    keyLength,
    weights,
    mask: plan.mask,
    ...(plan.layerMasks ? { layerMasks: plan.layerMasks } : {}),
    ...(kvHeads !== undefined ? { kvHeads } : {}),
    ...(plan.valueNorms ? { valueNorms: plan.valueNorms } : {}),
  };
}

/** Builds a model from plain weights (validated against the config) on the current backend. */
export function createModel(
  config: TransformerConfig,
  weights: WeightMap,
  /** Tensors made ahead from these weights (see modelBuild.ts); what is not taken is freed. */
  prebuilt?: PrebuiltWeights,
): AttentionModel {
  return new Transformer(config, weights, prebuilt);
}
