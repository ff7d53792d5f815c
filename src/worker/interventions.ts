/** What a run request asks the engine to do besides attending: switched-off heads, value norms. */
import type { RunInput } from '../engine';
import type { RunRequest } from './protocol';

export function interventions(
  request: Pick<RunRequest, 'ablation' | 'valueNorms'>,
): Pick<RunInput, 'ablation' | 'valueNorms'> {
  return {
    ...(request.ablation && request.ablation.heads.length > 0
      ? { ablation: request.ablation }
      : {}),
    ...(request.valueNorms ? { valueNorms: true } : {}),
  };
}
