/**
 * The decoder checkpoints' tokenizers on the fixture vocabularies (scripts/fixtures/make-llm-checkpoints.ts):
 * hand-checked ids, BOS/EOS exactly where transformers adds them, special flags, byte fallback.
 *
 * SentencePiece BPE (tiny-llama, tiny-mistral): <unk> 0, <s> 1, </s> 2, byte pieces <0x00>…<0xFF>
 * 3–258 (byte b has id b + 3), then the pieces of the 45 merges in order (he 259, ▁t 260, ▁the 261,
 * an 262, at 263, ▁b 264, The 265, ▁The 266, ▁r 267, ank 268, …, ▁bank 271, ar 272, …, iver 282, …,
 * ▁i 284, …, ▁river 290, …), then single characters by frequency (▁ 305, e 306, t 307, a 308, h 309,
 * n 310, o 311, r 312, d 313, i 314, . 315, …, s 319, …, c 322, …, H 332). Merge ranks: h+e 0,
 * ▁+t 1, ▁t+he 2, a+n 3, …, T+he 6, ▁+The 7, ▁+r 8, an+k 9, ▁b+ank 12, a+r 13, e+r 22, i+v 23,
 * iv+er 24, ▁+i 26, ▁r+iver 32; no merge starts with ▁+n, n+e or ▁+H. Gemma (tiny-gemma2) has the
 * same pieces after <pad> 0, <eos> 1, <bos> 2, <unk> 3, <mask> 4, <start_of_turn> 5,
 * <end_of_turn> 6, so every id from the bytes on is 4 higher.
 *
 * Byte-level BPE (GPT-2's byte order: printable ASCII byte b at b − 33, Ġ (space) 220, Ã (0xC3) 127,
 * ¼ (0xBC) 120, ð (0xF0) 172, 0x9F 253, 0x99 247, 0x82 224), then the same 45 merges with Ġ for ▁
 * (he 256, Ġt 257, Ġthe 258, …, The 262, Ġbank 267, ar 268, …, Ġi 280, …, Ġriver 286, …). Qwen
 * (tiny-qwen2) has exactly these ids and its specials after them (<|endoftext|> 301, <|im_start|>
 * 302, <|im_end|> 303); SmolLM2 has <|endoftext|> 0, <|im_start|> 1, <|im_end|> 2 first (+3);
 * Pythia <|endoftext|> 0, <|padding|> 1 first (+2).
 */
import { describe, expect, it } from 'vitest';
import { createHfTokenizer, type HfTokenizer } from '../../../src/loader/hf';
import type { HfFamily, HfModelType } from '../../../src/loader/hf/config';
import { readableBytes, type HfTokenizerFiles } from '../../../src/loader/hf/tokenizer';
import { readFixtureText } from './helpers';

const SENTENCE = 'The bank is near the river.';
const ODD = 'Zürich 🙂 bank';

interface Edit {
  /** Changes to tokenizer_config.json (null: drop the file). */
  config?: Record<string, unknown> | null;
  /** Changes to tokenizer.json. */
  json?: Record<string, unknown>;
}

async function tokenizer(
  name: string,
  family: HfFamily,
  modelType: HfModelType,
  edit: Edit = {},
): Promise<HfTokenizer> {
  const json = JSON.parse(readFixtureText(name, 'tokenizer.json')) as Record<string, unknown>;
  const config = JSON.parse(readFixtureText(name, 'tokenizer_config.json')) as Record<
    string,
    unknown
  >;
  const files: HfTokenizerFiles = { 'tokenizer.json': JSON.stringify({ ...json, ...edit.json }) };
  if (edit.config !== null)
    files['tokenizer_config.json'] = JSON.stringify({ ...config, ...edit.config });
  return createHfTokenizer(files, { name, family, modelType, maxLength: 64 });
}

const llama = (edit?: Edit) => tokenizer('tiny-llama', 'llama', 'llama', edit);
const specials = (tok: HfTokenizer, text: string): boolean[] =>
  tok.encodeInput(text).tokens.map((t) => t.special);

