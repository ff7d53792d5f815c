/**
 * Forward parity: every fixture checkpoint, loaded by the loader and run by the engine (tfjs wasm,
 * float32), against the independent float64 reference of the Hugging Face model written directly
 * over the checkpoint's tensor names (hf-reference.ts). Every attention weight of every layer and
 * head must agree within 1e-4, for a tokenized text (a sentence pair with token types for BERT
 * models) and for random ids filling the whole position table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createModel,
  initBackend,
  type AttentionModel,
  type NamedArray,
} from '../../../src/engine';
import { loadHfModel, type HfModel } from '../../../src/loader/hf';
import { mulberry32 } from '../reference/reference';
import {
  hfReferenceAttention,
  hfReferenceMlmLogits,
  readCheckpoint,
  readConfig,
  type RefFamily,
} from './hf-reference';
import { FIXTURE_NAMES, fixtureDir, fixtureFiles } from './helpers';

const TOL = 1e-4;
const worst: Record<string, number> = {};

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

afterAll(() => {
  console.log(
    `max |engine − reference| over all attention weights: ${Object.entries(worst)
      .map(([k, v]) => `${k} ${v.toExponential(2)}`)
      .join(', ')}`,
  );
});

/** Largest |engine − reference| over every attention weight of one input. */
async function maxError(
  name: string,
  model: Pick<HfModel, 'family'>,
  engine: AttentionModel,
  ids: number[],
  types: number[] | undefined,
  engineTypes = types,
): Promise<number> {
  const result = await engine.run({ sourceIds: ids, tokenTypeIds: engineTypes });
  const stack = result.stacks[0];
  if (!stack) throw new Error('no attention stack');
  const ref = hfReferenceAttention(
    model.family as RefFamily,
    readConfig(fixtureDir(name)),
    readCheckpoint(fixtureDir(name)),
    ids,
    types,
  );
  let max = 0;
  ref.forEach((layer, l) =>
    layer.forEach((r, h) =>
      r.forEach((v, i) => {
        const got = stack.weights[(l * stack.heads + h) * ids.length * ids.length + i] as number;
        max = Math.max(max, Math.abs(got - v));
      }),
    ),
  );
  return max;
}

async function compare(
  name: string,
  model: HfModel,
  engine: AttentionModel,
  ids: number[],
  types: number[] | undefined,
): Promise<number> {
  const result = await engine.run({ sourceIds: ids, tokenTypeIds: types });
  const stack = result.stacks[0];
  if (!stack) throw new Error('no attention stack');
  expect(stack.kind).toBe(
    model.config.architecture === 'decoder' ? 'decoder-self' : 'encoder-self',
  );
  const family = model.family as RefFamily;
  const ref = hfReferenceAttention(
    family,
    readConfig(fixtureDir(name)),
    readCheckpoint(fixtureDir(name)),
    ids,
    types,
  );
  const T = ids.length;
  expect(stack.layers).toBe(ref.length);
  expect(stack.heads).toBe(ref[0]?.length);
  let max = 0;
  let where = '';
  for (let l = 0; l < stack.layers; l++)
    for (let h = 0; h < stack.heads; h++) {
      const r = ref[l]?.[h] as Float64Array;
      for (let i = 0; i < T * T; i++) {
        const got = stack.weights[(l * stack.heads + h) * T * T + i] as number;
        const diff = Math.abs(got - (r[i] as number));
        if (!(diff <= max)) {
          max = diff;
          where = `layer ${l} head ${h} q ${Math.floor(i / T)} k ${i % T}`;
        }
      }
    }
  expect(max, `${name}: worst at ${where}`).toBeLessThanOrEqual(TOL);
  return max;
}

describe('engine vs float64 Hugging Face reference', () => {
  for (const name of FIXTURE_NAMES) {
    it(`${name}: every layer and head`, async () => {
      const model = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
      const engine = createModel(model.config, model.weights);
      try {
        const tok = model.tokenizer;
        const enc = tok.supportsPairs
          ? tok.encodeInput('The big dog ran in the park!', 'She sat on the bank of the river.')
          : tok.encodeInput('The cat sat on the mat. Where did the dog go?');
        if (model.config.typeVocabSize === 2) expect(enc.tokenTypeIds).toContain(1);
        let max = await compare(name, model, engine, enc.ids, enc.tokenTypeIds);
        // Random ids over the whole position table (its last row included), random token types.
        const rand = mulberry32(name.length * 7919);
        const n = model.config.maxPositions;
        const ids = Array.from({ length: n }, () => Math.floor(rand() * model.config.vocabSize));
        if (model.family === 'roberta')
          for (let i = 0; i < n; i++) if (ids[i] === model.padTokenId) ids[i] = 5;
        const types = model.config.typeVocabSize
          ? ids.map(() => Math.floor(rand() * (model.config.typeVocabSize ?? 1)))
          : undefined;
        max = Math.max(max, await compare(name, model, engine, ids, types));
        worst[name] = max;
      } finally {
        engine.dispose();
      }
    });
  }
});

