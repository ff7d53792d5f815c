/**
 * Splits text into words and punctuation; every CJK character is its own piece.
 *
 * Words are runs of letters/digits that may hold an inner apostrophe ("didn't" stays one word),
 * so that the playground and the built-in translator split sentences the same way.
 */
const PIECE =
  /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}|[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*|[^\s\p{Cc}]/gu;

/** The pieces of `text` in order; whitespace and control characters are dropped. */
export function splitWords(text: string): string[] {
  return text.match(PIECE) ?? [];
}
