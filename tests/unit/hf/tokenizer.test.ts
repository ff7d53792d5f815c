/**
 * The checkpoints' own tokenizers on the fixture vocabularies: hand-checked ids (worked out from
 * vocab.txt / vocab.json + merges.txt, see the comments), sentence pairs with token types,
 * truncation, the vocab-file fallbacks, and agreement with @huggingface/tokenizers' own encode().
 *
 * WordPiece vocabulary (tests/fixtures/hf/tiny-bert/vocab.txt): [PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3,
 * [MASK] 4, `. , ! ? ' -` 5–10, the 11 cat 12 sat 13 on 14 mat 15 a 16 dog 17 ran 18 in 19 park 20
 * … play 30 cafe 31 … where 35 did 36 go 37 went 38 ##ed 39 ##ing 40 ##er 41,
 * letters a–z 42–67, ##a–##z 68–93.
 *
 * Byte-level BPE (tiny-gpt2): ids 0–255 are the bytes in GPT-2's order ('!' = 0 … '~' = 93, so a
 * printable ASCII byte b has id b − 33; 'Ġ' (space) = 220; 'Ã' (0xC3) = 127; '©' (0xA9) = 102),
 * then one id per merge from 256 (he 256, the 257, Ġthe 258, at 259, Ġd 260, …, Ġcat 273, Ġon 275,
 * Ġsat 276, Ġmat 291), then <|endoftext|> 293. RoBERTa's has <s> 0 <pad> 1 </s> 2 <unk> 3 first,
 * so every BPE id is 4 higher, and <mask> last (297).
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { createHfTokenizer, loadHfModel, type HfTokenizer } from '../../../src/loader/hf';
import { longestFirst } from '../../../src/loader/hf/tokenizer';
import { fixtureFiles, readFixtureText } from './helpers';

const load = async (name: string): Promise<HfTokenizer> =>
  (await loadHfModel({ kind: 'files', files: fixtureFiles(name) })).tokenizer;

describe('WordPiece (BERT, DistilBERT)', () => {
  it('hand-checked ids, special and unknown flags', async () => {
    const tok = await load('tiny-bert');
    const enc = tok.encodeInput('The cat sat on the mat.');
    expect(enc.ids).toEqual([2, 11, 12, 13, 14, 11, 15, 5, 3]);
    expect(enc.tokens.map((t) => t.text)).toEqual([
      '[CLS]',
      'the',
      'cat',
      'sat',
      'on',
      'the',
      'mat',
      '.',
      '[SEP]',
    ]);
    expect(enc.tokens.map((t) => t.special)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(enc.truncated).toBe(0);
    // play ##ing · dog ##s · !
    expect(tok.encodeInput('Playing dogs!').ids).toEqual([2, 30, 40, 17, 86, 7, 3]);
    // lower-cased and accents stripped: cafe; zebra spelt z ##e ##b ##r ##a; the emoji is unknown.
    const odd = tok.encodeInput('Café zebra 🙂');
    expect(odd.ids).toEqual([2, 31, 67, 72, 69, 85, 68, 1, 3]);
    expect(odd.tokens.map((t) => t.text)).toEqual([
      '[CLS]',
      'cafe',
      'z',
      '##e',
      '##b',
      '##r',
      '##a',
      '[UNK]',
      '[SEP]',
    ]);
    expect(odd.tokens.map((t) => t.unknown)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(tok.encode('The cat sat on the mat.').map((t) => t.id)).toEqual([
      2, 11, 12, 13, 14, 11, 15, 5, 3,
    ]);
  });

  it('a sentence pair: [CLS] A [SEP] B [SEP] with token types 0… / 1…', async () => {
    const tok = await load('tiny-bert');
    const enc = tok.encodeInput('Where did the dog go?', 'The dog went to the park.');
    expect(enc.ids).toEqual([2, 35, 36, 11, 17, 37, 8, 3, 11, 17, 38, 29, 11, 20, 5, 3]);
    expect(enc.tokenTypeIds).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(enc.segments).toEqual(enc.tokenTypeIds);
    expect(tok.supportsPairs).toBe(true);
  });

  it('DistilBERT: the same pair layout, but no token types for the model', async () => {
    const tok = await load('tiny-distilbert');
    const enc = tok.encodeInput('Where did the dog go?', 'The dog went to the park.');
    expect(enc.ids).toEqual([2, 35, 36, 11, 17, 37, 8, 3, 11, 17, 38, 29, 11, 20, 5, 3]);
    expect(enc.segments).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(enc.tokenTypeIds).toBeUndefined();
  });

  it('vocab.txt alone builds the same tokenizer as tokenizer.json', async () => {
    const fromVocab = await load('tiny-bert-f16'); // has no tokenizer.json
    const fromJson = await load('tiny-bert');
    expect(fromVocab.source.builtFrom).toBe('vocab.txt');
    for (const [a, b] of [
      ['The cat sat on the mat.', undefined],
      ['Café zebra 🙂 [MASK] it was', 'he went to the bank, and she ran!'],
    ] as const)
      expect(fromVocab.encodeInput(a, b)).toEqual(fromJson.encodeInput(a, b));
  });

  it('truncates a pair longest-first to maxPositions, and says how much', async () => {
    const tok = await load('tiny-bert');
    expect(tok.maxLength).toBe(48);
    const a = Array.from({ length: 50 }, () => 'dog').join(' ');
    const b = Array.from({ length: 10 }, () => 'cat').join(' ');
    const enc = tok.encodeInput(a, b);
    expect(enc.ids).toHaveLength(48);
    // 45 tokens fit beside [CLS] [SEP] [SEP]: B keeps its 10, A keeps 35.
    expect([enc.truncatedA, enc.truncatedB, enc.truncated]).toEqual([15, 0, 15]);
    expect(enc.ids.filter((id) => id === 17)).toHaveLength(35);
    expect(enc.ids.at(-1)).toBe(3);
    expect(enc.tokenTypeIds?.filter((t) => t === 1)).toHaveLength(11);
    // Both long: 22 / 23 (the Rust tokenizers' split).
    const both = tok.encodeInput(a, a);
    expect([both.truncatedA, both.truncatedB]).toEqual([28, 27]);
  });

  it('longest-first split as in the Rust tokenizers', () => {
    expect(longestFirst(3, 4, 10)).toEqual([3, 4]);
    expect(longestFirst(50, 10, 45)).toEqual([35, 10]);
    expect(longestFirst(10, 50, 45)).toEqual([10, 35]);
    expect(longestFirst(50, 50, 45)).toEqual([22, 23]);
    expect(longestFirst(51, 50, 45)).toEqual([23, 22]);
    expect(longestFirst(5, 5, 0)).toEqual([0, 0]);
  });
});

describe('byte-level BPE (GPT-2, RoBERTa)', () => {
  it('GPT-2: hand-checked ids and readable texts', async () => {
    const tok = await load('tiny-gpt2');
    const enc = tok.encodeInput('The cat sat on the mat.');
    // T · he · Ġcat · Ġsat · Ġon · Ġthe · Ġmat · .
    expect(enc.ids).toEqual([51, 256, 273, 276, 275, 258, 291, 13]);
    expect(enc.tokens.map((t) => t.piece)).toEqual([
      'T',
      'he',
      'Ġcat',
      'Ġsat',
      'Ġon',
      'Ġthe',
      'Ġmat',
      '.',
    ]);
    expect(enc.tokens.map((t) => t.text)).toEqual([
      'T',
      'he',
      ' cat',
      ' sat',
      ' on',
      ' the',
      ' mat',
      '.',
    ]);
    expect(enc.tokens.some((t) => t.special)).toBe(false);
    expect(enc.tokenTypeIds).toBeUndefined();
    // H e l l o (no merges apply) · Ġ c a f · é as two bytes (Ã ©).
    const cafe = tok.encodeInput('Hello café');
    expect(cafe.ids).toEqual([39, 68, 75, 75, 78, 220, 66, 64, 69, 127, 102]);
    // Half a character each: shown as its byte, not U+FFFD.
    expect(cafe.tokens.slice(-2).map((t) => t.text)).toEqual(['<0xC3>', '<0xA9>']);
    expect(tok.decode(cafe.ids)).toBe('Hello café');
    // The special token is recognised in text.
    const eot = tok.encodeInput('the<|endoftext|>');
    expect(eot.ids).toEqual([257, 293]);
    expect(eot.tokens[1]?.special).toBe(true);
  });

  it('GPT-2 reads one text; pairs are refused', async () => {
    const tok = await load('tiny-gpt2');
    expect(tok.supportsPairs).toBe(false);
    expect(() => tok.encodeInput('a', 'b')).toThrow(/one text/);
  });

  it('GPT-2: truncation to 32 positions', async () => {
    const tok = await load('tiny-gpt2');
    expect(tok.maxLength).toBe(32);
    const enc = tok.encodeInput(Array.from({ length: 40 }, () => ' the').join(''));
    expect(enc.ids).toEqual(Array.from({ length: 32 }, () => 258));
    expect(enc.truncated).toBe(8);
  });

  it('vocab.json + merges.txt alone build the same tokenizer as tokenizer.json', async () => {
    const fromFiles = await load('tiny-gpt2-bf16'); // has no tokenizer.json
    const fromJson = await load('tiny-gpt2');
    expect(fromFiles.source.builtFrom).toBe('vocab.json+merges.txt');
    for (const text of [
      'The cat sat on the mat.',
      'Hello café<|endoftext|>  two  spaces\n',
      "it's 42 dogs!",
    ])
      expect(fromFiles.encodeInput(text)).toEqual(fromJson.encodeInput(text));
  });

  it('RoBERTa: <s> A </s></s> B </s>, one token type (all 0)', async () => {
    const tok = await load('tiny-roberta');
    expect(tok.encodeInput('The cat sat on the mat.').ids).toEqual([
      0, 55, 260, 277, 280, 279, 262, 295, 17, 2,
    ]);
    const pair = tok.encodeInput('The cat sat on the mat.', 'Where did the dog go?');
    // … </s> </s> W he r e · Ġd i d · Ġthe · Ġdog · Ġg o · ? </s>
    expect(pair.ids).toEqual([
      0, 55, 260, 277, 280, 279, 262, 295, 17, 2, 2, 58, 260, 85, 72, 264, 76, 71, 262, 271, 290,
      82, 34, 2,
    ]);
    expect(pair.segments.slice(9, 12)).toEqual([0, 1, 1]);
    expect(pair.tokenTypeIds).toEqual(pair.ids.map(() => 0)); // type_vocab_size 1
    const mask = tok.encodeInput('the <mask>');
    expect(mask.ids).toEqual([0, 261, 297, 2]); // <mask> strips the space on its left
  });

  it('RoBERTa vocab.json + merges.txt build the same tokenizer as its tokenizer.json', async () => {
    const fromFiles = await load('tiny-roberta'); // check by building directly from the old files
    const built = await createHfTokenizer(
      {
        'vocab.json': readFixtureText('tiny-roberta', 'vocab.json'),
        'merges.txt': readFixtureText('tiny-roberta', 'merges.txt'),
        'tokenizer_config.json': readFixtureText('tiny-roberta', 'tokenizer_config.json'),
      },
      { name: 'r', family: 'roberta', maxLength: 48, typeVocabSize: 1 },
    );
    expect(built.source.builtFrom).toBe('vocab.json+merges.txt');
    for (const [a, b] of [
      ['The cat sat on the mat.', undefined],
      ['the <mask> went', 'Where did the dog go?'],
    ] as const)
      expect(built.encodeInput(a, b).ids).toEqual(fromFiles.encodeInput(a, b).ids);
  });

  it('an independent byte-level BPE over vocab.json + merges.txt gives the same ids', async () => {
    const tok = await load('tiny-gpt2');
    const vocab = JSON.parse(readFixtureText('tiny-gpt2', 'vocab.json')) as Record<string, number>;
    const ranks = new Map(
      readFixtureText('tiny-gpt2', 'merges.txt')
        .split('\n')
        .slice(1)
        .filter((l) => l !== '')
        .map((l, i) => [l, i]),
    );
    const byteChar = new Map<number, string>();
    const printable = [...Array(94).keys()]
      .map((i) => i + 0x21)
      .concat(
        [...Array(12).keys()].map((i) => i + 0xa1),
        [...Array(82).keys()].map((i) => i + 0xae),
      );
    let extra = 0;
    for (let b = 0; b < 256; b++)
      byteChar.set(b, String.fromCodePoint(printable.includes(b) ? b : 256 + extra++));
    const encode = (text: string): number[] => {
      const ids: number[] = [];
      for (const word of text.match(
        /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu,
      ) ?? []) {
        let parts = Array.from(new TextEncoder().encode(word), (b) => byteChar.get(b) as string);
        for (;;) {
          let best = -1;
          let bestRank = Infinity;
          for (let i = 0; i + 1 < parts.length; i++) {
            const r = ranks.get(`${parts[i]} ${parts[i + 1]}`);
            if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
          }
          if (best < 0) break;
          parts = [
            ...parts.slice(0, best),
            `${parts[best]}${parts[best + 1]}`,
            ...parts.slice(best + 2),
          ];
        }
        ids.push(...parts.map((p) => vocab[p] as number));
      }
      return ids;
    };
    for (const text of [
      'The cat sat on the mat.',
      'where did the dog go? the big red dog went to the park!',
      'Hello café 42',
    ])
      expect(tok.encodeInput(text).ids).toEqual(encode(text));
  });
});

describe('agreement with @huggingface/tokenizers encode()', () => {
  const cases: [string, string, string | undefined][] = [
    ['tiny-bert', 'The cat sat on the mat.', undefined],
    ['tiny-bert', 'Where did the dog go?', 'The dog went to the park.'],
    ['tiny-distilbert', 'Café zebra 🙂', 'she ran'],
    ['tiny-roberta', 'The cat sat on the mat.', 'Where did the dog go?'],
    ['tiny-gpt2', 'Hello café<|endoftext|>!', undefined],
  ];
  for (const [name, a, b] of cases)
    it(`${name}: ${a}${b ? ` | ${b}` : ''}`, async () => {
      const tok = await load(name);
      const lib = new Tokenizer(
        JSON.parse(readFixtureText(name, 'tokenizer.json')) as object,
        JSON.parse(readFixtureText(name, 'tokenizer_config.json')) as object,
      );
      const want = lib.encode(a, { text_pair: b ?? null, return_token_type_ids: true });
      const got = tok.encodeInput(a, b);
      expect(got.ids).toEqual(want.ids);
      if (want.token_type_ids) expect(got.segments).toEqual(want.token_type_ids);
    });
});
