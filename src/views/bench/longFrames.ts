/**
 * Frame and hover timing for the long-input benchmark (scripts/bench/long.ts), inside the page;
 * part of the `?bench-long` hook's chunk. The script drives real input (Playwright's mouse, wheel
 * and keys through the browser's input pipeline); this only watches the page's frames.
 *
 *  - `frameRecorder()`: the gaps between animation frames (requestAnimationFrame to
 *    requestAnimationFrame: a gap of one vsync, 16.7 ms, is a frame on time; longer gaps are frames
 *    the page dropped), the Long Animation Frames (frames over 50 ms, with the scripts they ran)
 *    and each paint of the zoomable heatmap's canvas (its own `data-paintMs`).
 *  - `hoverRecorder(mode)`: per pointer event, the ms from the event's timestamp to the end of
 *    the first frame that shows its answer: with `readout`, the frame after the zoomable heatmap's
 *    readout text changed; with `frame`, the frame after the event (a heads-grid thumbnail's
 *    `:hover` style and title). "End of the frame": a task posted from the frame's
 *    requestAnimationFrame callback (a user-blocking scheduler.postTask), which runs once the
 *    frame's style, layout and paint are done on the main thread (raster and compositing follow on other threads). Beside it the Event
 *    Timing API's entries of the same events (Chromium reports only those of 16 ms or more).
 */

/** One Long Animation Frame entry as Chromium reports it (not in TypeScript's DOM types yet). */
interface LoafScript {
  invoker?: string;
  sourceFunctionName?: string;
  sourceURL?: string;
  duration: number;
}
interface LoafEntry extends PerformanceEntry {
  blockingDuration?: number;
  renderStart?: number;
  styleAndLayoutStart?: number;
  scripts?: LoafScript[];
}

export interface LongFrame {
  duration: number;
  blocking: number;
  /** ms of the frame spent in rendering (from renderStart to its end), 0 when not given. */
  render: number;
  /** ms of style and layout within it. */
  styleLayout: number;
  /** The frame's scripts, longest first: "invoker (function) ms". */
  scripts: string[];
}

export interface FrameReport {
  /** rAF-to-rAF gaps, ms, in order (the first, partial gap dropped). */
  gaps: number[];
  /** Frames over 50 ms (Long Animation Frames API); null when Chromium does not support it. */
  longFrames: LongFrame[] | null;
  /** The zoomable heatmap canvas's own paint time per paint seen, ms. */
  canvasPaints: number[];
}

export interface HoverReport {
  /** ms from each pointer event to the end of the frame that shows its answer. */
  latencies: number[];
  /** Of each: ms from the event to the start of that frame (its rAF time): waiting for the frame. */
  waits: number[];
  /** Events with no answer within a second (the same cell, or a stalled page). */
  unanswered: number;
  /**
   * Event Timing entries of the pointermove events of 16 ms or more (from the event's timestamp to
   * the next frame presented, in steps of 8 ms); null when not supported.
   */
  slowEvents: { name: string; duration: number }[] | null;
  /** Pointer and mouse events seen by the page in the same time. */
  events: number;
}

const supports = (type: string): boolean =>
  typeof PerformanceObserver !== 'undefined' &&
  PerformanceObserver.supportedEntryTypes.includes(type);

/** Chromium's prioritised task scheduler (not in TypeScript's DOM types yet). */
interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<void>;
}

/**
 * Calls `done` at the end of the next frame (after its rendering, on the main thread): a
 * user-blocking task posted from the frame's rAF callback runs right after the rendering, ahead of
 * the page's ordinary tasks (a tile landing, a timer) that a plain posted message would wait behind.
 */
function afterNextFrame(done: (frameStart: number) => void): void {
  requestAnimationFrame((frameStart) => {
    const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
    if (scheduler) {
      void scheduler.postTask(() => done(frameStart), { priority: 'user-blocking' });
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      done(frameStart);
    };
    channel.port2.postMessage(0);
  });
}

