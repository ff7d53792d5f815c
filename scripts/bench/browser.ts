/**
 * Browser benchmark, in Debian's Chromium (headless, software rendering) against the built app
 * served by `vite preview` with COOP/COEP (cross-origin isolated, so wasm threads are allowed):
 *
 *  1. cold start: a fresh browser context per run (empty HTTP cache, no compiled wasm), from
 *     navigation start (performance.timeOrigin) to the first heatmap painted with the built-in
 *     translator. "Painted" = the task after the frame that shows it: an init script watches the
 *     DOM for the first `canvas.heatmap-canvas` (the heatmap draws its pixels in the same commit
 *     that inserts it, in a layout effect), then waits for requestAnimationFrame and a posted task;
 *  2. first page weight: the JS files the page and its engine worker fetched before that moment,
 *     gzipped (level 9, the preview server sends them uncompressed), `.wasm` not counted, with the
 *     source modules that weigh most in them (attributed through the build's source maps);
 *  3. engine: a BERT-base-sized random encoder forward with all weights read back, at 32, 128 and
 *     512 tokens, in a worker of its own (src/worker/bench.worker.ts), on wasm with the app's own
 *     thread choice and with 2 threads forced, then webgl and webgpu where the browser has them;
 *     ratio to the best plain matmul measured in the same run, and first-layer time vs forward;
 *     and, in the app itself, the playground at its largest (12 layers, 8 heads, d_model 512):
 *     from a run's start to its first layer's heatmap painted, against the run done and painted;
 *  4. memory soak: 500 steps alternating the two demo sentence pairs and the two built-in models
 *     (translator, playground), each step running both sentences through the app's engine worker;
 *     `numTensors` of the worker (tfjs' global engine, read over the DevTools protocol) at start and
 *     end, and the JS heap of the page and of the worker after a forced GC, after 50 and after 500.
 *
 * Prints medians next to the goals. A script, not a test: it never asserts.
 * It builds the app itself once (with source maps, into a temporary folder), serves that build on
 * port 4283 and stops the server at the end.
 *
 *   npx tsx scripts/bench/browser.ts
 *   BENCH_PARTS=cold,engine,soak BENCH_RUNS=5 BENCH_SOAK_STEPS=500 npx tsx scripts/bench/browser.ts
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import {
  ENGINE_TABLE_HEADER,
  formatEngineRow,
  formatProfile,
  medianOf as median,
} from '../../src/engine/benchmark.ts';
import type { EngineBenchRequest } from '../../src/worker/bench.worker.ts';
import { emptyEngineBenchResult, type EngineBenchResult } from '../../src/worker/benchResult.ts';
import type { TwoWorkersResult } from '../../src/worker/pairBench.worker.ts';
import { buildWithSourcemaps, bytesBySource, gzipSize, packageOf } from './bundle.ts';
import { startPreview, stopPreview, waitForServer } from './preview.ts';
import { engineWorkerSession, type WorkerSession } from './workerSession.ts';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4283);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'cold,engine,soak').split(','));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ENGINE_RUNS = Number(process.env.BENCH_ENGINE_RUNS ?? 3);
const LENGTHS = (process.env.BENCH_LENGTHS ?? '32,128,512').split(',').map(Number);
/** Tokens of the kernel-by-kernel profile of one wasm forward (0: none). */
const PROFILE_TOKENS = Number(process.env.BENCH_PROFILE ?? 512);
const STREAM_LENGTHS = (process.env.BENCH_STREAM_LENGTHS ?? '128,512').split(',').map(Number);
const GPU_LENGTHS = (process.env.BENCH_GPU_LENGTHS ?? '32,128').split(',').map(Number);
const SOAK_STEPS = Number(process.env.BENCH_SOAK_STEPS ?? 500);
const SOAK_SETTLE = 50;
const GOAL_COLD_MS = 1000;
const GOAL_WEIGHT_KB = 350;
const GOAL_RATIO = 0.9;
const GOAL_HEAP_MB = 10;
const ENGINE_TIMEOUT_MS = 8 * 60_000;

