/**
 * A tab's accessible name when the row shows `shown` for a tab called `name`: the full name when
 * it contains the visible words, else both, visible words first ("Tiling (Efficient attention)"),
 * so that people who steer by speech can say the label they see (WCAG 2.5.3, label in name).
 */
export function accessibleName(shown: string, name: string): string {
  if (shown === name) return name;
  return name.toLocaleLowerCase().includes(shown.toLocaleLowerCase()) ? name : `${shown} (${name})`;
}
