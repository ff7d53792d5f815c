import type { LayerAttention, Token } from '../../../src/engine';
import type { EngineClient, ImportanceHandlers, RunHandlers } from '../../../src/worker/client';
import type { ImportanceRequest, RunRequest } from '../../../src/worker/protocol';

export interface FakeRun {
  requestId: number;
  request: RunRequest;
  handlers: RunHandlers;
  cancelled: boolean;
}

export interface FakeMeasure {
  requestId: number;
  request: ImportanceRequest;
  handlers: ImportanceHandlers;
  cancelled: boolean;
}

/** An engine client that records requests; tests drive the answers by hand. */
export class FakeClient implements EngineClient {
  runs: FakeRun[] = [];
  /** Head-importance measurements asked for. */
  measures: FakeMeasure[] = [];
  disposed = false;
  private nextId = 0;

  run(request: RunRequest, handlers: RunHandlers): number {
    const requestId = ++this.nextId;
    this.runs.push({ requestId, request, handlers, cancelled: false });
    return requestId;
  }

  measureImportance(request: ImportanceRequest, handlers: ImportanceHandlers): number {
    const requestId = ++this.nextId;
    this.measures.push({ requestId, request, handlers, cancelled: false });
    return requestId;
  }

  cancel(requestId: number): void {
    const run = this.runs.find((r) => r.requestId === requestId);
    if (run) run.cancelled = true;
    const measure = this.measures.find((m) => m.requestId === requestId);
    if (measure) measure.cancelled = true;
  }

  dispose(): void {
    this.disposed = true;
  }

  last(slot: 'A' | 'B'): FakeRun {
    const run = [...this.runs].reverse().find((r) => r.request.slot === slot);
    if (!run) throw new Error(`no run for ${slot}`);
    return run;
  }
}

export const tokensOf = (text: string): Token[] =>
  text
    .split(/\s+/)
    .filter(Boolean)
    .map((t, i) => ({ text: t, id: i, special: false, unknown: false }));

/** A layer whose every weight is `fill` (or a distinct value per head when fill is omitted). */
export function layerOf(
  layer: number,
  heads: number,
  length: number,
  fill?: number,
): LayerAttention {
  const per = length * length;
  const weights = new Float32Array(heads * per);
  for (let h = 0; h < heads; h++)
    weights.fill(fill ?? (layer * 10 + h + 1) / 100, h * per, (h + 1) * per);
  return { kind: 'encoder-self', layer, heads, queryLength: length, keyLength: length, weights };
}

/** Plays a whole successful run: tokens, start, every layer, done. */
export function answer(run: FakeRun, text: string, layers: number, heads: number): void {
  const tokens = tokensOf(text);
  const n = tokens.length;
  run.handlers.onTokens(tokens, n, 0, run.request.maxTokens);
  run.handlers.onStart({ name: run.request.backend, requested: run.request.backend }, [
    { kind: 'encoder-self', layers, heads, queryLength: n, keyLength: n },
  ]);
  for (let l = 0; l < layers; l++) run.handlers.onLayer(layerOf(l, heads, n));
  run.handlers.onDone(
    [{ kind: 'encoder-self', mask: { rows: n, cols: n, allowed: new Uint8Array(n * n).fill(1) } }],
    5,
  );
}

export const TRANSLATOR_INFO = {
  name: 'en-zh-test',
  encoderLayers: 2,
  decoderLayers: 3,
  heads: 4,
  dModel: 128,
  sourceVocab: 900,
  targetVocab: 600,
  maxSourceTokens: 128,
  maxTargetTokens: 48,
};

/**
 * Plays a whole translator run: tokens, translation, start (three labelled blocks), every layer,
 * done. `chars` is the translation, one target token per character.
 */
export function answerTranslation(
  run: FakeRun,
  text: string,
  chars: string,
  info = TRANSLATOR_INFO,
): void {
  const tokens = tokensOf(text);
  const n = tokens.length;
  const y = Array.from(chars).map((c, i) => ({
    text: c,
    id: 10 + i,
    special: false,
    unknown: false,
  }));
  const written = [...y.map((t) => t.text), '</s>'];
  const input = ['<s>', ...y.map((t) => t.text)];
  const words = tokens.map((t) => t.text);
  const h = run.handlers;
  h.onTokens(tokens, n, 0, info.maxSourceTokens);
  h.onTranslation(chars, y, true);
  const t = y.length + 1;
  h.onStart(
    { name: run.request.backend, requested: run.request.backend },
    [
      {
        kind: 'encoder-self',
        layers: info.encoderLayers,
        heads: info.heads,
        queryLength: n,
        keyLength: n,
        rowTokens: words,
        colTokens: words,
      },
      {
        kind: 'decoder-self',
        layers: info.decoderLayers,
        heads: info.heads,
        queryLength: t,
        keyLength: t,
        rowTokens: written,
        colTokens: input,
      },
      {
        kind: 'cross',
        layers: info.decoderLayers,
        heads: info.heads,
        queryLength: t,
        keyLength: n,
        rowTokens: written,
        colTokens: words,
      },
    ],
    info,
  );
  const layer = (
    kind: 'encoder-self' | 'decoder-self' | 'cross',
    l: number,
    q: number,
    k: number,
  ) => ({
    kind,
    layer: l,
    heads: info.heads,
    queryLength: q,
    keyLength: k,
    weights: new Float32Array(info.heads * q * k).fill(1 / k),
  });
  for (let l = 0; l < info.encoderLayers; l++) h.onLayer(layer('encoder-self', l, n, n));
  for (let l = 0; l < info.decoderLayers; l++) {
    h.onLayer(layer('decoder-self', l, t, t));
    h.onLayer(layer('cross', l, t, n));
  }
  const all = (q: number, k: number) => ({
    rows: q,
    cols: k,
    allowed: new Uint8Array(q * k).fill(1),
  });
  h.onDone(
    [
      { kind: 'encoder-self', mask: all(n, n) },
      { kind: 'decoder-self', mask: all(t, t) },
      { kind: 'cross', mask: all(t, n) },
    ],
    7,
  );
}
