import { describe, expect, it } from 'vitest';
import { joinHeads, pooledLabels } from '../../../../src/views/heads/usePooledHeads';
import { FOCUS_TOKENS, focusWindow } from '../../../../src/views/lines/useFocusWindow';

describe('pooled heads grid of an on-demand block', () => {
  it('labels each pooled row by its first token and range', () => {
    const tokens = ['<s>', 'a', 'b', 'c', 'd', 'e', 'f'];
    // 7 tokens into 3 rows: blocks [0, 2), [2, 4), [4, 7).
    expect(pooledLabels(tokens, 3)).toEqual(['<s> (1–2)', 'b (3–4)', 'd (5–7)']);
    // Exact (one token a row): the tokens themselves.
    expect(pooledLabels(tokens.slice(0, 2), 2)).toEqual(['<s>', 'a']);
  });

  it('joins per-head tiles into one [heads][rows][cols] layer', () => {
    const joined = joinHeads([new Float32Array([1, 2]), new Float32Array([3, 4])]);
    expect(Array.from(joined)).toEqual([1, 2, 3, 4]);
    expect(joinHeads([]).length).toBe(0);
  });
});

describe('Lines focus window', () => {
  it('starts at the first tokens before any zoom', () => {
    expect(focusWindow(null, 4096, 4096)).toEqual({
      rows: [0, FOCUS_TOKENS],
      cols: [0, FOCUS_TOKENS],
    });
    expect(focusWindow(null, 20, 20)).toEqual({ rows: [0, 20], cols: [0, 20] });
  });

  it('follows the zoomed heatmap, at most FOCUS_TOKENS a side from its start', () => {
    expect(focusWindow({ rows: [1200, 1230], cols: [1190, 1230] }, 4096, 4096)).toEqual({
      rows: [1200, 1230],
      cols: [1190, 1230],
    });
    expect(focusWindow({ rows: [0, 4096], cols: [100, 4096] }, 4096, 4096)).toEqual({
      rows: [0, FOCUS_TOKENS],
      cols: [100, 100 + FOCUS_TOKENS],
    });
    // A window past the end (an older, longer run) is pulled back inside.
    expect(focusWindow({ rows: [50, 60], cols: [50, 60] }, 40, 40)).toEqual({
      rows: [39, 40],
      cols: [39, 40],
    });
  });
});
