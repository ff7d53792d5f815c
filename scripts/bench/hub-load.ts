/**
 * Checkpoint load benchmark, in Debian's Chromium (headless, software rendering) against the built
 * app: how long loading a real-sized Hugging Face checkpoint takes, against plainly downloading
 * its files in the same page.
 *
 * Random checkpoints in the exact Hub layouts are written to a temporary folder and served by a
 * plain Node HTTP server on 127.0.0.1 laid out as the Hub (`/{id}/resolve/main/{file}`, CORS and
 * CORP headers, Content-Length, single byte ranges as the Hub answers them, `no-store`):
 *  - BERT-base-sized (bert-base-uncased's config and tensor names, pooler and MLM head included,
 *    F32, ≈ 440 MB), with tiny-bert's tokenizer;
 *  - SmolLM2-135M-sized (llama, BF16, tied), with tiny-smollm2's tokenizer;
 *  - with BENCH_LOAD_BIG=1, Qwen2.5-0.5B-sized (qwen2, BF16, tied, q/k/v biases), tiny-qwen2's.
 * The tokenizers are the fixtures' (tests/fixtures/hf): their ids all lie inside the vocabularies.
 *
 * For each checkpoint, BENCH_RUNS times (3), in a fresh Chromium profile each time (a new browser
 * with an empty user-data folder on disk: empty HTTP cache and Cache Storage, which the app writes
 * to disk as it would for a person), the app opened at `/?hub=<the server>/`, and once the built-in
 * translator has drawn its first heatmap (the page is quiet) the Hugging Face panel picked:
 *  (a) fetch: the time of a plain `fetch` of the files the loader reads (config.json, tokenizer
 *      files, model.safetensors), one after the other, each read fully with arrayBuffer(), in the
 *      page, before Load is pressed;
 *  (b) ready: from the Load button's click to `.hub-status[data-state=ready]`;
 *  (c) drawn: from the click to sentence A's heatmap drawn with the new model
 *      (`figure.heatmap[data-slot=A]` back to data-state=ready after the load);
 *  "before the weights": from the click to the progress bar first above 0 (config.json, the
 *      size read ahead by Range requests, the first 1 % of the weights);
 *  "after the last byte": from the status's progress bar first at 100 (the worker has read the
 *      whole file) to (b): what building the model adds once the download is over.
 * Times are taken in the page (performance.now(): a capture listener for the click, a
 * MutationObserver for the two states). Memory after the load: the peak resident size (VmHWM, from
 * /proc) of the page's renderer process, which holds the engine worker and its wasm memory; the
 * worker's JS heap (DevTools Runtime.getHeapUsage) and the bytes tfjs holds; the origin's storage
 * use (navigator.storage.estimate(): the checkpoint in Cache Storage).
 *
 * With BENCH_LOAD_PROFILE=1 it also builds the app with source maps into a temporary folder and
 * serves that instead of dist/, and adds one profiled run per checkpoint (not in the medians): a
 * DevTools CPU profile of the engine worker from the click to the heatmap, self time by source
 * file (native callees such as TypedArray copies counted in the file that called them).
 *
 * Prints medians and the ratio (b)/(a) next to the goal (≤ 1.5). A script: it asserts nothing.
 * Without BENCH_LOAD_PROFILE it builds nothing: run `vite build` first (`npm run bench` does);
 * BENCH_DIST=<folder> serves another build than dist/ (e.g. one of an earlier commit, to compare).
 *
 *   npx vite build && npm run bench:load
 *   BENCH_RUNS=2 BENCH_LOAD_MODELS=bert BENCH_LOAD_PROFILE=1 npx tsx scripts/bench/hub-load.ts
 */
