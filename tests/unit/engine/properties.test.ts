/**
 * Property tests of the engine (fast-check, seeded, modest run counts): softmax rows, masking,
 * causality, permutation equivariance without positions, RoPE's relative property, the
 * sinusoid table, ALiBi slopes and buildMask's recipes.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alibiSlopes,
  buildMask,
  createModel,
  initBackend,
  ropeInverseFrequencies,
  sinusoidalTable,
  type ArchitectureKind,
  type AttentionKind,
  type AttentionStack,
  type ForwardResult,
  type MaskSpec,
  type PositionalKind,
  type RunInput,
  type TransformerConfig,
} from '../../../src/engine';
import {
  mulberry32,
  refAlibiSlopes,
  refMask,
  refRandomWeights,
  refSinusoidal,
} from '../reference/reference';
import {
  ARCHITECTURES,
  POSITIONALS,
  makeConfig,
  maskEquals,
  maxAbsDiff,
  randomIds,
  stackRow,
} from './helpers';

/** fast-check settings: seeded so a failure reproduces, with modest run counts. */
const RUNS_MODEL = 40;
const RUNS_PURE = 60;
const settings = (
  numRuns: number,
  seed: number,
): { numRuns: number; seed: number; endOnFailure: boolean } => ({
  numRuns,
  seed,
  endOnFailure: true,
});

// -----------------------------------------------------------------------------------------------
// Arbitraries
// -----------------------------------------------------------------------------------------------

interface ModelSpec {
  architecture: ArchitectureKind;
  heads: number;
  headSize: number;
  layers: number;
  positional: PositionalKind;
  norm: 'pre' | 'post';
  activation: 'relu' | 'gelu' | 'gelu_tanh';
  seed: number;
}

const modelArb = (
  architectures: readonly ArchitectureKind[] = ARCHITECTURES,
  positionals: readonly PositionalKind[] = POSITIONALS,
): fc.Arbitrary<ModelSpec> =>
  fc.record({
    architecture: fc.constantFrom(...architectures),
    heads: fc.integer({ min: 1, max: 4 }),
    headSize: fc.constantFrom(2, 4, 8),
    layers: fc.integer({ min: 1, max: 2 }),
    positional: fc.constantFrom(...positionals),
    norm: fc.constantFrom<'pre' | 'post'>('pre', 'post'),
    activation: fc.constantFrom<'relu' | 'gelu' | 'gelu_tanh'>('relu', 'gelu', 'gelu_tanh'),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  });

const toConfig = (m: ModelSpec): TransformerConfig =>
  makeConfig({
    architecture: m.architecture,
    heads: m.heads,
    headSize: m.headSize,
    layers: m.layers,
    positional: m.positional,
    norm: m.norm,
    activation: m.activation,
  });

const spec = (a: fc.Arbitrary<MaskSpec>): fc.Arbitrary<MaskSpec> => a;

/** Custom masks whose rows are empty, one-hot or random, so every row rule gets exercised. */
function customMaskArb(t: number): fc.Arbitrary<MaskSpec> {
  const row: fc.Arbitrary<number[]> = fc.oneof(
    fc.constant(new Array<number>(t).fill(0)),
    fc.integer({ min: 0, max: t - 1 }).map((k) => Array.from({ length: t }, (_, j) => +(j === k))),
    fc.array(fc.constantFrom(0, 1), { minLength: t, maxLength: t }),
  );
  return fc
    .array(row, { minLength: t, maxLength: t })
    .map((rows): MaskSpec => ({ kind: 'custom', size: t, allowed: Uint8Array.from(rows.flat()) }));
}

function maskArb(t: number): fc.Arbitrary<MaskSpec> {
  const pos = fc.integer({ min: 0, max: t - 1 });
  const globals = fc.uniqueArray(pos, { maxLength: Math.min(3, t) });
  return fc.oneof(
    spec(fc.constant({ kind: 'none' })),
    spec(fc.constant({ kind: 'causal' })),
    spec(fc.integer({ min: 0, max: t }).map((validLength) => ({ kind: 'padding', validLength }))),
    spec(fc.integer({ min: 0, max: t }).map((radius) => ({ kind: 'window', radius }))),
    spec(
      fc
        .record({
          radius: fc.integer({ min: 0, max: 3 }),
          dilation: fc.integer({ min: 1, max: 3 }),
        })
        .map((r) => ({ kind: 'dilated', ...r })),
    ),
    spec(
      fc
        .record({ radius: fc.integer({ min: 0, max: 2 }), globalTokens: globals })
        .map((r) => ({ kind: 'global-window', ...r })),
    ),
    spec(
      fc
        .record({
          radius: fc.integer({ min: 0, max: 2 }),
          globalTokens: globals,
          randomPerRow: fc.integer({ min: 0, max: 4 }),
          seed: fc.integer({ min: 0, max: 0x7fffffff }),
        })
        .map((r) => ({ kind: 'bigbird', ...r })),
    ),
    customMaskArb(t),
  );
}

