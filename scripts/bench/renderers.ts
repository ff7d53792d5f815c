/**
 * Memory of a benchmark browser's renderer processes (page and workers, wasm memory included), read
 * from Linux's /proc: the browser is the one started with `--user-data-dir=<profileDir>`.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Renderer processes of the browser using `profileDir` (it and every descendant of it). */
function rendererPids(profileDir: string): number[] {
  const table = new Map<number, { ppid: number; cmdline: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      table.set(Number(entry), { ppid, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  const mine = new Set(
    [...table]
      .filter(([, p]) => p.cmdline.includes(`--user-data-dir=${profileDir}`))
      .map(([pid]) => pid),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of table)
      if (!mine.has(pid) && mine.has(p.ppid)) {
        mine.add(pid);
        grew = true;
      }
  }
  return [...mine].filter((pid) => table.get(pid)!.cmdline.includes('--type=renderer'));
}

/** The largest VmHWM (peak) or VmRSS (now) among the renderers, bytes; null when none is found. */
export function rendererMemory(profileDir: string, field: 'VmHWM' | 'VmRSS'): number | null {
  let most: number | null = null;
  for (const pid of rendererPids(profileDir)) {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
        readFileSync(`/proc/${pid}/status`, 'utf8'),
      );
      if (m) most = Math.max(most ?? 0, Number(m[1]) * 1024);
    } catch {
      // gone meanwhile
    }
  }
  return most;
}

/** Resets the renderers' peak resident size (VmHWM) to their current size, where allowed. */
export function resetRendererPeak(profileDir: string): void {
  for (const pid of rendererPids(profileDir))
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // not allowed: the peak then includes what came before
    }
}
