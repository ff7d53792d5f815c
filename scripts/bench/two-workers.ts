/**
 * Two engine workers (issue #14, multi-core), in Debian's Chromium against the built app served
 * by `vite preview` (cross-origin isolated):
 *
 *  - the app itself: how many engine workers the page runs once both default sentences are done,
 *    and the cores it sees (two workers from two cores up; tfjs-wasm gives each one thread there);
 *  - the forward: a BERT-base-sized random encoder (12 layers, d_model 768, 12 heads, d_ff 3072),
 *    every attention weight read back as the app's worker does, sentences A and B of 512 tokens
 *    each: (a) A then B in one worker, (b) A and B at once in two workers
 *    (src/worker/pairBench.worker.ts, driven by the `?bench` hook). Prints both wall times, their
 *    ratio and the threads in use;
 *  - the app's own path: both sentences through the store and its engine worker(s), on the
 *    playground at its largest (12 layers, 8 heads, d_model 512; BERT-base has no built-in twin),
 *    with `?workers=1` against the default (BENCH_SKIP_APP=1 leaves it out).
 *
 * A script, not a test: it prints and never asserts. Builds the app into a temporary folder,
 * serves it on port 4284 and stops the server at the end.
 *
 *   npx tsx scripts/bench/two-workers.ts
 *   BENCH_TOKENS=512 BENCH_RUNS=3 BENCH_SIZE=tiny npx tsx scripts/bench/two-workers.ts
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { medianOf as median } from '../../src/engine/benchmark.ts';
import type { TwoWorkersResult } from '../../src/worker/pairBench.worker.ts';
import { buildWithSourcemaps } from './bundle.ts';
import { startPreview, stopPreview, waitForServer } from './preview.ts';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4284);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const TOKENS = Number(process.env.BENCH_TOKENS ?? 512);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZE = process.env.BENCH_SIZE === 'tiny' ? 'tiny' : 'bert-base';
/** ORT-web's BERT-base forward (512 tokens, every attention output) on two threads, issue #14. */
const ORT_WEB_TWO_THREADS_MS = 2160;

const s = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function benchPage(browser: Browser, query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${ORIGIN}/?bench${query}`);
  await page.waitForFunction(() => window.__atlasBrowserBench?.appPair !== undefined, null, {
    timeout: 60_000,
  });
  await page.evaluate(() => window.__atlasBrowserBench!.idle());
  return page;
}

const engineWorkers = (page: Page) =>
  page.workers().filter((w) => w.url().includes('engine.worker')).length;

/** The app's own path: the largest playground, A and B of TOKENS tokens, with 1 and 2 workers. */
async function inTheApp(browser: Browser): Promise<void> {
  console.log(
    `
The app itself: playground 12 layers × 8 heads, d_model 512, sentences A and B of ${TOKENS} tokens, ` +
      `from runAll to both done (medians of ${RUNS})`,
  );
  const medians: number[] = [];
  for (const query of ['&workers=1', '']) {
    const page = await benchPage(browser, query);
    try {
      const times = await page.evaluate(([t, n]) => window.__atlasBrowserBench!.appPair(t, n), [
        TOKENS,
        RUNS,
      ] as const);
      medians.push(median(times));
      console.log(
        `   ${query ? '?workers=1' : 'default   '}: ${engineWorkers(page)} engine worker(s), ${s(median(times))} ` +
          `(every run: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
      );
    } finally {
      await page.close();
    }
  }
  console.log(`   one worker / two workers: ${(medians[0]! / medians[1]!).toFixed(2)}×`);
}

async function measure(browser: Browser): Promise<void> {
  const page = await benchPage(browser, '');
  try {
    // The second worker starts after sentence B's first run (its warm-up): give it a moment.
    const start = Date.now();
    while (engineWorkers(page) < 2 && Date.now() - start < 10_000)
      await new Promise((r) => setTimeout(r, 100));
    const appWorkers = engineWorkers(page);
    const env = await page.evaluate(() => ({
      isolated: crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
    }));
    console.log(
      `\nThe app: ${appWorkers} engine worker(s) after both default sentences ran; ` +
        `navigator.hardwareConcurrency ${env.cores}, cross-origin isolated ${env.isolated}`,
    );
    const label = SIZE === 'tiny' ? 'tiny encoder (dry run)' : 'BERT-base-sized encoder';
    console.log(
      `\n${label}, sentences A and B of ${TOKENS} tokens each, every attention weight read back; ${RUNS} runs`,
    );
    const r = await page.evaluate(
      ([t, n, size]) => window.__atlasBrowserBench!.twoWorkers(t, n, size),
      [TOKENS, RUNS, SIZE] as const,
    );
    print(r);
  } finally {
    await page.close();
  }
}

function print(r: TwoWorkersResult): void {
  const one = median(r.oneWorker.map((x) => x.wallMs));
  const two = median(r.twoWorkers.map((x) => x.wallMs));
  const oneForward = median(r.oneWorker.flatMap((x) => x.forwardMs));
  const twoForward = median(r.twoWorkers.flatMap((x) => x.forwardMs));
  const threads = r.threads.map((t) => t ?? '?').join(' + ');
  console.log(`   backend ${r.backend}; wasm threads per worker: ${threads}; cores ${r.cores}`);
  console.log(
    `   (a) A then B, one worker (1 thread):      ${s(one)} (median; one forward ${s(oneForward)})`,
  );
  console.log(
    `   (b) A and B at once, two workers (${r.threads.length} × ${r.threads[0] ?? '?'} thread): ${s(two)} (median; each forward ${s(twoForward)})`,
  );
  console.log(`   (a)/(b): ${(one / two).toFixed(2)}× (medians)`);
  // On a shared machine the least-disturbed run says what a free core gives.
  const bestOne = Math.min(...r.oneWorker.map((x) => x.wallMs));
  const bestTwo = Math.min(...r.twoWorkers.map((x) => x.wallMs));
  console.log(
    `   best runs: (a) ${s(bestOne)}, (b) ${s(bestTwo)}, (a)/(b) ${(bestOne / bestTwo).toFixed(2)}×`,
  );
  if (SIZE === 'bert-base' && TOKENS === 512)
    console.log(
      `   the pair per sentence: ${s(two / 2)}; ORT-web's one forward on two threads: ${s(ORT_WEB_TWO_THREADS_MS)} ` +
        `(the pair of two: ${s(2 * ORT_WEB_TWO_THREADS_MS)})`,
    );
  console.log(
    `   every run, ms: (a) ${r.oneWorker.map((x) => x.wallMs.toFixed(0)).join(', ')}; ` +
      `(b) ${r.twoWorkers.map((x) => x.wallMs.toFixed(0)).join(', ')}`,
  );
}

async function main(): Promise<void> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-two-workers-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let stderr = '';
  try {
    process.stdout.write('Building the app… ');
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
      `Two workers: Chromium ${browser.version()} headless, ${os.cpus().length} cores, ` +
        `load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    await measure(browser);
    if (!process.env.BENCH_SKIP_APP) await inTheApp(browser);
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
