/**
 * Where each token lies in the text it came from, so a selection in the text box maps to tokens.
 * Tokens carry no offsets, so they are found in order: each token's text (without the marks
 * tokenizers add: "##", "▁", surrounding spaces) is looked for a little ahead of the previous
 * one, case-insensitively (uncased models lowercase). A token not found (a special token, bytes
 * of a split character) gets an empty span where the search stands.
 */

/** How far ahead of the previous token a token may start (characters). */
const LOOKAHEAD = 64;

export function tokenSpans(text: string, tokens: readonly { text: string; special?: boolean }[]) {
  const lower = text.toLowerCase();
  const spans: [number, number][] = [];
  let pos = 0;
  for (const token of tokens) {
    const piece = token.special
      ? ''
      : token.text
          .replace(/^##/, '')
          .replace(/\u2581/g, ' ')
          .trim()
          .toLowerCase();
    const at = piece ? lower.indexOf(piece, pos) : -1;
    if (at >= 0 && at - pos <= LOOKAHEAD) {
      spans.push([at, at + piece.length]);
      pos = at + piece.length;
    } else spans.push([pos, pos]);
  }
  return spans;
}

/**
 * The tokens [start, end) a character selection [from, to) touches, or null when it touches none
 * (an empty selection, or only spaces between tokens).
 */
export function tokensInSelection(
  spans: readonly [number, number][],
  from: number,
  to: number,
): [number, number] | null {
  const a = Math.min(from, to);
  const b = Math.max(from, to);
  if (b <= a) return null;
  let first = -1;
  let last = -1;
  spans.forEach(([s, e], i) => {
    if (e > s && s < b && e > a) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return first < 0 ? null : [first, last + 1];
}
