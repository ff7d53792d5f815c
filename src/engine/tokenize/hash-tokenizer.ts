/**
 * The playground's tokenizer: words and punctuation (every CJK character its own token), each
 * mapped to an id by hashing its lower-cased text. A random-weight model has no vocabulary to be
 * "outside" of, so every word gets an id, and the same word always gets the same one
 * ("bank" in two sentences shares its embedding).
 */
import type { Token, Tokenizer } from './types';
import { splitWords } from './words';

/** FNV-1a over UTF-16 code units: stable across browsers and Node. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createHashTokenizer(vocabSize: number): Tokenizer {
  return {
    name: 'words (hashed ids)',
    vocabSize,
    encode(text: string): Token[] {
      return splitWords(text).map((piece) => ({
        text: piece,
        id: fnv1a(piece.toLowerCase()) % vocabSize,
        special: false,
        unknown: false,
      }));
    },
  };
}

/** The playground's [PAD] id: the hash of "[pad]", like any other word's. */
export function hashPadId(vocabSize: number): number {
  return fnv1a('[pad]') % vocabSize;
}