declare global {
  interface Window {
    __coldStart?: Promise<{ drawn: number; painted: number }>;
    /** The page's benchmark hook (src/views/bench/browserBench.ts), installed only with `?bench`. */
    __atlasBrowserBench?: {
      idle(): Promise<void>;
      step(model: 'translator' | 'playground', pair: number): Promise<void>;
      streaming(tokens: number): Promise<{ firstPainted: number; done: number }>;
      engine(request: EngineBenchRequest): Promise<EngineBenchResult>;
      /** Two engine workers against one (scripts/bench/two-workers.ts). */
      twoWorkers(
        tokens: number,
        runs: number,
        size: 'bert-base' | 'tiny',
      ): Promise<TwoWorkersResult>;
      /** Both sentences through the app's engine worker(s) (scripts/bench/two-workers.ts). */
      appPair(tokens: number, runs: number): Promise<number[]>;
    };
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (v: number) => `${v.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');

// ---- server -------------------------------------------------------------------------------------

// startPreview / waitForServer / stopPreview: ./preview.ts (shared with ui.ts).

// ---- 1 + 2: cold start and first page weight ------------------------------------------------------

/**
 * Installed before any page script: `window.__coldStart` resolves when the first heatmap has been
 * painted. Plain source text, so that the bundler that runs this script adds no helpers to it.
 */
const WATCH_FIRST_HEATMAP = `
window.__coldStart = new Promise((resolve) => {
  const observer = new MutationObserver(() => {
    if (document.querySelector('canvas.heatmap-canvas') === null) return;
    observer.disconnect();
    const drawn = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ drawn, painted: performance.now() });
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { subtree: true, childList: true });
});`;

interface ColdRun {
  painted: number;
  fcp: number | null;
  /** Files the page and its workers fetched: path and when each response ended (ms since navigation). */
  files: { path: string; end: number }[];
}

async function coldRun(browser: Browser): Promise<ColdRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({ content: WATCH_FIRST_HEATMAP });
    const page = await context.newPage();
    const finished: { url: string; start: number; end: number }[] = [];
    page.on('requestfinished', (request) => {
      const t = request.timing();
      finished.push({ url: request.url(), start: t.startTime, end: t.startTime + t.responseEnd });
    });
    await page.goto(`${ORIGIN}/`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__coldStart !== undefined);
    const { painted } = await page.evaluate(() => window.__coldStart!);
    const { origin, fcp } = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      fcp:
        performance.getEntriesByName('first-contentful-paint')[0]?.startTime ??
        (null as number | null),
    }));
    const files = finished
      .filter((f) => f.url.startsWith(ORIGIN))
      .map((f) => ({ path: new URL(f.url).pathname.slice(1), end: f.end - origin }))
      .sort((a, b) => a.end - b.end);
    return { painted, fcp, files };
  } finally {
    await context.close();
  }
}

async function coldStart(browser: Browser, outDir: string): Promise<void> {
  console.log(`\n1. Cold start (fresh context per run, ${RUNS} runs)`);
  await coldRun(browser); // unmeasured: the server's and the OS's caches
  const runs: ColdRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await coldRun(browser));
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  const painted = median(runs.map((r) => r.painted));
  console.log(
    `   first heatmap painted: ${ms(painted)} (median)   goal ≤ ${ms(GOAL_COLD_MS)} ${verdict(painted <= GOAL_COLD_MS)}`,
  );
  console.log(`   every run: ${runs.map((r) => r.painted.toFixed(0)).join(', ')} ms`);
  const fcps = runs.map((r) => r.fcp).filter((v): v is number => v !== null);
  if (fcps.length > 0) console.log(`   first contentful paint (page chrome): ${ms(median(fcps))}`);
  // Where the time goes: when each file arrived (median over the runs), in arrival order.
  const arrivals = new Map<string, number[]>();
  for (const r of runs)
    for (const f of r.files) arrivals.set(f.path, [...(arrivals.get(f.path) ?? []), f.end]);
  const timeline = [...arrivals]
    .map(([file, ends]) => ({ file, end: median(ends) }))
    .filter((f) => f.end <= painted)
    .sort((a, b) => a.end - b.end);
  console.log('   files fetched before it (median time their response ended):');
  for (const f of timeline)
    console.log(`     ${ms(f.end).padStart(8)}  ${f.file || '/ (the page)'}`);

  console.log(`\n2. First page weight (JS fetched before the first heatmap, gzip -9, no .wasm)`);
  const js = [...new Set(runs.flatMap((r) => r.files.filter((f) => f.end <= r.painted)))]
    .map((f) => f.path)
    .filter((p, i, all) => p.endsWith('.js') && all.indexOf(p) === i)
    .sort();
  let total = 0;
  const modules = new Map<string, number>();
  for (const file of js) {
    const bytes = readFileSync(path.join(outDir, file));
    const gz = gzipSize(bytes);
    total += gz;
    console.log(`     ${kb(gz).padStart(9)}  ${file} (${kb(bytes.length)} minified)`);
    // A module's share of the chunk's gzip = its share of the chunk's bytes (an estimate).
    for (const [source, n] of bytesBySource(outDir, file)) {
      const key = packageOf(source);
      modules.set(key, (modules.get(key) ?? 0) + (n / bytes.length) * gz);
    }
  }
  console.log(
    `   total: ${kb(total)}   goal ≤ ${GOAL_WEIGHT_KB} KB ${verdict(total <= GOAL_WEIGHT_KB * 1024)}`,
  );
  console.log('   largest modules (estimated gzip share; packages summed over their files):');
  for (const [name, n] of [...modules].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`     ${kb(n).padStart(9)}  ${name}`);
}

// ---- 3: engine ------------------------------------------------------------------------------------

async function benchPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${ORIGIN}/?bench`);
  await page.waitForFunction(() => window.__atlasBrowserBench !== undefined, null, {
    timeout: 60_000,
  });
  await page.evaluate(() => window.__atlasBrowserBench!.idle());
  return page;
}

