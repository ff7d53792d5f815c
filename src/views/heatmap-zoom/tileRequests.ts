/**
 * The zoomable heatmap's tile requests: each new view asks once it has settled (a wheel spin asks
 * once, for where it ends), and only the latest request's answer is delivered (a slow answer for a
 * view the person has already left is dropped). Plain TypeScript, tested with fake timers.
 */
import type { AttentionTile, FetchTile, TileWindowRequest } from './tile';

export class TileRequests {
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Asks `fetch` for `req` after `delayMs`, replacing every earlier request: a timer not yet fired
   * is dropped, and an answer already on its way will not be delivered.
   */
  ask(
    fetch: FetchTile,
    req: TileWindowRequest,
    delayMs: number,
    deliver: (tile: AttentionTile) => void,
    fail: (message: string) => void,
  ): void {
    this.cancel();
    const seq = ++this.seq;
    this.timer = setTimeout(() => {
      this.timer = null;
      fetch(req).then(
        (tile) => {
          if (seq === this.seq) deliver(tile);
        },
        (e: unknown) => {
          if (seq === this.seq) fail(e instanceof Error ? e.message : String(e));
        },
      );
    }, delayMs);
  }

  /** Drops the request whose timer has not fired yet (the view moved on, or the view closes). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Drops everything, answers on their way included. */
  dispose(): void {
    this.cancel();
    this.seq++;
  }
}
