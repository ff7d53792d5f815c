import type { AppState, SentenceSlot } from '../../store/types';

/**
 * Progress of a sentence's run: null when it is not running, '' while the amount is unknown (model
 * loading, run starting), else `done/total` layers streamed across its blocks.
 */
export const selectRunProgress =
  (slot: SentenceSlot) =>
  (s: AppState): string | null => {
    const run = s.runs[slot];
    if (run.state !== 'loading') return null;
    let total = 0;
    let done = 0;
    for (const b of run.blocks) {
      // An on-demand block never receives its layers: how far the forward is, is unknown here.
      if (b.onDemand) return '';
      total += b.layers;
      done += b.data.filter((d) => d !== null).length;
    }
    // Complete blocks while loading are the previous run's (kept, dimmed, until the new one
    // starts): progress unknown yet. A string keeps the result stable between store updates.
    return total > 0 && done < total ? `${done}/${total}` : '';
  };
