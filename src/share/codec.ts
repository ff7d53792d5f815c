/**
 * A shared state as a URL fragment: `#s=` + base64url(deflate-raw(UTF-8 JSON)).
 *
 * Compression uses the platform's CompressionStream('deflate-raw') (browsers and Node ≥ 20), so
 * sharing adds no bytes to the bundle. Decoding is defensive: the fragment's length is checked before
 * anything is decoded, inflation stops at MAX_JSON_BYTES (a deflate bomb cannot fill memory), and
 * the JSON is validated field by field (`validateSharedState`).
 */
import { validateSharedState } from './schema';
import type { DecodeResult, ShareContext, SharedState } from './types';

/** What starts every fragment this app writes (after the '#'). */
export const SHARE_PREFIX = 's=';
/** Longest fragment offered as a link (characters after '#'); longer states are not copied. */
export const MAX_LINK_CHARS = 8 * 1024;
/** Longest fragment read at all; anything longer is refused before decoding. */
export const MAX_FRAGMENT_CHARS = 2 * 1024 * 1024;
/** Largest JSON a fragment may inflate to. */
export const MAX_JSON_BYTES = 512 * 1024;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Bytes → base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (padding optional) → bytes, or null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export async function deflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates raw deflate data, stopping once the output passes `limit` bytes.
 * Returns 'tooLarge' past the limit, 'corrupt' for data that is not (complete) deflate.
 */
export async function inflateRaw(
  bytes: Uint8Array<ArrayBuffer>,
  limit: number,
): Promise<Uint8Array | 'tooLarge' | 'corrupt'> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Errors surface on the readable side; these promises must not be left unhandled.
  writer.write(bytes).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return 'tooLarge';
      }
      chunks.push(value);
    }
  } catch {
    return 'corrupt';
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The fragment (without '#') that restores `state`. */
export async function encodeShareFragment(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return SHARE_PREFIX + toBase64Url(await deflateRaw(json));
}

/**
 * Reads a fragment (with or without its '#'). An empty fragment is not a link: callers check
 * `isShareFragment` or skip empty ones first; here it is 'foreign'.
 */
export async function decodeShareFragment(
  fragment: string,
  ctx: ShareContext,
): Promise<DecodeResult> {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (body.length > MAX_FRAGMENT_CHARS) return { ok: false, reason: 'tooLarge' };
  if (!body.startsWith(SHARE_PREFIX)) return { ok: false, reason: 'foreign' };
  const bytes = fromBase64Url(body.slice(SHARE_PREFIX.length));
  if (!bytes || bytes.length === 0) return { ok: false, reason: 'corrupt' };
  const inflated = await inflateRaw(bytes, MAX_JSON_BYTES);
  if (inflated === 'tooLarge' || inflated === 'corrupt') return { ok: false, reason: inflated };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  return validateSharedState(raw, ctx);
}

/** Whether a fragment (with or without '#') is worth reading: anything but empty. */
export function hasFragment(fragment: string): boolean {
  return (fragment.startsWith('#') ? fragment.slice(1) : fragment).length > 0;
}

/** `pageHref` with its fragment replaced by `fragment` (query parameters such as ?translator= stay). */
export function shareUrl(pageHref: string, fragment: string): string {
  const url = new URL(pageHref);
  url.hash = fragment;
  return url.href;
}
