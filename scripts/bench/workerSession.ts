/**
 * A DevTools session on a page's engine worker, for the Chromium benchmarks (browser.ts,
 * hub-load.ts): heap figures, tensor counts and profiles of the worker itself.
 */
import type { CDPSession } from '@playwright/test';

/** A DevTools session on the page's engine worker (through the page's session). */
export interface WorkerSession {
  send<T>(method: string, params?: Record<string, unknown>): Promise<T>;
}

export async function engineWorkerSession(cdp: CDPSession): Promise<WorkerSession> {
  const sessions: { sessionId: string; url: string }[] = [];
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker')
      sessions.push({ sessionId: e.sessionId, url: e.targetInfo.url });
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id === undefined) return;
    const waiting = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) waiting?.reject(new Error(JSON.stringify(msg.error)));
    else waiting?.resolve(msg.result);
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  const start = Date.now();
  while (!sessions.some((s) => s.url.includes('engine.worker'))) {
    if (Date.now() - start > 10_000) throw new Error('the engine worker did not show up');
    await new Promise((r) => setTimeout(r, 50));
  }
  const { sessionId } = sessions.find((s) => s.url.includes('engine.worker'))!;
  let nextId = 1;
  return {
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      const reply = new Promise<T>((resolve, reject) =>
        pending.set(id, { resolve: (r) => resolve(r as T), reject }),
      );
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      return reply;
    },
  };
}
