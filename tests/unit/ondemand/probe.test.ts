/**
 * Attention on demand (RunInput.keepAttention): for every decoder-LM fixture (Llama, SmolLM2,
 * Qwen2, Qwen3, Mistral and Gemma 2/3 with sliding-window layers, Gemma 2's soft-cap, Pythia's
 * partial rotary), every head of every layer recomputed by the probe, whole and as a window, equals
 * the full path's weights (run without keepAttention), and so do the weights shown to onHead.
 * Also: a BERT encoder (padding mask), a GPT-2 decoder, and an ALiBi playground model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  createModel,
  createPlaygroundWeights,
  DEFAULT_PLAYGROUND,
  initBackend,
  playgroundConfig,
  type AttentionModel,
  type AttentionProbe,
  type AttentionStack,
  type PlaygroundOptions,
  type RunInput,
} from '../../../src/engine';
import { loadHfModel } from '../../../src/loader/hf';
import { mulberry32 } from '../reference/reference';
import { LLM_FIXTURE_NAMES, fixtureFiles } from '../hf/helpers';

/**
 * Exact: the probe runs the forward's own ops (headWeights) on the forward's own q and Kᵀ, and
 * softmaxes whole rows before cutting columns, so every weight is bit-identical (measured: 0 on
 * XNNPACK's matmul for every row subset tried). A nonzero bound would hide a wrong mask row or
 * RoPE offset only when its error happened to be small.
 */
const TOL = 0;
let worstSeen = 0;

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

afterAll(() => {
  console.log(`on-demand vs full path: largest |difference| ${worstSeen}`);
});

/** Largest |a − b| of two equal-length arrays. */
function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Head h of layer l of a stack, [Tq][Tk]. */
function headOf(stack: AttentionStack, l: number, h: number): Float32Array {
  const size = stack.queryLength * stack.keyLength;
  const at = (l * stack.heads + h) * size;
  return stack.weights.subarray(at, at + size);
}

/** Rows [r0, r1) × cols [c0, c1) of a row-major matrix with `cols` columns. */
function window(m: Float32Array, cols: number, r: [number, number], c: [number, number]) {
  const out = new Float32Array((r[1] - r[0]) * (c[1] - c[0]));
  for (let i = r[0]; i < r[1]; i++)
    out.set(m.subarray(i * cols + c[0], i * cols + c[1]), (i - r[0]) * (c[1] - c[0]));
  return out;
}

/** Compares the on-demand path with the full path on `ids`; returns the worst difference. */
async function compare(
  model: AttentionModel,
  ids: number[],
  extra: Omit<RunInput, 'sourceIds'> = {},
): Promise<number> {
  const full = await model.run({ sourceIds: ids, ...extra });
  const seen = new Map<string, Float32Array>();
  const before = tf.memory().numTensors;
  const onDemand = await model.run(
    { sourceIds: ids, ...extra, keepAttention: true },
    { onHead: (kind, l, h, w) => seen.set(`${kind} ${l} ${h}`, w) },
  );
  const probes = onDemand.probes as AttentionProbe[];
  expect(onDemand.stacks).toEqual([]);
  // The model's output is the same whichever way the weights were handled (one head at a time).
  expect(onDemand.hidden).toEqual(full.hidden);
  const skipped = await model.run({ sourceIds: ids, ...extra, skipWeights: true });
  expect(skipped.hidden).toEqual(full.hidden);
  expect(probes.length).toBe(full.stacks.length);
  let worst = 0;
  const rand = mulberry32(ids.length);
  try {
    for (const [i, stack] of full.stacks.entries()) {
      const probe = probes[i]!;
      const T = stack.queryLength;
      expect([probe.kind, probe.layers, probe.heads, probe.queryLength]).toEqual([
        stack.kind,
        stack.layers,
        stack.heads,
        T,
      ]);
      expect(probe.mask).toEqual(stack.mask);
      expect(probe.layerMasks).toEqual(stack.layerMasks);
      for (let l = 0; l < stack.layers; l++) {
        const heads = Array.from({ length: stack.heads }, (_, h) => h);
        const whole = probe.tile(l, heads, [0, T], [0, stack.keyLength]);
        // A random window of rows and columns (at least one of each).
        const r0 = Math.floor(rand() * (T - 1));
        const r1 = r0 + 1 + Math.floor(rand() * (T - r0 - 1));
        const K = stack.keyLength;
        const c0 = Math.floor(rand() * (K - 1));
        const c1 = c0 + 1 + Math.floor(rand() * (K - c0 - 1));
        const part = probe.tile(l, heads, [r0, r1], [c0, c1]);
        for (const h of heads) {
          const expected = headOf(stack, l, h);
          worst = Math.max(worst, maxDiff(whole[h]!, expected));
          worst = Math.max(worst, maxDiff(seen.get(`${stack.kind} ${l} ${h}`)!, expected));
          const cut = window(expected, stack.keyLength, [r0, r1], [c0, c1]);
          worst = Math.max(worst, maxDiff(part[h]!, cut));
        }
      }
    }
  } finally {
    for (const p of probes) p.dispose();
  }
  worstSeen = Math.max(worstSeen, worst);
  // Everything the on-demand run kept is freed with its probes.
  expect(tf.memory().numTensors).toBe(before);
  return worst;
}

