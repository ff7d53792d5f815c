/**
 * Averages, attention rollout and attention flow on hand examples, plus the layered max-flow solver
 * against hand-solved graphs and a brute-force minimum cut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LayeredFlowNetwork,
  MAX_FLOW_TOKENS,
  attentionFlow,
  attentionFlowFrom,
  averageAll,
  averageHeads,
  averageLayers,
  layeredMaxFlow,
  residualAttention,
  rollout,
  rolloutLayers,
} from '../../../src/analysis';
import { diagonalHead, maxAbsDiff, mulberry32, randomStack, stackOf } from './helpers';

const f32 = (values: number[]) => Float32Array.from(values);

describe('averages', () => {
  // 2 layers × 2 heads of [1][2] (one query, two keys), values chosen to average cleanly.
  const stack = stackOf(
    [
      [f32([1, 0]), f32([0, 1])],
      [f32([0.5, 0.5]), f32([1, 0])],
    ],
    1,
    2,
  );

  it('averageHeads: [layers][tq][tk]', () => {
    expect(Array.from(averageHeads(stack))).toEqual([0.5, 0.5, 0.75, 0.25]);
  });

  it('averageLayers: [heads][tq][tk]', () => {
    expect(Array.from(averageLayers(stack))).toEqual([0.75, 0.25, 0.5, 0.5]);
  });

  it('averageAll: [tq][tk]', () => {
    expect(Array.from(averageAll(stack))).toEqual([0.625, 0.375]);
  });
});

describe('attention rollout', () => {
  it('of identity attention is the identity', () => {
    const t = 5;
    const stack = stackOf(
      Array.from({ length: 3 }, () => [diagonalHead(t), diagonalHead(t)]),
      t,
    );
    expect(Array.from(rollout(stack))).toEqual(Array.from(diagonalHead(t)));
  });

  it('of a 2-layer hand example: Â_1 · Â_0, in that order', () => {
    // Layer 0: heads [[1,0],[1,0]] and [[1,0],[0,1]] → mean [[1,0],[½,½]] → Â_0 = [[1,0],[¼,¾]].
    // Layer 1: both heads [[0,1],[1,0]] → Â_1 = [[½,½],[½,½]].
    // Â_1 · Â_0 = [[⅝, ⅜], [⅝, ⅜]] (the other order, Â_0 · Â_1, would give all ½).
    const stack = stackOf(
      [
        [f32([1, 0, 1, 0]), f32([1, 0, 0, 1])],
        [f32([0, 1, 1, 0]), f32([0, 1, 1, 0])],
      ],
      2,
    );
    expect(Array.from(residualAttention(stack))).toEqual([1, 0, 0.25, 0.75, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(rollout(stack))).toEqual([0.625, 0.375, 0.625, 0.375]);
    expect(Array.from(rolloutLayers(stack))).toEqual([
      1, 0, 0.25, 0.75, 0.625, 0.375, 0.625, 0.375,
    ]);
  });

  it('takes the residual weight: 0 = the plain product, 1 = the identity', () => {
    const stack = stackOf([[f32([0, 1, 1, 0])], [f32([0.5, 0.5, 0, 1])]], 2);
    // [[½,½],[0,1]] · [[0,1],[1,0]] = [[½,½],[1,0]]
    expect(Array.from(rollout(stack, { residual: 0 }))).toEqual([0.5, 0.5, 1, 0]);
    expect(Array.from(rollout(stack, { residual: 1 }))).toEqual([1, 0, 0, 1]);
    expect(() => rollout(stack, { residual: 1.5 })).toThrow(RangeError);
  });

  it('is the identity with no layers; needs self-attention', () => {
    expect(
      Array.from(rollout({ layers: 0, heads: 0, queryLength: 2, keyLength: 2, weights: f32([]) })),
    ).toEqual([1, 0, 0, 1]);
    const cross = { layers: 1, heads: 1, queryLength: 1, keyLength: 2, weights: f32([1, 0]) };
    expect(() => rollout(cross)).toThrow(RangeError);
  });

  it('matches the textbook product on random stacks of odd sizes, causal or not', () => {
    const rand = mulberry32(11);
    for (const [layers, heads, t, causal] of [
      [3, 2, 7, false],
      [4, 3, 9, true],
      [2, 1, 1, false],
      [5, 2, 13, true],
    ] as const) {
      const stack = randomStack(rand, layers, heads, t, t, { causal, sparsity: 0.2 });
      const hats = residualAttention(stack);
      let expected = Float64Array.from(hats.subarray(0, t * t));
      for (let l = 1; l < layers; l++) {
        const hat = hats.subarray(l * t * t, (l + 1) * t * t);
        const next = new Float64Array(t * t);
        for (let i = 0; i < t; i++)
          for (let j = 0; j < t; j++) {
            let s = 0;
            for (let k = 0; k < t; k++) s += hat[i * t + k]! * expected[k * t + j]!;
            next[i * t + j] = s;
          }
        expected = next;
      }
      expect(maxAbsDiff(rollout(stack), expected)).toBeLessThan(1e-6);
    }
  });
});

/** Â_0 = [[1,0,0],[½,½,0],[0,¼,¾]] and Â_1 = [[½,½,0],[0,½,½],[¼,¼,½]] from these heads. */
const HAND_FLOW = stackOf(
  [[f32([1, 0, 0, 1, 0, 0, 0, 0.5, 0.5])], [f32([0, 1, 0, 0, 0, 1, 0.5, 0.5, 0])]],
  3,
);

