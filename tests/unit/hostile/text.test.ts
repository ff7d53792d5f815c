/**
 * Hostile text through the tokenizers and the engine: any Unicode, control characters, very long
 * strings, only spaces, only punctuation. No exception, no NaN in any weight, every token a
 * non-empty string (the views render token text as text).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHashTokenizer,
  createModel,
  createPlaygroundWeights,
  createVocabTokenizer,
  DEFAULT_PLAYGROUND,
  ENGLISH,
  initBackend,
  playgroundConfig,
  type AttentionModel,
} from '../../../src/engine/index.ts';

const MAX_TOKENS = 48; // the app truncates to the model's positions; kept small for speed

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }), // any code point, lone surrogates included
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'), maxLength: 100 }),
  fc.string({
    unit: fc.constantFrom('.', ',', '!', '?', '。', '，', '"', "'", '<', '>'),
    maxLength: 100,
  }),
  fc.string({
    unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
    maxLength: 50,
  }),
  fc.string({ unit: 'binary-ascii', minLength: 9_000, maxLength: 10_000 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    'שלום עולם',
    '👨‍👩‍👧 🏳️‍🌈',
    '\u202eevil',
  ),
);

let model: AttentionModel;
const config = playgroundConfig({
  ...DEFAULT_PLAYGROUND,
  layers: 2,
  heads: 2,
  dModel: 16,
  maxPositions: MAX_TOKENS,
});
const hashTokenizer = createHashTokenizer(config.vocabSize);
const vocabTokenizer = createVocabTokenizer(
  'en',
  ['<pad>', '<unk>', '<s>', '</s>', 'the', 'bank', '.'],
  ENGLISH,
  ' ',
);

beforeAll(async () => {
  await initBackend({ preferred: ['wasm'] });
  model = createModel(config, createPlaygroundWeights(config, 1));
});
afterAll(() => model.dispose());

describe('hostile text', () => {
  it('1,000 random strings: tokens are non-empty text, the engine gives finite weights', async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const vocabTokens = vocabTokenizer.encode(text);
        for (const t of vocabTokens) {
          expect(typeof t.text).toBe('string');
          expect(t.text.length).toBeGreaterThan(0);
          expect(Number.isInteger(t.id)).toBe(true);
        }
        const tokens = hashTokenizer.encode(text).slice(0, MAX_TOKENS);
        for (const t of tokens) expect(t.text.length).toBeGreaterThan(0);
        if (tokens.length === 0) return; // the app shows its empty state
        const result = await model.run({ sourceIds: tokens.map((t) => t.id) });
        ran++;
        for (const stack of result.stacks)
          for (let i = 0; i < stack.weights.length; i++)
            if (!Number.isFinite(stack.weights[i]!))
              throw new Error(`non-finite weight for ${JSON.stringify(text.slice(0, 40))}`);
      }),
      { numRuns: 1000, seed: 20261121 },
    );
    expect(ran).toBeGreaterThan(300); // most strings do have tokens: the engine really ran
  });
});
