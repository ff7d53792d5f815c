/**
 * The engine (tfjs, float32, wasm) against the independent float64 reference in
 * tests/unit/reference/reference.ts, over many seeded random configurations: every architecture,
 * positional kind and mask kind, pre/post norm, each activation, each scale kind, 1–4 heads.
 *
 * Tolerances: 1e-5 on every attention weight of every stack; 1e-4 on the requested head's
 * intermediates, on the final hidden states and on the logits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildMask,
  createModel,
  createPlaygroundWeights,
  initBackend,
  type ForwardResult,
  type IntermediatesRequest,
  type MaskMatrix,
  type MaskSpec,
  type RunInput,
  type ScaleSpec,
  type TransformerConfig,
  type WeightMap,
} from '../../../src/engine';
import {
  mulberry32,
  refForward,
  refRandomWeights,
  type RefForwardResult,
} from '../reference/reference';
import {
  ARCHITECTURES,
  POSITIONALS,
  makeConfig,
  maskEquals,
  maskText,
  maxAbsDiff,
  pick,
  randInt,
  randomIds,
  stackIndex,
} from './helpers';

const WEIGHT_TOL = 1e-5;
const VALUE_TOL = 1e-4;

const MASK_KINDS: MaskSpec['kind'][] = [
  'none',
  'causal',
  'padding',
  'window',
  'dilated',
  'global-window',
  'bigbird',
  'custom',
];

interface Case {
  name: string;
  config: TransformerConfig;
  input: RunInput;
  /** 'own' = refRandomWeights (independent of the engine); 'playground' = engine generator. */
  weights: 'own' | 'playground';
  seed: number;
}

function randomMask(rand: () => number, kind: MaskSpec['kind'], t: number): MaskSpec {
  const globals = (): number[] => {
    const n = randInt(rand, 0, Math.min(2, t));
    const g = new Set<number>();
    for (let i = 0; i < n; i++) g.add(randInt(rand, 0, t - 1));
    return [...g];
  };
  switch (kind) {
    case 'none':
      return { kind };
    case 'causal':
      return { kind };
    case 'padding':
      return { kind, validLength: randInt(rand, 0, t) };
    case 'window':
      return { kind, radius: randInt(rand, 0, 3) };
    case 'dilated':
      return { kind, radius: randInt(rand, 1, 2), dilation: randInt(rand, 1, 3) };
    case 'global-window':
      return { kind, radius: randInt(rand, 0, 2), globalTokens: globals() };
    case 'bigbird':
      return {
        kind,
        radius: randInt(rand, 0, 1),
        globalTokens: globals(),
        randomPerRow: randInt(rand, 0, 3),
        seed: randInt(rand, 0, 1e6),
      };
    case 'custom': {
      // Random 0/1 matrix; some rows end up empty (fully masked) or with a single key.
      const allowed = new Uint8Array(t * t);
      const density = pick(rand, [0.15, 0.5, 0.85]);
      for (let i = 0; i < allowed.length; i++) allowed[i] = rand() < density ? 1 : 0;
      return { kind, size: t, allowed };
    }
  }
}

function randomScale(rand: () => number): ScaleSpec {
  const r = rand();
  if (r < 0.5) return { kind: 'default' };
  if (r < 0.75) return { kind: 'none' };
  return { kind: 'custom', factor: pick(rand, [0.25, 0.5, 1.5]) };
}

/**
 * Every architecture × positional kind × mask kind, twice with different random draws:
 * 2 × 3 × 5 × 8 = 240 cases (about a second on wasm).
 */