describe('on-demand attention equals the full path, head by head', () => {
  for (const name of LLM_FIXTURE_NAMES) {
    it(`${name}: every layer and head, whole and a window`, async () => {
      const hf = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
      const model = createModel(hf.config, hf.weights);
      try {
        const text = hf.tokenizer.encodeInput('The bank is near the river. I deposited money.');
        const rand = mulberry32(name.length * 7919);
        // Random ids over the whole position table: past every sliding window.
        const random = Array.from({ length: hf.config.maxPositions }, () =>
          Math.floor(rand() * hf.config.vocabSize),
        );
        for (const ids of [text.ids, random])
          expect(await compare(model, ids), name).toBeLessThanOrEqual(TOL);
      } finally {
        model.dispose();
      }
    });
  }

  for (const name of ['tiny-bert', 'tiny-gpt2'] as const)
    it(`${name}: a padded encoder and a learned-position decoder`, async () => {
      const hf = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
      const model = createModel(hf.config, hf.weights);
      try {
        const ids = hf.tokenizer.encodeInput('A short sentence, with a comma.').ids;
        expect(await compare(model, ids)).toBeLessThanOrEqual(TOL);
      } finally {
        model.dispose();
      }
    });

  const playground = (patch: Partial<PlaygroundOptions>): AttentionModel => {
    const config = playgroundConfig({ ...DEFAULT_PLAYGROUND, ...patch });
    return createModel(config, createPlaygroundWeights(config, 3));
  };
  const ids = Array.from({ length: 20 }, (_, i) => 4 + ((i * 7) % 30));

  it('an ALiBi playground decoder with a windowed mask', async () => {
    const model = playground({ architecture: 'decoder', positional: 'alibi' });
    try {
      expect(
        await compare(model, ids, { mask: { kind: 'window', radius: 3 } }),
      ).toBeLessThanOrEqual(TOL);
    } finally {
      model.dispose();
    }
  });

  it('an encoder–decoder: encoder, decoder and cross attention', async () => {
    const model = playground({ architecture: 'encoder-decoder', positional: 'rope' });
    try {
      expect(await compare(model, ids, { targetIds: ids.slice(0, 12) })).toBeLessThanOrEqual(TOL);
    } finally {
      model.dispose();
    }
  });
});

describe('probe requests outside the block', () => {
  it('throws readable errors, and after dispose', async () => {
    const hf = await loadHfModel({ kind: 'files', files: fixtureFiles('tiny-llama') });
    const model = createModel(hf.config, hf.weights);
    try {
      const result = await model.run({ sourceIds: [1, 2, 3, 4], keepAttention: true });
      const probe = result.probes![0]!;
      expect(() => probe.tile(99, [0], [0, 4], [0, 4])).toThrow(/No layer 99/);
      expect(() => probe.tile(0, [99], [0, 4], [0, 4])).toThrow(/No head 99/);
      expect(() => probe.tile(0, [0], [2, 2], [0, 4])).toThrow(/Rows \[2, 2\)/);
      expect(() => probe.tile(0, [0], [0, 4], [0, 5])).toThrow(/Columns/);
      expect(probe.bytes).toBeGreaterThan(0);
      probe.dispose();
      expect(() => probe.tile(0, [0], [0, 4], [0, 4])).toThrow(/released/);
      probe.dispose();
    } finally {
      model.dispose();
    }
  });
});