describe('SentencePiece BPE with byte fallback (Llama 2 / TinyLlama style)', () => {
  it('hand-checked ids: <s>, then ▁The ▁bank ▁i s ▁ n e ar ▁the ▁river .', async () => {
    const tok = await llama();
    // "▁The▁bank▁is▁near▁the▁river." after Prepend("▁") + Replace(" ", "▁"); ▁+n, n+e are no merges.
    const enc = tok.encodeInput(SENTENCE);
    expect(enc.ids).toEqual([1, 266, 271, 284, 319, 305, 310, 306, 272, 261, 290, 315]);
    expect(enc.tokens.map((t) => t.piece)).toEqual([
      '<s>',
      '▁The',
      '▁bank',
      '▁i',
      's',
      '▁',
      'n',
      'e',
      'ar',
      '▁the',
      '▁river',
      '.',
    ]);
    expect(enc.tokens.map((t) => t.text)).toEqual([
      '<s>',
      ' The',
      ' bank',
      ' i',
      's',
      ' ',
      'n',
      'e',
      'ar',
      ' the',
      ' river',
      '.',
    ]);
    expect(enc.tokens.map((t) => t.special)).toEqual([true, ...Array<boolean>(11).fill(false)]);
    expect(enc.tokens.some((t) => t.unknown)).toBe(false);
    expect(enc.segments).toEqual(Array<number>(12).fill(0));
    expect(enc.tokenTypeIds).toBeUndefined();
    expect(tok.decode(enc.ids.slice(1))).toBe(SENTENCE);
  });

  it('characters outside the vocabulary go to byte pieces, shown as the characters they spell', async () => {
    const tok = await llama();
    // Z (0x5A) and ü (C3 BC) and 🙂 (F0 9F 99 82) are not pieces: byte b → id b + 3.
    const enc = tok.encodeInput(ODD);
    expect(enc.ids).toEqual([
      1, 305, 93, 198, 191, 312, 314, 322, 309, 305, 243, 162, 156, 133, 271,
    ]);
    expect(enc.tokens.map((t) => t.piece).slice(2, 5)).toEqual(['<0x5A>', '<0xC3>', '<0xBC>']);
    expect(enc.tokens.map((t) => t.text)).toEqual([
      '<s>',
      ' ',
      'Z',
      'ü',
      '<0xBC>',
      'r',
      'i',
      'c',
      'h',
      ' ',
      '🙂',
      '<0x9F>',
      '<0x99>',
      '<0x82>',
      ' bank',
    ]);
    expect(enc.tokens.some((t) => t.unknown || (t.special && t.id !== 1))).toBe(false);
    expect(tok.decode(enc.ids.slice(1))).toBe(ODD);
    // One by one (predictions): half a character shows its piece; a whole one decodes.
    expect([198, 191, 93].map((id) => tok.tokenText(id))).toEqual(['<0xC3>', '<0xBC>', 'Z']);
    // A byte that spells no character keeps its piece (ü's first byte, its second cut off).
    const cut = await tokenizer('tiny-llama', 'llama', 'llama', {
      config: { model_max_length: 4 },
    });
    const cutEnc = cut.encodeInput('Zü!');
    expect(cutEnc.tokens.map((t) => t.text)).toEqual(['<s>', ' ', 'Z', '<0xC3>']);
    expect(cutEnc.truncated).toBe(2);
  });

  it('BOS / EOS follow add_bos_token / add_eos_token as LlamaTokenizerFast rebuilds them', async () => {
    // tokenizer.json's own template adds <s>; the config flags override it, like update_post_processor().
    const noBos = await llama({ config: { add_bos_token: false } });
    expect(noBos.encodeInput(SENTENCE).ids).toEqual([
      266, 271, 284, 319, 305, 310, 306, 272, 261, 290, 315,
    ]);
    expect(specials(noBos, SENTENCE).some(Boolean)).toBe(false);

    const eos = await llama({ config: { add_eos_token: true } });
    const withEos = eos.encodeInput('the river');
    expect(withEos.ids).toEqual([1, 261, 290, 2]);
    expect(withEos.tokens.map((t) => t.special)).toEqual([true, false, false, true]);

    // No post-processor in tokenizer.json: transformers still adds <s> (add_bos_token true) …
    const bare = await llama({ json: { post_processor: null } });
    expect(bare.encodeInput('the river').ids).toEqual([1, 261, 290]);
    // … and does so by the class default when tokenizer_config.json is missing (model_type llama).
    const noConfig = await llama({ json: { post_processor: null }, config: null });
    expect(noConfig.encodeInput('the river').ids).toEqual([1, 261, 290]);
    // PreTrainedTokenizerFast (Llama 3 style) keeps tokenizer.json's post-processor as it is.
    const plain = await llama({
      json: { post_processor: null },
      config: { tokenizer_class: 'PreTrainedTokenizerFast', add_bos_token: true },
    });
    expect(plain.encodeInput('the river').ids).toEqual([261, 290]);
    // add_bos_token with a BOS the vocabulary lacks is refused, as transformers cannot build it.
    await expect(llama({ config: { bos_token: '<start>' } })).rejects.toThrow(/add_bos_token/);
  });

  it('one text only; special tokens typed in the text are recognised and marked', async () => {
    const tok = await llama();
    expect(tok.supportsPairs).toBe(false);
    expect(() => tok.encodeInput('a', 'b')).toThrow(/one text/);
    // legacy (Prepend normalizer): every text section gets its ▁ — "Hello <s>." style, [.., ▁, <s>, ▁.]
    const enc = tok.encodeInput('Hi <s> the</s>');
    expect(enc.ids).toEqual([1, 305, 332, 314, 305, 1, 305, 261, 2]);
    expect(enc.tokens.map((t) => t.special)).toEqual([
      true,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('Mistral (Metaspace, prepend_scheme "first"): same pieces, no ▁ after a special token', async () => {
    const tok = await tokenizer('tiny-mistral', 'llama', 'mistral');
    expect(tok.encodeInput(SENTENCE).ids).toEqual([
      1, 266, 271, 284, 319, 305, 310, 306, 272, 261, 290, 315,
    ]);
    // legacy=false: " the" after <s> is ▁the alone (transformers' doc example: "Hello <s>." → ".").
    expect(tok.encodeInput('Hi <s> the</s>').ids).toEqual([1, 305, 332, 314, 305, 1, 261, 2]);
  });

  it('Gemma: no dummy prefix, <bos> added, turn markers special', async () => {
    const tok = await tokenizer('tiny-gemma2', 'gemma', 'gemma2');
    // "The▁bank▁is▁near▁the▁river." (Replace only): The 269, ▁bank 275, … each id 4 above Llama's.
    const enc = tok.encodeInput(SENTENCE);
    expect(enc.ids).toEqual([2, 269, 275, 288, 323, 309, 314, 310, 276, 265, 294, 319]);
    expect(enc.tokens[0]?.text).toBe('<bos>');
    expect(enc.tokens.map((t) => t.special)).toEqual([true, ...Array<boolean>(11).fill(false)]);
    // "the▁river": t (311) he (263) ▁river (294); t+he is no merge (only ▁t+he).
    const turn = tok.encodeInput('<start_of_turn>the river<end_of_turn>');
    expect(turn.ids).toEqual([2, 5, 311, 263, 294, 6]);
    expect(turn.tokens.map((t) => t.special)).toEqual([true, true, false, false, false, true]);
    const noBos = await tokenizer('tiny-gemma2', 'gemma', 'gemma2', {
      config: { add_bos_token: false },
    });
    expect(noBos.encodeInput(SENTENCE).ids[0]).toBe(269);
  });
});

describe('Byte-level BPE (SmolLM2, Qwen2, GPT-NeoX)', () => {
  const qwenIds = [262, 267, 280, 82, 220, 77, 68, 268, 258, 286, 13];

  it('hand-checked ids: The Ġbank Ġi s Ġ n e ar Ġthe Ġriver ., no BOS', async () => {
    const qwen = await tokenizer('tiny-qwen2', 'llama', 'qwen2');
    const enc = qwen.encodeInput(SENTENCE);
    expect(enc.ids).toEqual(qwenIds);
    expect(enc.tokens.map((t) => t.text)).toEqual([
      'The',
      ' bank',
      ' i',
      's',
      ' ',
      'n',
      'e',
      'ar',
      ' the',
      ' river',
      '.',
    ]);
    expect(enc.tokens.some((t) => t.special || t.unknown)).toBe(false);
    expect(qwen.supportsPairs).toBe(false);
    expect(qwen.decode(enc.ids)).toBe(SENTENCE);

    const smol = await tokenizer('tiny-smollm2', 'llama', 'llama');
    expect(smol.encodeInput(SENTENCE).ids).toEqual(qwenIds.map((id) => id + 3));
    const pythia = await tokenizer('tiny-pythia', 'gpt_neox', 'gpt_neox');
    expect(pythia.encodeInput(SENTENCE).ids).toEqual(qwenIds.map((id) => id + 2));
  });

  it('characters outside the merges go to their bytes', async () => {
    const qwen = await tokenizer('tiny-qwen2', 'llama', 'qwen2');
    // Z 57 · ü = Ã ¼ (127 120) · r i c h · Ġ · 🙂 = ð 0x9F 0x99 0x82 (172 253 247 224) · Ġbank
    const enc = qwen.encodeInput(ODD);
    expect(enc.ids).toEqual([57, 127, 120, 81, 72, 66, 71, 220, 172, 253, 247, 224, 267]);
    expect(enc.tokens.some((t) => t.unknown)).toBe(false);
    expect(qwen.decode(enc.ids)).toBe(ODD);
    // A token holding part of a character shows its byte, not U+FFFD (two halves would look alike).
    expect(enc.tokens.map((t) => t.text)).toEqual([
      'Z',
      '<0xC3>',
      '<0xBC>',
      'r',
      'i',
      'c',
      'h',
      ' ',
      '<0xF0>',
      '<0x9F>',
      '<0x99>',
      '<0x82>',
      ' bank',
    ]);
    // Predictions list tokens one by one: the same rule, whole tokens decode as before.
    expect([127, 120, 267, 57].map((id) => qwen.tokenText(id))).toEqual([
      '<0xC3>',
      '<0xBC>',
      ' bank',
      'Z',
    ]);
  });

  it('special tokens in the text are marked; BOS only where transformers adds one', async () => {
    const qwen = await tokenizer('tiny-qwen2', 'llama', 'qwen2');
    // t (83) he (256) Ġriver (286): t+he is no merge (only Ġt+he).
    const chat = qwen.encodeInput('<|im_start|>the river<|im_end|>');
    expect(chat.ids).toEqual([302, 83, 256, 286, 303]);
    expect(chat.tokens.map((t) => [t.text, t.special])).toEqual([
      ['<|im_start|>', true],
      ['t', false],
      ['he', false],
      [' river', false],
      ['<|im_end|>', true],
    ]);

    // SmolLM2 is a GPT2Tokenizer: GPT2TokenizerFast keeps tokenizer.json's post-processor, so
    // add_bos_token changes nothing.
    const smol = await tokenizer('tiny-smollm2', 'llama', 'llama', {
      config: { add_bos_token: true },
    });
    expect(smol.encodeInput(SENTENCE).ids[0]).toBe(262 + 3);
    const eot = smol.encodeInput('the<|endoftext|>');
    expect(eot.tokens.map((t) => [t.id, t.special])).toEqual([
      [86, false],
      [259, false],
      [0, true],
    ]);

    // GPTNeoXTokenizerFast rebuilds its post-processor: add_bos_token true puts <|endoftext|> first.
    const pythia = await tokenizer('tiny-pythia', 'gpt_neox', 'gpt_neox', {
      config: { add_bos_token: true },
    });
    const enc = pythia.encodeInput(SENTENCE);
    expect(enc.ids).toEqual([0, ...qwenIds.map((id) => id + 2)]);
    expect(enc.tokens[0]).toMatchObject({ text: '<|endoftext|>', special: true });
  });
});

describe('readableBytes', () => {
  it('decodes whole characters and shows each stray byte as its <0xNN> piece', () => {
    // 你 = E4 BD A0; 好 = E5 A5 BD, cut after its first byte; an ASCII byte; a lone continuation.
    expect(readableBytes([0xe4, 0xbd, 0xa0, 0xe5])).toBe('你<0xE5>');
    expect(readableBytes([0xa5, 0xbd, 0x21])).toBe('<0xA5><0xBD>!');
    // An overlong form (C0 80) is no character: both bytes shown.
    expect(readableBytes([0xc0, 0x80])).toBe('<0xC0><0x80>');
    expect(readableBytes([0xe5, 0xa5, 0xbd])).toBe('好');
  });
});
