/** A token as the views show it: its text and where it came from in the input. */
export interface Token {
  /** The literal text of the token, shown as text (never as HTML). */
  text: string;
  /** Vocabulary id; the unknown id when the word is out of vocabulary. */
  id: number;
  /** True for tokens the tokenizer added (e.g. [CLS], <s>, </s>). */
  special: boolean;
  /** True when the word is outside the vocabulary and was mapped to the unknown id. */
  unknown: boolean;
}

/** Anything that turns text into tokens for a model. */
export interface Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  encode(text: string): Token[];
}