function longFrameOf(e: LoafEntry): LongFrame {
  const end = e.startTime + e.duration;
  return {
    duration: e.duration,
    blocking: e.blockingDuration ?? 0,
    render: e.renderStart ? end - e.renderStart : 0,
    styleLayout: e.styleAndLayoutStart ? end - e.styleAndLayoutStart : 0,
    scripts: [...(e.scripts ?? [])]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 3)
      .map(
        (s) =>
          `${s.invoker ?? '?'}${s.sourceFunctionName ? ` (${s.sourceFunctionName})` : ''} ${s.duration.toFixed(0)} ms`,
      ),
  };
}

/** Starts recording frames; `stop()` ends it and answers what it saw. */
export function frameRecorder(): { stop: () => FrameReport } {
  const gaps: number[] = [];
  const canvasPaints: number[] = [];
  let last = -1;
  let live = true;
  let painted: string | undefined;
  const tick = (now: number): void => {
    if (!live) return;
    if (last >= 0) gaps.push(now - last);
    last = now;
    const canvas = document.querySelector<HTMLCanvasElement>('.zoom-canvas');
    if (canvas && canvas.dataset.painted !== painted) {
      if (painted !== undefined) canvasPaints.push(Number(canvas.dataset.paintMs));
      painted = canvas.dataset.painted;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const longFrames: LongFrame[] | null = supports('long-animation-frame') ? [] : null;
  const observer = longFrames
    ? new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => longFrames.push(longFrameOf(e))),
      )
    : null;
  observer?.observe({ type: 'long-animation-frame' });
  return {
    stop() {
      live = false;
      observer?.takeRecords().forEach((e) => longFrames?.push(longFrameOf(e)));
      observer?.disconnect();
      return { gaps, longFrames, canvasPaints };
    },
  };
}

/**
 * Starts timing pointer events; `answered()` waits (a second at most) until the latest one has
 * its answer on screen, `stop()` ends it.
 */
export function hoverRecorder(mode: 'readout' | 'frame'): {
  answered: () => Promise<void>;
  stop: () => HoverReport;
} {
  const latencies: number[] = [];
  const waits: number[] = [];
  let unanswered = 0;
  let events = 0;
  /** Timestamp of the first pointer event not yet answered. */
  let pending: number | null = null;
  let waiters: (() => void)[] = [];
  const settle = (): void => {
    waiters.forEach((w) => w());
    waiters = [];
  };
  const answer = (): void => {
    const from = pending;
    if (from === null) return;
    afterNextFrame((frameStart) => {
      if (pending !== from) return;
      latencies.push(performance.now() - from);
      waits.push(frameStart - from);
      pending = null;
      settle();
    });
  };
  const onMove = (e: PointerEvent): void => {
    events++;
    if (pending === null) pending = e.timeStamp;
    if (mode === 'frame') answer();
  };
  document.addEventListener('pointermove', onMove, { capture: true, passive: true });
  const readout = document.querySelector('.zoom-readout');
  const mutations = mode === 'readout' && readout ? new MutationObserver(() => answer()) : null;
  mutations?.observe(readout!, { childList: true, subtree: true, characterData: true });

  const slowEvents: { name: string; duration: number }[] | null = supports('event') ? [] : null;
  const keep = (list: PerformanceEntryList): void =>
    list.forEach((e) => {
      // One entry per move: its pointerover, mouseover… share its timestamp and its next paint.
      if (e.name === 'pointermove') slowEvents?.push({ name: e.name, duration: e.duration });
    });
  const timing = slowEvents ? new PerformanceObserver((list) => keep(list.getEntries())) : null;
  // 16 ms is the least threshold Chromium takes: faster events are not reported.
  timing?.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);

  return {
    answered() {
      if (pending === null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if (pending !== null) unanswered++;
          pending = null;
          settle();
        }, 1000);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    stop() {
      document.removeEventListener('pointermove', onMove, { capture: true });
      mutations?.disconnect();
      if (timing) keep(timing.takeRecords());
      timing?.disconnect();
      return { latencies, waits, unanswered, slowEvents, events };
    },
  };
}
