/**
 * The title of an exported picture: "model · what", then "Sentence A: text" per sentence. Its own
 * file: the views build titles eagerly, the picture code (composite.ts) loads on export.
 */
export function pictureTitle(
  modelId: string,
  what: string,
  sentences: readonly { name: string; text: string }[],
): string[] {
  return [
    `${modelId} · ${what}`,
    ...sentences.filter((s) => s.text.trim() !== '').map((s) => `${s.name}: ${s.text.trim()}`),
  ];
}
