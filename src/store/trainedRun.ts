/** What a run of the model trained in the Train tab sends (sentences and the teaching views). */
import type { ModelRequest } from '../worker/protocol';
import type { AppState } from './types';

/** The model and token limit of a run, when the page's model is a trained one; else null. */
export function trainedRun(
  s: Pick<AppState, 'model' | 'trainedModel'>,
): { model: ModelRequest; maxTokens: number } | null {
  if (s.model !== 'trained' || !s.trainedModel) return null;
  return { model: { kind: 'trained', model: s.trainedModel }, maxTokens: s.trainedModel.length };
}
