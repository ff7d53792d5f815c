import type { StateCreator } from 'zustand';
import { DEFAULT_MASK, DEFAULT_MODEL, DEFAULT_TRANSLATOR_URL } from './defaults';
import { kindsOf, normalizePlayground, viewChoices } from './model';
import { scheduleRun } from './scheduler';
import type { AppState, ModelSlice, SentenceRun, SentenceSlot, TranslatorLoad } from './types';
import { asFolder, pageUrlOptions } from './urlParams';

const SLOTS: SentenceSlot[] = ['A', 'B'];

export const IDLE_LOAD: TranslatorLoad = {
  url: '',
  state: 'idle',
  file: null,
  loadedBytes: 0,
  totalBytes: null,
  error: null,
};

export const createModelSlice: StateCreator<AppState, [], [], ModelSlice> = (set, get) => {
  /** Re-runs both sentences after the debounce pause (settings change in bursts while typing). */
  const rerunBoth = (): void => {
    for (const slot of SLOTS) {
      if (get().sentences[slot].trim() === '') continue; // stays empty
      get().markPending(slot);
      scheduleRun(slot, () => get().runSentence(slot));
    }
  };
  /** What was computed by another model means nothing now: drop it (tokens are redone too). */
  const forgetResults = (run: SentenceRun): SentenceRun => ({
    ...run,
    blocks: [],
    translation: null,
    error: null,
    errorStage: null,
    elapsedMs: null,
  });
  const url = pageUrlOptions();
  return {
    model: url.model ?? 'translator',
    translatorUrl: url.translatorUrl ?? DEFAULT_TRANSLATOR_URL,
    translatorInfo: null,
    translatorLoad: IDLE_LOAD,
    playground: { ...DEFAULT_MODEL },
    mask: { ...DEFAULT_MASK },
    backend: 'wasm',
    backendStatus: null,
    setModel: (model) => {
      const s = get();
      if (model === s.model) return;
      const next = { ...s, model };
      const kinds = kindsOf(
        model === 'playground'
          ? s.playground.architecture
          : model === 'hf'
            ? (s.hub.info?.architecture ?? 'encoder')
            : model === 'trained'
              ? s.trainedModel?.causal
                ? 'decoder'
                : 'encoder'
              : 'encoder-decoder',
      );
      const kind = kinds.includes(s.kind) ? s.kind : (kinds[0] ?? 'encoder-self');
      const choices = viewChoices({ ...next, kind });
      set({
        model,
        kind,
        layer: Math.min(s.layer, choices.layers - 1),
        head: Math.min(s.head, choices.heads - 1),
        hover: null,
        runs: { A: forgetResults(s.runs.A), B: forgetResults(s.runs.B) },
      });
      get().runAll();
    },
    setTranslatorUrl: (translatorUrl) => {
      const url = asFolder(translatorUrl);
      if (url === get().translatorUrl) return;
      set({ translatorUrl: url, translatorInfo: null, translatorLoad: IDLE_LOAD });
      if (get().model === 'translator') get().runAll();
    },
    setPlayground: (patch) => {
      const s = get();
      const playground = normalizePlayground({ ...s.playground, ...patch });
      if (JSON.stringify(playground) === JSON.stringify(s.playground)) return;
      set({ playground });
      if (s.model !== 'playground') return; // kept for when the playground is picked
      const kinds = kindsOf(playground.architecture);
      set({
        layer: Math.min(s.layer, playground.layers - 1),
        head: Math.min(s.head, playground.heads - 1),
        kind: kinds.includes(s.kind) ? s.kind : (kinds[0] ?? 'encoder-self'),
        hover: null,
      });
      rerunBoth();
    },
    setMask: (patch) => {
      const mask = { ...get().mask, ...patch };
      if (JSON.stringify(mask) === JSON.stringify(get().mask)) return;
      set({ mask });
      if (get().model === 'playground') rerunBoth();
    },
    setBackend: (backend) => {
      if (backend === get().backend) return;
      set({ backend, backendStatus: null, backendFallback: null });
      get().runAll();
    },
    backendFallback: null,
    onBackendStatus: (status) => {
      set({ backendStatus: status });
      // The backend asked for could not start: say why and show the one in use in the picker; the
      // next runs ask for that one (the results already shown were computed on it).
      const { failure, name, requested } = status;
      if (failure && name !== requested && requested === get().backend)
        set({ backend: name, backendFallback: { ...failure, using: name } });
    },
    backendLost: null,
    onBackendLost: (lost) => {
      set({ backendLost: lost });
      // The runs in flight were stopped by the engine: run them again, on wasm.
      if (get().backend === lost) get().setBackend('wasm');
      else get().runAll();
    },
  };
};