interface RunCase {
  model: ModelSpec;
  t: number;
  tt: number;
  mask: MaskSpec;
  idsSeed: number;
}

const runCaseArb = (model: fc.Arbitrary<ModelSpec> = modelArb()): fc.Arbitrary<RunCase> =>
  fc
    .record({
      model,
      t: fc.integer({ min: 1, max: 8 }),
      tt: fc.integer({ min: 1, max: 6 }),
      idsSeed: fc.integer({ min: 0, max: 0x7fffffff }),
    })
    .chain((r) => maskArb(r.t).map((mask) => ({ ...r, mask })));

function inputOf(c: RunCase, config: TransformerConfig): RunInput {
  const rand = mulberry32(c.idsSeed);
  const input: RunInput = { sourceIds: randomIds(rand, c.t, config.vocabSize), mask: c.mask };
  if (config.architecture === 'encoder-decoder') {
    input.targetIds = randomIds(rand, c.tt, config.targetVocabSize ?? config.vocabSize);
  }
  return input;
}

async function runOnce(
  config: TransformerConfig,
  seed: number,
  input: RunInput,
): Promise<ForwardResult> {
  const model = createModel(config, refRandomWeights(config, seed));
  try {
    return await model.run(input);
  } finally {
    model.dispose();
  }
}

const selfKindOf = (a: ArchitectureKind): AttentionKind =>
  a === 'decoder' ? 'decoder-self' : 'encoder-self';

// -----------------------------------------------------------------------------------------------
// Row checks shared by the softmax properties
// -----------------------------------------------------------------------------------------------

/** How many rows of each sort the softmax property saw (so it cannot pass vacuously). */
const rowTally = { empty: 0, single: 0, several: 0 };

/** Every rule a row of attention weights must obey, given the stack's own mask. */
function checkStackRows(stack: AttentionStack): void {
  const { layers, heads, queryLength: tq, keyLength: tk, mask } = stack;
  expect(stack.weights.length).toBe(layers * heads * tq * tk);
  expect([mask.rows, mask.cols]).toEqual([tq, tk]);
  for (let l = 0; l < layers; l++) {
    for (let h = 0; h < heads; h++) {
      for (let q = 0; q < tq; q++) {
        const row = stackRow(stack, l, h, q);
        const where = `${stack.kind} layer ${l} head ${h} row ${q}`;
        const allowedKeys: number[] = [];
        for (let k = 0; k < tk; k++) if (mask.allowed[q * tk + k] === 1) allowedKeys.push(k);
        row.forEach((w, k) => {
          expect(Number.isNaN(w), `${where}: NaN at key ${k}`).toBe(false);
          if (mask.allowed[q * tk + k] !== 1) expect(w, `${where}: masked key ${k}`).toBe(0);
          else expect(w, `${where}: key ${k}`).toBeGreaterThanOrEqual(0);
        });
        if (allowedKeys.length === 0) {
          rowTally.empty++;
          expect(row, `${where}: fully masked row`).toEqual(new Array<number>(tk).fill(0));
        } else if (allowedKeys.length === 1) {
          rowTally.single++;
          const only = allowedKeys[0] ?? -1;
          expect(row[only], `${where}: single allowed key is one-hot`).toBe(1);
        } else {
          rowTally.several++;
          const sum = row.reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - 1), `${where}: row sum ${sum}`).toBeLessThanOrEqual(1e-5);
        }
        // Causality: a decoder never looks ahead, whatever its mask says.
        if (stack.kind === 'decoder-self') {
          for (let k = q + 1; k < tk; k++) expect(row[k], `${where}: future key ${k}`).toBe(0);
        }
      }
    }
  }
}

// -----------------------------------------------------------------------------------------------

