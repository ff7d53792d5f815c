/**
 * Forward parity of today's decoder LMs: every fixture checkpoint (Llama, SmolLM2, Qwen2, Qwen3,
 * Mistral, Gemma 2, Gemma 3, Pythia, in their Hub layouts and dtypes), loaded by the loader and run
 * by the engine (tfjs wasm, float32), against the independent float64 reference written from the
 * Hugging Face modeling code (llm-reference.ts). Every attention weight of every layer and head,
 * and the last position's logits, must agree within 1e-4, for a tokenized text and for random ids
 * filling the whole position table (past every sliding window).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, initBackend, type AttentionModel } from '../../../src/engine';
import { loadHfModel, type HfModel } from '../../../src/loader/hf';
import { mulberry32 } from '../reference/reference';
import { readCheckpoint, readConfig } from './hf-reference';
import { LLM_FIXTURE_NAMES, fixtureDir, fixtureFiles } from './helpers';
import { llmReference } from './llm-reference';

const TOL = 1e-4;
const worst: Record<string, string> = {};

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

afterAll(() => {
  console.log(
    `max |engine − reference| (attention, last logits): ${Object.entries(worst)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
});

interface Errors {
  attention: number;
  logits: number;
  where: string;
}

/** Largest |engine − reference| over every attention weight and the last position's logits. */
async function errors(name: string, engine: AttentionModel, ids: number[]): Promise<Errors> {
  const T = ids.length;
  const result = await engine.run({ sourceIds: ids, logitsAt: [T - 1] });
  const stack = result.stacks[0];
  if (!stack || !result.positionLogits) throw new Error('no attention stack or logits');
  const ref = llmReference(readConfig(fixtureDir(name)), readCheckpoint(fixtureDir(name)), ids);
  expect(stack.layers).toBe(ref.attention.length);
  expect(stack.heads).toBe(ref.attention[0]?.length);
  let attention = 0;
  let where = '';
  for (let l = 0; l < stack.layers; l++)
    for (let h = 0; h < stack.heads; h++) {
      const r = ref.attention[l]?.[h] as Float64Array;
      for (let i = 0; i < T * T; i++) {
        const diff = Math.abs(
          (stack.weights[(l * stack.heads + h) * T * T + i] as number) - (r[i] as number),
        );
        if (!(diff <= attention)) {
          attention = diff;
          where = `layer ${l} head ${h} q ${Math.floor(i / T)} k ${i % T}`;
        }
      }
    }
  let logits = 0;
  expect(result.positionLogits.length).toBe(ref.lastLogits.length);
  ref.lastLogits.forEach((v, i) => {
    logits = Math.max(logits, Math.abs((result.positionLogits?.[i] as number) - v));
  });
  return { attention, logits, where };
}

describe('decoder LMs: engine vs float64 Hugging Face reference', () => {
  for (const name of LLM_FIXTURE_NAMES) {
    it(`${name}: every layer and head, and the next-token logits`, async () => {
      const model: HfModel = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
      const engine = createModel(model.config, model.weights);
      try {
        const text = model.tokenizer.encodeInput('The bank is near the river. I deposited money.');
        const rand = mulberry32(name.length * 104729);
        const n = model.config.maxPositions;
        const random = Array.from({ length: n }, () => Math.floor(rand() * model.config.vocabSize));
        let attention = 0;
        let logits = 0;
        for (const ids of [text.ids, random]) {
          const e = await errors(name, engine, ids);
          expect(e.attention, `${name}: worst at ${e.where}`).toBeLessThanOrEqual(TOL);
          expect(e.logits, `${name}: last logits`).toBeLessThanOrEqual(TOL);
          attention = Math.max(attention, e.attention);
          logits = Math.max(logits, e.logits);
        }
        worst[name] = `${attention.toExponential(2)} / ${logits.toExponential(2)}`;
      } finally {
        engine.dispose();
      }
    });
  }
});

describe('the comparison is sharp: plausible mistakes in the family tables fail it', () => {
  /** Worst attention-or-logit error of a fixture run with a changed config or weights. */
  const errorWith = async (
    name: string,
    mutate: (model: HfModel) => Pick<HfModel, 'config' | 'weights'>,
  ): Promise<number> => {
    const model = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
    const { config, weights } = mutate(model);
    const engine = createModel(config, weights);
    try {
      const rand = mulberry32(7);
      const ids = Array.from({ length: 24 }, () => Math.floor(rand() * config.vocabSize));
      const e = await errors(name, engine, ids);
      return Math.max(e.attention, e.logits);
    } finally {
      engine.dispose();
    }
  };
  const cases: [string, string, (m: HfModel) => Pick<HfModel, 'config' | 'weights'>][] = [
    ['tiny-llama', 'llama3 RoPE rescaling ignored', (m) => omit(m, 'ropeScaling')],
    ['tiny-mistral', 'sliding window one key wider', (m) => widen(m)],
    [
      'tiny-gemma3',
      'Gemma 3 local layers at the global RoPE base',
      (m) => omit(m, 'ropeLocalBase'),
    ],
    ['tiny-gemma2', 'attention logit soft-capping left out', (m) => omit(m, 'attnSoftcap')],
    ['tiny-gemma2', 'final logit soft-capping left out', (m) => omit(m, 'finalSoftcap')],
    ['tiny-gemma2', "Gemma's sandwich norms left out", (m) => omit(m, 'sandwichNorm')],
    ['tiny-pythia', 'sequential instead of parallel residual', (m) => omit(m, 'parallelResidual')],
    ['tiny-pythia', 'RoPE over the whole head instead of rotary_pct', (m) => omit(m, 'rotaryDim')],
    ['tiny-qwen3', 'q/k norms skipped', (m) => noQkNorm(m)],
    ['tiny-qwen2', 'q/k/v biases dropped', (m) => zeroed(m, /\.self\.b[qkv]$/)],
  ];
  for (const [name, what, mutate] of cases)
    it(`${name}: ${what}`, async () => {
      // 10 × TOL is still ~1000 × the agreement measured above (about 1e-6 to 1e-5).
      expect(await errorWith(name, mutate)).toBeGreaterThan(10 * TOL);
    });
});

function omit(m: HfModel, key: keyof HfModel['config']): Pick<HfModel, 'config' | 'weights'> {
  const config = { ...m.config };
  delete config[key];
  return { config, weights: m.weights };
}

function widen(m: HfModel): Pick<HfModel, 'config' | 'weights'> {
  return {
    config: { ...m.config, slidingWindow: (m.config.slidingWindow ?? 0) + 1 },
    weights: m.weights,
  };
}

function noQkNorm(m: HfModel): Pick<HfModel, 'config' | 'weights'> {
  const weights = new Map([...m.weights].filter(([n]) => !/\.(qnorm|knorm)$/.test(n)));
  return { config: { ...m.config, qkNorm: false }, weights };
}

function zeroed(m: HfModel, names: RegExp): Pick<HfModel, 'config' | 'weights'> {
  const weights = new Map(
    [...m.weights].map(([n, w]) =>
      names.test(n) ? [n, { shape: w.shape, data: new Float32Array(w.data.length) }] : [n, w],
    ),
  );
  return { config: m.config, weights };
}
