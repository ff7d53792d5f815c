/**
 * Token-text helpers shared by the metrics and the sentence comparison: punctuation, special
 * tokens, and the normalised form used to match words across sentences.
 */

/** Word-start markers of subword tokenizers: `Ġ` (GPT-2 byte-level BPE) and `▁` (SentencePiece). */
const WORD_START = /^[\u0120\u2581]+/u;
/** Only punctuation characters (Unicode general category P). */
const PUNCTUATION = /^\p{P}+$/u;
/** `[CLS]`, `[SEP]`, `[PAD]`, `[MASK]`, `[UNK]`… (BERT style). */
const BRACKETED = /^\[[A-Z][A-Z_]*\]$/;
/** `<|endoftext|>` and friends (GPT style). */
const PIPED = /^<\|[^|]+\|>$/;
/** `<s>`, `</s>`, `<pad>`, `<unk>`, `<mask>`, `<bos>`, `<eos>`, `<cls>`, `<sep>` (RoBERTa/T5 style). */
const ANGLED = /^<\/?(?:s|pad|unk|mask|bos|eos|cls|sep)>$/i;

/** The text without subword word-start markers (`Ġ`, `▁`) and surrounding white space. */
function stripMarkers(text: string): string {
  return text.replace(WORD_START, '').trim();
}

/**
 * Whether a token is punctuation: after removing a subword word-start marker (`Ġ`, `▁`) and white
 * space, it is non-empty and every character is in Unicode category P (`\p{P}`: . , ; : ! ? ' " -
 * ( ) [ ] « » … ¿ 。 etc.). Symbols such as `$`, `+` or `€` (category S) are not punctuation.
 */
export function isPunctuation(text: string): boolean {
  const t = stripMarkers(text);
  return t.length > 0 && PUNCTUATION.test(t);
}

/**
 * Whether a token is a tokenizer's special token: `[CLS]`/`[SEP]`/`[PAD]`/… (BERT),
 * `<s>`/`</s>`/`<pad>`/`<unk>`/`<mask>`/`<bos>`/`<eos>` (RoBERTa, T5, the built-in models) or
 * `<|endoftext|>`-style (GPT).
 */
export function isSpecialToken(text: string): boolean {
  const t = text.trim();
  return BRACKETED.test(t) || PIPED.test(t) || ANGLED.test(t);
}

/**
 * The form used to match tokens across sentences: word-start markers (`Ġ`, `▁`) and surrounding
 * white space removed, lower-cased. `"ĠBank"`, `"▁bank"` and `"bank"` all give `"bank"`.
 */
export function normalizeToken(text: string): string {
  return stripMarkers(text).toLowerCase();
}

/** [tokens.length] flags: which tokens are punctuation (see `isPunctuation`). */
export function punctuationMask(tokens: readonly string[]): boolean[] {
  return tokens.map(isPunctuation);
}

/** [tokens.length] flags: which tokens are special tokens (see `isSpecialToken`). */
export function specialTokenMask(tokens: readonly string[]): boolean[] {
  return tokens.map(isSpecialToken);
}