const REPEATS = 2;
function buildCases(): Case[] {
  const cases: Case[] = [];
  const rand = mulberry32(20240607);
  let n = 0;
  for (let rep = 0; rep < REPEATS; rep++)
    for (const maskKind of MASK_KINDS) {
      for (const architecture of ARCHITECTURES) {
        for (const positional of POSITIONALS) {
          // Heads cycle 1..4 (shifted per mask kind) so ALiBi sees the non-power-of-two 3 on every
          // architecture.
          const heads = ((n + Math.floor(n / 5)) % 4) + 1;
          const headSize = pick(rand, [2, 4, 8]);
          const layers = randInt(rand, 1, 3);
          const config = makeConfig({
            architecture,
            heads,
            headSize,
            layers,
            decoderLayers: randInt(rand, 1, 3),
            positional,
            norm: rand() < 0.5 ? 'pre' : 'post',
            activation: pick(rand, ['relu', 'gelu', 'gelu_tanh'] as const),
            vocabSize: randInt(rand, 5, 30),
            targetVocabSize: rand() < 0.5 ? randInt(rand, 5, 30) : undefined,
            dFF: headSize * heads * pick(rand, [1, 2, 4]),
            scale: randomScale(rand),
            scaleEmbeddings: rand() < 0.3,
            positionalBase: pick(rand, [10000, 10000, 100, 500]),
            layerNormEps: pick(rand, [1e-5, 1e-6, 1e-12]),
          });
          // Lengths: T = 1 now and then, up to 12.
          const ts = n % 11 === 0 ? 1 : randInt(rand, 2, 12);
          const tt = architecture === 'encoder-decoder' ? randInt(rand, 1, 8) : 0;
          const input: RunInput = {
            sourceIds: randomIds(rand, ts, config.vocabSize),
            mask: randomMask(rand, maskKind, ts),
          };
          if (architecture === 'encoder-decoder') {
            input.targetIds = randomIds(rand, tt, config.targetVocabSize ?? config.vocabSize);
          }
          if (rand() < 0.25) input.scale = randomScale(rand);
          const kinds: IntermediatesRequest['kind'][] =
            architecture === 'encoder'
              ? ['encoder-self']
              : architecture === 'decoder'
                ? ['decoder-self']
                : ['encoder-self', 'decoder-self', 'cross'];
          const kind = pick(rand, kinds);
          const kindLayers =
            kind === 'encoder-self' || architecture === 'decoder'
              ? config.numLayers
              : (config.numDecoderLayers ?? config.numLayers);
          input.intermediates = {
            kind,
            layer: randInt(rand, 0, kindLayers - 1),
            head: randInt(rand, 0, heads - 1),
          };
          const weights = n % 4 === 3 ? 'playground' : 'own';
          const name =
            `#${n} ${architecture} pos=${positional} mask=${maskKind} H=${heads} dh=${headSize} ` +
            `L=${layers} ${config.norm} ${config.activation} scale=${(input.scale ?? config.scale).kind} ` +
            `T=${ts}${tt ? `/${tt}` : ''} w=${weights}`;
          cases.push({ name, config, input, weights, seed: 1000 + n });
          n++;
        }
      }
    }
  return cases;
}

/** Tolerance check with a readable message. */
function expectClose(
  what: string,
  expected: ArrayLike<number>,
  got: ArrayLike<number>,
  tol: number,
  where?: (i: number) => string,
): void {
  const d = maxAbsDiff(expected, got);
  const at = d.index >= 0 && where ? ` at ${where(d.index)}` : ` at [${d.index}]`;
  expect(
    d.max,
    `${what}: max |err| ${d.max.toExponential(3)}${at} (expected ${d.expected}, got ${d.got})`,
  ).toBeLessThanOrEqual(tol);
}

