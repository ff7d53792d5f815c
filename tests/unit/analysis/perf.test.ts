/**
 * The 512-token workload of the analysis views: all metrics of a 12 × 12 × 512 × 512 stack, their
 * labels, the focus comparison of two such stacks and the rollout. Timings are printed, never
 * asserted (machines differ); the test checks only the shapes of the results.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyStack,
  rankHeadsByFocusDivergence,
  rollout,
  stackMetrics,
} from '../../../src/analysis';
import { mulberry32, randomStack } from './helpers';

const LAYERS = 12;
const HEADS = 12;
const T = 512;

function timed<R>(label: string, run: () => R): R {
  const start = performance.now();
  const result = run();
  console.log(`[analysis perf] ${label}: ${(performance.now() - start).toFixed(0)} ms`);
  return result;
}

describe(`the ${LAYERS}×${HEADS}×${T}×${T} workload`, () => {
  it('computes metrics, labels, focus ranking and rollout of the right shapes', () => {
    const rand = mulberry32(512);
    const stack = randomStack(rand, LAYERS, HEADS, T);
    const causal = randomStack(rand, LAYERS, HEADS, T, T, { causal: true });
    const tokens = Array.from({ length: T }, (_, i) => `w${i % 97}`);
    const flags = tokens.map((_, i) => i % 10 === 0);

    const metrics = timed('stackMetrics (37.7M weights)', () =>
      stackMetrics(stack, { specialKeys: flags, punctuationKeys: flags }),
    );
    expect(metrics.layers).toBe(LAYERS);
    expect(metrics.heads).toBe(HEADS);
    expect(metrics.entropy).toHaveLength(LAYERS * HEADS);
    expect(metrics.punctuationShare).toHaveLength(LAYERS * HEADS);

    expect(timed('classifyStack', () => classifyStack(metrics))).toHaveLength(LAYERS * HEADS);

    const ranked = timed('rankHeadsByFocusDivergence', () =>
      rankHeadsByFocusDivergence(
        { stack, tokens, focus: 100 },
        { stack: causal, tokens, focus: 200 },
      ),
    );
    expect(ranked).toHaveLength(LAYERS * HEADS);

    expect(timed('rollout (bidirectional)', () => rollout(stack))).toHaveLength(T * T);
    expect(timed('rollout (causal)', () => rollout(causal))).toHaveLength(T * T);
  });
});
