import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYGROUND } from '../../../src/engine/playground';
import {
  DEFAULT_MODEL,
  headsFit,
  kindsOf,
  normalizePlayground,
  snapHeads,
  toMaskSpec,
  validHeadCounts,
} from '../../../src/store';

describe('playground settings', () => {
  it("the store's default model is the engine's DEFAULT_PLAYGROUND", () => {
    expect(DEFAULT_MODEL).toEqual(DEFAULT_PLAYGROUND);
  });

  it('valid head counts divide d_model (and give RoPE an even head size)', () => {
    expect(validHeadCounts(64, 'sinusoidal')).toEqual([1, 2, 4, 8, 16]);
    expect(validHeadCounts(16, 'rope')).toEqual([1, 2, 4, 8]);
    expect(headsFit(3, 64, 'none')).toBe(false);
  });

  it('normalizes out-of-range values', () => {
    const n = normalizePlayground({
      ...DEFAULT_MODEL,
      layers: 99,
      heads: 0,
      dModel: 100,
      seed: -5,
      maxPositions: 1,
    });
    expect(n.layers).toBe(12);
    expect(n.heads).toBe(1);
    expect(n.dModel).toBe(64);
    expect(n.seed).toBe(0);
    expect(n.maxPositions).toBe(8);
  });

  it('snapHeads steps over counts that do not fit', () => {
    const valid = [1, 2, 4, 8, 16];
    expect(snapHeads(4, 5, valid)).toBe(8);
    expect(snapHeads(8, 7, valid)).toBe(4);
    expect(snapHeads(16, 17, valid)).toBe(16);
    expect(snapHeads(1, 0, valid)).toBe(1);
  });

  it('turns mask settings into engine recipes', () => {
    expect(toMaskSpec({ kind: 'none', radius: 2, dilation: 2 }, 1)).toEqual({ kind: 'none' });
    expect(toMaskSpec({ kind: 'causal', radius: 2, dilation: 2 }, 1)).toEqual({ kind: 'causal' });
    expect(toMaskSpec({ kind: 'dilated', radius: 2, dilation: 3 }, 1)).toEqual({
      kind: 'dilated',
      radius: 2,
      dilation: 3,
    });
    expect(toMaskSpec({ kind: 'bigbird', radius: 1, dilation: 2 }, 7)).toEqual({
      kind: 'bigbird',
      radius: 1,
      globalTokens: [0],
      randomPerRow: 1,
      seed: 7,
    });
  });

  it('kindsOf returns stable arrays (safe in selectors)', () => {
    expect(kindsOf('encoder')).toBe(kindsOf('encoder'));
    expect(kindsOf('encoder-decoder')).toEqual(['encoder-self', 'decoder-self', 'cross']);
  });
});
