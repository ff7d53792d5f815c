/** Which chips a long input shows, and which tokens a selection across chips covers. */

/** Chips drawn at most for a long input (the heatmap's rows beyond this are left out). */
export const MAX_WINDOW_CHIPS = 300;

/**
 * The chips [from, to) of a long input: the heatmap's visible rows (at most MAX_WINDOW_CHIPS from
 * the first), or the first MAX_WINDOW_CHIPS before the heatmap has said what it shows.
 */
export function chipWindow(rows: readonly [number, number] | undefined, total: number) {
  const from = Math.max(0, Math.min(total, rows?.[0] ?? 0));
  const to = Math.min(total, rows ? rows[1] : total, from + MAX_WINDOW_CHIPS);
  return [from, Math.max(from, to)] as const;
}

/** The token index of the chip holding a DOM node (its `data-index`), or null. */
function chipIndex(node: Node | null): number | null {
  const el = node instanceof Element ? node : (node?.parentElement ?? null);
  const li = el?.closest('li[data-index]');
  const value = li?.getAttribute('data-index');
  return value == null ? null : Number(value);
}

/** The tokens [start, end) a selection across chips covers, or null for a caret or no chips. */
export function selectedChips(selection: Selection | null): [number, number] | null {
  if (!selection || selection.isCollapsed) return null;
  const a = chipIndex(selection.anchorNode);
  const b = chipIndex(selection.focusNode);
  if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) return null;
  return [Math.min(a, b), Math.max(a, b) + 1];
}