async function runEngine(page: Page, request: EngineBenchRequest): Promise<EngineBenchResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<EngineBenchResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(emptyEngineBenchResult(`no answer within ${ENGINE_TIMEOUT_MS / 60_000} minutes`)),
      ENGINE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      page.evaluate((r) => window.__atlasBrowserBench!.engine(r), request),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function printEngine(label: string, result: EngineBenchResult): void {
  if (result.error !== null && result.rows.length === 0) {
    console.log(`   ${label}: not measured (${result.error})`);
    return;
  }
  const threads = result.threads === null ? '' : `, ${result.threads} thread(s) in use`;
  const kernels =
    result.ownKernels === null ? '' : result.ownKernels ? ', own wasm kernels' : ', tf ops only';
  console.log(
    `   ${label}: backend ${result.backend}${threads}${kernels}, started in ${ms(result.startMs ?? NaN)}; medians of ${ENGINE_RUNS}`,
  );
  console.log(`     ${ENGINE_TABLE_HEADER}`);
  for (const r of result.rows) {
    const goal = r.tokens === 512 ? `  goal ≥ ${GOAL_RATIO} ${verdict(r.ratio >= GOAL_RATIO)}` : '';
    console.log(`     ${formatEngineRow(r)}${goal}`);
  }
  if (result.profile) for (const line of formatProfile(result.profile)) console.log(`     ${line}`);
  if (result.error !== null) console.log(`     stopped: ${result.error}`);
  if (result.tensorsLeft !== null) console.log(`     tensors left: ${result.tensorsLeft}`);
}

/**
 * Streaming in the app itself: the playground at its largest (12 layers, 8 heads, d_model 512)
 * through the app's engine worker, from the run's start to its first layer's heatmap painted
 * against the whole run done and painted.
 */
async function streaming(page: Page): Promise<void> {
  console.log(
    `   streaming in the app (playground 12 layers × 8 heads, d_model 512, wasm; medians of ${ENGINE_RUNS}):`,
  );
  console.log('     tokens | first layer painted | run done, painted | ratio');
  for (const tokens of STREAM_LENGTHS) {
    const runs: { firstPainted: number; done: number }[] = [];
    for (let i = 0; i < ENGINE_RUNS; i++)
      runs.push(await page.evaluate((t) => window.__atlasBrowserBench!.streaming(t), tokens));
    const first = median(runs.map((r) => r.firstPainted));
    const done = median(runs.map((r) => r.done));
    console.log(
      `     ${String(tokens).padStart(6)} | ${ms(first).padStart(19)} | ${ms(done).padStart(17)} | ` +
        `${(first / done).toFixed(3)}  goal ≤ 0.25 ${verdict(first / done <= 0.25)}`,
    );
  }
}

async function engine(browser: Browser): Promise<void> {
  console.log(`\n3. Engine in the browser (BERT-base-sized encoder, all weights read back)`);
  const page = await benchPage(browser);
  try {
    const env = await page.evaluate(() => ({
      isolated: crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
    }));
    console.log(
      `   page cross-origin isolated: ${env.isolated}; navigator.hardwareConcurrency: ${env.cores}. ` +
        `The app asks for wasm threads from 4 cores up, and tfjs-wasm caps its pool at cores/2: ` +
        `on ${env.cores} cores that is ${Math.max(1, Math.floor(env.cores / 2))} thread(s).`,
    );
    await streaming(page);
    const wasm = await runEngine(page, {
      backend: 'wasm',
      threads: 'auto',
      lengths: LENGTHS,
      runs: ENGINE_RUNS,
      profileTokens: PROFILE_TOKENS,
    });
    printEngine("wasm, the app's thread choice", wasm);
    if (env.isolated && !PARTS.has('no-threads')) {
      const threaded = await runEngine(page, {
        backend: 'wasm',
        threads: 2,
        lengths: LENGTHS,
        runs: ENGINE_RUNS,
      });
      printEngine('wasm, threaded build (2 threads asked for)', threaded);
    }
    for (const backend of PARTS.has('no-gpu') ? [] : (['webgl', 'webgpu'] as const)) {
      const result = await runEngine(page, {
        backend,
        threads: 'auto',
        lengths: GPU_LENGTHS,
        runs: ENGINE_RUNS,
      });
      printEngine(`${backend} (--disable-gpu: software rendering where it starts at all)`, result);
    }
  } finally {
    await page.close();
  }
}

