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
    { onHead: (kind, l, h, w) => seen.set(`${kind} ${l} ${h}`, w.slice()) },
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
        // Random windows of rows and columns (at least one of each).
        const windows = Array.from({ length: 4 }, () => {
          const r0 = Math.floor(rand() * (T - 1));
          const r1 = r0 + 1 + Math.floor(rand() * (T - r0 - 1));
          const K = stack.keyLength;
          const c0 = Math.floor(rand() * (K - 1));
          const c1 = c0 + 1 + Math.floor(rand() * (K - c0 - 1));
          return { r: [r0, r1] as [number, number], c: [c0, c1] as [number, number] };
        });
        const parts = windows.map((w) => probe.tile(l, heads, w.r, w.c));
        for (const h of heads) {
          const expected = headOf(stack, l, h);
          worst = Math.max(worst, maxDiff(whole[h]!, expected));
          worst = Math.max(worst, maxDiff(seen.get(`${stack.kind} ${l} ${h}`)!, expected));
          windows.forEach((w, i) => {
            const cut = window(expected, stack.keyLength, w.r, w.c);
            worst = Math.max(worst, maxDiff(parts[i]![h]!, cut));
          });
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

  for (const name of ['tiny-llama', 'tiny-gemma2', 'tiny-qwen3'] as const)
    it(`${name} at 600 tokens: windows computed over a span of the keys`, async () => {
      const hf = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
      // RoPE needs no position table: the same weights take 600 tokens.
      const model = createModel({ ...hf.config, maxPositions: 1024 }, hf.weights);
      try {
        const rand = mulberry32(600);
        const ids = Array.from({ length: 600 }, () => Math.floor(rand() * hf.config.vocabSize));
        expect(await compare(model, ids), name).toBeLessThanOrEqual(TOL);
      } finally {
        model.dispose();
      }
    });

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

  it('long rows: windows that need only a span of the keys (causal, and a sliding band)', async () => {
    // 700 tokens: rows [0, 100) of a causal head need keys [0, 240) only (spans are multiples of
    // 240); rows [400, 500) of a band of radius 100 need keys [240, 700).
    const model = playground({
      architecture: 'decoder',
      layers: 1,
      heads: 2,
      dModel: 32,
      maxPositions: 1024,
    });
    const long = Array.from({ length: 700 }, (_, i) => 4 + ((i * 13) % 500));
    try {
      for (const mask of [undefined, { kind: 'window' as const, radius: 100 }]) {
        const extra = mask ? { mask } : {};
        expect(await compare(model, long, extra)).toBeLessThanOrEqual(TOL);
        const full = (await model.run({ sourceIds: long, ...extra })).stacks[0]!;
        const probe = (await model.run({ sourceIds: long, ...extra, keepAttention: true }))
          .probes![0]!;
        try {
          for (const [r, c] of [
            [
              [0, 100],
              [0, 700],
            ],
            [
              [400, 500],
              [0, 700],
            ],
            [
              [0, 100],
              [50, 650],
            ],
            [
              [650, 700],
              [0, 10],
            ],
          ] as [[number, number], [number, number]][]) {
            const [w0, w1] = probe.tile(0, [0, 1], r, c);
            expect(maxDiff(w0!, window(headOf(full, 0, 0), 700, r, c))).toBe(0);
            expect(maxDiff(w1!, window(headOf(full, 0, 1), 700, r, c))).toBe(0);
          }
        } finally {
          probe.dispose();
        }
      }
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
