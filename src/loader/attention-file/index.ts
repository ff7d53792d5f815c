/**
 * Attention computed elsewhere: reads an attention file (the app's JSON export, or the binary
 * safetensors form documented in the README) on the page thread. Pure TypeScript, no tfjs; loaded
 * only when a file is opened.
 */
import { readBinaryAttentionFile } from './binary';
import { readJsonAttentionFile } from './json';
import { AttentionFileError, type AttentionFile } from './types';

export * from './types';
export { checkLayer } from './check';

/**
 * Opens an attention file. JSON (its first non-space byte is `{`) is read whole and checked at
 * once; the binary form reads its header only, and each layer when `readLayer` asks for it.
 */
export async function openAttentionFile(blob: Blob, name: string): Promise<AttentionFile> {
  if (blob.size === 0) throw new AttentionFileError(name, 'is empty');
  // JSON starts `{"` (spaces and a byte-order mark allowed); a safetensors file starts with its
  // header length, whose low byte may be `{` (123) but is followed by zero bytes.
  const head = new Uint8Array(await blob.slice(0, 64).arrayBuffer());
  const skip = (from: number): number => {
    let i = from;
    while (i < head.length && [0x20, 0x0a, 0x0d, 0x09, 0xef, 0xbb, 0xbf].includes(head[i]!)) i++;
    return i;
  };
  const open = skip(0);
  if (head[open] === 0x7b && head[skip(open + 1)] === 0x22)
    return readJsonAttentionFile(await blob.text(), name);
  return readBinaryAttentionFile(blob, name);
}