describe('attention flow', () => {
  it('equals the max flow solved by hand on a 2-layer, 3-token graph', () => {
    // With two layers the paths i → m → j are disjoint: flow[i][j] = Σ_m min(Â_1[i][m], Â_0[m][j]).
    expect(Array.from(residualAttention(HAND_FLOW))).toEqual([
      1, 0, 0, 0.5, 0.5, 0, 0, 0.25, 0.75, 0.5, 0.5, 0, 0, 0.5, 0.5, 0.25, 0.25, 0.5,
    ]);
    expect(Array.from(attentionFlow(HAND_FLOW))).toEqual([
      1, 0.5, 0, 0.5, 0.75, 0.5, 0.5, 0.5, 0.5,
    ]);
    expect(Array.from(attentionFlowFrom(HAND_FLOW, 1))).toEqual([0.5, 0.75, 0.5]);
    // Rollout Â_1 · Â_0 for comparison: zero exactly where the flow is.
    expect(Array.from(rollout(HAND_FLOW))).toEqual([
      0.75, 0.25, 0, 0.25, 0.375, 0.375, 0.375, 0.25, 0.375,
    ]);
  });

  it('is the indicator of each output with no layers, and flows through identity attention', () => {
    const none = { layers: 0, heads: 1, queryLength: 3, keyLength: 3, weights: f32([]) };
    expect(Array.from(attentionFlow(none))).toEqual(Array.from(diagonalHead(3)));
    expect(Array.from(attentionFlowFrom(none, 2))).toEqual([0, 0, 1]);
    const identity = stackOf([[diagonalHead(4)], [diagonalHead(4)]], 4);
    expect(Array.from(attentionFlow(identity))).toEqual(Array.from(diagonalHead(4)));
  });

  it(`is capped at ${MAX_FLOW_TOKENS} tokens with a clear error; rollout is not`, () => {
    const t = MAX_FLOW_TOKENS + 1;
    const stack = stackOf([[diagonalHead(t)]], t);
    expect(() => attentionFlow(stack)).toThrow(/limited to 64 tokens/);
    expect(() => attentionFlowFrom(stack, 0)).toThrow(RangeError);
    expect(rollout(stack)).toHaveLength(t * t);
    expect(() => attentionFlowFrom(HAND_FLOW, 3)).toThrow(RangeError);
  });

  it('never exceeds 1 nor leaves the support of rollout (random causal stacks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.integer(),
        (layers, heads, t, causal, seed) => {
          const stack = randomStack(mulberry32(seed), layers, heads, t, t, {
            causal,
            sparsity: 0.5,
          });
          const flow = attentionFlow(stack);
          const roll = rollout(stack);
          for (let i = 0; i < t * t; i++) {
            expect(flow[i]).toBeLessThanOrEqual(1 + 1e-9);
            expect(flow[i]).toBeGreaterThanOrEqual(0);
            if (roll[i] === 0) expect(flow[i]).toBe(0);
            if (flow[i] === 0) expect(roll[i]).toBe(0);
          }
          // A row of the matrix is the single-output call.
          expect(
            maxAbsDiff(attentionFlowFrom(stack, t - 1), flow.subarray((t - 1) * t)),
          ).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 60, seed: 20240605 },
    );
  });
});

