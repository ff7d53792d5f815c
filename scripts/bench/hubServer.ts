/**
 * A local mirror of the Hugging Face Hub for the browser benchmarks: serves a folder laid out as
 * `{hubDir}/{id}/{file}` at `/{id}/resolve/{revision}/{file}`, with the headers the app relies on
 * (CORS, CORP, Content-Length, single byte ranges as the Hub answers them, `no-store`).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Serves `hubDir` on a free port; `onBytes` hears every chunk of body bytes sent. */
export async function startHub(
  hubDir: string,
  onBytes?: (bytes: number) => void,
): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Range, Authorization',
      'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/(.+)\/resolve\/[^/]+\/(.+)$/.exec(decodeURIComponent(url.pathname));
    const full = match ? path.join(hubDir, match[1]!, match[2]!) : '';
    const inside = full.startsWith(hubDir + path.sep) && !full.includes('..');
    if (!match || !inside || !existsSync(full) || !statSync(full).isFile()) {
      res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end('Entry not found');
      return;
    }
    const size = statSync(full).size;
    const headers: Record<string, string> = {
      ...cors,
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = size - 1;
    if (range) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start > end) {
        res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['Content-Length'] = String(end - start + 1);
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(full, { start, end, highWaterMark: 1 << 20 });
    if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
    stream.pipe(res);
    res.on('close', () => stream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}