import type { ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { medianOf as median } from '../../src/engine/benchmark.ts';
import { normalizeHfConfig } from '../../src/loader/hf/index.ts';
import { writeSafetensors } from '../../src/loader/safetensors.ts';
import { buildWithSourcemaps, packageOf, ROOT, sourceLocator } from './bundle.ts';
import { bertBaseTensors, bf16Checkpoint, MODELS, tensorList } from './llm-checkpoints.ts';
import { startPreview, stopPreview, waitForServer } from './preview.ts';
import { startHub } from './hubServer.ts';
import { rendererMemory } from './renderers.ts';
import { engineWorkerSession } from './workerSession.ts';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './chromium.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4293);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PROFILE = process.env.BENCH_LOAD_PROFILE === '1';
const WHICH = new Set(
  (
    process.env.BENCH_LOAD_MODELS ??
    `bert,smollm2${process.env.BENCH_LOAD_BIG === '1' ? ',qwen2.5' : ''}`
  ).split(','),
);
const GOAL_RATIO = 1.5;
/** BENCH_LOAD_QUERY: more of the app's URL parameters, e.g. `workers=1`. */
const EXTRA_QUERY = process.env.BENCH_LOAD_QUERY ? `&${process.env.BENCH_LOAD_QUERY}` : '';
const LOAD_TIMEOUT_MS = 10 * 60_000;
const FIXTURES = path.join(ROOT, 'tests/fixtures/hf');

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (v: number) => `${v.toFixed(0)} ms`;

// ---- checkpoints ----------------------------------------------------------------------------------

interface Checkpoint {
  key: string;
  /** The model id on the mirror. */
  id: string;
  title: string;
  /** The files the loader reads, in its order (what the plain fetch reads too). */
  files: string[];
  bytes: number;
}

/** bert-base-uncased's config.json (the keys that shape the model). */
const BERT_CONFIG = {
  architectures: ['BertForMaskedLM'],
  attention_probs_dropout_prob: 0.1,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0.1,
  hidden_size: 768,
  initializer_range: 0.02,
  intermediate_size: 3072,
  layer_norm_eps: 1e-12,
  max_position_embeddings: 512,
  model_type: 'bert',
  num_attention_heads: 12,
  num_hidden_layers: 12,
  pad_token_id: 0,
  position_embedding_type: 'absolute',
  type_vocab_size: 2,
  vocab_size: 30522,
};

const ARCHITECTURES: Record<string, string> = {
  llama: 'LlamaForCausalLM',
  qwen2: 'Qwen2ForCausalLM',
};

/** Writes one checkpoint's folder under `hubDir` and says what is in it. */
function writeCheckpoint(hubDir: string, key: string): Checkpoint {
  const ids: Record<string, [string, string, string]> = {
    bert: ['bench/bert-base-sized', 'tiny-bert', 'BERT-base-sized (bert, F32)'],
    smollm2: ['bench/smollm2-135m-sized', 'tiny-smollm2', 'SmolLM2-135M-sized (llama, BF16)'],
    'qwen2.5': ['bench/qwen2.5-0.5b-sized', 'tiny-qwen2', 'Qwen2.5-0.5B-sized (qwen2, BF16)'],
  };
  const [id, tokenizerFrom, title] = ids[key] ?? [];
  if (!id || !tokenizerFrom || !title) throw new Error(`no checkpoint called ${key}`);
  const dir = path.join(hubDir, id);
  mkdirSync(dir, { recursive: true });
  let config: Record<string, unknown>;
  let weights: Uint8Array;
  let params = 0;
  if (key === 'bert') {
    config = BERT_CONFIG;
    const tensors = bertBaseTensors(true);
    params = tensors.reduce((n, t) => n + t.data.length, 0);
    weights = writeSafetensors(tensors, 'F32', { format: 'pt' });
  } else {
    const raw = MODELS[key]!;
    config = {
      architectures: [ARCHITECTURES[String(raw.model_type)] ?? 'AutoModelForCausalLM'],
      ...raw,
      torch_dtype: 'bfloat16',
    };
    const info = normalizeHfConfig(config);
    const entries = tensorList(info.config, info.biases?.qkv ?? false);
    params = entries.reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0);
    weights = bf16Checkpoint(entries);
  }
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(path.join(dir, 'model.safetensors'), weights);
  const files = ['config.json'];
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    const from = path.join(FIXTURES, tokenizerFrom, file);
    if (!existsSync(from)) continue;
    writeFileSync(path.join(dir, file), readFileSync(from));
    files.push(file);
  }
  files.push('model.safetensors');
  const bytes = files.reduce((n, file) => n + statSync(path.join(dir, file)).size, 0);
  return {
    key,
    id,
    title: `${title}: ${(params / 1e6).toFixed(1)}M parameters, ${mib(weights.length)} of weights`,
    files,
    bytes,
  };
}

