/**
 * How the written pieces spell the translation's text, so each piece can be drawn (and marked)
 * on its own: Chinese pieces join with nothing, English words with spaces and punctuation
 * attached ("I love eating apples."). Pure.
 */

/**
 * The whitespace before each piece when `pieces`, in order, with only whitespace between or
 * before them, spell `text` exactly; null when they do not (a dropped <unk>, another spelling).
 */
export function spellGaps(pieces: readonly string[], text: string): string[] | null {
  const gaps: string[] = [];
  let at = 0;
  for (const piece of pieces) {
    let end = at;
    while (end < text.length && /\s/.test(text[end]!)) end++;
    if (piece === '' || !text.startsWith(piece, end)) return null;
    gaps.push(text.slice(at, end));
    at = end + piece.length;
  }
  return at === text.length ? gaps : null;
}
