/**
 * "The same word" in two sentences when one of them is Chinese. A model that reads Chinese one
 * character per token shows a two-character word (银行, 河岸) as two tokens, and a character that
 * both sentences contain is not always a word they share (行 in 银行 and in 行人). So known
 * multi-character words are grouped first (greedy longest match over a word list), a Han character
 * left alone counts as a one-character word, and every other token is one word, matched as
 * `sharedWords` matches it (case-insensitive, without word-start markers).
 */
import type { SharedWord } from './compare';
import { isPunctuation, isSpecialToken, normalizeToken } from './tokens';

/** Only Han characters (Unicode script Han: 银, 行, 〇…). */
const HAN = /^\p{Script=Han}+$/u;

/** Whether a token is made of Han characters only (after removing word-start markers). */
export function isHanToken(text: string): boolean {
  return HAN.test(normalizeToken(text));
}

/** A word of a sentence: tokens `start` (inclusive) to `end` (exclusive) read as `word`. */
export interface WordSpan {
  /** The normalised word: the tokens' normalised texts joined (银行), or one token's (bank). */
  word: string;
  start: number;
  end: number;
}

/** Whether a token can be (part of) a word: not punctuation, special, a `##` piece or empty. */
function isWordToken(text: string): boolean {
  return (
    !isPunctuation(text) &&
    !isSpecialToken(text) &&
    !text.startsWith('##') &&
    normalizeToken(text).length > 0
  );
}

/** The Han words of `words` longer than one character, longest first (so 河岸 wins over 河). */
function multiCharacterWords(words: readonly string[]): string[] {
  const han = words.filter((w) => HAN.test(w) && [...w].length > 1);
  return [...new Set(han)].sort((x, y) => [...y].length - [...x].length);
}

/** End (exclusive) of `word` spelt by the Han tokens from `start` on, or −1 when they do not spell it. */
function spells(
  keys: readonly string[],
  han: readonly boolean[],
  start: number,
  word: string,
): number {
  let joined = '';
  let end = start;
  while (end < keys.length && han[end] && joined.length < word.length) joined += keys[end++]!;
  return joined === word ? end : -1;
}

/**
 * The words of a sentence, in order: Han tokens grouped by greedy longest match over `words` (the
 * known Chinese words; one-character entries add nothing), any other word token alone.
 * Punctuation, special tokens and `##` pieces are no word and break a Chinese word.
 */
export function wordSpans(tokens: readonly string[], words: readonly string[] = []): WordSpan[] {
  const known = multiCharacterWords(words);
  const keys = tokens.map(normalizeToken);
  const usable = tokens.map(isWordToken);
  const han = tokens.map((t, i) => usable[i]! && isHanToken(t));
  const out: WordSpan[] = [];
  for (let i = 0; i < tokens.length;) {
    if (!usable[i]) {
      i++;
      continue;
    }
    let end = i + 1;
    let word = keys[i]!;
    if (han[i]) {
      for (const w of known) {
        const e = spells(keys, han, i, w);
        if (e > i) {
          end = e;
          word = w;
          break;
        }
      }
    }
    out.push({ word, start: i, end });
    i = end;
  }
  return out;
}

/**
 * The words both sentences contain (see `wordSpans`), in order of first occurrence in A; each
 * occurrence is given by its first token's index (the row a view follows for a word of several
 * characters). Without Han tokens this gives what `sharedWords` gives.
 */
export function sharedWordSpans(
  tokensA: readonly string[],
  tokensB: readonly string[],
  words: readonly string[] = [],
): SharedWord[] {
  const inB = new Map<string, number[]>();
  for (const span of wordSpans(tokensB, words)) {
    const list = inB.get(span.word);
    if (list) list.push(span.start);
    else inB.set(span.word, [span.start]);
  }
  const found = new Map<string, SharedWord>();
  for (const span of wordSpans(tokensA, words)) {
    const indicesB = inB.get(span.word);
    if (indicesB === undefined) continue;
    const entry = found.get(span.word);
    if (entry) entry.indicesA.push(span.start);
    else found.set(span.word, { word: span.word, indicesA: [span.start], indicesB: [...indicesB] });
  }
  return [...found.values()];
}
