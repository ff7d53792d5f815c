/**
 * The grammar in one place: every sentence family and its share of the corpus.
 *
 * - lexicon.ts    words with their single Chinese rendering (or one per stated context)
 * - phrases.ts    noun phrases, subjects, agreement, verb phrases, sentence assembly
 * - general.ts    ordinary sentences (SVO, questions, places, there-is, because, …)
 * - ambiguous.ts  bank / spring / light / right / bat / date / glass / mouse with their cues
 * - pronoun.ts    "… because it was too tired / wide" (what does "it" refer to?)
 */
import { AMBIGUOUS_FAMILIES } from './ambiguous.ts';
import { GENERAL_FAMILIES, type Family } from './general.ts';
import { PRONOUN_FAMILIES } from './pronoun.ts';

export type { Family } from './general.ts';
export { AMBIGUOUS_FAMILIES, AMBIGUOUS_FORMS, SENSES } from './ambiguous.ts';
export { GENERAL_FAMILIES } from './general.ts';
export { PRONOUN_FAMILIES } from './pronoun.ts';

export interface Group {
  readonly name: string;
  /** Fraction of sampling draws that go to this group. */
  readonly share: number;
  readonly families: readonly Family[];
}

/**
 * Ordinary sentences dominate; context-dependent words get about a quarter of the draws so that
 * every sense has several hundred training pairs; the "it" family gets a tenth.
 */
export const GROUPS: readonly Group[] = [
  { name: 'general', share: 0.64, families: GENERAL_FAMILIES },
  { name: 'ambiguous', share: 0.26, families: AMBIGUOUS_FAMILIES },
  { name: 'pronoun', share: 0.1, families: PRONOUN_FAMILIES },
];
