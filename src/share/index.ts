/**
 * Sharing the app's state in a link: pure encode/decode and validation, no DOM, no store.
 * Format: `#s=` + base64url(deflate-raw(JSON of SharedState)); see codec.ts and schema.ts.
 */
export * from './types';
export {
  SHARE_PREFIX,
  MAX_LINK_CHARS,
  MAX_FRAGMENT_CHARS,
  MAX_JSON_BYTES,
  encodeShareFragment,
  decodeShareFragment,
  hasFragment,
  shareUrl,
  toBase64Url,
  fromBase64Url,
} from './codec';
export {
  validateSharedState,
  clampView,
  kindsForShare,
  isHubId,
  isHubRevision,
  MAX_SENTENCE_CHARS,
} from './schema';
export { snapshotShareState, sharedModelNote, type ShareSource } from './snapshot';