function compare(ref: RefForwardResult, got: ForwardResult): void {
  expect(got.stacks.map((s) => s.kind)).toEqual(ref.stacks.map((s) => s.kind));
  // Masks first: a wrong mask in one block shows up as wrong weights in the later ones.
  ref.stacks.forEach((rs, i) => {
    const gs = got.stacks[i];
    if (!gs) throw new Error(`missing stack ${i}`);
    expect(
      maskEquals(gs.mask, rs.mask),
      `${rs.kind} mask\nexpected\n${maskText(rs.mask)}\ngot\n${maskText(gs.mask)}`,
    ).toBe(true);
  });
  ref.stacks.forEach((rs, i) => {
    const gs = got.stacks[i];
    if (!gs) throw new Error(`missing stack ${i}`);
    const shape = [gs.layers, gs.heads, gs.queryLength, gs.keyLength];
    expect(shape, `${rs.kind} stack shape`).toEqual([
      rs.layers,
      rs.heads,
      rs.queryLength,
      rs.keyLength,
    ]);
    expectClose(`${rs.kind} weights`, rs.weights, gs.weights, WEIGHT_TOL, (j) => stackIndex(rs, j));
  });
  const ri = ref.intermediates;
  const gi = got.intermediates;
  expect(ri, 'reference produced the requested intermediates').toBeDefined();
  expect(gi, 'engine produced the requested intermediates').toBeDefined();
  if (ri && gi) {
    expect([gi.kind, gi.layer, gi.head, gi.queryLength, gi.keyLength, gi.headSize]).toEqual([
      ri.kind,
      ri.layer,
      ri.head,
      ri.queryLength,
      ri.keyLength,
      ri.headSize,
    ]);
    expect(Math.abs(gi.scale - ri.scale), 'scale factor').toBeLessThanOrEqual(1e-6);
    const fields = [
      'q',
      'k',
      'v',
      'rawScores',
      'scaledScores',
      'maskedScores',
      'weights',
      'output',
    ] as const;
    for (const f of fields) {
      const tol = f === 'weights' ? WEIGHT_TOL : VALUE_TOL;
      expectClose(`intermediates.${f}`, ri[f], gi[f], tol);
    }
    // The masked entries are −Infinity exactly (maxAbsDiff treats ±∞ vs finite as an error).
  }
  expectClose('hidden', ref.hidden, got.hidden, VALUE_TOL);
  if (ref.logits) {
    expect(got.logits, 'logits').toBeDefined();
    if (got.logits) expectClose('logits', ref.logits, got.logits, VALUE_TOL);
  } else {
    expect(got.logits, 'an encoder has no output head').toBeUndefined();
  }
}

const cases = buildCases();

describe('engine vs float64 reference', () => {
  beforeAll(async () => {
    await initBackend({ preferred: ['wasm'] });
  });

  it('covers every architecture × positional × mask kind, and ALiBi with 3 heads', () => {
    const seen = new Set(
      cases.map((c) => `${c.config.architecture}/${c.config.positional}/${c.input.mask?.kind}`),
    );
    expect(seen.size).toBe(ARCHITECTURES.length * POSITIONALS.length * MASK_KINDS.length);
    expect(cases.length).toBe(REPEATS * seen.size);
    for (const architecture of ARCHITECTURES) {
      const alibi3 = cases.filter(
        (c) =>
          c.config.architecture === architecture &&
          c.config.positional === 'alibi' &&
          c.config.numHeads === 3,
      );
      expect(alibi3.length, architecture).toBeGreaterThan(0);
    }
    for (const heads of [1, 2, 3, 4]) {
      expect(cases.some((c) => c.config.numHeads === heads)).toBe(true);
    }
    expect(cases.some((c) => c.input.sourceIds.length === 1)).toBe(true);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const weights: WeightMap =
        c.weights === 'own'
          ? refRandomWeights(c.config, c.seed)
          : createPlaygroundWeights(c.config, c.seed);
      // BigBird's random keys come from the engine's PRNG: the reference takes them from the
      // engine's own buildMask (see reference.ts) and builds window + globals itself.
      const spec = c.input.mask;
      let bigbirdMask: MaskMatrix | undefined;
      if (spec?.kind === 'bigbird') bigbirdMask = buildMask(spec, c.input.sourceIds.length);
      const ref = refForward(c.config, weights, c.input, bigbirdMask ? { bigbirdMask } : {});
      const model = createModel(c.config, weights);
      try {
        const got = await model.run(c.input);
        compare(ref, got);
      } finally {
        model.dispose();
      }
    });
  }
});
