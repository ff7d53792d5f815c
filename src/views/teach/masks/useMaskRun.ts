import { useEffect, useMemo, useState } from 'react';
import type { MaskSpec } from '../../../engine/types';
import { useAppStore } from '../../../store';
import { getEngineClient } from '../../../store/engineClient';
import { idleTeachRun, type TeachRun } from '../../../store/teachSlice';
import type { SentenceSlot } from '../../../store/types';
import type { RunSlot } from '../../../worker/protocol';
import { maskedKind, maskSpecKey } from './masks';

/** Pause after a mask edit before the playground runs again (a newer edit supersedes it). */
export const MASK_RUN_DEBOUNCE_MS = 150;

const MASK_SLOT: RunSlot = 'teach-mask';

/** What the masks view shows: the playground run with the chosen mask, and which head it is. */
export interface MaskRun extends TeachRun {
  layer: number;
  head: number;
}

/**
 * Runs the PLAYGROUND model (whatever model is selected: the same sentence) with `spec` as its
 * self-attention mask, asking for the chosen layer/head's intermediates (clamped to the
 * playground's layers and heads). Re-runs `MASK_RUN_DEBOUNCE_MS` after the last change, under its
 * own slot ('teach-mask'), so it never supersedes the heatmaps' or the other teaching runs.
 */
export function useMaskRun(slot: SentenceSlot, spec: MaskSpec): MaskRun {
  const options = useAppStore((s) => s.playground);
  const backend = useAppStore((s) => s.backend);
  const text = useAppStore((s) => s.sentences[slot]);
  const layer = Math.min(
    useAppStore((s) => s.layer),
    options.layers - 1,
  );
  const head = Math.min(
    useAppStore((s) => s.head),
    options.heads - 1,
  );
  const kind = maskedKind(options.architecture);
  const specKey = maskSpecKey(spec);
  const key = useMemo(
    () => JSON.stringify([options, backend, text, kind, layer, head, specKey]),
    [options, backend, text, kind, layer, head, specKey],
  );
  // The spec of this key (its identity changes with every render of the caller).
  const [current, setCurrent] = useState<{ key: string; spec: MaskSpec }>({ key, spec });
  if (current.key !== key) setCurrent({ key, spec });
  const [run, setRun] = useState<TeachRun>(idleTeachRun);

  useEffect(() => {
    const runSpec = current.spec;
    let requestId: number | null = null;
    let cancelled = false;
    setRun((r) => ({ ...r, key, state: 'loading', error: null }));
    const timer = setTimeout(() => {
      if (text.trim() === '') {
        setRun({ ...idleTeachRun(), key, state: 'ready' });
        return;
      }
      let tokens: string[] = [];
      try {
        requestId = getEngineClient().run(
          {
            slot: MASK_SLOT,
            text,
            model: { kind: 'playground', options },
            mask: runSpec,
            backend,
            maxTokens: options.maxPositions,
            intermediates: { kind, layer, head },
          },
          {
            onTokens: (t) => {
              tokens = t.map((x) => x.text);
            },
            onProgress: () => {},
            onTranslation: () => {},
            onStart: () => {},
            onLayer: () => {},
            onDone: (_masks, _ms, extras) => {
              if (cancelled) return;
              const inter = extras?.intermediates ?? null;
              requestId = null;
              setRun({
                ...idleTeachRun(),
                key,
                state: 'ready',
                rowTokens: tokens,
                colTokens: tokens,
                intermediates:
                  inter && inter.queryLength === tokens.length && inter.keyLength === tokens.length
                    ? inter
                    : null,
                positional: extras?.positional ?? null,
              });
            },
            onError: (message) => {
              if (cancelled) return;
              requestId = null;
              setRun((r) => ({ ...r, key, state: 'error', error: message }));
            },
          },
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        setRun((r) => ({ ...r, key, state: 'error', error: message }));
      }
    }, MASK_RUN_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (requestId !== null) {
        try {
          getEngineClient().cancel(requestId);
        } catch {
          // no client: nothing in flight
        }
      }
    };
    // `current.spec` belongs to `key`: the key says everything the run depends on.
  }, [key]);

  return { ...run, layer, head };
}