describe('engine properties (fast-check)', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });

  it('softmax rows: sum to 1, masked entries exactly 0, one allowed key → one-hot, none → zeros', async () => {
    await fc.assert(
      fc.asyncProperty(runCaseArb(), async (c) => {
        const config = toConfig(c.model);
        const input = inputOf(c, config);
        input.intermediates = { kind: selfKindOf(config.architecture), layer: 0, head: 0 };
        const got = await runOnce(config, c.model.seed, input);
        expect(got.stacks.length).toBe(config.architecture === 'encoder-decoder' ? 3 : 1);
        for (const stack of got.stacks) checkStackRows(stack);
        // The first stack's mask is the run's mask (AND causal for a decoder-only model).
        const first = got.stacks[0];
        if (!first) throw new Error('no stack');
        if (c.mask.kind !== 'bigbird') {
          let expected = refMask(c.mask, c.t, c.t);
          if (config.architecture === 'decoder') {
            const causal = refMask({ kind: 'causal' }, c.t, c.t);
            expected = {
              ...expected,
              allowed: expected.allowed.map((a, i) => a & (causal.allowed[i] ?? 0)),
            };
          }
          expect(maskEquals(first.mask, expected), 'stack mask = run mask').toBe(true);
        }
        // Intermediates obey the same rules; a fully masked row also has a zero output.
        const im = got.intermediates;
        if (!im) throw new Error('no intermediates');
        const { queryLength: tq, keyLength: tk, headSize: dh } = im;
        for (let q = 0; q < tq; q++) {
          let any = false;
          for (let k = 0; k < tk; k++) {
            const allowed = first.mask.allowed[q * tk + k] === 1;
            any ||= allowed;
            const m = im.maskedScores[q * tk + k];
            if (allowed) expect(m).toBe(im.scaledScores[q * tk + k]);
            else expect(m).toBe(-Infinity);
          }
          if (!any) {
            const out = Array.from(im.output.subarray(q * dh, (q + 1) * dh));
            expect(out, `row ${q} output`).toEqual(new Array<number>(dh).fill(0));
          }
        }
        for (const v of im.output) expect(Number.isNaN(v)).toBe(false);
        for (const v of got.hidden) expect(Number.isFinite(v)).toBe(true);
      }),
      settings(RUNS_MODEL, 101),
    );
    expect(rowTally.empty, 'fully masked rows seen').toBeGreaterThan(0);
    expect(rowTally.single, 'single-key rows seen').toBeGreaterThan(0);
    expect(rowTally.several, 'ordinary rows seen').toBeGreaterThan(0);
  });

  it('causal: decoder weights above the diagonal are 0 (and so for an encoder given causal)', async () => {
    const arb = fc.record({
      model: modelArb(),
      t: fc.integer({ min: 1, max: 10 }),
      tt: fc.integer({ min: 1, max: 8 }),
      idsSeed: fc.integer({ min: 0, max: 0x7fffffff }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (r) => {
        const config = toConfig(r.model);
        // Decoders get no mask (causal must come from the architecture); encoders get 'causal'.
        const mask: MaskSpec =
          config.architecture === 'encoder' ? { kind: 'causal' } : { kind: 'none' };
        const got = await runOnce(config, r.model.seed, inputOf({ ...r, mask }, config));
        let checked = 0;
        for (const s of got.stacks) {
          if (s.kind === 'cross') continue;
          if (s.kind === 'encoder-self' && config.architecture === 'encoder-decoder') {
            // The encoder of an encoder-decoder model stays bidirectional with mask none.
            expect(s.mask.allowed.every((a) => a === 1)).toBe(true);
            continue;
          }
          for (let l = 0; l < s.layers; l++)
            for (let h = 0; h < s.heads; h++)
              for (let q = 0; q < s.queryLength; q++) {
                const row = stackRow(s, l, h, q);
                for (let k = q + 1; k < s.keyLength; k++) expect(row[k]).toBe(0);
                checked++;
              }
        }
        expect(checked).toBeGreaterThan(0);
      }),
      settings(RUNS_MODEL, 202),
    );
  });

  it('permutation equivariance: no positions, no mask ⇒ W′[i][j] = W[p(i)][p(j)]', async () => {
    const arb = modelArb(['encoder'], ['none']).chain((model) =>
      fc.integer({ min: 2, max: 10 }).chain((t) =>
        fc.record({
          model: fc.constant(model),
          layers: fc.integer({ min: 1, max: 3 }),
          ids: fc.array(fc.integer({ min: 0, max: 16 }), { minLength: t, maxLength: t }),
          perm: fc.shuffledSubarray(
            Array.from({ length: t }, (_, i) => i),
            { minLength: t, maxLength: t },
          ),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ model, layers, ids, perm }) => {
        const config = toConfig({ ...model, layers });
        const weights = refRandomWeights(config, model.seed);
        const m = createModel(config, weights);
        try {
          const a = await m.run({ sourceIds: ids });
          const permuted = perm.map((p) => ids[p] ?? 0);
          const b = await m.run({ sourceIds: permuted });
          const t = ids.length;
          const sa = a.stacks[0];
          const sb = b.stacks[0];
          if (!sa || !sb) throw new Error('no stack');
          const expected = new Float64Array(sb.weights.length);
          for (let l = 0; l < config.numLayers; l++)
            for (let h = 0; h < config.numHeads; h++)
              for (let i = 0; i < t; i++)
                for (let j = 0; j < t; j++) {
                  const base = (l * config.numHeads + h) * t * t;
                  const pi = perm[i] ?? -1;
                  const pj = perm[j] ?? -1;
                  expected[base + i * t + j] = sa.weights[base + pi * t + pj] ?? NaN;
                }
          const d = maxAbsDiff(expected, sb.weights);
          expect(d.max, `perm ${perm.join(',')}`).toBeLessThanOrEqual(1e-5);
          // Hidden states permute the same way.
          const dm = config.dModel;
          const hidden = new Float64Array(t * dm);
          for (let i = 0; i < t; i++)
            for (let j = 0; j < dm; j++)
              hidden[i * dm + j] = a.hidden[(perm[i] ?? -1) * dm + j] ?? NaN;
          expect(maxAbsDiff(hidden, b.hidden).max).toBeLessThanOrEqual(1e-4);
        } finally {
          m.dispose();
        }
      }),
      settings(30, 303),
    );
  });

  it('RoPE: with identical tokens, raw scores q·k depend only on m − n', async () => {
    // Without RoPE identical tokens give a constant score matrix, so also count the runs whose
    // scores really vary with the distance.
    let varying = 0;
    const arb = fc.record({
      model: modelArb(['encoder', 'decoder', 'encoder-decoder'], ['rope']),
      t: fc.integer({ min: 2, max: 12 }),
      token: fc.integer({ min: 0, max: 16 }),
      base: fc.constantFrom(10000, 500, 100),
      head: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (r) => {
        const config = { ...toConfig(r.model), positionalBase: r.base };
        const ids = new Array<number>(r.t).fill(r.token);
        const kind = selfKindOf(config.architecture);
        const input: RunInput = {
          sourceIds: ids,
          intermediates: { kind, layer: 0, head: r.head % config.numHeads },
        };
        if (config.architecture === 'encoder-decoder') input.targetIds = [0];
        const got = await runOnce(config, r.model.seed, input);
        const im = got.intermediates;
        if (!im) throw new Error('no intermediates');
        const t = r.t;
        expect([im.queryLength, im.keyLength]).toEqual([t, t]);
        const raw = Array.from(im.rawScores);
        if (Math.max(...raw) - Math.min(...raw) > 1e-3) varying++;
        for (let m = 0; m < t; m++) {
          for (let n = 0; n < t; n++) {
            // Compare with the first element of the same diagonal (m − n constant).
            const shift = Math.min(m, n);
            const ref = im.rawScores[(m - shift) * t + (n - shift)] ?? NaN;
            const v = im.rawScores[m * t + n] ?? NaN;
            expect(Math.abs(v - ref), `raw[${m}][${n}] vs diagonal start`).toBeLessThanOrEqual(
              1e-4,
            );
          }
        }
      }),
      settings(30, 404),
    );
    expect(varying, 'runs whose scores vary with distance').toBeGreaterThan(20);
  });

  it('sinusoidalTable matches PE[pos][2i] = sin(pos/base^(2i/d)), PE[pos][2i+1] = cos(…)', () => {
    const arb = fc.record({
      positions: fc.integer({ min: 1, max: 80 }),
      half: fc.integer({ min: 1, max: 40 }),
      base: fc.oneof(fc.constantFrom(10000, 100), fc.integer({ min: 2, max: 100000 })),
    });
    fc.assert(
      fc.property(arb, ({ positions, half, base }) => {
        const d = 2 * half;
        const got = sinusoidalTable(positions, d, base);
        expect(got.length).toBe(positions * d);
        expect(maxAbsDiff(refSinusoidal(positions, d, base), got).max).toBeLessThanOrEqual(1e-6);
        // Row 0 is [0, 1, 0, 1, …].
        for (let j = 0; j < d; j++) expect(got[j]).toBe(j % 2 === 0 ? 0 : 1);
      }),
      settings(RUNS_PURE, 505),
    );
  });

  it('alibiSlopes and RoPE frequencies follow their formulas', () => {
    expect(alibiSlopes(8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((h) => 2 ** -h));
    expect(alibiSlopes(3)).toEqual([2 ** -4, 2 ** -8, 2 ** -2]);
    for (let h = 1; h <= 64; h++) {
      const got = alibiSlopes(h);
      expect(got.length, `H=${h}`).toBe(h);
      expect(maxAbsDiff(refAlibiSlopes(h), got).max, `H=${h}`).toBeLessThanOrEqual(1e-15);
    }
    for (const dh of [2, 4, 8, 64]) {
      const f = ropeInverseFrequencies(dh, 10000);
      expect(f.length).toBe(dh / 2);
      f.forEach((v, i) => expect(Math.abs(v - 10000 ** ((-2 * i) / dh))).toBeLessThan(1e-15));
    }
  });

  describe('buildMask', () => {
    const sizeArb = fc.integer({ min: 1, max: 24 });

    it('causal is lower-triangular; padding, none, dilated, global-window, custom match the docs', () => {
      fc.assert(
        fc.property(
          sizeArb.chain((t) => fc.tuple(fc.constant(t), maskArb(t))),
          ([t, s]) => {
            const causal = buildMask({ kind: 'causal' }, t);
            for (let q = 0; q < t; q++)
              for (let k = 0; k < t; k++) expect(causal.allowed[q * t + k]).toBe(k <= q ? 1 : 0);
            if (s.kind === 'bigbird') return;
            const got = buildMask(s, t);
            expect([got.rows, got.cols]).toEqual([t, t]);
            expect(maskEquals(got, refMask(s, t, t)), JSON.stringify(s)).toBe(true);
          },
        ),
        settings(RUNS_PURE, 606),
      );
    });

    it('window obeys |q − k| ≤ radius', () => {
      fc.assert(
        fc.property(sizeArb, fc.integer({ min: 0, max: 30 }), (t, radius) => {
          const m = buildMask({ kind: 'window', radius }, t);
          for (let q = 0; q < t; q++)
            for (let k = 0; k < t; k++)
              expect(m.allowed[q * t + k]).toBe(Math.abs(q - k) <= radius ? 1 : 0);
        }),
        settings(RUNS_PURE, 707),
      );
    });

    it('bigbird: contains window and globals, randomPerRow extra keys where possible, deterministic', () => {
      const arb = sizeArb.chain((t) =>
        fc.record({
          t: fc.constant(t),
          radius: fc.integer({ min: 0, max: 3 }),
          globalTokens: fc.uniqueArray(fc.integer({ min: 0, max: t - 1 }), {
            maxLength: Math.min(3, t),
          }),
          randomPerRow: fc.integer({ min: 0, max: 6 }),
          seed: fc.integer({ min: 0, max: 0x7fffffff }),
        }),
      );
      fc.assert(
        fc.property(arb, ({ t, ...rest }) => {
          const s: MaskSpec = { kind: 'bigbird', ...rest };
          const m = buildMask(s, t);
          const again = buildMask(s, t);
          expect(maskEquals(m, again), 'same seed, same mask').toBe(true);
          const base = refMask(
            { kind: 'global-window', radius: rest.radius, globalTokens: rest.globalTokens },
            t,
            t,
          );
          for (let q = 0; q < t; q++) {
            let extra = 0;
            let free = 0;
            for (let k = 0; k < t; k++) {
              const inBase = base.allowed[q * t + k] === 1;
              const inMask = m.allowed[q * t + k] === 1;
              if (inBase) expect(inMask, `q ${q} k ${k} window/global`).toBe(true);
              else {
                free++;
                if (inMask) extra++;
              }
            }
            const expected = rest.globalTokens.includes(q) ? 0 : Math.min(rest.randomPerRow, free);
            expect(extra, `row ${q}: extra keys`).toBe(expected);
          }
        }),
        settings(RUNS_PURE, 808),
      );
    });
  });
});
