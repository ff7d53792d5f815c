/**
 * Measured head importance (src/worker/importance.ts) in Node on tfjs-wasm: on a hand-built model
 * where only one head reaches the output, that head tops the ranking and every other scores 0;
 * the ranking is the same on repeat; the shipped translator ranks its heads on the bank pair by
 * how far the log-probability of its translation falls, and says what it writes with each off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createModel,
  floatValues,
  initBackend,
  type HeadRef,
  type TransformerConfig,
  type WeightMap,
} from '../../../src/engine';
import {
  allHeads,
  distributionScorer,
  measureImportance,
  translatorScorer,
  type Scorer,
} from '../../../src/worker/importance';
import type { ImportanceResult, WorkerResponse } from '../../../src/worker/protocol';
import { makeTranslator, type Translator } from '../../../scripts/eval/translator-metrics';
import { readTranslatorDir } from '../../../scripts/eval/node-files';
import { refRandomWeights } from '../reference/reference';
import { makeConfig } from './helpers';

let translator: Translator;

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
  translator = makeTranslator(readTranslatorDir());
});

afterAll(() => translator?.model.dispose());

async function measure(heads: HeadRef[], scorer: Scorer): Promise<ImportanceResult> {
  const posted: WorkerResponse[] = [];
  let queue = Promise.resolve();
  await measureImportance(1, heads, scorer, 'zero', new AbortController().signal, {
    post: (m) => posted.push(m),
    enqueue: (task) => {
      const done = queue.then(task);
      queue = done.catch(() => {});
      return done;
    },
  });
  const progress = posted.filter((m) => m.type === 'importance-progress');
  expect(progress.at(-1)).toMatchObject({ done: heads.length, total: heads.length });
  const done = posted.find((m) => m.type === 'importance-done');
  if (done?.type !== 'importance-done') throw new Error('no result');
  return done.result;
}

/** A decoder LM whose output projection keeps only layer 2, head 1: no other head reaches it. */
function oneHeadModel(): { config: TransformerConfig; weights: WeightMap } {
  const config: TransformerConfig = {
    ...makeConfig({
      architecture: 'decoder',
      heads: 2,
      headSize: 4,
      layers: 2,
      positional: 'sinusoidal',
      norm: 'pre',
    }),
    outputHead: false,
    lmHead: 'tied',
  };
  const weights = refRandomWeights(config, 11);
  const d = config.dModel;
  for (let layer = 0; layer < 2; layer++) {
    const wo = weights.get(`decoder.${layer}.self.wo`)!;
    const kept = Float32Array.from(floatValues(wo.data), (v, i) =>
      layer === 1 && Math.floor(i / d) < 4 ? v * 4 : 0,
    ); // rows 0–3 of layer 2: head 1's
    weights.set(`decoder.${layer}.self.wo`, { shape: wo.shape, data: kept });
  }
  return { config, weights };
}

describe('head importance', () => {
  it('the head built to matter tops the ranking; the others score 0; repeatable', async () => {
    const { config, weights } = oneHeadModel();
    const model = createModel(config, weights);
    try {
      const ids = [1, 5, 9, 3, 7, 2];
      const scorer = await distributionScorer(model, ids, ids.length - 1, 'kl-next-token');
      const heads = allHeads(config);
      expect(heads).toHaveLength(4);
      const first = await measure(heads, scorer);
      expect(first.metric).toBe('kl-next-token');
      const top = [...first.heads].sort((a, b) => b.score - a.score)[0]!;
      expect(top).toMatchObject({ kind: 'decoder-self', layer: 1, head: 0 });
      expect(top.score).toBeGreaterThan(1e-3);
      for (const h of first.heads) if (h !== top) expect(h.score).toBeLessThan(1e-9);
      const again = await measure(heads, scorer);
      expect(again.heads.map((h) => h.score)).toEqual(first.heads.map((h) => h.score));
    } finally {
      model.dispose();
    }
  });

  it('the translator on "I deposited money in the bank.": log-probability drops, outputs with each head off', async () => {
    const { model, source, target } = translator;
    const ids = source.encode('I deposited money in the bank.').map((t) => t.id);
    const scorer = await translatorScorer(model, ids, {
      bos: target.ids.bos,
      eos: target.ids.eos,
      maxLength: translator.maxTargetLength,
      decode: (out) => target.decode(out),
    });
    expect(scorer.baseline).toContain('银行');
    const heads = allHeads(model.config);
    const result = await measure(heads, scorer);
    expect(result.metric).toBe('logprob-drop');
    expect(result.heads).toHaveLength(heads.length);
    for (const h of result.heads) {
      expect(Number.isFinite(h.score)).toBe(true);
      expect(h.changed).toBe(h.output !== scorer.baseline);
    }
    const ranked = [...result.heads].sort((a, b) => b.score - a.score);
    expect(ranked[0]!.score).toBeGreaterThan(0);
    console.log(
      `bank pair, baseline ${scorer.baseline}; top heads: ${ranked
        .slice(0, 5)
        .map((h) => `${h.kind} L${h.layer + 1}H${h.head + 1} ${h.score.toFixed(3)} → ${h.output}`)
        .join(
          '; ',
        )}; flips 银行: ${result.heads.filter((h) => !h.output?.includes('银行')).length}`,
    );
  });
});
