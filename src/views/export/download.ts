/**
 * Getting files out of the page: the browser's download path (an <a download> click) and the
 * clipboard. Clipboard failures come back as a reason the UI can put into words.
 */

/** Saves `blob` as `fileName` through the browser's normal download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start reading the blob before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Why a copy failed: no clipboard API here, or the browser/user refused. */
export type ClipboardFailure = 'unsupported' | 'denied' | 'failed';

export type ClipboardResult = { ok: true } | { ok: false; reason: ClipboardFailure };

function failure(error: unknown): ClipboardResult {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  return {
    ok: false,
    reason: name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'failed',
  };
}

/**
 * Puts a PNG on the clipboard. Pass the promise of the blob (not the awaited blob) so the write
 * starts inside the click that asked for it, as Safari and Chromium require.
 */
export async function copyPngToClipboard(png: Promise<Blob>): Promise<ClipboardResult> {
  if (
    typeof navigator === 'undefined' ||
    !navigator.clipboard ||
    typeof navigator.clipboard.write !== 'function' ||
    typeof ClipboardItem === 'undefined'
  ) {
    png.catch(() => undefined);
    return { ok: false, reason: 'unsupported' };
  }
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

/** Puts text on the clipboard. */
export async function copyTextToClipboard(text: string): Promise<ClipboardResult> {
  if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText)
    return { ok: false, reason: 'unsupported' };
  try {
    await navigator.clipboard.writeText(text);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
