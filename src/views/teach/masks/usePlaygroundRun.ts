import { useEffect, useMemo, useState } from 'react';
import type { AttentionKind, HeadIntermediates, MaskSpec } from '../../../engine/types';
import { useAppStore } from '../../../store';
import { getEngineClient } from '../../../store/engineClient';
import { idleTeachRun, type TeachRun } from '../../../store/teachSlice';
import type { RunRequest, RunSlot } from '../../../worker/protocol';
import { maskSpecKey } from './masks';

/** Pause after a mask edit before the playground runs again (a newer edit supersedes it). */
export const MASK_RUN_DEBOUNCE_MS = 150;

/** A playground run of the masks view: the chosen head, and which layer/head it is. */
export interface PlaygroundRun extends TeachRun {
  layer: number;
  head: number;
  /** Padded runs: the same head of the sentence without its [PAD] tokens. */
  unpadded: HeadIntermediates | null;
}

export interface PlaygroundRunOptions {
  /** The worker slot (a newer run of the same slot supersedes the older one). */
  runSlot: RunSlot;
  text: string;
  spec: MaskSpec;
  /** The attention the mask applies to and whose head is returned. */
  attention: AttentionKind;
  /** Pad the text with [PAD] to the longest of these texts + extra (the padding example). */
  padding?: RunRequest['padding'];
}

/**
 * Runs the PLAYGROUND model (whatever model is selected) on `text` with `spec` on `attention`,
 * asking for the chosen layer/head's intermediates (clamped to the playground's layers and heads).
 * Re-runs `MASK_RUN_DEBOUNCE_MS` after the last change, under its own slot, so it never supersedes
 * the heatmaps' or the other teaching runs.
 */
export function usePlaygroundRun({
  runSlot,
  text,
  spec,
  attention,
  padding,
}: PlaygroundRunOptions): PlaygroundRun {
  const options = useAppStore((s) => s.playground);
  const backend = useAppStore((s) => s.backend);
  const layer = Math.min(
    useAppStore((s) => s.layer),
    options.layers - 1,
  );
  const head = Math.min(
    useAppStore((s) => s.head),
    options.heads - 1,
  );
  const specKey = maskSpecKey(spec);
  const paddingKey = JSON.stringify(padding ?? null);
  const key = useMemo(
    () =>
      JSON.stringify([
        runSlot,
        options,
        backend,
        text,
        attention,
        layer,
        head,
        specKey,
        paddingKey,
      ]),
    [runSlot, options, backend, text, attention, layer, head, specKey, paddingKey],
  );
  // The request of this key (the caller's objects change identity with every render).
  const [current, setCurrent] = useState({ key, spec, padding });
  if (current.key !== key) setCurrent({ key, spec, padding });
  const [run, setRun] = useState<TeachRun>(idleTeachRun);
  const [unpadded, setUnpadded] = useState<HeadIntermediates | null>(null);

  useEffect(() => {
    let requestId: number | null = null;
    let cancelled = false;
    setRun((r) => ({ ...r, key, state: 'loading', error: null }));
    const timer = setTimeout(() => {
      if (text.trim() === '') {
        setRun({ ...idleTeachRun(), key, state: 'ready' });
        setUnpadded(null);
        return;
      }
      let tokens: string[] = [];
      try {
        requestId = getEngineClient().run(
          {
            slot: runSlot,
            text,
            model: { kind: 'playground', options },
            mask: current.spec,
            maskedAttention: attention,
            ...(current.padding ? { padding: current.padding } : {}),
            backend,
            maxTokens: options.maxPositions,
            intermediates: { kind: attention, layer, head },
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
              // The playground feeds one sentence to both sides: rows and columns are its tokens.
              const fits =
                inter && inter.queryLength === tokens.length && inter.keyLength === tokens.length;
              setRun({
                ...idleTeachRun(),
                key,
                state: 'ready',
                rowTokens: tokens,
                colTokens: tokens,
                intermediates: fits ? inter : null,
                positional: extras?.positional ?? null,
              });
              setUnpadded(extras?.unpadded ?? null);
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
    // `current` belongs to `key`: the key says everything the run depends on.
  }, [key]);

  return { ...run, layer, head, unpadded };
}
