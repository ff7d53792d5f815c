/** What the layer and head pickers say about grouped-query heads and sliding-window layers. */
import { describe, expect, it } from 'vitest';
import { kvGroupOf, layerNote } from '../../../src/views/controls/layerNotes';

describe('layer notes', () => {
  it('names the query heads that share a kv head (Qwen2.5-0.5B: 14 heads, 2 kv heads)', () => {
    expect(kvGroupOf(0, 14, 2)).toEqual({ first: 1, last: 7, group: 1, groups: 2 });
    expect(kvGroupOf(6, 14, 2)).toEqual({ first: 1, last: 7, group: 1, groups: 2 });
    expect(kvGroupOf(7, 14, 2)).toEqual({ first: 8, last: 14, group: 2, groups: 2 });
    expect(kvGroupOf(3, 4, 1)).toEqual({ first: 1, last: 4, group: 1, groups: 1 });
  });

  it('says nothing when every head has its own keys', () => {
    expect(kvGroupOf(3, 12, 12)).toBeNull();
  });

  it('tells sliding layers from global ones', () => {
    const types = ['sliding', 'full'] as const;
    expect(layerNote(0, types, 4)).toEqual({ kind: 'sliding', layer: 1, before: 3 });
    expect(layerNote(1, types, 4)).toEqual({ kind: 'full', layer: 2, before: 3 });
    expect(layerNote(0, undefined, undefined)).toBeNull();
  });
});
