/**
 * Hook of the long-input benchmark (scripts/bench/long.ts), its own chunk, loaded only when the page
 * URL has `?bench-long` (see main.tsx): normal visitors never download or run it. It drives the
 * store as the views do and times what the views would wait for.
 *
 * `window.__atlasLong`:
 *  - `load(id)`: loads Hugging Face model `id` (from `?hub=`), resolves with its HfModelInfo's
 *    name, or rejects with the load's error;
 *  - `run(text)`: runs sentence A on it; resolves once done with the wall time, the worker's
 *    forward time (elapsedMs), the token count, whether the block was served on demand, whether
 *    its head metrics came, or the run's error;
 *  - `tile(layer, head, rows, cols, px)`: one store tile request (px × px at most), in ms;
 *  - `headsGrid()`: every head of every layer as the heads grid's thumbnails (one request per
 *    layer), in ms;
 *  - `zoomPan(steps, px)`: zooms into layer 0 head 0 (the window halves about its centre) and then
 *    pans it by a quarter of its width, `steps` requests each; resolves with each request's ms;
 *  - `framesStart()` / `framesStop()`: frame gaps, long animation frames and the zoomable
 *    heatmap's paints while the script zooms and pans with real input (longFrames.ts);
 *  - `hoverStart(mode)` / `hoverAnswered()` / `hoverStop()`: pointer event to the frame showing
 *    its answer (the zoomable heatmap's readout, or a heads-grid thumbnail's hover frame).
 */
import { useAppStore } from '../../store';
import { THUMBNAIL_CELLS } from '../../store/attentionTiles';
import { frameRecorder, hoverRecorder, type FrameReport, type HoverReport } from './longFrames';

interface LongRun {
  wallMs: number;
  elapsedMs: number | null;
  tokens: number;
  dropped: number;
  onDemand: boolean;
  metrics: boolean;
  error: string | null;
}

declare global {
  interface Window {
    __atlasLong?: {
      load: (id: string) => Promise<string>;
      run: (text: string) => Promise<LongRun>;
      tile: (
        layer: number,
        head: number,
        rows: [number, number],
        cols: [number, number],
        px: number,
      ) => Promise<number>;
      headsGrid: () => Promise<number>;
      zoomPan: (steps: number, px: number) => Promise<number[]>;
      framesStart: () => void;
      framesStop: () => FrameReport;
      hoverStart: (mode: 'readout' | 'frame') => void;
      hoverAnswered: () => Promise<void>;
      hoverStop: () => HoverReport;
    };
  }
}

const store = useAppStore;

function until(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (test()) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
}

const block = () => store.getState().runs.A.blocks[0];

/** The recorders running now (one of each at a time). */
let frames: ReturnType<typeof frameRecorder> | null = null;
let hover: ReturnType<typeof hoverRecorder> | null = null;

async function tile(
  layer: number,
  heads: number[],
  rows: [number, number],
  cols: [number, number],
  px: number,
): Promise<number> {
  const b = block();
  if (!b) throw new Error('no block');
  const t = performance.now();
  await store.getState().requestAttentionTile({
    slot: 'A',
    kind: b.kind,
    layer,
    heads,
    rows,
    cols,
    maxRows: px,
    maxCols: px,
  });
  return performance.now() - t;
}

window.__atlasLong = {
  async load(id) {
    const s = store.getState();
    if (s.model !== 'hf') s.setModel('hf');
    store.getState().setHubId(id);
    store.getState().loadHubModel();
    await until(() => ['ready', 'error'].includes(store.getState().hub.load.state));
    const { load, info } = store.getState().hub;
    if (load.state === 'error' || !info) throw new Error(load.error ?? 'load failed');
    return info.name;
  },
  async run(text) {
    const t = performance.now();
    store.setState((s) => ({ sentences: { ...s.sentences, A: text, B: '' } }));
    store.getState().runSentence('A');
    await until(() => store.getState().runs.A.state !== 'loading');
    const run = store.getState().runs.A;
    return {
      wallMs: performance.now() - t,
      elapsedMs: run.elapsedMs,
      tokens: run.tokens.length,
      dropped: run.dropped,
      onDemand: run.blocks[0]?.onDemand === true,
      metrics: Boolean(run.blocks[0]?.headMetrics),
      error: run.error,
    };
  },
  tile: (layer, head, rows, cols, px) => tile(layer, [head], rows, cols, px),
  async headsGrid() {
    const b = block();
    if (!b) throw new Error('no block');
    const heads = Array.from({ length: b.heads }, (_, h) => h);
    const t = performance.now();
    for (let layer = 0; layer < b.layers; layer++)
      await tile(layer, heads, [0, b.queryLength], [0, b.keyLength], THUMBNAIL_CELLS);
    return performance.now() - t;
  },
  async zoomPan(steps, px) {
    const b = block();
    if (!b) throw new Error('no block');
    const T = b.queryLength;
    const times: number[] = [];
    let size = T;
    let start = 0;
    for (let i = 0; i < steps; i++) {
      size = Math.max(16, Math.floor(size / 2));
      start = Math.max(0, Math.floor(T / 2 - size / 2));
      times.push(await tile(0, [0], [start, start + size], [start, start + size], px));
    }
    for (let i = 0; i < steps; i++) {
      start = Math.min(T - size, start + Math.max(1, Math.floor(size / 4)));
      times.push(await tile(0, [0], [start, start + size], [start, start + size], px));
    }
    return times;
  },
  framesStart() {
    frames?.stop();
    frames = frameRecorder();
  },
  framesStop() {
    if (!frames) throw new Error('framesStart first');
    const report = frames.stop();
    frames = null;
    return report;
  },
  hoverStart(mode) {
    hover?.stop();
    hover = hoverRecorder(mode);
  },
  hoverAnswered: () => hover?.answered() ?? Promise.resolve(),
  hoverStop() {
    if (!hover) throw new Error('hoverStart first');
    const report = hover.stop();
    hover = null;
    return report;
  },
};