/** The minimum s–t cut of a layered graph by enumerating every node subset (tiny graphs only). */
function bruteForceMinCut(
  capacities: Float64Array[],
  width: number,
  source: number,
  sink: number,
): number {
  const levels = capacities.length + 1;
  const nodes = levels * width;
  const s = (levels - 1) * width + source;
  const t = sink;
  const free = Array.from({ length: nodes }, (_, u) => u).filter((u) => u !== s && u !== t);
  let best = Infinity;
  for (let bits = 0; bits < 1 << free.length; bits++) {
    const inS = new Uint8Array(nodes);
    inS[s] = 1;
    free.forEach((u, b) => {
      if (bits & (1 << b)) inS[u] = 1;
    });
    let cut = 0;
    capacities.forEach((m, l) => {
      for (let i = 0; i < width; i++)
        for (let j = 0; j < width; j++)
          if (inS[(l + 1) * width + i] && !inS[l * width + j]) cut += m[i * width + j]!;
    });
    best = Math.min(best, cut);
  }
  return best;
}

describe('layered max flow', () => {
  it('reroutes through a reverse edge where a greedy path would block (max flow 2)', () => {
    // s → {x0, x1} → {y0, y1} → t, every capacity 1, no x1 → y1 edge. Dinic's first path
    // s-x0-y0-t leaves s-x1-y0 blocked; the second phase undoes x0 → y0 to reach 2.
    const capacities = [f32([1, 0, 1, 0]), f32([1, 1, 1, 0]), f32([1, 1, 0, 0])];
    expect(layeredMaxFlow(capacities, 2, 0, 0)).toBe(2);
    expect(layeredMaxFlow(capacities, 2, 1, 0)).toBe(0); // the other top node has no edges
  });

  it('reuses one network for many pairs', () => {
    const network = new LayeredFlowNetwork([f32([0.5, 0.5, 0, 1])], 2);
    expect([network.maxFlow(0, 0), network.maxFlow(0, 1), network.maxFlow(1, 1)]).toEqual([
      0.5, 0.5, 1,
    ]);
    expect(network.maxFlow(0, 0)).toBe(0.5); // residuals are reset between calls
    expect(() => network.maxFlow(2, 0)).toThrow(RangeError);
  });

  it('rejects bad capacities', () => {
    expect(() => layeredMaxFlow([], 2, 0, 0)).toThrow(RangeError);
    expect(() => layeredMaxFlow([f32([1, 2, 3])], 2, 0, 0)).toThrow(RangeError);
    expect(() => layeredMaxFlow([f32([1, -1, 0, 0])], 2, 0, 0)).toThrow(RangeError);
  });

  it('equals the brute-force minimum cut on random small graphs (max-flow min-cut)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (layers, width, seed) => {
          const rand = mulberry32(seed);
          const capacities = Array.from({ length: layers }, () =>
            Float64Array.from({ length: width * width }, () =>
              rand() < 0.35 ? 0 : Math.round(rand() * 100) / 100,
            ),
          );
          const network = new LayeredFlowNetwork(capacities, width);
          for (let s = 0; s < width; s++)
            for (let t = 0; t < width; t++)
              expect(network.maxFlow(s, t)).toBeCloseTo(
                bruteForceMinCut(capacities, width, s, t),
                9,
              );
        },
      ),
      { numRuns: 80, seed: 424242 },
    );
  });
});
