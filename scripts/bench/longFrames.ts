/**
 * The long-input benchmark's view figures (scripts/bench/long.ts, issue 14): zoom/pan frame times
 * and hover latency, driven with real input (Playwright's mouse, wheel and keyboard go through
 * Chromium's input pipeline as a person's would) and timed inside the page by the `?bench-long`
 * hook (src/views/bench/longFrames.ts):
 *  - zoom/pan frames: requestAnimationFrame gaps over the whole interaction (wheel in, drag, + / −
 *    keys, wheel out, and the tiles landing meanwhile), next to the same page's idle gaps; Long
 *    Animation Frames (over 50 ms) with their scripts; the canvas's own paint time;
 *  - hover: pointer event → end of the frame showing the zoomable heatmap's new readout (single
 *    cells, zoomed in), and pointer event → end of the next frame over heads-grid thumbnails
 *    (Heads tab), split into the wait for that frame to start (input waits for the next vsync) and
 *    the frame's own work (its rAF time to the end of its rendering); beside them the Event Timing
 *    API's count of pointermoves of 16 ms or more (Chromium reports none shorter).
 * With BENCH_LONG_PROFILE=1, a sampled JS profile of the page during zoom/pan (self time by
 * function) says where the main thread's time goes.
 */
import type { CDPSession, Locator, Page } from '@playwright/test';
import type { FrameReport, HoverReport } from '../../src/views/bench/longFrames.ts';

/** One vsync at 60 Hz; a gap longer than this plus JITTER_MS is a frame the page dropped. */
export const FRAME_MS = 1000 / 60;
const JITTER_MS = 2;
/** The readout is read on cells of at least this many CSS px (single cells, zoomed in). */
const HOVER_CELL_PX = 8;
const HOVERS = Number(process.env.BENCH_LONG_HOVERS ?? 60);
const PROFILE = process.env.BENCH_LONG_PROFILE === '1';

interface Hook {
  framesStart(): void;
  framesStop(): FrameReport;
  hoverStart(mode: 'readout' | 'frame'): void;
  hoverAnswered(): Promise<void>;
  hoverStop(): HoverReport;
}
type HookWindow = { __atlasLong: Hook };

const sorted = (v: readonly number[]) => [...v].sort((a, b) => a - b);
/** Nearest-rank percentile. */
export function pct(values: readonly number[], p: number): number {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

function gapLine(gaps: readonly number[]): string {
  const late = gaps.filter((g) => g > FRAME_MS + JITTER_MS).length;
  return (
    `${gaps.length} frames, p50 ${ms(pct(gaps, 50))} p95 ${ms(pct(gaps, 95))} max ` +
    `${ms(Math.max(...gaps))}, ${late} over 16.7 ms`
  );
}

async function idleGaps(page: Page, wait: number): Promise<number[]> {
  await page.evaluate(() => (window as unknown as HookWindow).__atlasLong.framesStart());
  await page.waitForTimeout(wait);
  return (await page.evaluate(() => (window as unknown as HookWindow).__atlasLong.framesStop()))
    .gaps;
}

async function viewScale(canvas: Locator): Promise<number> {
  return Number(((await canvas.getAttribute('data-view')) ?? '').split(',')[0]);
}

/** Self time by function of a sampled CPU profile, longest first. */
function selfTimes(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byNode.get(id);
    const name = f
      ? `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`
      : '?';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([name, t]) => `${name} ${t.toFixed(0)} ms`);
}

/** The zoomable heatmap's canvas of sentence A, on screen, with a tile or thumbnail painted. */
async function zoomCanvas(page: Page, timeout: number): Promise<Locator> {
  await page.locator('#tab-attention').click();
  const canvas = page.locator('figure.heatmap-zoom[data-slot="A"] canvas.zoom-canvas');
  await canvas.waitFor({ timeout });
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (el) => el instanceof HTMLCanvasElement && el.dataset.mode !== 'none' && !!el.dataset.painted,
    await canvas.elementHandle(),
    { timeout },
  );
  return canvas;
}

