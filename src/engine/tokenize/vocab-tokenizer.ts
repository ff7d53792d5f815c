/**
 * Tokenizers over a fixed vocabulary (the built-in translators'): English is split into words and
 * punctuation (lower-cased as a source, case kept as a target); Chinese is one token per character,
 * punctuation included. Pieces outside the vocabulary become the unknown token but keep their own
 * text, so the views can mark them.
 */
import type { Token, Tokenizer } from './types';
import { splitWords } from './words';

export const SPECIAL_TOKENS = { pad: '<pad>', unk: '<unk>', bos: '<s>', eos: '</s>' } as const;

/** The vocabulary file shipped beside a translation model (vocab.json). */
export interface TranslationVocab {
  /** Source tokens (English for en-zh, characters for zh-en); index = id. Specials come first. */
  source: string[];
  /** Target tokens (characters for en-zh, English words for zh-en); index = id. Specials first. */
  target: string[];
}

/** How a language is cut into pieces, and how a piece is looked up in the vocabulary. */
export interface Splitter {
  split(text: string): string[];
  key(piece: string): string;
}

/** English: words and punctuation, looked up lower-cased. */
export const ENGLISH: Splitter = { split: splitWords, key: (w) => w.toLowerCase() };

/** English as a translation target (zh-en): words and punctuation, case kept ("I", "Tom"). */
export const ENGLISH_CASED: Splitter = { split: splitWords, key: (w) => w };

/** Chinese: every non-space character is its own token (punctuation, letters, digits, emoji too). */
export const CHARACTERS: Splitter = {
  split: (text) => Array.from(text).filter((c) => !/[\s\p{Cc}]/u.test(c)),
  key: (c) => c,
};

/** Closing punctuation that sticks to the word before it when English is written out. */
const ATTACHED = /^[.,?!;:)\]}%…。，？！；：]$/u;

/**
 * English pieces back to text: words separated by spaces, closing punctuation attached
 * (["I", "love", "eating", "apples", "."] → "I love eating apples.").
 */
export function joinEnglish(pieces: readonly string[]): string {
  let out = '';
  for (const p of pieces) out += out === '' || ATTACHED.test(p) ? p : ' ' + p;
  return out;
}

/** Which way a built-in translator goes; config.json's "direction" (absent = 'en-zh'). */
export type TranslationDirection = 'en-zh' | 'zh-en';

/** How one side of a translator is cut into tokens (config.json's "split" values). */
export type SplitName = 'english' | 'english-cased' | 'characters';

export const SPLITTERS: Record<SplitName, Splitter> = {
  english: ENGLISH,
  'english-cased': ENGLISH_CASED,
  characters: CHARACTERS,
};

/** Each direction's source and target: language, splitter, and how decoded pieces are joined. */
export interface TranslationSide {
  language: 'en' | 'zh';
  /** The name shown for the side's tokenizer. */
  label: 'English' | 'Chinese';
  split: SplitName;
  join: (pieces: readonly string[]) => string;
}

const joinChars = (pieces: readonly string[]): string => pieces.join('');

export const DIRECTIONS: Record<
  TranslationDirection,
  { source: TranslationSide; target: TranslationSide }
> = {
  'en-zh': {
    source: { language: 'en', label: 'English', split: 'english', join: (p) => p.join(' ') },
    target: { language: 'zh', label: 'Chinese', split: 'characters', join: joinChars },
  },
  'zh-en': {
    source: { language: 'zh', label: 'Chinese', split: 'characters', join: joinChars },
    target: { language: 'en', label: 'English', split: 'english-cased', join: joinEnglish },
  },
};

/** The source and target tokenizers of a translator going `direction` over `vocab`. */
export function translationTokenizers(
  vocab: TranslationVocab,
  direction: TranslationDirection = 'en-zh',
): { source: VocabTokenizer; target: VocabTokenizer } {
  const d = DIRECTIONS[direction];
  return {
    source: createVocabTokenizer(
      d.source.label,
      vocab.source,
      SPLITTERS[d.source.split],
      d.source.join,
    ),
    target: createVocabTokenizer(
      d.target.label,
      vocab.target,
      SPLITTERS[d.target.split],
      d.target.join,
    ),
  };
}

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
  joiner: string | ((pieces: readonly string[]) => string) = '',
): VocabTokenizer {
  const join = typeof joiner === 'string' ? (p: readonly string[]) => p.join(joiner) : joiner;
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
      return join(pieces);
    },
  };
}
