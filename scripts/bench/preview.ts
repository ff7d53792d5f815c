/**
 * `vite preview` for the browser benchmarks: started in its own process group (so stopping it
 * stops its children too), waited for until it answers, and stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './bundle.ts';

/** Serves the build in `outDir` (default `dist/`) on 127.0.0.1:`port`, with the app's headers. */
export function startPreview(port: number, outDir?: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/.bin/vite'),
      'preview',
      ...(outDir ? ['--outDir', outDir] : []),
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
}

export function stopPreview(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}

/** Resolves once the server answers on `port`; throws if it exits or takes over `timeoutMs`. */
export async function waitForServer(
  server: ChildProcess,
  port: number,
  timeoutMs = 30_000,
): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (server.exitCode !== null) throw new Error(`vite preview exited (${server.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on port ${port}`);
}
