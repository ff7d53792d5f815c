/**
 * Building a model while its checkpoint downloads (loader `streamWeights` + engine
 * `startModelBuild`): the weights files arrive through a stream in small uneven chunks, tensors are
 * uploaded before the last byte, and the model is the one the whole-file path builds, bit for bit
 * (same attention weights and logits, exactly); nothing leaks. A truncated stream gives the same
 * readable error as a load that does not build while it downloads, and frees what it had made.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createModel,
  initBackend,
  startModelBuild,
  type AttentionModel,
  type ModelBuild,
} from '../../../src/engine';
import { HfLoadError, loadHfModel, type HfLoadOptions } from '../../../src/loader/hf';
import { fixtureDir } from '../hf/helpers';
import { BASE, fakeFetch } from './fakeHub';

const hub = (id: string) => ({ kind: 'hub' as const, id, baseUrl: BASE });

/** Loads with a model build fed while the weights stream in. */
async function loadBuilding(
  id: string,
  options: HfLoadOptions = {},
): Promise<{ load: Promise<Awaited<ReturnType<typeof loadHfModel>>>; build: () => ModelBuild }> {
  let build: ModelBuild | null = null;
  const load = loadHfModel(hub(id), {
    cache: null,
    ...options,
    streamWeights: (plan) => {
      const b = startModelBuild(plan.config, { expects: plan.expected });
      build = b;
      return { weight: (n, w) => b.add(n, w) };
    },
  });
  return {
    load,
    build: () => {
      if (!build) throw new Error('the loader never started a build');
      return build;
    },
  };
}

async function outputs(model: AttentionModel, ids: number[]) {
  const result = await model.run({
    sourceIds: ids,
    ...(model.config.lmHead || model.config.mlmHead ? { logitsAt: [ids.length - 1] } : {}),
  });
  return { stacks: result.stacks.map((s) => s.weights), logits: result.positionLogits };
}

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
});

describe('a model built while its checkpoint streams in', () => {
  const cases = [
    'tiny-bert', // F32, exact GELU folded into the FFN, masked-LM head
    'tiny-bert-f16',
    'tiny-gpt2-bf16', // c_attn split into q | k | v
    'tiny-gpt2-sharded', // three files, one after the other
    'tiny-llama', // BF16, no biases: zero biases filled at the end
    'tiny-qwen2', // q/k/v biases
    'tiny-gemma3', // q/k norms
    'tiny-pythia', // fused per-head query_key_value
  ];
  for (const id of cases)
    it(`${id}: the same model as the whole-file path, tensors made before the last byte`, async () => {
      const whole = await loadHfModel(hub(id), { cache: null, fetch: fakeFetch() });
      const base = tf.memory().numTensors;
      const reference = createModel(whole.config, whole.weights);
      const before = tf.memory().numTensors;
      let atLastChunk = -1;
      const { load, build } = await loadBuilding(id, {
        fetch: fakeFetch({ onLastChunk: () => (atLastChunk = tf.memory().numTensors) }),
      });
      const streamed = await load;
      // Tensors were uploaded while the file was still arriving.
      expect(atLastChunk).toBeGreaterThan(before);
      expect([...streamed.weights.keys()].sort()).toEqual([...whole.weights.keys()].sort());
      for (const [name, w] of whole.weights) expect(streamed.weights.get(name), name).toEqual(w);
      const model = build().finish(streamed.config, streamed.weights);
      try {
        const ids = Array.from({ length: 6 }, (_, i) => (i * 7 + 3) % whole.config.vocabSize);
        const [want, got] = [await outputs(reference, ids), await outputs(model, ids)];
        expect(got.stacks.length).toBe(want.stacks.length);
        got.stacks.forEach((w, i) => expect(w).toEqual(want.stacks[i]));
        expect(got.logits).toEqual(want.logits);
      } finally {
        model.dispose();
        reference.dispose();
      }
      expect(tf.memory().numTensors).toBe(base); // nothing made ahead was left behind
    });

  it('a truncated stream: the same readable error as today, and what was made is freed', async () => {
    const id = 'tiny-llama';
    const size = readFileSync(path.join(fixtureDir(id), 'model.safetensors')).length;
    const cutAt = Math.floor(size * 0.7) + 3; // mid-tensor, well past the header
    const plain = await loadHfModel(hub(id), { cache: null, fetch: fakeFetch({ cutAt }) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(plain).toBeInstanceOf(HfLoadError);
    const base = tf.memory().numTensors;
    const { load, build } = await loadBuilding(id, { fetch: fakeFetch({ cutAt }) });
    const streamed = await load.then(
      () => null,
      (e: unknown) => e,
    );
    expect(streamed).toBeInstanceOf(HfLoadError);
    expect((streamed as HfLoadError).code).toBe('truncated');
    expect((streamed as HfLoadError).message).toBe((plain as HfLoadError).message);
    expect((streamed as HfLoadError).message).toMatch(
      new RegExp(`^${id}: model\\.safetensors ended after ${cutAt} of ${size} bytes`),
    );
    expect(tf.memory().numTensors).toBeGreaterThan(base); // it had started building
    build().dispose();
    expect(tf.memory().numTensors).toBe(base);
    build().dispose(); // twice is harmless
    expect(tf.memory().numTensors).toBe(base);
  });
});
