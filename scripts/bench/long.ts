/**
 * Long-input benchmark (issue 14, attention on demand), in Debian's Chromium (headless, software
 * rendering) against the built app. A random SmolLM2-135M-sized checkpoint (llama, BF16, tied; 30
 * layers, 9 heads, 3 kv heads, head size 64) with tiny-smollm2's tokenizer is served from a local
 * Hub mirror on 127.0.0.1; the page (`?hub=…&bench-long`, hook in src/views/bench/longBench.ts)
 * loads it, then for each size (BENCH_LONG_SIZES, default 512,2048,4096 tokens; the text is
 * calibrated in Node with the same tokenizer) runs sentence A and measures:
 *  - forward: the worker's elapsedMs (the forward, head metrics and thumbnails), and the wall time
 *    from the store's run to the result;
 *  - first heatmap: the wall time plus one 600 × 600 pooled tile of layer 1, head 1 (the data of
 *    the first heatmap; painting a 600 × 600 canvas is not included);
 *  - heads grid: every head of every layer as 64 × 64 thumbnails, after the forward (goal ≤ 1 s);
 *  - zoom/pan: 6 zoom steps then 6 pan steps on layer 1, head 1, one 600 × 600 tile each: p50/p95;
 *  - memory: the renderer's peak resident size (VmHWM, which holds the worker's JS heap and wasm
 *    memory) during the run (peak reset through /proc/PID/clear_refs before each size), minus its
 *    resident size right after the model loaded, goal < 1.5 GB; and the worker's JS heap after.
 *    (The wasm heap never shrinks, so each size's peak also holds what earlier sizes grew.)
 *  - the views, with real input (scripts/bench/longFrames.ts): zoom/pan frame times on the
 *    zoomable heatmap (requestAnimationFrame gaps while the wheel, a drag and the + / − keys zoom
 *    and pan, next to the idle page's; Long Animation Frames over 50 ms), hover p95 on its readout
 *    (zoomed in to single cells) and on the Heads tab's thumbnails, and the Heads tab's grid paint.
 *    BENCH_LONG_PROFILE=1 adds a sampled JS profile of the page during zoom/pan; BENCH_LONG_HOVERS
 *    sets the moves per hover figure (60).
 * Same-run ratio: a plain 2-D matmul's GFLOP/s on tfjs-wasm in Node, measured just before, against
 * the forward's achieved GFLOP/s (its matmul FLOPs / forward time).
 *
 * Prints figures; asserts nothing. Needs `vite build` first (`npm run bench` does).
 *   npx vite build && npm run bench:long
 *   BENCH_LONG_SIZES=512,2048 npx tsx scripts/bench/long.ts   # without the 4,096 forward (minutes)
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type TransformerConfig } from '../../src/engine/index.ts';
import { headSizeOf, kvHeadsOf } from '../../src/engine/schema.ts';
import { loadHfModel, normalizeHfConfig } from '../../src/loader/hf/index.ts';
import { ROOT } from './bundle.ts';
import { bf16Checkpoint, MODELS, tensorList } from './llm-checkpoints.ts';
import { startPreview, stopPreview, waitForServer } from './preview.ts';
import { startHub } from './hubServer.ts';
import { rendererMemory, resetRendererPeak } from './renderers.ts';
import { hoverReadout, hoverThumbnails, pct, zoomPanFrames } from './longFrames.ts';
import { engineWorkerSession } from './workerSession.ts';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4297);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SIZES = (process.env.BENCH_LONG_SIZES ?? '512,2048,4096').split(',').map(Number);
const RUN_TIMEOUT_MS = 20 * 60_000;
const TOKENIZER_FROM = path.join(ROOT, 'tests/fixtures/hf/tiny-smollm2');
const ID = 'bench/smollm2-135m-sized';
const PX = 600;

/** The page's hook (src/views/bench/longBench.ts), as this script calls it (inside the page). */
interface LongHook {
  load(id: string): Promise<string>;
  run(text: string): Promise<{
    wallMs: number;
    elapsedMs: number | null;
    tokens: number;
    onDemand: boolean;
    metrics: boolean;
    error: string | null;
  }>;
  tile(layer: number, head: number, rows: number[], cols: number[], px: number): Promise<number>;
  headsGrid(): Promise<number>;
  zoomPan(steps: number, px: number): Promise<number[]>;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// ---- checkpoint, text and the mirror ----------------------------------------------------------------

function writeCheckpoint(hubDir: string): TransformerConfig {
  const dir = path.join(hubDir, ID);
  mkdirSync(dir, { recursive: true });
  const config = {
    architectures: ['LlamaForCausalLM'],
    ...MODELS.smollm2,
    torch_dtype: 'bfloat16',
  };
  const info = normalizeHfConfig(config);
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(
    path.join(dir, 'model.safetensors'),
    bf16Checkpoint(tensorList(info.config, false)),
  );
  for (const file of ['tokenizer.json', 'tokenizer_config.json'])
    if (existsSync(path.join(TOKENIZER_FROM, file)))
      writeFileSync(path.join(dir, file), readFileSync(path.join(TOKENIZER_FROM, file)));
  return info.config;
}

const WORDS =
  'the bank is near the river and money flows past the old town where people walk every day to work while birds sing over quiet water and children read books about distant stars'.split(
    ' ',
  );

/** A text of about `tokens` tokens under tiny-smollm2's tokenizer (counted before truncation). */
async function textOf(tokens: number): Promise<{ text: string; count: number }> {
  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'model.safetensors']
    .filter((f) => existsSync(path.join(TOKENIZER_FROM, f)))
    .map((f) => new File([readFileSync(path.join(TOKENIZER_FROM, f))], f));
  const { tokenizer } = await loadHfModel({ kind: 'files', files });
  const count = (text: string) => {
    const enc = tokenizer.encodeInput(text);
    return enc.ids.length + enc.truncated;
  };
  let words = Math.ceil(tokens / 2);
  let text = '';
  for (let i = 0; i < 30; i++) {
    text = Array.from({ length: words }, (_, k) => WORDS[(k * 7 + (k >> 3)) % WORDS.length]).join(
      ' ',
    );
    const n = count(text);
    if (Math.abs(n - tokens) <= 2) break;
    words = Math.max(1, Math.round((words * tokens) / n));
  }
  return { text, count: count(text) };
}

