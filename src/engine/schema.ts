/** The weights a config needs, with their shapes: used to validate checkpoints and to make random ones. */
import { configProblems } from './configCheck';
import type { TransformerConfig } from './types';
import type { BlockName, WeightMap } from './weights';

/** Head size: headSize when set (Gemma, Qwen3), else dModel / numHeads. */
export const headSizeOf = (config: TransformerConfig): number =>
  config.headSize ?? config.dModel / config.numHeads;

/** Key/value heads: numKvHeads when set (grouped-query attention), else numHeads. */
export const kvHeadsOf = (config: TransformerConfig): number =>
  config.numKvHeads ?? config.numHeads;

function attentionShapes(
  out: Map<string, number[]>,
  prefix: string,
  config: TransformerConfig,
): void {
  const d = config.dModel;
  const dh = headSizeOf(config);
  const q = config.numHeads * dh;
  const kv = kvHeadsOf(config) * dh;
  out.set(`${prefix}.wq`, [d, q]);
  out.set(`${prefix}.wk`, [d, kv]);
  out.set(`${prefix}.wv`, [d, kv]);
  out.set(`${prefix}.wo`, [q, d]);
  out.set(`${prefix}.bq`, [q]);
  out.set(`${prefix}.bk`, [kv]);
  out.set(`${prefix}.bv`, [kv]);
  out.set(`${prefix}.bo`, [d]);
  if (config.qkNorm) {
    out.set(`${prefix}.qnorm`, [dh]);
    out.set(`${prefix}.knorm`, [dh]);
  }
}

/** A norm's weights: gamma and beta (LayerNorm) or gamma alone (RMSNorm). */
function normShapes(out: Map<string, number[]>, prefix: string, config: TransformerConfig): void {
  out.set(`${prefix}.gamma`, [config.dModel]);
  if (config.normKind !== 'rms') out.set(`${prefix}.beta`, [config.dModel]);
}

function blockShapes(
  out: Map<string, number[]>,
  config: TransformerConfig,
  block: BlockName,
  layers: number,
  withCross: boolean,
): void {
  const d = config.dModel;
  for (let i = 0; i < layers; i++) {
    attentionShapes(out, `${block}.${i}.self`, config);
    if (withCross) attentionShapes(out, `${block}.${i}.cross`, config);
    for (let n = 1; n <= (withCross ? 3 : 2); n++) normShapes(out, `${block}.${i}.ln${n}`, config);
    if (config.sandwichNorm) {
      normShapes(out, `${block}.${i}.lnPostAttn`, config);
      normShapes(out, `${block}.${i}.lnPostFfn`, config);
    }
    out.set(`${block}.${i}.ffn.w1`, [d, config.dFF]);
    out.set(`${block}.${i}.ffn.b1`, [config.dFF]);
    if (config.mlpKind === 'gated') {
      out.set(`${block}.${i}.ffn.w3`, [d, config.dFF]);
      out.set(`${block}.${i}.ffn.b3`, [config.dFF]);
    }
    out.set(`${block}.${i}.ffn.w2`, [config.dFF, d]);
    out.set(`${block}.${i}.ffn.b2`, [d]);
  }
  if (config.norm === 'pre') normShapes(out, `${block}.lnf`, config);
}

/** Every weight name the config needs, in a stable order, with its shape. */
export function expectedWeightShapes(config: TransformerConfig): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const d = config.dModel;
  const learned = config.positional === 'learned';
  const positionRows = config.maxPositions + (config.positionOffset ?? 0);
  out.set('embed.tokens', [config.vocabSize, d]);
  if (learned) out.set('embed.positions', [positionRows, d]);
  if (config.typeVocabSize) out.set('embed.types', [config.typeVocabSize, d]);
  if (config.embeddingLayerNorm) normShapes(out, 'embed.ln', config);
  if (config.architecture === 'encoder') {
    blockShapes(out, config, 'encoder', config.numLayers, false);
  } else if (config.architecture === 'decoder') {
    blockShapes(out, config, 'decoder', config.numLayers, false);
  } else {
    const targetVocab = config.targetVocabSize ?? config.vocabSize;
    out.set('target.tokens', [targetVocab, d]);
    if (learned) out.set('target.positions', [positionRows, d]);
    blockShapes(out, config, 'encoder', config.numLayers, false);
    blockShapes(out, config, 'decoder', config.numDecoderLayers ?? config.numLayers, true);
  }
  if (config.lmHead === 'separate') out.set('lm.head', [config.vocabSize, d]);
  if (config.mlmHead) {
    out.set('mlm.dense.w', [d, d]);
    out.set('mlm.dense.b', [d]);
    out.set('mlm.ln.gamma', [d]);
    out.set('mlm.ln.beta', [d]);
    out.set('mlm.bias', [config.vocabSize]);
  }
  if (config.architecture !== 'encoder' && config.outputHead !== false && !config.lmHead) {
    const outVocab =
      config.architecture === 'encoder-decoder'
        ? (config.targetVocabSize ?? config.vocabSize)
        : config.vocabSize;
    out.set('output.w', [d, outVocab]);
    out.set('output.b', [outVocab]);
  }
  return out;
}

const shapeText = (shape: readonly number[]): string => shape.join('x');

/**
 * Checks the config itself (fields, types, limits; see configCheck.ts), with messages a person can
 * act on. Runs before any per-layer loop or allocation.
 */
export function validateConfig(config: TransformerConfig): void {
  const problems = configProblems(config);
  if (problems.length > 0) throw new Error(`Invalid model config: ${problems.join('; ')}`);
}

/** Checks that `weights` holds exactly what the config needs, naming each wrong tensor. */
export function validateWeights(config: TransformerConfig, weights: WeightMap): void {
  const problems: string[] = [];
  for (const [name, shape] of expectedWeightShapes(config)) {
    const w = weights.get(name);
    if (!w) {
      problems.push(`missing tensor ${name} (${shapeText(shape)})`);
      continue;
    }
    if (shapeText(w.shape) !== shapeText(shape))
      problems.push(`tensor ${name} is ${shapeText(w.shape)}, expected ${shapeText(shape)}`);
    else if (w.data.length !== shape.reduce((a, b) => a * b, 1))
      problems.push(`tensor ${name} holds ${w.data.length} values, expected ${shapeText(shape)}`);
  }
  if (problems.length > 0) {
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    throw new Error(`Weights do not fit the config: ${problems.slice(0, 5).join('; ')}${more}`);
  }
}