describe('the comparison is sharp: plausible loader mistakes fail it', () => {
  const input = async (name: string) => {
    const model = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
    const enc = model.tokenizer.supportsPairs
      ? model.tokenizer.encodeInput(
          'The big dog ran in the park!',
          'She sat on the bank of the river.',
        )
      : model.tokenizer.encodeInput('The cat sat on the mat. Where did the dog go?');
    return { model, ids: enc.ids, types: enc.tokenTypeIds };
  };
  const errorWith = async (
    name: string,
    mutate: (model: HfModel) => { config: HfModel['config']; weights: HfModel['weights'] },
    /** Changes the token types the engine gets (the reference keeps the real ones). */
    types?: (t: number[] | undefined) => number[] | undefined,
  ): Promise<number> => {
    const { model, ids, types: t } = await input(name);
    const { config, weights } = mutate(model);
    const engine = createModel(config, weights);
    try {
      return await maxError(name, model, engine, ids, t, types ? types(t) : t);
    } finally {
      engine.dispose();
    }
  };
  it('nn.Linear left untransposed', async () => {
    const e = await errorWith('tiny-bert', (m) => {
      const weights = new Map(m.weights);
      const wq = m.weights.get('encoder.0.self.wq') as NamedArray;
      // The checkpoint's [out][in] read as the engine's [in][out]: the loader forgot the turn.
      expect(wq.transposed).toBe(true);
      weights.set('encoder.0.self.wq', { ...wq, transposed: false });
      return { config: m.config, weights };
    });
    expect(e).toBeGreaterThan(100 * TOL);
  });

  it("RoBERTa's position offset off by one", async () => {
    const e = await errorWith('tiny-roberta', (m) => ({
      config: { ...m.config, positionOffset: 1, maxPositions: m.config.maxPositions + 1 },
      weights: m.weights,
    }));
    expect(e).toBeGreaterThan(100 * TOL);
  });

  it('token types ignored', async () => {
    const e = await errorWith(
      'tiny-bert',
      (m) => m,
      (t) => t?.map(() => 0),
    );
    expect(e).toBeGreaterThan(100 * TOL);
  });

  it("GPT-2's q and k swapped in the c_attn split", async () => {
    const e = await errorWith('tiny-gpt2', (m) => {
      const weights = new Map(m.weights);
      weights.set(
        'decoder.1.self.wq',
        m.weights.get('decoder.1.self.wk') as { shape: number[]; data: Float32Array },
      );
      weights.set(
        'decoder.1.self.wk',
        m.weights.get('decoder.1.self.wq') as { shape: number[]; data: Float32Array },
      );
      return { config: m.config, weights };
    });
    expect(e).toBeGreaterThan(100 * TOL);
  });

  it('exact GELU where the checkpoint wants the tanh form, and a wrong LayerNorm eps', async () => {
    const gelu = await errorWith('tiny-gpt2', (m) => ({
      config: { ...m.config, activation: 'gelu' },
      weights: m.weights,
    }));
    const eps = await errorWith('tiny-distilbert', (m) => ({
      config: { ...m.config, layerNormEps: 1e-2 },
      weights: m.weights,
    }));
    console.log(
      `gelu vs gelu_tanh: ${gelu.toExponential(2)}; eps 1e-2 vs 1e-12: ${eps.toExponential(2)}`,
    );
    expect(gelu).toBeGreaterThan(TOL);
    expect(eps).toBeGreaterThan(TOL);
  });
});

describe('masked-LM heads: the fillers of a masked token against the float64 reference', () => {
  for (const name of ['tiny-bert', 'tiny-roberta', 'tiny-distilbert'] as const)
    it(`${name}: logits of the masked row`, async () => {
      const model = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
      expect(model.config).toMatchObject({ mlmHead: true, lmHead: 'tied' });
      const mask = model.tokenizer.maskToken;
      if (!mask) throw new Error('no mask token');
      const enc = model.tokenizer.encodeInput('The big dog ran in the park!');
      const ids = enc.ids.slice();
      ids[3] = mask.id;
      const engine = createModel(model.config, model.weights);
      try {
        const result = await engine.run({
          sourceIds: ids,
          tokenTypeIds: enc.tokenTypeIds,
          logitsAt: [3],
        });
        const ref = hfReferenceMlmLogits(
          model.family as 'bert' | 'roberta' | 'distilbert',
          readConfig(fixtureDir(name)),
          readCheckpoint(fixtureDir(name)),
          ids,
          3,
          enc.tokenTypeIds,
        );
        const got = result.positionLogits!;
        expect(got).toHaveLength(ref.length);
        let max = 0;
        ref.forEach((v, i) => (max = Math.max(max, Math.abs((got[i] as number) - v))));
        worst[`${name} fillers`] = max;
        expect(max).toBeLessThanOrEqual(TOL);
      } finally {
        engine.dispose();
      }
    });

  it('a checkpoint without the head (BertModel) loads without it', async () => {
    const model = await loadHfModel({ kind: 'files', files: fixtureFiles('tiny-bert-f16') });
    expect(model.config.mlmHead).toBeUndefined();
    expect(model.config.lmHead).toBeUndefined();
  });
});
