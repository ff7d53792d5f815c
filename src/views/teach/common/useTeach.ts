import { useEffect } from 'react';
import { useAppStore } from '../../../store';
import { teachKey, type TeachRun } from '../../../store/teachSlice';
import type { SentenceSlot } from '../../../store/types';

/**
 * The teaching run of a sentence: asks the store for it (again whenever the sentence, the model or
 * the chosen kind/layer/head changes) and returns it.
 */
export function useTeachRun(slot: SentenceSlot): TeachRun {
  const key = useAppStore((s) => teachKey(s, slot));
  const requestTeach = useAppStore((s) => s.requestTeach);
  useEffect(() => {
    requestTeach(slot);
  }, [key, slot, requestTeach]);
  return useAppStore((s) => s.teach[slot]);
}

/** The query a sentence's views follow, clamped to its rows, and its setter. */
export function useTeachQuery(slot: SentenceSlot, rows: number): [number, (q: number) => void] {
  const query = useAppStore((s) => s.teachQuery[slot]);
  const setTeachQuery = useAppStore((s) => s.setTeachQuery);
  const clamped = rows > 0 ? Math.min(query, rows - 1) : 0;
  return [clamped, (q: number) => setTeachQuery(slot, q)];
}
