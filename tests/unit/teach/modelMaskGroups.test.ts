import { describe, expect, it } from 'vitest';
import { buildMask, causalSlidingMask } from '../../../src/engine/masks';
import type { LayerAttentionType, MaskMatrix } from '../../../src/engine/types';
import { teachEn } from '../../../src/i18n/features/teach.en';
import { teachZh } from '../../../src/i18n/features/teach.zh';
import { format, type MessageKey, type TranslateFn } from '../../../src/i18n/translate';
import {
  layerList,
  maskAxisLabels,
  modelMaskGroups,
  modelMaskTitle,
} from '../../../src/views/teach/masks/modelMaskGroups';

const tOf =
  (dictionary: Record<string, string>): TranslateFn =>
  (key: MessageKey, params) =>
    format(dictionary[key] ?? key, params);
const en = tOf(teachEn);
const zh = tOf(teachZh);

const causal = (n: number): MaskMatrix => buildMask({ kind: 'causal' }, n);

/** A Gemma-style block: sliding layers get the window, full ones the causal mask. */
function gemma(types: LayerAttentionType[], n: number, window: number) {
  const global = causal(n);
  const sliding = causalSlidingMask(n, window);
  return {
    layers: types.length,
    mask: global,
    layerMasks: types.map((t) => (t === 'sliding' ? sliding : global)),
    layerTypes: types,
    slidingWindow: window,
  };
}

describe("this model's masks: groups of layers", () => {
  it('groups sliding and global layers of tiny-gemma3 (sliding, full, sliding; window 4)', () => {
    const groups = modelMaskGroups(gemma(['sliding', 'full', 'sliding'], 7, 4));
    expect(groups.map((g) => [g.layers, g.shape, g.window])).toEqual([
      [[1, 3], 'sliding', 4],
      [[2], 'causal', null],
    ]);
    // Window of 4 on 7 tokens: rows see 1, 2, 3, 4, 4, 4, 4 keys; causal sees 1 + … + 7.
    expect(groups[0]!.allowed).toBe(1 + 2 + 3 + 4 + 4 + 4 + 4);
    expect(groups[1]!.allowed).toBe(28);
    expect(groups.map((g) => g.full)).toEqual([49, 49]);
    expect(groups[0]!.windowCoversAll).toBe(false);
    expect(groups.map((g) => modelMaskTitle(en, g, groups))).toEqual([
      'Layers 1, 3 (sliding window of 4 tokens)',
      'Layer 2 (global causal)',
    ]);
    expect(groups.map((g) => modelMaskTitle(zh, g, groups))).toEqual([
      '第 1、3 层（滑动窗口，4 个词元）',
      '第 2 层（全局因果）',
    ]);
  });

  it('keeps the masks the engine gave, by reference', () => {
    const block = gemma(['sliding', 'full'], 6, 2);
    const groups = modelMaskGroups(block);
    expect(groups[0]!.mask).toBe(block.layerMasks[0]);
    expect(groups[1]!.mask).toBe(block.mask);
  });

  it('a sliding window as long as the sentence still names the kind, and says it covers all', () => {
    const groups = modelMaskGroups(gemma(['sliding', 'full', 'sliding'], 4, 4));
    expect(groups.map((g) => g.layers)).toEqual([[1, 3], [2]]);
    expect(groups[0]!.windowCoversAll).toBe(true);
    expect(groups[0]!.allowed).toBe(groups[1]!.allowed);
  });

  it('one group for a model whose layers are alike', () => {
    const llama = modelMaskGroups({ layers: 4, mask: causal(5) });
    expect(llama).toHaveLength(1);
    expect(llama[0]!.layers).toEqual([1, 2, 3, 4]);
    expect(modelMaskTitle(en, llama[0]!, llama)).toBe('Every layer: causal');
    expect(modelMaskTitle(zh, llama[0]!, llama)).toBe('每一层：因果掩码');

    // Mistral: every layer slides; the engine sends one (sliding) mask and no per-layer masks.
    const mistral = modelMaskGroups({
      layers: 2,
      mask: causalSlidingMask(6, 3),
      layerMasks: null,
      layerTypes: ['sliding', 'sliding'],
      slidingWindow: 3,
    });
    expect(mistral).toHaveLength(1);
    expect(modelMaskTitle(en, mistral[0]!, mistral)).toBe(
      'Every layer: sliding window of 3 tokens',
    );

    const bert = modelMaskGroups({ layers: 2, mask: buildMask({ kind: 'none' }, 3) });
    expect(bert[0]!.shape).toBe('none');
    expect(bert[0]!.allowed).toBe(9);
    expect(modelMaskTitle(en, bert[0]!, bert)).toBe(
      'Every layer: no mask (every token sees every token)',
    );
  });

  it('a mask that is neither causal nor full is named as the engine’s own', () => {
    const odd = modelMaskGroups({ layers: 1, mask: buildMask({ kind: 'window', radius: 1 }, 4) });
    expect(odd[0]!.shape).toBe('other');
  });

  it('groups a Gemma 3 pattern (5 sliding, 1 global) with ranges', () => {
    const types = Array.from({ length: 12 }, (_, i): LayerAttentionType =>
      (i + 1) % 6 === 0 ? 'full' : 'sliding',
    );
    const groups = modelMaskGroups(gemma(types, 10, 4));
    expect(groups.map((g) => modelMaskTitle(en, g, groups))).toEqual([
      'Layers 1–5, 7–11 (sliding window of 4 tokens)',
      'Layers 6, 12 (global causal)',
    ]);
  });
});

describe('layer lists and axis labels', () => {
  it('writes runs of three or more as ranges', () => {
    expect(layerList([1], ', ')).toBe('1');
    expect(layerList([1, 2], ', ')).toBe('1, 2');
    expect(layerList([1, 2, 3, 5, 7, 8, 9, 10], ', ')).toBe('1–3, 5, 7–10');
    expect(layerList([2, 4], '、')).toBe('2、4');
  });

  it('labels the axes with the tokens only when they are few', () => {
    expect(maskAxisLabels(['<bos>', 'The', 'bank'], 3)).toEqual(['<bos>', 'The', 'bank']);
    expect(maskAxisLabels(['a', 'b', 'c'], 3, 2)).toEqual(['', '', '']);
  });
});
