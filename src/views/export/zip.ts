/**
 * Many files as one ZIP. fflate is imported only when a ZIP is made, so it stays out of the page's
 * first load. PNGs are already compressed: they are stored, not deflated again.
 */

export interface ZipEntry {
  name: string;
  /** Makes the file's bytes (called one at a time, in order). */
  make: () => Promise<Blob>;
}

/**
 * Builds a ZIP of `entries`. `onProgress(done, total)` is called after each file; `signal` stops the
 * work between files (the promise then rejects with an AbortError).
 */
export async function buildZip(
  entries: readonly ZipEntry[],
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Blob> {
  const { zipSync } = await import('fflate');
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  let done = 0;
  for (const entry of entries) {
    signal?.throwIfAborted();
    const blob = await entry.make();
    files[entry.name] = [new Uint8Array(await blob.arrayBuffer()), { level: 0 }];
    done += 1;
    onProgress?.(done, entries.length);
    // Let the page paint the progress between pictures.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const zipped = zipSync(files);
  return new Blob([zipped], { type: 'application/zip' });
}
