/**
 * Property tests (fast-check, seeded): every metric of a random row-stochastic matrix is finite and
 * in range, rollout rows sum to 1, Jensen–Shannon divergence is a bounded symmetric divergence and
 * differences add back up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  METRIC_NAMES,
  classifyStack,
  difference,
  jensenShannon,
  rollout,
  rolloutLayers,
  stackMetrics,
} from '../../../src/analysis';
import { mulberry32, randomStack } from './helpers';

const settings = (numRuns: number, seed: number) => ({ numRuns, seed, endOnFailure: true });

/** A random stack spec: shape, causal or not, sparsity, seed. */
const stackSpec = fc.record({
  layers: fc.integer({ min: 1, max: 3 }),
  heads: fc.integer({ min: 1, max: 3 }),
  tq: fc.integer({ min: 1, max: 24 }),
  tk: fc.integer({ min: 1, max: 24 }),
  causal: fc.boolean(),
  sparsity: fc.constantFrom(0, 0.3, 0.9),
  seed: fc.integer(),
});

describe('metrics of random row-stochastic stacks', () => {
  it('are finite, shares and normalised entropy lie in [0, 1], the rest in range', () => {
    fc.assert(
      fc.property(
        stackSpec,
        fc.boolean(),
        ({ layers, heads, tq, tk, causal, sparsity, seed }, flags) => {
          const rand = mulberry32(seed);
          const stack = randomStack(rand, layers, heads, tq, tk, { causal, sparsity });
          const keyFlags = flags ? Array.from({ length: tk }, () => rand() < 0.3) : undefined;
          const m = stackMetrics(stack, { specialKeys: keyFlags, punctuationKeys: keyFlags });
          for (const name of METRIC_NAMES) {
            expect(m[name]).toHaveLength(layers * heads);
            for (const v of m[name]) expect(Number.isFinite(v), name).toBe(true);
          }
          for (let i = 0; i < layers * heads; i++) {
            for (const name of [
              'normalizedEntropy',
              'selfShare',
              'previousShare',
              'nextShare',
              'firstShare',
              'specialShare',
              'punctuationShare',
            ] as const) {
              expect(m[name][i]).toBeGreaterThanOrEqual(0);
              expect(m[name][i]).toBeLessThanOrEqual(1);
            }
            expect(m.entropy[i]).toBeGreaterThanOrEqual(0);
            expect(m.entropy[i]).toBeLessThanOrEqual(Math.log(tk) + 1e-6);
            expect(m.meanDistance[i]).toBeGreaterThanOrEqual(0);
            expect(m.meanDistance[i]).toBeLessThanOrEqual(Math.max(tq, tk) - 1 + 1e-6);
          }
          expect(classifyStack(m)).toHaveLength(layers * heads);
        },
      ),
      settings(150, 1337),
    );
  });
});

describe('rollout of random stacks', () => {
  it('has non-negative rows summing to 1, at every layer', () => {
    fc.assert(
      fc.property(stackSpec, ({ layers, heads, tq, causal, sparsity, seed }) => {
        const t = tq;
        const stack = randomStack(mulberry32(seed), layers, heads, t, t, { causal, sparsity });
        const all = rolloutLayers(stack);
        expect(all).toHaveLength(layers * t * t);
        expect(Array.from(rollout(stack))).toEqual(Array.from(all.subarray((layers - 1) * t * t)));
        for (let r = 0; r < layers * t; r++) {
          let sum = 0;
          for (let j = 0; j < t; j++) {
            const v = all[r * t + j]!;
            expect(v).toBeGreaterThanOrEqual(0);
            sum += v;
          }
          expect(sum).toBeCloseTo(1, 5);
        }
        if (causal) {
          // Causal attention rolls out causally: nothing flows from later tokens.
          const last = rollout(stack);
          for (let i = 0; i < t; i++)
            for (let j = i + 1; j < t; j++) expect(last[i * t + j]).toBe(0);
        }
      }),
      settings(150, 4242),
    );
  });
});

const distribution = (n: number) =>
  fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n });

describe('jensenShannon and difference', () => {
  it('JSD is symmetric, in [0, 1], and 0 on identical inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(distribution(n), distribution(n))),
        ([p, q]) => {
          const pq = jensenShannon(p, q);
          const qp = jensenShannon(q, p);
          const mass = (xs: number[]) => xs.reduce((a, b) => a + b, 0) > 0;
          if (!mass(p) || !mass(q)) {
            expect(pq).toBeNaN();
            return;
          }
          expect(pq).toBeGreaterThanOrEqual(0);
          expect(pq).toBeLessThanOrEqual(1);
          expect(Math.abs(pq - qp)).toBeLessThan(1e-12);
          expect(jensenShannon(p, p)).toBeLessThan(1e-12);
        },
      ),
      settings(300, 99),
    );
  });

  it('A + (B − A) gives back B, and maxAbs bounds every difference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(distribution(n), distribution(n))),
        ([a, b]) => {
          const { values, maxAbs } = difference(a, b);
          for (let i = 0; i < a.length; i++) {
            expect(Math.abs(a[i]! + values[i]! - b[i]!)).toBeLessThan(1e-6);
            expect(Math.abs(values[i]!)).toBeLessThanOrEqual(maxAbs);
          }
        },
      ),
      settings(200, 7),
    );
  });
});
