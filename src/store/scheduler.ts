/** Debounce timers of the sentence runs, one per slot (module state, cleared by resetAppStore). */
import { getDebounceMs } from './engineClient';
import type { SentenceSlot } from './types';

const timers = new Map<SentenceSlot, ReturnType<typeof setTimeout>>();

/** Runs `run` after the debounce pause, replacing any pending run of the slot. */
export function scheduleRun(slot: SentenceSlot, run: () => void): void {
  cancelScheduled(slot);
  const ms = getDebounceMs();
  if (ms === 0) {
    run();
    return;
  }
  timers.set(
    slot,
    setTimeout(() => {
      timers.delete(slot);
      run();
    }, ms),
  );
}

export function cancelScheduled(slot?: SentenceSlot): void {
  for (const [s, timer] of timers) {
    if (slot !== undefined && s !== slot) continue;
    clearTimeout(timer);
    timers.delete(s);
  }
}

/** Whether a run of `slot` is waiting for the pause to end. */
export function isScheduled(slot: SentenceSlot): boolean {
  return timers.has(slot);
}