// ---- the same-run ratio -------------------------------------------------------------------------------

/** GFLOP/s of a plain [512, 576] × [576, 1536] matmul on tfjs-wasm in Node (median of 9). */
async function matmulGflops(): Promise<number> {
  await initBackend({ preferred: ['wasm'] });
  const a = tf.randomNormal([512, 576]);
  const b = tf.randomNormal([576, 1536]);
  const times: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
    if (i >= 2) times.push(performance.now() - t);
  }
  tf.dispose([a, b]);
  return (2 * 512 * 576 * 1536) / (pct(times, 50) / 1000) / 1e9;
}

/** Matmul FLOPs of one forward at T tokens (projections, MLP, Q·Kᵀ and weights·V). */
function forwardFlops(c: TransformerConfig, T: number): number {
  const dh = headSizeOf(c);
  const proj = 2 * T * c.dModel * dh * (2 * c.numHeads + 2 * kvHeadsOf(c));
  const mlp = 2 * T * c.dModel * c.dFF * 3;
  const attention = 2 * 2 * c.numHeads * T * T * dh;
  return c.numLayers * (proj + mlp + attention);
}

// ---- main ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist/index.html'))) throw new Error('run `vite build` first');
  const work = mkdtempSync(path.join(os.tmpdir(), 'atlas-long-'));
  let preview: ChildProcess | undefined;
  let hub: http.Server | undefined;
  let context: BrowserContext | undefined;
  try {
    const config = writeCheckpoint(path.join(work, 'hub'));
    const texts = await Promise.all(SIZES.map(textOf));
    const gflops = await matmulGflops();
    console.log(
      `Long inputs: SmolLM2-135M-sized (random, BF16), sizes ${SIZES.join(', ')}; ${os.cpus().length} CPUs, load ${os
        .loadavg()
        .map((v) => v.toFixed(1))
        .join(' ')}; plain matmul on tfjs-wasm in Node: ${gflops.toFixed(1)} GFLOP/s`,
    );
    const served = await startHub(path.join(work, 'hub'));
    hub = served.server;
    preview = startPreview(PORT);
    await waitForServer(preview, PORT);
    const profileDir = path.join(work, 'profile');
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(RUN_TIMEOUT_MS);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ORIGIN}/?model=hf&bench-long&hub=${encodeURIComponent(`${served.url}/`)}`);
    await page.waitForFunction(
      () => (window as unknown as { __atlasLong?: unknown }).__atlasLong !== undefined,
    );
    const cdp = await context.newCDPSession(page);
    const worker = await engineWorkerSession(cdp);
    const t0 = Date.now();
    await page.evaluate(
      (id) => (window as unknown as { __atlasLong: LongHook }).__atlasLong.load(id),
      ID,
    );
    await page.waitForTimeout(500);
    // The model's own size: the renderer after the load, before any long run grew the wasm heap.
    const base = rendererMemory(profileDir, 'VmRSS') ?? 0;
    console.log(`  loaded in ${s(Date.now() - t0)}; renderer ${mib(base)} with the model`);

    for (const [i, size] of SIZES.entries()) {
      const { text, count } = texts[i]!;
      await page.waitForTimeout(500);
      resetRendererPeak(profileDir);
      const run = await page.evaluate(
        (t) => (window as unknown as { __atlasLong: LongHook }).__atlasLong.run(t),
        text,
      );
      const peak = rendererMemory(profileDir, 'VmHWM') ?? 0;
      if (run.error) {
        console.log(`  ${size} tokens (text of ${count}): ${run.error}`);
        continue;
      }
      const first = await page.evaluate(
        ([n, px]) =>
          (window as unknown as { __atlasLong: LongHook }).__atlasLong.tile(
            0,
            0,
            [0, n],
            [0, n],
            px,
          ),
        [run.tokens, PX] as const,
      );
      const grid = await page.evaluate(() =>
        (window as unknown as { __atlasLong: LongHook }).__atlasLong.headsGrid(),
      );
      const zoom = await page.evaluate(
        (px) => (window as unknown as { __atlasLong: LongHook }).__atlasLong.zoomPan(6, px),
        PX,
      );
      const heap = (await worker.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
      const forward = run.elapsedMs ?? NaN;
      const achieved = forwardFlops(config, run.tokens) / (forward / 1000) / 1e9;
      console.log(
        `  ${run.tokens} tokens${run.onDemand ? ' (on demand)' : ''}: forward ${s(forward)} ` +
          `(${achieved.toFixed(1)} GFLOP/s, ${(achieved / gflops).toFixed(2)}× the plain matmul), ` +
          `run ${s(run.wallMs)}, first heatmap data ${s(run.wallMs + first)} (tile ${first.toFixed(0)} ms), ` +
          `heads grid ${s(grid)} after the forward, zoom/pan tile p50 ${pct(zoom, 50).toFixed(0)} ms ` +
          `p95 ${pct(zoom, 95).toFixed(0)} ms; renderer peak ${mib(peak)} = ${mib(peak - base)} ` +
          `over the loaded model; worker JS heap after ${mib(heap)}; ` +
          `metrics ${run.metrics ? 'sent' : 'missing'}`,
      );
      // The views with real input; a failure is printed, the next size still runs.
      for (const part of [
        () => zoomPanFrames(page, cdp, RUN_TIMEOUT_MS),
        () => hoverReadout(page, RUN_TIMEOUT_MS),
        () => hoverThumbnails(page, RUN_TIMEOUT_MS),
      ]) {
        try {
          console.log(`    ${await part()}`);
        } catch (e) {
          console.log(`    failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        }
      }
      console.log(
        `    load ${os
          .loadavg()
          .map((v) => v.toFixed(1))
          .join(' ')}`,
      );
    }
    if (errors.length > 0) console.log(`  page errors: ${errors.join('; ')}`);
  } finally {
    await context?.close();
    if (preview) stopPreview(preview);
    hub?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
