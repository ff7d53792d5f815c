/** Pure text helpers of the translator views. */

/** Bytes as a person reads them: "812 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (!(bytes >= 0) || !Number.isFinite(bytes)) return '?';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${Math.round(bytes / 1e3)} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Download progress in [0, 1], or null when the total is unknown. */
export function progressFraction(loaded: number, total: number | null): number | null {
  if (total === null || !(total > 0)) return null;
  return Math.min(1, Math.max(0, loaded / total));
}
