/**
 * Tokenizers over a fixed vocabulary (the built-in translator's): English is split into words and
 * punctuation and lower-cased; Chinese is one token per character. Words outside the vocabulary
 * become the unknown token but keep their own text, so the views can mark them.
 */
import type { Token, Tokenizer } from './types';
import { splitWords } from './words';

export const SPECIAL_TOKENS = { pad: '<pad>', unk: '<unk>', bos: '<s>', eos: '</s>' } as const;

/** The vocabulary file shipped beside a translation model (vocab.json). */
export interface TranslationVocab {
  /** Source (English) tokens; index = id. The four special tokens come first. */
  source: string[];
  /** Target (Chinese) tokens; index = id. The four special tokens come first. */
  target: string[];
}

/** How a language is cut into pieces, and how a piece is looked up in the vocabulary. */
export interface Splitter {
  split(text: string): string[];
  key(piece: string): string;
}

/** English: words and punctuation, looked up lower-cased. */
export const ENGLISH: Splitter = { split: splitWords, key: (w) => w.toLowerCase() };

/** Chinese: every non-space character is its own token. */
export const CHARACTERS: Splitter = {
  split: (text) => Array.from(text).filter((c) => !/[\s\p{Cc}]/u.test(c)),
  key: (c) => c,
};

export interface VocabTokenizer extends Tokenizer {
  readonly tokens: readonly string[];
  readonly ids: { pad: number; unk: number; bos: number; eos: number };
  /** Ids → text, stopping at EOS and skipping special tokens. */
  decode(ids: readonly number[]): string;
}

export function createVocabTokenizer(
  name: string,
  tokens: readonly string[],
  splitter: Splitter,
  joiner = '',
): VocabTokenizer {
  const index = new Map(tokens.map((t, i) => [t, i]));
  const id = (t: string): number => {
    const found = index.get(t);
    if (found === undefined) throw new Error(`${name} vocabulary has no ${t} token`);
    return found;
  };
  const ids = {
    pad: id(SPECIAL_TOKENS.pad),
    unk: id(SPECIAL_TOKENS.unk),
    bos: id(SPECIAL_TOKENS.bos),
    eos: id(SPECIAL_TOKENS.eos),
  };
  const specials = new Set(Object.values(ids));
  return {
    name,
    vocabSize: tokens.length,
    tokens,
    ids,
    encode(text: string): Token[] {
      // Show the piece as typed; look it up the way the model was trained.
      return splitter.split(text).map((piece) => {
        const found = index.get(splitter.key(piece));
        return { text: piece, id: found ?? ids.unk, special: false, unknown: found === undefined };
      });
    },
    decode(out: readonly number[]): string {
      const pieces: string[] = [];
      for (const t of out) {
        if (t === ids.eos) break;
        if (specials.has(t)) continue;
        pieces.push(tokens[t] ?? SPECIAL_TOKENS.unk);
      }
      return pieces.join(joiner);
    },
  };
}