/**
 * Zoom/pan frames on the zoomable heatmap: wheel in (8 notches, 30 ms apart, at the centre), drag
 * by (−180, −120) px in 30 moves, + ×3 and − ×3 on the focused canvas, wheel out (8 notches), with
 * a second after each gesture for tiles to land. Prints the gaps, long frames and paints.
 */
export async function zoomPanFrames(page: Page, cdp: CDPSession, timeout: number): Promise<string> {
  const canvas = await zoomCanvas(page, timeout);
  await canvas.focus();
  await page.keyboard.press('0');
  await page.waitForTimeout(1000);
  const idle = await idleGaps(page, 2000);
  const box = (await canvas.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.evaluate(() => (window as unknown as HookWindow).__atlasLong.framesStart());
  const t0 = Date.now();
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(1000);
  await page.mouse.move(cx + 90, cy + 60);
  await page.mouse.down();
  await page.mouse.move(cx - 90, cy - 60, { steps: 30 });
  await page.mouse.up();
  await page.waitForTimeout(1000);
  for (const key of ['+', '+', '+', '-', '-', '-']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(1000);
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(1000);
  const report = await page.evaluate(() =>
    (window as unknown as HookWindow).__atlasLong.framesStop(),
  );
  const span = Date.now() - t0;
  let profile = '';
  if (PROFILE) {
    const { profile: p } = await cdp.send('Profiler.stop');
    profile = `\n      main-thread JS self time (sampled): ${selfTimes(p).join('; ')}`;
  }
  const loaf = report.longFrames;
  const longest = loaf ? [...loaf].sort((a, b) => b.duration - a.duration).slice(0, 3) : [];
  const paints = report.canvasPaints;
  return (
    `zoom/pan frames (rAF gaps, ${(span / 1000).toFixed(1)} s of wheel, drag and keys): ` +
    `${gapLine(report.gaps)}; idle before: ${gapLine(idle)}; canvas paints ${paints.length}, ` +
    `p50 ${ms(pct(paints, 50))} max ${ms(paints.length ? Math.max(...paints) : NaN)}; ` +
    (loaf === null
      ? 'long animation frames: not supported'
      : `long animation frames (> 50 ms): ${loaf.length}` +
        longest
          .map(
            (f) =>
              `\n      ${ms(f.duration)} (render ${ms(f.render)}, style+layout ${ms(f.styleLayout)}): ` +
              (f.scripts.join(', ') || 'no script'),
          )
          .join('')) +
    profile
  );
}

/**
 * Event Timing's p95 of the moves: entries exist only for events of 16 ms or more, so the others
 * count as under 16 ms; "< 16 ms" when fewer than 5% reached it.
 */
function eventTimingP95(r: HoverReport): string {
  const slow = (r.slowEvents ?? []).map((e) => e.duration);
  const events = Math.max(r.events, slow.length);
  if (slow.length <= 0.05 * events) return '< 16 ms';
  return ms(pct([...new Array<number>(events - slow.length).fill(0), ...slow], 95));
}

function hoverLine(what: string, r: HoverReport): string {
  const slow = r.slowEvents;
  // The page's own part: from the frame's start (its rAF time) to the end of its rendering.
  const work = r.latencies.map((l, i) => l - (r.waits[i] ?? 0));
  return (
    `${what}: p50 ${ms(pct(r.latencies, 50))} p95 ${ms(pct(r.latencies, 95))} max ` +
    `${ms(r.latencies.length ? Math.max(...r.latencies) : NaN)} over ${r.latencies.length} moves ` +
    `(waiting for the frame to start p50 ${ms(pct(r.waits, 50))} p95 ${ms(pct(r.waits, 95))}; ` +
    `frame start to its end p50 ${ms(pct(work, 50))} p95 ${ms(pct(work, 95))})` +
    `${r.unanswered ? ` (${r.unanswered} unanswered)` : ''}; Event Timing (to the next frame ` +
    `presented): ` +
    (slow === null
      ? 'not supported'
      : `${slow.length} of ${r.events} pointermoves ≥ 16 ms, p95 ${eventTimingP95(r)}` +
        (slow.length ? `, max ${ms(Math.max(...slow.map((e) => e.duration)))}` : ''))
  );
}

/** Moves the mouse to each point and waits for the page to show its answer. */
async function sweep(page: Page, points: readonly { x: number; y: number }[]): Promise<void> {
  for (const p of points) {
    await page.mouse.move(p.x, p.y);
    await page.evaluate(() => (window as unknown as HookWindow).__atlasLong.hoverAnswered());
  }
}

/**
 * Hover on the zoomable heatmap: zoomed in about the centre to single cells of ≥ 8 px, once the
 * exact tile is in, HOVERS moves onto distinct cells of the lower triangle (the causal mask's
 * allowed cells), each waited for until the readout shows it.
 */
export async function hoverReadout(page: Page, timeout: number): Promise<string> {
  const canvas = await zoomCanvas(page, timeout);
  await canvas.focus();
  await page.keyboard.press('0');
  for (let i = 0; i < 40 && (await viewScale(canvas)) < HOVER_CELL_PX; i++)
    await page.keyboard.press('+');
  await page.waitForFunction(
    (el) => el instanceof HTMLCanvasElement && el.dataset.mode === 'exact',
    await canvas.elementHandle(),
    { timeout },
  );
  const scale = await viewScale(canvas);
  const box = (await canvas.boundingBox())!;
  const half = Math.floor(Math.min(box.width, box.height) / scale / 2);
  const points = Array.from({ length: HOVERS }, (_, i) => ({
    x: box.x + ((i * 5) % half) * scale + scale / 2,
    y: box.y + (half + ((i * 3) % half)) * scale + scale / 2,
  }));
  await page.evaluate(() => (window as unknown as HookWindow).__atlasLong.hoverStart('readout'));
  await sweep(page, points);
  const report = await page.evaluate(() =>
    (window as unknown as HookWindow).__atlasLong.hoverStop(),
  );
  await page.mouse.move(0, 0);
  return hoverLine(`hover readout (cells of ${scale.toFixed(1)} px)`, report);
}

/**
 * The Heads tab: from the tab's click to the grid's canvas painted, then HOVERS moves over
 * distinct on-screen thumbnails, each timed to the end of the next frame. Goes back to Attention.
 */
export async function hoverThumbnails(page: Page, timeout: number): Promise<string> {
  const t0 = Date.now();
  await page.locator('#tab-heads').click();
  const grid = page.locator('canvas.an-grid-canvas');
  await grid.waitFor({ timeout });
  await page.waitForFunction(
    (el) => el instanceof HTMLCanvasElement && !!el.dataset.painted,
    await grid.elementHandle(),
    { timeout },
  );
  const painted = Date.now() - t0;
  await grid.scrollIntoViewIfNeeded();
  const viewport = page.viewportSize()!;
  const boxes = (
    await Promise.all((await page.locator('.an-thumb').all()).map((b) => b.boundingBox()))
  ).filter(
    (b): b is NonNullable<typeof b> =>
      !!b && b.y >= 0 && b.y + b.height <= viewport.height && b.x + b.width <= viewport.width,
  );
  // Jump about the grid so that every move lands on another thumbnail.
  const points = Array.from({ length: Math.min(HOVERS, boxes.length * 4) }, (_, i) => {
    const b = boxes[(i * 7) % boxes.length]!;
    return { x: b.x + b.width / 2, y: b.y + b.width / 2 };
  }).filter((p, i, all) => i === 0 || p.x !== all[i - 1]!.x || p.y !== all[i - 1]!.y);
  await page.evaluate(() => (window as unknown as HookWindow).__atlasLong.hoverStart('frame'));
  await sweep(page, points);
  const report = await page.evaluate(() =>
    (window as unknown as HookWindow).__atlasLong.hoverStop(),
  );
  await page.mouse.move(0, 0);
  await page.locator('#tab-attention').click();
  return (
    `Heads tab → grid painted ${painted} ms (Playwright click to the canvas painted); ` +
    hoverLine(`hover on ${boxes.length} thumbnails on screen`, report)
  );
}