// ---- the mirror -----------------------------------------------------------------------------------

/** Bytes the mirror has sent (bodies), for telling what a run downloaded. */
let served = 0;

// ---- one run --------------------------------------------------------------------------------------

interface LoadTimes {
  click: number;
  /** The progress bar (the weights' share) first above 0: their first bytes are in. */
  weights: number;
  /** The status first showing the weights at 100 % (the worker has read the last byte). */
  downloaded: number;
  ready: number;
  drawn: number;
  error: string | null;
}

declare global {
  interface Window {
    __hubLoad?: LoadTimes;
  }
}

/**
 * Installed before Load is pressed: the click's time (a capture listener on the Load button), the
 * status turning ready (or error), then sentence A's figure back to ready after it had left that
 * state (its run with the new model). Plain source text, so that no bundler helpers sneak in.
 */
const WATCH_LOAD = `(() => {
  const times = { click: NaN, weights: NaN, downloaded: NaN, ready: NaN, drawn: NaN, error: null };
  let left = false;
  const figure = () => document.querySelector('figure.heatmap[data-slot="A"]');
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    if (button && button.textContent.trim() === 'Load' && Number.isNaN(times.click)) {
      times.click = performance.now();
      left = figure()?.getAttribute('data-state') !== 'ready';
    }
  }, true);
  const check = () => {
    if (Number.isNaN(times.click)) return;
    const now = performance.now();
    const status = document.querySelector('.hub-status');
    const state = status?.getAttribute('data-state');
    if (state === 'error' && times.error === null) times.error = status.textContent || 'error';
    // The bar (the weights' share) above 0: their first bytes are in.
    const bar = state === 'loading' ? Number(status.querySelector('progress')?.getAttribute('value') ?? 0) : 0;
    if (bar > 0 && Number.isNaN(times.weights)) times.weights = now;
    if (state === 'loading' && Number.isNaN(times.downloaded) &&
        status.querySelector('progress')?.getAttribute('value') === '100') times.downloaded = now;
    if (state === 'ready' && Number.isNaN(times.ready)) times.ready = now;
    const fig = figure()?.getAttribute('data-state');
    if (fig !== 'ready') left = true;
    else if (left && !Number.isNaN(times.ready) && Number.isNaN(times.drawn)) times.drawn = now;
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['data-state', 'value'],
  });
  window.__hubLoad = times;
})();`;

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface Run {
  fetchMs: number;
  fetchBytes: number;
  readyMs: number;
  drawnMs: number;
  /** From the page showing the weights 100 % downloaded to ready (NaN when it never showed). */
  tailMs: number;
  /** From the click to the first 1 % of the weights (config.json, the size read ahead). */
  beforeWeightsMs: number;
  servedBytes: number;
  rendererPeak: number | null;
  workerHeap: number | null;
  tfBytes: number | null;
  stored: number | null;
  profile: CpuProfile | null;
}

