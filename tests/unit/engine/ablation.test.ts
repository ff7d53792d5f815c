/**
 * Switching heads off and value-weighted attention in the engine (tfjs wasm, float32) against the
 * independent float64 reference (tests/unit/reference/reference.ts), which removes a head's
 * context vectors (zero ablation) or replaces them by their mean over the sentence's positions
 * (mean ablation), and computes Kobayashi et al.'s ‖f(x_j)‖ = ‖v_j·W_O^h‖ by plain loops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attentionKindsOf,
  createModel,
  initBackend,
  type AttentionKind,
  type HeadRef,
  type RunInput,
  type TransformerConfig,
  type WeightMap,
} from '../../../src/engine';
import { mulberry32, refForward, refRandomWeights } from '../reference/reference';
import { ARCHITECTURES, makeConfig, maxAbsDiff, randomIds } from './helpers';

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

const layersOf = (c: TransformerConfig, kind: AttentionKind): number =>
  kind === 'encoder-self' ? c.numLayers : (c.numDecoderLayers ?? c.numLayers);

function allHeads(c: TransformerConfig): HeadRef[] {
  return attentionKindsOf(c.architecture).flatMap((kind) =>
    Array.from({ length: layersOf(c, kind) * c.numHeads }, (_, i) => ({
      kind,
      layer: Math.floor(i / c.numHeads),
      head: i % c.numHeads,
    })),
  );
}

function setup(architecture: TransformerConfig['architecture'], seed: number) {
  const config = makeConfig({
    architecture,
    heads: 3,
    headSize: 4,
    layers: 2,
    positional: 'sinusoidal',
    norm: seed % 2 === 0 ? 'pre' : 'post',
  });
  const weights = refRandomWeights(config, seed);
  const rand = mulberry32(seed * 31);
  const input: RunInput = { sourceIds: randomIds(rand, 6, config.vocabSize) };
  if (architecture === 'encoder-decoder') input.targetIds = randomIds(rand, 5, config.vocabSize);
  return { config, weights, input, rand };
}

async function compare(config: TransformerConfig, weights: WeightMap, input: RunInput) {
  const model = createModel(config, weights);
  try {
    const got = await model.run(input);
    const ref = refForward(config, weights, input);
    for (const [i, stack] of got.stacks.entries())
      expect(maxAbsDiff(ref.stacks[i]!.weights, stack.weights).max).toBeLessThan(1e-5);
    expect(maxAbsDiff(ref.hidden, got.hidden).max).toBeLessThan(1e-4);
    if (ref.logits) expect(maxAbsDiff(ref.logits, got.logits!).max).toBeLessThan(1e-4);
    return { got, ref };
  } finally {
    model.dispose();
  }
}

describe('switching heads off', () => {
  for (const architecture of ARCHITECTURES)
    for (const mode of ['zero', 'mean'] as const)
      it(`${architecture}, ${mode}: equals the float64 reference with those heads' outputs replaced`, async () => {
        const { config, weights, input, rand } = setup(architecture, mode === 'zero' ? 2 : 3);
        const heads = allHeads(config).filter(() => rand() < 0.4);
        expect(heads.length).toBeGreaterThan(0);
        const off = await compare(config, weights, { ...input, ablation: { heads, mode } });
        const on = await compare(config, weights, input);
        // The intervention is real: the output changes.
        expect(maxAbsDiff(on.got.hidden, off.got.hidden).max).toBeGreaterThan(1e-3);
      });

  it("every head of a layer off (zero) removes that attention sublayer's output", async () => {
    const { config, weights, input } = setup('decoder', 4);
    // With b_O = 0, zero-ablating every head leaves the sublayer nothing to add.
    const noBias = new Map(weights);
    noBias.set('decoder.1.self.bo', {
      shape: [config.dModel],
      data: new Float32Array(config.dModel),
    });
    const removed = new Map(noBias);
    const d = config.dModel;
    removed.set('decoder.1.self.wo', { shape: [d, d], data: new Float32Array(d * d) });
    const heads = Array.from({ length: config.numHeads }, (_, head) => ({
      kind: 'decoder-self' as const,
      layer: 1,
      head,
    }));
    const a = createModel(config, noBias);
    const b = createModel(config, removed);
    try {
      const off = await a.run({ ...input, ablation: { heads, mode: 'zero' } });
      const without = await b.run(input);
      expect(maxAbsDiff(without.hidden, off.hidden).max).toBeLessThan(1e-6);
      // Its own attention weights are still computed and returned, unchanged.
      const plain = await a.run(input);
      expect(off.stacks[0]!.weights).toEqual(plain.stacks[0]!.weights);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('every head off still runs; no tensor is left behind', async () => {
    const { config, weights, input } = setup('encoder-decoder', 5);
    const model = createModel(config, weights);
    const before = tf.memory().numTensors;
    const out = await model.run({
      ...input,
      ablation: { heads: allHeads(config), mode: 'mean' },
      valueNorms: true,
    });
    expect(out.logits?.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('names a head the model does not have', async () => {
    const { config, weights, input } = setup('decoder', 6);
    const model = createModel(config, weights);
    await expect(
      model.run({
        ...input,
        ablation: { heads: [{ kind: 'decoder-self', layer: 0, head: 3 }], mode: 'zero' },
      }),
    ).rejects.toThrow(
      'Cannot switch off layer 1, head 4 of the decoder-self attention: the model has 3 heads',
    );
    await expect(
      model.run({
        ...input,
        ablation: { heads: [{ kind: 'cross', layer: 0, head: 0 }], mode: 'zero' },
      }),
    ).rejects.toThrow(
      'Cannot switch off layer 1, head 1 of the cross attention: this model has none',
    );
    model.dispose();
  });
});

describe('value-weighted attention: ‖f(x_j)‖ per head and key', () => {
  for (const architecture of ARCHITECTURES)
    it(`${architecture}: every layer, head and key against the float64 reference`, async () => {
      const { config, weights, input } = setup(architecture, 7);
      const { got, ref } = await compare(config, weights, { ...input, valueNorms: true });
      for (const stack of got.stacks) {
        const norms = stack.valueNorms!;
        expect(norms).toHaveLength(stack.layers * stack.heads * stack.keyLength);
        for (let l = 0; l < stack.layers; l++)
          for (let h = 0; h < stack.heads; h++) {
            const expected = ref.valueNorms!.get(`${stack.kind}/${l}/${h}`)!;
            const at = (l * stack.heads + h) * stack.keyLength;
            const row = norms.subarray(at, at + stack.keyLength);
            expect(maxAbsDiff(expected, row).max).toBeLessThan(1e-4);
          }
      }
    });

  it('the translator-style decode session keeps the encoder norms', async () => {
    const { config, weights, input } = setup('encoder-decoder', 8);
    const model = createModel(config, weights);
    try {
      const session = model.openDecode!({ sourceIds: input.sourceIds, valueNorms: true });
      await session.nextLogits([1]);
      const finished = await session.finish(input.targetIds!);
      const direct = await model.run({ ...input, valueNorms: true });
      for (const [i, stack] of finished.stacks.entries())
        expect(stack.valueNorms).toEqual(direct.stacks[i]!.valueNorms);
    } finally {
      model.dispose();
    }
  });
});
