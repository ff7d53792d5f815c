/**
 * File names that say what a file shows, safe on every system:
 * `atlas_<model>_<kind>_L<layer>H<head>_<word>-<word>.<ext>`, e.g.
 * `atlas_en-zh-tiny_enc_L3H7_bank-river.png` (layer and head 1-based, the first two content words
 * of the sentence). Only letters, digits, '-', '_' and '.' survive; every part is length-capped.
 */
import type { AttentionKind } from '../../engine';

/** Short codes of the attention kinds. */
export const KIND_CODES: Record<AttentionKind, string> = {
  'encoder-self': 'enc',
  'decoder-self': 'dec',
  cross: 'cross',
};

/** Words that say little about a sentence (English; the input side of the models). */
const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from into onto near over under about as is ' +
    'are was were be been being am do does did have has had i me my we our you your he him his she ' +
    'her it its they them their this that these those there here not no so than then too very can ' +
    'will would should could may might must shall just also all any some each what which who whom ' +
    'whose when where why how up down out off again'
  ).split(' '),
);

/** Letters and digits only (accents dropped), lower case; anything else becomes '-'. */
export function slug(text: string, maxChars = 32): string {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return Array.from(plain).slice(0, maxChars).join('').replace(/-+$/, '');
}

/** The first `count` content words of a sentence ("The bank is near the river." → bank, river). */
export function contentWords(sentence: string, count = 2): string[] {
  const words = sentence.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  const content = words.filter((w) => !STOP_WORDS.has(w.toLowerCase().replace(/['’].*$/, '')));
  return (content.length > 0 ? content : words)
    .slice(0, count)
    .map((w) => slug(w, 16))
    .filter(Boolean);
}

export interface ExportNameParts {
  /** Model id, e.g. 'en-zh-tiny' or 'playground'. */
  model: string;
  kind?: AttentionKind;
  /** 0-based; written 1-based. */
  layer?: number;
  head?: number;
  /** Written instead of L…H… (e.g. 'all-heads', 'result'). */
  what?: string;
  /** The sentence the picture shows. */
  sentence: string;
  /** Extension without the dot. */
  ext: string;
}

export function exportFileName(parts: ExportNameParts): string {
  const pieces = ['atlas', slug(parts.model, 40) || 'model'];
  if (parts.kind) pieces.push(KIND_CODES[parts.kind]);
  if (parts.what) pieces.push(slug(parts.what, 24));
  else if (parts.layer !== undefined && parts.head !== undefined)
    pieces.push(`L${Math.floor(parts.layer) + 1}H${Math.floor(parts.head) + 1}`);
  const words = contentWords(parts.sentence).join('-');
  pieces.push(words || 'empty');
  const ext = parts.ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
  return `${pieces.filter(Boolean).join('_')}.${ext}`;
}
