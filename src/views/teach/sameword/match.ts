/** Pure: finding the word to follow among a sentence's tokens. */

/** A token's text for matching a typed word: lower case, no sub-word marks or punctuation. */
export function normalizeToken(text: string): string {
  return text
    .replace(/^(##|Ġ|▁)/u, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Index of the first token matching `word`, or -1. */
export function findToken(tokens: readonly string[], word: string): number {
  const w = normalizeToken(word);
  if (!w) return -1;
  return tokens.findIndex((tk) => normalizeToken(tk) === w);
}

/**
 * Whether a block's queries are its keys (self-attention over one sequence), so that the query's
 * own key can be marked among the weights. Not for cross-attention (the rows are the written
 * tokens, the keys the source's) nor the translator's decoder (its keys are shifted by one).
 */
export function queriesAreKeys(rows: readonly string[], cols: readonly string[]): boolean {
  return rows.length === cols.length && rows.every((token, i) => token === cols[i]);
}
