/**
 * Measured head importance (issue 16): every head switched off in turn, one forward each, and the
 * change in the model's output by a metric that fits the model. A `Scorer` knows how to run one
 * model on one input; `measureImportance` walks the heads, queueing each forward behind the
 * page's own runs so typing never waits for the whole measurement.
 */
import { klDivergence, logSoftmax, sequenceLogProb } from '../analysis/divergence';
import {
  attentionKindsOf,
  greedyTranslate,
  type AttentionModel,
  type HeadAblation,
  type HeadRef,
  type TransformerConfig,
} from '../engine';
import type { HeadImportance, ImportanceResult, WorkerResponse } from './protocol';

/** What switching some heads off did to one model's output on one input. */
export interface Scorer {
  metric: ImportanceResult['metric'];
  /** Translator: the translation with every head on. */
  baseline?: string;
  score(ablation: HeadAblation, signal: AbortSignal): Promise<Omit<HeadImportance, keyof HeadRef>>;
}

/** Every head of every attention block, in block, layer, head order. */
export function allHeads(config: TransformerConfig): HeadRef[] {
  return attentionKindsOf(config.architecture).flatMap((kind) => {
    const layers =
      kind === 'encoder-self' ? config.numLayers : (config.numDecoderLayers ?? config.numLayers);
    return Array.from({ length: layers * config.numHeads }, (_, i) => ({
      kind,
      layer: Math.floor(i / config.numHeads),
      head: i % config.numHeads,
    }));
  });
}

/**
 * A language model's distribution at one row (the last token's next one, or a masked token's):
 * KL(p‖q) between the intact model's p and q with heads off.
 */
export async function distributionScorer(
  model: AttentionModel,
  sourceIds: number[],
  position: number,
  metric: 'kl-next-token' | 'kl-masked-token',
  tokenTypeIds?: number[],
): Promise<Scorer> {
  const row = async (ablation: HeadAblation | undefined, signal?: AbortSignal) => {
    const result = await model.run(
      {
        sourceIds,
        logitsAt: [position],
        skipWeights: true,
        ...(tokenTypeIds ? { tokenTypeIds } : {}),
        ...(ablation ? { ablation } : {}),
      },
      { signal },
    );
    if (!result.positionLogits) throw new Error('This model has no output to compare');
    return logSoftmax(result.positionLogits);
  };
  const p = await row(undefined);
  return {
    metric,
    score: async (ablation, signal) => ({ score: klDivergence(p, await row(ablation, signal)) }),
  };
}

export interface TranslatorScoring {
  bos: number;
  eos: number;
  maxLength: number;
  decode(ids: number[]): string;
}

/**
 * The translator: how far the log-probability of the translation it produced falls with heads
 * off (teacher forcing over [BOS, y…] predicting [y…, EOS]), and what it writes instead.
 */
export async function translatorScorer(
  model: AttentionModel,
  sourceIds: number[],
  t: TranslatorScoring,
): Promise<Scorer> {
  const vocab = model.config.targetVocabSize ?? model.config.vocabSize;
  const base = await greedyTranslate(model, sourceIds, t);
  const targetIds = [t.bos, ...base.output];
  const next = base.finished ? [...base.output, t.eos] : base.output;
  const logProb = async (ablation: HeadAblation | undefined, signal?: AbortSignal) => {
    const run = await model.run(
      { sourceIds, targetIds, skipWeights: true, ...(ablation ? { ablation } : {}) },
      { signal },
    );
    return sequenceLogProb(run.logits!, vocab, next);
  };
  const baseLogProb = await logProb(undefined);
  const baseline = t.decode(base.output);
  return {
    metric: 'logprob-drop',
    baseline,
    score: async (ablation, signal) => {
      const drop = baseLogProb - (await logProb(ablation, signal));
      const other = await greedyTranslate(model, sourceIds, { ...t, ablation }, { signal });
      const output = t.decode(other.output);
      return { score: drop, output, changed: output !== baseline };
    },
  };
}

export interface MeasureContext {
  post(message: WorkerResponse): void;
  /** Runs `task` after the runs queued before it (tensors are used one task at a time). */
  enqueue(task: () => Promise<void>): Promise<void>;
}

/** Switches each head off in turn, posting progress and then the result (or why not). */
export async function measureImportance(
  requestId: number,
  heads: HeadRef[],
  scorer: Scorer,
  mode: HeadAblation['mode'],
  signal: AbortSignal,
  ctx: MeasureContext,
): Promise<void> {
  const measured: HeadImportance[] = [];
  ctx.post({ type: 'importance-progress', requestId, done: 0, total: heads.length });
  for (const head of heads) {
    await ctx.enqueue(async () => {
      if (signal.aborted) return;
      measured.push({ ...head, ...(await scorer.score({ heads: [head], mode }, signal)) });
    });
    if (signal.aborted) return;
    ctx.post({
      type: 'importance-progress',
      requestId,
      done: measured.length,
      total: heads.length,
    });
  }
  const result: ImportanceResult = {
    metric: scorer.metric,
    mode,
    heads: measured,
    ...(scorer.baseline !== undefined ? { baseline: scorer.baseline } : {}),
  };
  ctx.post({ type: 'importance-done', requestId, result });
}