// ---- 4: memory soak -------------------------------------------------------------------------------

interface HeapUsage {
  usedSize: number;
}

async function heaps(
  page: CDPSession,
  worker: WorkerSession,
): Promise<{ page: number; worker: number }> {
  await page.send('HeapProfiler.collectGarbage');
  await worker.send('HeapProfiler.collectGarbage');
  const p = await page.send('Runtime.getHeapUsage');
  const w = await worker.send<HeapUsage>('Runtime.getHeapUsage');
  return { page: p.usedSize, worker: w.usedSize };
}

async function numTensors(worker: WorkerSession): Promise<number> {
  const r = await worker.send<{ result: { value?: number } }>('Runtime.evaluate', {
    expression: 'globalThis._tfengine.memory().numTensors',
    returnByValue: true,
  });
  if (typeof r.result.value !== 'number') throw new Error('could not read numTensors');
  return r.result.value;
}

async function soak(browser: Browser): Promise<void> {
  console.log(
    `\n4. Memory soak: ${SOAK_STEPS} steps, each running both sentences; pairs alternate every ` +
      `step, models (translator, playground) every two`,
  );
  const page = await benchPage(browser);
  try {
    const cdp = await page.context().newCDPSession(page);
    const worker = await engineWorkerSession(cdp);
    await cdp.send('HeapProfiler.enable');
    const stepAt = async (i: number) => {
      const model = Math.floor(i / 2) % 2 === 0 ? 'translator' : 'playground';
      await page.evaluate(([m, p]) => window.__atlasBrowserBench!.step(m, p), [
        model,
        i % 2,
      ] as const);
    };
    const times: number[] = [];
    let startTensors = 0;
    let settled = { page: 0, worker: 0 };
    for (let i = 0; i < SOAK_STEPS; i++) {
      const t0 = performance.now();
      await stepAt(i);
      times.push(performance.now() - t0);
      if (i === 3) startTensors = await numTensors(worker); // every model and pair seen once
      if (i === SOAK_SETTLE - 1) settled = await heaps(cdp, worker);
      if ((i + 1) % 50 === 0) process.stdout.write(`${i + 1} `);
    }
    process.stdout.write('\n');
    const endTensors = await numTensors(worker);
    const end = await heaps(cdp, worker);
    console.log(
      `   numTensors (engine worker): ${startTensors} after the first 4 steps, ${endTensors} after ${SOAK_STEPS}   ` +
        `goal: unchanged ${verdict(startTensors === endTensors)}`,
    );
    for (const side of ['page', 'worker'] as const) {
      const growth = end[side] - settled[side];
      console.log(
        `   JS heap, ${side.padEnd(6)}: ${mb(settled[side])} after ${SOAK_SETTLE}, ${mb(end[side])} after ${SOAK_STEPS} ` +
          `(${growth >= 0 ? '+' : ''}${mb(growth)})   goal within ${GOAL_HEAP_MB} MB ${verdict(Math.abs(growth) <= GOAL_HEAP_MB * 2 ** 20)}`,
      );
    }
    console.log(`   one step (both sentences, painted): ${ms(median(times))} median`);
  } finally {
    await page.close();
  }
}

// ---- main -----------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let stderr = '';
  try {
    process.stdout.write('Building the app with source maps… ');
    buildWithSourcemaps(outDir);
    console.log('done');
    server = startPreview(PORT, outDir);
    server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitForServer(server, PORT);
    browser = await chromium.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    console.log(
      `Browser benchmark: Chromium ${browser.version()} headless (software rendering), ` +
        `${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    if (PARTS.has('cold')) await coldStart(browser, outDir);
    if (PARTS.has('engine')) await engine(browser);
    if (PARTS.has('soak')) await soak(browser);
    console.log(`\nload average at the end: ${os.loadavg()[0]!.toFixed(2)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (stderr) console.error(stderr);
    process.exitCode = 1;
  } finally {
    await browser?.close();
    if (server) stopPreview(server);
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
