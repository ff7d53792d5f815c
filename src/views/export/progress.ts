import type { AppState, SentenceSlot } from '../../store/types';

/**
 * Progress of a sentence's run: null when it is not running, '' while the amount is unknown (model
 * loading, run starting), else `done/total` layers streamed (or, on demand, computed) across its
 * blocks.
 */
export const selectRunProgress =
  (slot: SentenceSlot) =>
  (s: AppState): string | null => {
    const run = s.runs[slot];
    if (run.state !== 'loading') return null;
    let total = 0;
    let done = 0;
    for (const b of run.blocks) {
      total += b.layers;
      // An on-demand block never receives its layers: the worker says how many are computed.
      done += b.onDemand ? (b.layersDone ?? 0) : b.data.filter((d) => d !== null).length;
    }
    // Complete blocks while loading are the previous run's (kept, dimmed, until the new one
    // starts): progress unknown yet. A string keeps the result stable between store updates.
    return total > 0 && done < total ? `${done}/${total}` : '';
  };