async function runOnce(checkpoint: Checkpoint, hubUrl: string, profile: boolean): Promise<Run> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-load-profile-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_EXECUTABLE,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ORIGIN}/?hub=${encodeURIComponent(`${hubUrl}/`)}${EXTRA_QUERY}`);
    // The built-in translator's first run: the page is quiet once it is drawn.
    await page
      .locator('figure.heatmap[data-slot="A"][data-state="ready"]')
      .waitFor({ timeout: 120_000 });
    const picker = page.getByRole('combobox', { name: 'Model', exact: true });
    if ((await picker.inputValue()) !== 'hf')
      await picker.selectOption({ label: 'Hugging Face model (BERT, GPT-2…)' });
    await page.getByRole('heading', { name: 'Hugging Face model' }).waitFor();
    const cdp = await context.newCDPSession(page);
    const worker = await engineWorkerSession(cdp);

    // (a) the same files, plainly.
    const urls = checkpoint.files.map((f) => `${hubUrl}/${checkpoint.id}/resolve/main/${f}`);
    const plain = await page.evaluate(async (list) => {
      const t = performance.now();
      let bytes = 0;
      for (const url of list) {
        const response = await fetch(url, { cache: 'no-store' });
        bytes += (await response.arrayBuffer()).byteLength;
      }
      return { ms: performance.now() - t, bytes };
    }, urls);

    // (b) and (c).
    await page.evaluate(WATCH_LOAD);
    await page.getByLabel('Model id', { exact: true }).fill(checkpoint.id);
    if (profile) {
      await worker.send('Profiler.enable');
      await worker.send('Profiler.setSamplingInterval', { interval: 500 });
      await worker.send('Profiler.start');
    }
    const servedBefore = served;
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.waitForFunction(
      () => {
        const t = window.__hubLoad;
        return t !== undefined && (t.error !== null || !Number.isNaN(t.drawn));
      },
      null,
      { timeout: LOAD_TIMEOUT_MS, polling: 100 },
    );
    const times = await page.evaluate(() => window.__hubLoad!);
    const cpu = profile
      ? (await worker.send<{ profile: CpuProfile }>('Profiler.stop')).profile
      : null;
    if (times.error !== null) throw new Error(`the load failed: ${times.error}`);
    if (errors.length > 0) console.log(`   page errors: ${errors.join('; ')}`);
    const servedBytes = served - servedBefore;

    // Memory after the load.
    const rendererPeak = rendererMemory(profileDir, 'VmHWM');
    let workerHeap: number | null = null;
    let tfBytes: number | null = null;
    try {
      workerHeap = (await worker.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
      const r = await worker.send<{ result: { value?: number } }>('Runtime.evaluate', {
        expression: 'globalThis._tfengine?.memory().numBytes',
        returnByValue: true,
      });
      tfBytes = typeof r.result.value === 'number' ? r.result.value : null;
    } catch {
      // the figures stay unknown
    }
    const stored = await page.evaluate(
      async () => (await navigator.storage.estimate()).usage ?? null,
    );
    return {
      fetchMs: plain.ms,
      fetchBytes: plain.bytes,
      readyMs: times.ready - times.click,
      drawnMs: times.drawn - times.click,
      tailMs: times.ready - times.downloaded,
      beforeWeightsMs: times.weights - times.click,
      servedBytes,
      rendererPeak,
      workerHeap,
      tfBytes,
      stored,
      profile: cpu,
    };
  } finally {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

// ---- the profile ----------------------------------------------------------------------------------

/**
 * Self time of the worker's profile by source file. Frames without a file of the build (native
 * code: TypedArray copies, JSON.parse, the streams' internals) count in the nearest calling frame
 * that has one; wasm code, the garbage collector and idle time (waiting for bytes or messages)
 * count as such.
 */
function profileBySource(profile: CpuProfile, buildDir: string): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const locators = new Map<string, ReturnType<typeof sourceLocator>>();
  const locate = (node: CpuProfileNode): { source: string; line: number } | null => {
    const { url, lineNumber, columnNumber } = node.callFrame;
    const m = /\/(assets\/[^/?#]+\.js)/.exec(url);
    if (!m) return null;
    if (!locators.has(m[1]!)) locators.set(m[1]!, sourceLocator(buildDir, m[1]!));
    const locator = locators.get(m[1]!);
    return locator ? (locator(lineNumber, columnNumber) ?? { source: m[1]!, line: 0 }) : null;
  };
  const lineText = (source: string, line: number): string => {
    try {
      const text = readFileSync(path.join(ROOT, source), 'utf8').split('\n')[line - 1] ?? '';
      return text.trim().slice(0, 60);
    } catch {
      return '';
    }
  };
  const SPECIAL = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);
  const isWasm = (node: CpuProfileNode): boolean =>
    node.callFrame.url.startsWith('wasm://') ||
    /^(wasm-function\[|js-to-wasm|wasm-to-js)/.test(node.callFrame.functionName);
  /** Where a frame's code is: file (a package for node_modules) and a line of the app's source. */
  const sites = new Map<number, { file: string; place: string; app: boolean } | null>();
  const siteOf = (id: number): { file: string; place: string; app: boolean } | null => {
    if (sites.has(id)) return sites.get(id)!;
    const node = byId.get(id)!;
    const at = isWasm(node) ? null : locate(node);
    const site = at
      ? {
          file: at.source.startsWith('node_modules/') ? packageOf(at.source) : at.source,
          place: `${at.source}:${at.line}  ${lineText(at.source, at.line)}`,
          app: at.source.startsWith('src/'),
        }
      : null;
    sites.set(id, site);
    return site;
  };
  /** The nearest frame at or above `id` with code of its own (of the app only, when `app`). */
  const nearest = (id: number | undefined, app: boolean) => {
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const site = siteOf(at);
      if (site && (site.app || !app)) return site;
    }
    return null;
  };
  const owners = new Map<number, { file: string; place: string }>();
  const ownerOf = (id: number): { file: string; place: string } => {
    const known = owners.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    const caller = nearest(id, true);
    const from = caller ? ` ← ${caller.place}` : '';
    let owner: { file: string; place: string };
    if (SPECIAL.has(name)) owner = { file: name, place: name };
    else if (isWasm(node)) owner = { file: '(wasm code: tfjs kernels)', place: `wasm code${from}` };
    else {
      const site = siteOf(id);
      const host = site ?? nearest(parent.get(id), false);
      const file = host?.file ?? '(other)';
      if (site?.app) owner = { file, place: site.place };
      else if (site) owner = { file, place: `${site.place}${from}` };
      else owner = { file, place: `${name || '(anonymous)'} (native)${from}` };
    }
    owners.set(id, owner);
    return owner;
  };
  const files = new Map<string, number>();
  const places = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const owner = ownerOf(id);
    files.set(owner.file, (files.get(owner.file) ?? 0) + dt);
    places.set(owner.place, (places.get(owner.place) ?? 0) + dt);
    total += dt;
  });
  console.log(
    `     worker profile, click → heatmap drawn: ${ms(total)} sampled; self time by file:`,
  );
  for (const [file, t] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(
      `     ${ms(t).padStart(9)} ${((100 * t) / total).toFixed(1).padStart(5)}%  ${file}`,
    );
  console.log('     the places that take most (native code under the line that called it):');
  for (const [place, t] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(`     ${ms(t).padStart(9)}  ${place}`);
}

// ---- main -----------------------------------------------------------------------------------------

/** The median time from the last byte to ready, over the runs where the page showed 100 %. */
function tailText(runs: Run[]): string {
  const tails = runs.map((r) => r.tailMs).filter((v) => !Number.isNaN(v));
  return tails.length > 0 ? ` · after the last byte ${ms(median(tails))}` : '';
}

async function bench(checkpoint: Checkpoint, hubUrl: string, buildDir: string): Promise<void> {
  console.log(
    `\n${checkpoint.title}; ${mib(checkpoint.bytes)} to download (${checkpoint.files.join(', ')})`,
  );
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runOnce(checkpoint, hubUrl, false);
    runs.push(run);
    console.log(
      `   run ${i + 1}: (a) fetch ${ms(run.fetchMs)} · (b) ready ${ms(run.readyMs)} · (c) heatmap ${ms(run.drawnMs)} · ` +
        `ratio ${(run.readyMs / run.fetchMs).toFixed(2)} · before the weights ${Number.isNaN(run.beforeWeightsMs) ? '—' : ms(run.beforeWeightsMs)} · ` +
        `after the last byte ${Number.isNaN(run.tailMs) ? '—' : ms(run.tailMs)} · ` +
        `the app downloaded ${mib(run.servedBytes)}`,
    );
  }
  const fetchMs = median(runs.map((r) => r.fetchMs));
  const ratio = median(runs.map((r) => r.readyMs / r.fetchMs));
  console.log(
    `   medians of ${RUNS}: (a) plain fetch ${ms(fetchMs)} (${mib(runs[0]!.fetchBytes)}, ` +
      `${(runs[0]!.fetchBytes / 2 ** 20 / (fetchMs / 1000)).toFixed(0)} MiB/s) · ` +
      `(b) Load → ready ${ms(median(runs.map((r) => r.readyMs)))} · ` +
      `(c) Load → heatmap A drawn ${ms(median(runs.map((r) => r.drawnMs)))}` +
      tailText(runs),
  );
  console.log(
    `   ratio (b)/(a): ${ratio.toFixed(2)} (median of the runs' ratios)   goal ≤ ${GOAL_RATIO} ${ratio <= GOAL_RATIO ? 'ok' : 'MISSED'}`,
  );
  const med = (pick: (r: Run) => number | null): string => {
    const values = runs.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? mib(median(values)) : 'unknown';
  };
  console.log(
    `   memory after the load (medians): renderer peak RSS ${med((r) => r.rendererPeak)} · ` +
      `worker JS heap ${med((r) => r.workerHeap)} · tfjs holds ${med((r) => r.tfBytes)} · ` +
      `origin storage (Cache Storage) ${med((r) => r.stored)}`,
  );
  if (PROFILE) {
    const run = await runOnce(checkpoint, hubUrl, true);
    console.log(
      `   profiled run (not in the medians): (b) ready ${ms(run.readyMs)} · (c) heatmap ${ms(run.drawnMs)}`,
    );
    if (run.profile) profileBySource(run.profile, buildDir);
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'atlas-hub-load-'));
  const hubDir = path.join(work, 'hub');
  let buildDir = path.join(ROOT, 'dist');
  let preview: ChildProcess | undefined;
  let hub: http.Server | undefined;
  let stderr = '';
  try {
    if (PROFILE) {
      buildDir = path.join(work, 'build');
      process.stdout.write('Building the app with source maps (BENCH_LOAD_PROFILE=1)… ');
      buildWithSourcemaps(buildDir);
      console.log('done');
    } else if (!existsSync(path.join(buildDir, 'index.html'))) {
      throw new Error('No build found: run `npx vite build` first (this script builds nothing).');
    }
    process.stdout.write('Writing the checkpoints… ');
    const checkpoints = ['bert', 'smollm2', 'qwen2.5']
      .filter((key) => WHICH.has(key))
      .map((key) => writeCheckpoint(hubDir, key));
    console.log('done');
    const mirror = await startHub(hubDir, (bytes) => (served += bytes));
    hub = mirror.server;
    preview = startPreview(PORT, PROFILE ? buildDir : process.env.BENCH_DIST);
    preview.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitForServer(preview, PORT);
    console.log(
      `Checkpoint load benchmark: Debian Chromium headless (software rendering), a fresh profile ` +
        `per run, the mirror at ${mirror.url}; ${os.cpus().length} cores, Node ${process.version}, ` +
        `load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    for (const checkpoint of checkpoints) {
      try {
        await bench(checkpoint, mirror.url, buildDir);
      } catch (error) {
        console.log(`   failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    console.log(`\nload average at the end: ${os.loadavg()[0]!.toFixed(2)}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (stderr) console.error(stderr);
    process.exitCode = 1;
  } finally {
    hub?.close();
    hub?.closeAllConnections();
    if (preview) stopPreview(preview);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
