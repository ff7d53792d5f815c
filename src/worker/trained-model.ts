/**
 * Models trained in the Train tab, in the engine worker: each run carries the model as plain data
 * (src/analysis/trainedModel.ts); the engine's Transformer is built from it once per model key
 * (the last one is kept) and run on the text tokenized with the task's vocabulary, streaming each
 * layer like the playground.
 */
import { createModel, type AttentionModel, type NamedArray, type WeightMap } from '../engine';
import { tokenizeTask, type TrainedModel } from '../analysis/trainedModel';
import { trainedEngineConfig } from '../engine/train/trainedConfig';
import type { HfWorkerContext } from './hf-model';
import { interventions } from './interventions';
import { readableError } from './readableError';
import type { BlockInfo, ErrorStage, ModelRequest, RunRequest } from './protocol';

export interface TrainedWorker {
  /** One run of a trained model (call it inside the worker's run queue). */
  execute(
    requestId: number,
    request: RunRequest,
    model: Extract<ModelRequest, { kind: 'trained' }>,
    signal: AbortSignal,
  ): Promise<void>;
  /** Drops the built model's tensors (backend switch; the next run builds it again). */
  disposeBuilt(): void;
}

const isAbort = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

function weightsOf(m: TrainedModel): WeightMap {
  return new Map<string, NamedArray>(
    m.tensors.map((t) => [t.name, { shape: t.shape, data: t.data }]),
  );
}

export function createTrainedWorker(
  ctx: Pick<HfWorkerContext, 'post' | 'ensureBackend' | 'checkSize' | 'runExtras' | 'postDone'>,
): TrainedWorker {
  let built: { key: string; model: AttentionModel; weights: WeightMap } | null = null;

  const disposeBuilt = (): void => {
    built?.model.dispose();
    built = null;
  };

  return {
    disposeBuilt,
    async execute(requestId, request, { model: trained }, signal) {
      let stage: ErrorStage = 'run';
      try {
        if (signal.aborted) return;
        const all = tokenizeTask(request.text, trained.vocab);
        const limit = Math.max(1, Math.min(request.maxTokens, trained.length));
        const tokens = all.slice(0, limit);
        ctx.post({
          type: 'tokens',
          requestId,
          tokens,
          totalTokens: all.length,
          dropped: all.length - tokens.length,
          maxTokens: limit,
        });
        if (tokens.length === 0) {
          ctx.post({ type: 'done', requestId, masks: [], elapsedMs: 0 });
          return;
        }
        const status = await ctx.ensureBackend(request.backend);
        if (signal.aborted) return;
        stage = 'load';
        const config = trainedEngineConfig(trained);
        if (built?.key !== trained.key) {
          disposeBuilt();
          const weights = weightsOf(trained);
          built = { key: trained.key, model: createModel(config, weights), weights };
        }
        const current = built;
        stage = 'run';
        const block: BlockInfo = {
          kind: trained.causal ? 'decoder-self' : 'encoder-self',
          layers: config.numLayers,
          heads: config.numHeads,
          queryLength: tokens.length,
          keyLength: tokens.length,
        };
        ctx.checkSize([block]);
        ctx.post({ type: 'start', requestId, backend: status, blocks: [block] });
        const t0 = performance.now();
        const result = await current.model.run(
          {
            // The page's mask settings belong to the playground: a trained model runs as it
            // was trained (its causal mask, if any, comes from its config).
            sourceIds: tokens.map((t) => t.id),
            intermediates: request.intermediates,
            ...interventions(request),
          },
          {
            signal,
            onLayer: (layer) => {
              if (signal.aborted) return;
              // The engine keeps its array to assemble the full stack: send a copy.
              const weights = layer.weights.slice();
              ctx.post({ type: 'layer', requestId, layer: { ...layer, weights } }, [
                weights.buffer,
              ]);
            },
          },
        );
        if (signal.aborted) return;
        const extras = ctx.runExtras(request, config, result.intermediates, () =>
          current.weights.get('embed.positions'),
        );
        ctx.postDone(requestId, result.stacks, t0, extras);
      } catch (error) {
        if (isAbort(error) || signal.aborted) return;
        ctx.post({ type: 'error', requestId, message: readableError(error), stage });
      }
    },
  };
}
