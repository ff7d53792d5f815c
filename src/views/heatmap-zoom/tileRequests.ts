/**
 * The zoomable heatmap's tile requests: each new view asks once it has settled (a wheel spin asks
 * once, for where it ends); at most one request is with the engine at a time, and views that
 * settle meanwhile wait as one (the latest) for it to answer, so a slow tile (a zoomed-out head of
 * 4,096 tokens takes seconds) never piles a queue up behind it; only the latest request's answer
 * is delivered. Plain TypeScript, tested with fake timers.
 */
import type { AttentionTile, FetchTile, TileWindowRequest } from './tile';

interface Pending {
  seq: number;
  fetch: FetchTile;
  req: TileWindowRequest;
  deliver: (tile: AttentionTile) => void;
  fail: (message: string) => void;
}

export class TileRequests {
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private busy = false;
  /** The latest request that settled while another was with the engine. */
  private waiting: Pending | null = null;

  /**
   * Asks `fetch` for `req` after `delayMs`, replacing every earlier request: a timer not yet fired
   * is dropped, one waiting is replaced, and an answer already on its way will not be delivered.
   */
  ask(
    fetch: FetchTile,
    req: TileWindowRequest,
    delayMs: number,
    deliver: (tile: AttentionTile) => void,
    fail: (message: string) => void,
  ): void {
    this.cancel();
    const pending: Pending = { seq: ++this.seq, fetch, req, deliver, fail };
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.busy) this.waiting = pending;
      else this.send(pending);
    }, delayMs);
  }

  private send(p: Pending): void {
    this.busy = true;
    const done = (): void => {
      this.busy = false;
      const next = this.waiting;
      this.waiting = null;
      if (next && next.seq === this.seq) this.send(next);
    };
    // A fetch that throws instead of rejecting must not leave the queue busy for ever.
    new Promise<AttentionTile>((resolve) => resolve(p.fetch(p.req))).then(
      (tile) => {
        if (p.seq === this.seq) p.deliver(tile);
        done();
      },
      (e: unknown) => {
        if (p.seq === this.seq) p.fail(e instanceof Error ? e.message : String(e));
        done();
      },
    );
  }

  /** Drops the request whose timer has not fired yet (the view moved on, or the view closes). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Drops everything, answers on their way and waiting requests included. */
  dispose(): void {
    this.cancel();
    this.waiting = null;
    this.seq++;
  }
}
