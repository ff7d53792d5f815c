/**
 * Padding run through the model: a sentence padded with [PAD] tokens and the engine's padding mask
 * gives [PAD] keys exactly 0 weight, real rows equal to the unpadded run's, and [PAD] query rows
 * that still attend to the real tokens. Also: which attention a run's mask applies to.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  attentionKindsOf,
  createModel,
  createPlaygroundWeights,
  hashPadId,
  initBackend,
  padIds,
  playgroundConfig,
  runMasks,
  type ArchitectureKind,
  type AttentionKind,
  type HeadIntermediates,
  type PlaygroundOptions,
} from '../../../src/engine';

const OPTIONS: PlaygroundOptions = {
  architecture: 'encoder',
  layers: 2,
  heads: 2,
  dModel: 16,
  positional: 'sinusoidal',
  norm: 'post',
  seed: 7,
  maxPositions: 32,
  vocabSize: 64,
};
const REAL = [5, 17, 3, 40, 9];
const LENGTH = 8;

/** Largest |a − b| over the first `n` rows and columns of two row-major matrices. */
function realRowsDiff(padded: Float32Array, unpadded: Float32Array, n: number, cols: number) {
  let max = 0;
  for (let q = 0; q < n; q++)
    for (let k = 0; k < n; k++)
      max = Math.max(max, Math.abs(padded[q * cols + k]! - unpadded[q * n + k]!));
  return max;
}

describe('padded runs', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });

  it('pads ids with the pad id and masks keys from the real length on', () => {
    const p = padIds([4, 2], 5, 9);
    expect(p.ids).toEqual([4, 2, 9, 9, 9]);
    expect(p.validLength).toBe(2);
    expect(p.mask).toEqual({ kind: 'padding', validLength: 2 });
    // Never cuts a longer input.
    expect(padIds([1, 2, 3], 2, 0).ids).toEqual([1, 2, 3]);
    expect(hashPadId(64)).toBe(hashPadId(64));
    expect(hashPadId(64)).toBeLessThan(64);
  });

  const cases: [ArchitectureKind, AttentionKind][] = [
    ['encoder', 'encoder-self'],
    ['decoder', 'decoder-self'],
    ['encoder-decoder', 'encoder-self'],
    ['encoder-decoder', 'decoder-self'],
    ['encoder-decoder', 'cross'],
  ];
  for (const [architecture, kind] of cases) {
    it(`${architecture} ${kind}: [PAD] keys get 0, real rows match the unpadded run`, async () => {
      const options = { ...OPTIONS, architecture };
      const config = playgroundConfig(options);
      const model = createModel(config, createPlaygroundWeights(config, options.seed));
      const encDec = architecture === 'encoder-decoder';
      const padded = padIds(REAL, LENGTH, hashPadId(options.vocabSize));
      try {
        const heads: HeadIntermediates[] = [];
        for (const layer of [0, 1])
          for (const head of [0, 1]) {
            const intermediates = { kind, layer, head };
            const withPad = await model.run({
              sourceIds: padded.ids,
              targetIds: encDec ? padded.ids : undefined,
              mask: padded.mask,
              maskedAttention: kind,
              intermediates,
            });
            const alone = await model.run({
              sourceIds: REAL,
              targetIds: encDec ? REAL : undefined,
              maskedAttention: kind,
              intermediates,
            });
            const p = withPad.intermediates!;
            const u = alone.intermediates!;
            expect([p.queryLength, p.keyLength]).toEqual([LENGTH, LENGTH]);
            // [PAD] keys: exactly 0 weight in every row, real or [PAD].
            for (let q = 0; q < LENGTH; q++)
              for (let k = REAL.length; k < LENGTH; k++) expect(p.weights[q * LENGTH + k]).toBe(0);
            // Real rows: the unpadded run's numbers.
            expect(realRowsDiff(p.weights, u.weights, REAL.length, LENGTH)).toBeLessThan(1e-6);
            expect(realRowsDiff(p.scaledScores, u.scaledScores, REAL.length, LENGTH)).toBeLessThan(
              1e-5,
            );
            heads.push(p);
            // Every stack of the padded run: [PAD] keys 0 wherever the padding reaches.
            for (const stack of withPad.stacks) {
              if (stack.kind === 'decoder-self' && encDec && kind !== 'decoder-self') continue;
              const T = stack.keyLength;
              for (let i = 0; i < stack.weights.length; i++)
                if (i % T >= REAL.length) expect(stack.weights[i]).toBe(0);
            }
          }
        // [PAD] query rows are computed like any other (the padding mask hides keys, not
        // queries): each sums to 1 over the real keys.
        for (const p of heads)
          for (let q = REAL.length; q < LENGTH; q++) {
            let sum = 0;
            for (let k = 0; k < LENGTH; k++) sum += p.weights[q * LENGTH + k]!;
            expect(sum).toBeCloseTo(1, 5);
          }
      } finally {
        model.dispose();
      }
    });
  }
});

describe('which attention a mask applies to', () => {
  const config = 'encoder-decoder' as const;
  const rows = (m: { rows: number; cols: number; allowed: Uint8Array }) =>
    Array.from({ length: m.rows }, (_, q) =>
      Array.from(m.allowed.subarray(q * m.cols, (q + 1) * m.cols)).join(''),
    );

  it('lists the attentions of each architecture', () => {
    expect(attentionKindsOf('encoder')).toEqual(['encoder-self']);
    expect(attentionKindsOf('decoder')).toEqual(['decoder-self']);
    expect(attentionKindsOf('encoder-decoder')).toEqual(['encoder-self', 'decoder-self', 'cross']);
  });

  it('decoder self-attention: the mask ANDed with causal; the others unmasked', () => {
    const m = runMasks(
      config,
      { mask: { kind: 'window', radius: 1 }, maskedAttention: 'decoder-self' },
      4,
      3,
    );
    expect(rows(m['decoder-self']!)).toEqual(['100', '110', '011']);
    expect(rows(m['encoder-self']!)).toEqual(['1111', '1111', '1111', '1111']);
    expect(rows(m.cross!)).toEqual(['1111', '1111', '1111']);
  });

  it('cross-attention: decoder rows × encoder columns', () => {
    const m = runMasks(
      config,
      { mask: { kind: 'window', radius: 0 }, maskedAttention: 'cross' },
      4,
      3,
    );
    expect(rows(m.cross!)).toEqual(['1000', '0100', '0010']);
    expect(rows(m['decoder-self']!)).toEqual(['100', '110', '111']);
  });

  it('padding masks the source keys of the encoder and the cross-attention too', () => {
    const padding = { kind: 'padding', validLength: 2 } as const;
    const m = runMasks(config, { mask: padding, maskedAttention: 'decoder-self' }, 3, 3);
    expect(rows(m['encoder-self']!)).toEqual(['110', '110', '110']);
    expect(rows(m.cross!)).toEqual(['110', '110', '110']);
    expect(rows(m['decoder-self']!)).toEqual(['100', '110', '110']);
  });

  it('the default keeps the earlier rules (mask on the encoder; decoder causal only)', () => {
    const m = runMasks(config, { mask: { kind: 'padding', validLength: 2 } }, 3, 2);
    expect(rows(m['decoder-self']!)).toEqual(['10', '11']);
    expect(rows(m.cross!)).toEqual(['110', '110']);
  });

  it('naming an attention the model lacks is an error', () => {
    const encoder = 'encoder' as const;
    expect(() => runMasks(encoder, { maskedAttention: 'cross' }, 3, 0)).toThrow(
      'This encoder model has no cross attention to mask',
    );
  });
});
