/**
 * RunHooks: an aborted signal rejects with an AbortError (before the run or between layers), and
 * onLayer streams each layer of each attention block once, in order, with exactly the weights
 * the final stacks hold.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createModel,
  initBackend,
  type ArchitectureKind,
  type AttentionKind,
  type LayerAttention,
  type RunInput,
} from '../../../src/engine';
import { refRandomWeights } from '../reference/reference';
import { makeConfig } from './helpers';

const ARCHS: ArchitectureKind[] = ['encoder', 'decoder', 'encoder-decoder'];

function inputFor(architecture: ArchitectureKind): RunInput {
  const input: RunInput = { sourceIds: [3, 1, 4, 1, 5] };
  if (architecture === 'encoder-decoder') input.targetIds = [0, 2, 6];
  return input;
}

describe('run hooks', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });

  for (const architecture of ARCHS) {
    it(`${architecture}: an already aborted signal rejects with AbortError`, async () => {
      const config = makeConfig({
        architecture,
        heads: 2,
        headSize: 4,
        layers: 2,
        positional: 'rope',
      });
      const model = createModel(config, refRandomWeights(config, 1));
      try {
        const onLayer = (): void => {
          throw new Error('no layer should run');
        };
        const run = model.run(inputFor(architecture), { signal: AbortSignal.abort(), onLayer });
        await expect(run).rejects.toMatchObject({ name: 'AbortError' });
        // The model is still usable afterwards.
        const ok = await model.run(inputFor(architecture));
        expect(ok.stacks.length).toBeGreaterThan(0);
      } finally {
        model.dispose();
      }
    });

    it(`${architecture}: aborting between layers stops the run with AbortError`, async () => {
      const config = makeConfig({
        architecture,
        heads: 2,
        headSize: 4,
        layers: 3,
        positional: 'none',
      });
      const model = createModel(config, refRandomWeights(config, 2));
      try {
        const controller = new AbortController();
        const seen: LayerAttention[] = [];
        const run = model.run(inputFor(architecture), {
          signal: controller.signal,
          onLayer: (layer) => {
            seen.push(layer);
            controller.abort();
          },
        });
        await expect(run).rejects.toSatisfy(
          (e: unknown) => e instanceof Error && e.name === 'AbortError',
        );
        // It stopped between layers: at most the first layer's blocks were streamed.
        expect(seen.length).toBeGreaterThanOrEqual(1);
        expect(seen.every((l) => l.layer === 0)).toBe(true);
      } finally {
        model.dispose();
      }
    });

    it(`${architecture}: onLayer streams every layer once, in order, with the final weights`, async () => {
      const config = makeConfig({
        architecture,
        heads: 3,
        headSize: 2,
        layers: 3,
        decoderLayers: 2,
        positional: 'alibi',
      });
      const model = createModel(config, refRandomWeights(config, 3));
      try {
        const seen: LayerAttention[] = [];
        const result = await model.run(
          { ...inputFor(architecture), mask: { kind: 'window', radius: 1 } },
          { onLayer: (l) => seen.push(l) },
        );
        const expectedLayers: Record<AttentionKind, number> = {
          'encoder-self': architecture === 'decoder' ? 0 : config.numLayers,
          'decoder-self':
            architecture === 'encoder'
              ? 0
              : architecture === 'decoder'
                ? config.numLayers
                : (config.numDecoderLayers ?? config.numLayers),
          cross: architecture === 'encoder-decoder' ? (config.numDecoderLayers ?? 0) : 0,
        };
        const total = Object.values(expectedLayers).reduce((a, b) => a + b, 0);
        expect(seen.length).toBe(total);
        for (const kind of ['encoder-self', 'decoder-self', 'cross'] as const) {
          const ofKind = seen.filter((l) => l.kind === kind);
          // Once per layer, in increasing order.
          expect(ofKind.map((l) => l.layer)).toEqual(
            Array.from({ length: expectedLayers[kind] }, (_, i) => i),
          );
          if (ofKind.length === 0) continue;
          const stack = result.stacks.find((s) => s.kind === kind);
          if (!stack) throw new Error(`no ${kind} stack`);
          const per = stack.heads * stack.queryLength * stack.keyLength;
          for (const l of ofKind) {
            expect([l.heads, l.queryLength, l.keyLength]).toEqual([
              stack.heads,
              stack.queryLength,
              stack.keyLength,
            ]);
            expect(Array.from(l.weights), `${kind} layer ${l.layer}`).toEqual(
              Array.from(stack.weights.subarray(l.layer * per, (l.layer + 1) * per)),
            );
          }
        }
        // Blocks in order: the whole encoder streams before the decoder, and in a decoder layer
        // self-attention comes before cross-attention, which comes before the next layer.
        const order = seen.map((l) => `${l.kind}:${l.layer}`);
        const firstDecoder = seen.findIndex((l) => l.kind !== 'encoder-self');
        if (firstDecoder >= 0) {
          expect(
            seen.slice(firstDecoder).every((l) => l.kind !== 'encoder-self'),
            order.join(' '),
          ).toBe(true);
        }
        if (architecture === 'encoder-decoder') {
          const dec = seen.slice(firstDecoder).map((l) => `${l.kind}:${l.layer}`);
          expect(dec).toEqual(['decoder-self:0', 'cross:0', 'decoder-self:1', 'cross:1']);
        }
      } finally {
        model.dispose();
      }
    });
  }
});
