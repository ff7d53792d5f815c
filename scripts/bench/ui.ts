/**
 * UI benchmark of the Heads tab, in Debian's Chromium (headless, software rendering) against the
 * built app: for a synthetic 12-layer × 12-head self-attention result at 128 and 512 tokens,
 *  - painted: time from the result entering the store to the heads grid painted on screen
 *    (the frame after its canvas was drawn: requestAnimationFrame, then a posted task);
 *  - hover p95: 95th percentile over 100 pointer moves across the token strip, each dispatched at
 *    the start of a frame, of the time to the end of the frame that shows the row highlight.
 * Prints medians over several runs next to the goals. A script, not a test: it never asserts.
 *
 * Needs `npx vite build` first (it builds nothing). It starts `vite preview` on port 4180 (or
 * BENCH_PORT) and stops it at the end. The result is injected through `window.__atlasBench`, which the page only installs
 * when its URL has `?bench` (src/views/heads/benchHook.ts).
 *
 *   npx vite build && npx tsx scripts/bench/ui.ts
 *   BENCH_RUNS=7 BENCH_TOKENS=128,512 CHROMIUM_PATH=/usr/bin/chromium npx tsx scripts/bench/ui.ts
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { startPreview, stopPreview, waitForServer } from './preview.ts';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium.ts';

/** The page's benchmark hook (src/views/heads/benchHook.ts), installed only with `?bench`. */
interface AtlasBench {
  idle(): Promise<void>;
  loadSynthetic(layers: number, heads: number, tokens: number): Promise<number>;
  hover(count: number): Promise<number[]>;
}

declare global {
  interface Window {
    __atlasBench?: AtlasBench;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.BENCH_PORT ?? 4180);
const URL = `http://127.0.0.1:${PORT}/?bench`;
const LAYERS = 12;
const HEADS = 12;
const TOKENS = (process.env.BENCH_TOKENS ?? '128,512').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const HOVERS = 100;
const GOAL_PAINT_MS = 300;
const GOAL_HOVER_MS = 16;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

interface Figures {
  tokens: number;
  paint: number[];
  hoverP95: number[];
  hoverMedian: number[];
}

async function measure(page: Page, tokens: number): Promise<Figures> {
  const out: Figures = { tokens, paint: [], hoverP95: [], hoverMedian: [] };
  // One unmeasured run warms the code paths (JIT) at this size.
  for (let run = -1; run < RUNS; run++) {
    const paint = await page.evaluate(([l, h, t]) => window.__atlasBench!.loadSynthetic(l, h, t), [
      LAYERS,
      HEADS,
      tokens,
    ] as const);
    // Let the head metrics finish (they are computed in slices after the paint).
    await page.waitForSelector('.an-status[data-metrics="ready"]', { timeout: 60_000 });
    const hovers = await page.evaluate((n) => window.__atlasBench!.hover(n), HOVERS);
    if (run < 0) continue;
    out.paint.push(paint);
    out.hoverP95.push(percentile(hovers, 95));
    out.hoverMedian.push(median(hovers));
    process.stdout.write('.');
  }
  return out;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const verdict = (ms: number, goal: number) => (ms <= goal ? 'ok' : 'OVER');

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist/index.html'))) {
    console.error('No build found: run `npx vite build` first (this script builds nothing).');
    process.exitCode = 1;
    return;
  }
  const server = startPreview(PORT);
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    await waitForServer(server, PORT);
    browser = await chromium.launch({
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(URL);
    await page.waitForFunction(() => window.__atlasBench !== undefined, null, { timeout: 30_000 });
    // The page starts by running the two example sentences: wait until it is quiet.
    await page.evaluate(() => window.__atlasBench!.idle());

    console.log(
      `UI benchmark: Heads tab, ${LAYERS} layers × ${HEADS} heads, Chromium ${browser.version()} ` +
        `headless (software rendering), viewport 1280×900, ${RUNS} runs per size`,
    );
    const results: Figures[] = [];
    for (const tokens of TOKENS) {
      process.stdout.write(`  ${tokens} tokens `);
      results.push(await measure(page, tokens));
      process.stdout.write('\n');
    }
    if (errors.length > 0) console.log(`page errors: ${errors.join('; ')}`);

    console.log('');
    console.log(
      'tokens  painted (median)  goal          hover p95 (median)  goal         hover median',
    );
    for (const r of results) {
      const paint = median(r.paint);
      const hover = median(r.hoverP95);
      const paintGoal =
        r.tokens === 512 ? `≤ ${GOAL_PAINT_MS} ms ${verdict(paint, GOAL_PAINT_MS)}` : '';
      console.log(
        `${String(r.tokens).padEnd(8)}${fmt(paint).padEnd(18)}${paintGoal.padEnd(14)}` +
          `${fmt(hover).padEnd(20)}${`≤ ${GOAL_HOVER_MS} ms ${verdict(hover, GOAL_HOVER_MS)}`.padEnd(13)}` +
          `${fmt(median(r.hoverMedian))}`,
      );
    }
    console.log('');
    for (const r of results)
      console.log(
        `  ${r.tokens} tokens, every run: painted ${r.paint.map((v) => v.toFixed(0)).join(', ')} ms; ` +
          `hover p95 ${r.hoverP95.map((v) => v.toFixed(1)).join(', ')} ms`,
      );
  } finally {
    await browser?.close();
    stopPreview(server);
    if (process.exitCode && stderr) console.error(stderr);
  }
}

await main();
