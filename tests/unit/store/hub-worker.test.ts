/**
 * The worker side of Hugging Face checkpoints (src/worker/hf-model.ts) in Node on the tfjs wasm
 * backend, with the fixture checkpoints: loads from files and from a stubbed Hub (progress, the
 * kept model answering at once, 404 and cancel as readable errors), runs with the checkpoint's
 * tokenizer (a sentence pair with its segments; GPT-2's causal mask), and disposal of the previous
 * model's tensors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { liveTensorCount } from '../../../src/engine';
import { topIds } from '../../../src/worker/hf-model';
import type { HfModelInfo, RunRequest, WorkerResponse } from '../../../src/worker/protocol';
import { ensureBackend, makeHfWorker, of } from '../worker/harness';
import { fixtureDir, fixtureFiles } from '../hf/helpers';

beforeAll(async () => {
  await ensureBackend('wasm');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const makeWorker = () => makeHfWorker();

function loadedInfo(posted: WorkerResponse[]): HfModelInfo {
  const loaded = of(posted, 'hf-loaded');
  const errors = of(posted, 'hf-error');
  if (errors.length) throw new Error(errors[0]!.message);
  expect(loaded).toHaveLength(1);
  return loaded[0]!.info;
}

const request = (text: string): RunRequest => ({
  slot: 'A',
  text,
  model: { kind: 'hf', key: '' },
  mask: { kind: 'none' },
  backend: 'wasm',
  maxTokens: 512,
});

const signal = () => new AbortController().signal;

/** A fetch that serves fixtures at https://huggingface.co/{name}/resolve/main/{file}. */
function stubHub(): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    asked.push(url.pathname);
    const [, name, , , file] = url.pathname.split('/');
    try {
      const bytes = readFileSync(path.join(fixtureDir(name!), file!));
      return new Response(bytes, { headers: { 'content-length': String(bytes.byteLength) } });
    } catch {
      return new Response('Entry not found', { status: 404 });
    }
  });
  return asked;
}

describe('hf-model worker', () => {
  it('loads files, then runs a sentence pair as one input with its segments', async () => {
    const { hf, posted } = makeWorker();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-bert') }, backend: 'wasm' },
      signal(),
    );
    const info = loadedInfo(posted);
    expect(info).toMatchObject({
      name: 'tiny-bert',
      source: 'files',
      family: 'bert',
      architecture: 'encoder',
      layers: 2,
      heads: 4,
      maxTokens: 48,
      supportsPairs: true,
    });
    const progress = of(posted, 'hf-progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]!.progress.weightsPercent).toBe(100);

    posted.length = 0;
    await hf.execute(
      2,
      request('the cat sat'),
      { kind: 'hf', key: info.key, pair: 'the dog ran' },
      signal(),
    );
    const tokens = of(posted, 'tokens')[0]!;
    expect(tokens.tokens.map((t) => t.text)).toEqual([
      '[CLS]',
      'the',
      'cat',
      'sat',
      '[SEP]',
      'the',
      'dog',
      'ran',
      '[SEP]',
    ]);
    expect(tokens.tokens.filter((t) => t.special).map((t) => t.text)).toEqual([
      '[CLS]',
      '[SEP]',
      '[SEP]',
    ]);
    const block = of(posted, 'start')[0]!.blocks[0]!;
    expect(block).toMatchObject({ kind: 'encoder-self', layers: 2, heads: 4, queryLength: 9 });
    expect(block.segments).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(block.rowTokens).toEqual(tokens.tokens.map((t) => t.text));
    expect(of(posted, 'layer')).toHaveLength(2);
    expect(of(posted, 'done')).toHaveLength(1);
  });

  it('truncates long inputs to the model’s positions and says how many were dropped', async () => {
    const { hf, posted } = makeWorker();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-bert') }, backend: 'wasm' },
      signal(),
    );
    const { key } = loadedInfo(posted);
    await hf.execute(2, request(Array(60).fill('cat').join(' ')), { kind: 'hf', key }, signal());
    const tokens = of(posted, 'tokens')[0]!;
    expect(tokens.tokens).toHaveLength(48);
    expect(tokens.dropped).toBe(60 + 2 - 48);
    expect(tokens.maxTokens).toBe(48);
  });

  it('GPT-2 runs causally; loading it disposes the previous model', async () => {
    const { hf, posted } = makeWorker();
    const before = liveTensorCount();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-bert') }, backend: 'wasm' },
      signal(),
    );
    const bert = loadedInfo(posted);
    const withBert = liveTensorCount();
    expect(withBert).toBeGreaterThan(before);
    posted.length = 0;
    await hf.load(
      2,
      { source: { kind: 'files', files: fixtureFiles('tiny-gpt2') }, backend: 'wasm' },
      signal(),
    );
    const gpt2 = loadedInfo(posted);
    expect(gpt2).toMatchObject({ architecture: 'decoder', supportsPairs: false });

    posted.length = 0;
    await hf.execute(
      3,
      request('Hello world'),
      { kind: 'hf', key: gpt2.key, pair: 'ignored' },
      signal(),
    );
    const start = of(posted, 'start')[0]!;
    expect(start.blocks[0]!.kind).toBe('decoder-self');
    expect(start.blocks[0]!.segments).toBeUndefined();
    const { mask } = of(posted, 'done')[0]!.masks[0]!;
    for (let q = 0; q < mask.rows; q++)
      for (let k = 0; k < mask.cols; k++)
        expect(mask.allowed[q * mask.cols + k]).toBe(k <= q ? 1 : 0);

    // The previous model is gone: its runs fail as a load problem.
    posted.length = 0;
    await hf.execute(4, request('the cat'), { kind: 'hf', key: bert.key }, signal());
    expect(of(posted, 'error')[0]).toMatchObject({ stage: 'load' });

    hf.disposeBuilt();
    expect(liveTensorCount()).toBe(before);
    // Rebuilt on the next run (after a backend switch).
    posted.length = 0;
    await hf.execute(5, request('Hi'), { kind: 'hf', key: gpt2.key }, signal());
    expect(of(posted, 'done')).toHaveLength(1);
    hf.disposeBuilt();
  });

  it('from the Hub: the kept model answers at once; a 404 and a cancel are readable', async () => {
    const asked = stubHub();
    const { hf, posted } = makeWorker();
    const hub = { kind: 'hub', id: 'tiny-gpt2', revision: 'main' } as const;
    await hf.load(1, { source: hub, backend: 'wasm' }, signal());
    const info = loadedInfo(posted);
    expect(info).toMatchObject({ name: 'tiny-gpt2', source: 'hub', revision: 'main' });
    expect(asked).toContain('/tiny-gpt2/resolve/main/model.safetensors');

    const count = asked.length;
    posted.length = 0;
    await hf.load(2, { source: hub, backend: 'wasm' }, signal());
    expect(loadedInfo(posted).key).toBe(info.key);
    expect(asked.length).toBe(count);

    posted.length = 0;
    await hf.load(3, { source: { ...hub, id: 'no-such-model' }, backend: 'wasm' }, signal());
    expect(of(posted, 'hf-error')[0]).toMatchObject({ code: 'not-found' });
    expect(of(posted, 'hf-error')[0]!.message).toMatch(
      /config\.json not found.*is the model id right/,
    );

    posted.length = 0;
    const controller = new AbortController();
    controller.abort();
    await hf.load(4, { source: { ...hub, id: 'tiny-bert' }, backend: 'wasm' }, controller.signal);
    expect(of(posted, 'hf-error')[0]).toMatchObject({ code: 'cancelled' });

    // The kept model still runs.
    posted.length = 0;
    await hf.execute(5, request('Hello'), { kind: 'hf', key: info.key }, signal());
    expect(of(posted, 'done')).toHaveLength(1);
    hf.disposeBuilt();
  });
});

describe('decoder LMs in the worker: predictions, shared heads, sliding layers', () => {
  it('topIds: the largest logits, best first, ties in id order', () => {
    const logits = Float32Array.from([0.5, 3, -1, 3, 2, 9, 0]);
    expect(topIds(logits, 3)).toEqual([5, 1, 3]);
    expect(topIds(logits, 10)).toEqual([5, 1, 3, 4, 0, 6, 2]);
  });

  it('a Gemma 3 run says which heads share keys and which layers slide, and predicts the next token', async () => {
    const { hf, posted } = makeWorker();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-gemma3') }, backend: 'wasm' },
      signal(),
    );
    const info = loadedInfo(posted);
    expect(info).toMatchObject({
      family: 'gemma',
      architecture: 'decoder',
      heads: 4,
      kvHeads: 1,
      layerTypes: ['sliding', 'full', 'sliding'],
      slidingWindow: 4,
      predicts: true,
    });
    posted.length = 0;
    await hf.execute(
      2,
      request('The bank is near the river and the river is near the bank.'),
      { kind: 'hf', key: info.key },
      signal(),
    );
    const start = of(posted, 'start')[0]!;
    expect(start.blocks[0]).toMatchObject({ kvHeads: 1, slidingWindow: 4 });
    const tokens = of(posted, 'tokens')[0]!.tokens;
    const T = tokens.length;
    expect(T).toBeGreaterThan(6);
    const predictions = of(posted, 'predictions')[0]!.predictions!;
    expect(predictions.position).toBe(T - 1);
    expect(predictions.logits).toHaveLength(info.vocabSize);
    expect(predictions.top).toHaveLength(10);
    expect(predictions.top.map((p) => p.id)).toEqual(topIds(predictions.logits, 10));
    expect(predictions.top.every((p) => typeof p.text === 'string')).toBe(true);
    // Sliding layers: the last query sees only itself and the 3 keys before it.
    const layers = of(posted, 'layer').filter((m) => m.layer.kind === 'decoder-self');
    const row = (layer: number, head: number) =>
      layers[layer]!.layer.weights.subarray((head * T + T - 1) * T, (head * T + T) * T);
    expect(Array.from(row(0, 2).subarray(0, T - 4)).every((w) => w === 0)).toBe(true);
    expect(Array.from(row(1, 2).subarray(0, T - 4)).some((w) => w > 0)).toBe(true);
  });

  it('GPT-2 predicts with its tied embedding', async () => {
    const { hf, posted } = makeWorker();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-gpt2') }, backend: 'wasm' },
      signal(),
    );
    const info = loadedInfo(posted);
    expect(info.predicts).toBe(true);
    await hf.execute(2, request('The cat sat on the'), { kind: 'hf', key: info.key }, signal());
    expect(of(posted, 'predictions')[0]!.predictions!.top).toHaveLength(10);
  });
});

describe('masked LMs in the worker: the fillers of a masked token', () => {
  it('BERT runs the token at maskAt as [MASK] and sends its fillers; bad indices are refused', async () => {
    const { hf, posted } = makeWorker();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-bert') }, backend: 'wasm' },
      signal(),
    );
    const info = loadedInfo(posted);
    expect(info).toMatchObject({ fillsMask: true, predicts: false });
    posted.length = 0;
    const model = { kind: 'hf', key: info.key } as const;
    await hf.execute(2, { ...request('the cat sat on the mat.'), maskAt: 2 }, model, signal());
    const tokens = of(posted, 'tokens')[0]!.tokens;
    expect(tokens[2]).toMatchObject({ text: '[MASK]', special: true });
    const predictions = of(posted, 'predictions')[0]!.predictions!;
    expect(predictions).toMatchObject({ position: 2, masked: true });
    expect(predictions.top).toHaveLength(10);

    posted.length = 0;
    await hf.execute(3, { ...request('the cat'), maskAt: 0 }, model, signal());
    expect(of(posted, 'error')[0]!.message).toBe('Token 1 ([CLS]) is a special token: mask a word');
    posted.length = 0;
    await hf.execute(4, { ...request('the cat'), maskAt: 9 }, model, signal());
    expect(of(posted, 'error')[0]!.message).toBe('There is no token 10 to mask (the text gives 4)');
  });

  it('a checkpoint without the head says it cannot fill masks', async () => {
    const { hf, posted } = makeWorker();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles('tiny-bert-f16') }, backend: 'wasm' },
      signal(),
    );
    const info = loadedInfo(posted);
    expect(info.fillsMask).toBe(false);
    await hf.execute(
      2,
      { ...request('the cat'), maskAt: 1 },
      { kind: 'hf', key: info.key },
      signal(),
    );
    expect(of(posted, 'error')[0]!.message).toMatch(/has no masked-LM head/);
  });
});

describe('head importance of Hugging Face models (the worker side)', () => {
  const load = async (name: string) => {
    const { hf, posted } = makeWorker();
    await hf.load(
      1,
      { source: { kind: 'files', files: fixtureFiles(name) }, backend: 'wasm' },
      signal(),
    );
    return { hf, info: loadedInfo(posted) };
  };
  const measureRequest = (text: string, key: string, maskAt?: number) => ({
    slot: 'A' as const,
    text,
    model: { kind: 'hf' as const, key },
    backend: 'wasm' as const,
    maxTokens: 64,
    mode: 'zero' as const,
    ...(maskAt !== undefined ? { maskAt } : {}),
  });

  it('a causal LM compares next-token distributions; a masked LM its masked token', async () => {
    const gpt = await load('tiny-gpt2');
    const causal = await gpt.hf.scorer(measureRequest('The cat sat on the', gpt.info.key), {
      kind: 'hf',
      key: gpt.info.key,
    });
    expect(causal.scorer.metric).toBe('kl-next-token');
    expect(causal.heads).toHaveLength(gpt.info.layers * gpt.info.heads);
    const { score } = await causal.scorer.score(
      { heads: [causal.heads[0]!], mode: 'zero' },
      signal(),
    );
    expect(score).toBeGreaterThan(0);

    const bert = await load('tiny-bert');
    const model = { kind: 'hf' as const, key: bert.info.key };
    await expect(
      bert.hf.scorer(measureRequest('the cat sat', bert.info.key), model),
    ).rejects.toThrow(/mask a token first/);
    const masked = await bert.hf.scorer(measureRequest('the cat sat', bert.info.key, 2), model);
    expect(masked.scorer.metric).toBe('kl-masked-token');
  });

  it('a checkpoint without an output head says why importance cannot be measured', async () => {
    const bare = await load('tiny-bert-f16');
    await expect(
      bare.hf.scorer(measureRequest('the cat', bare.info.key), { kind: 'hf', key: bare.info.key }),
    ).rejects.toThrow(/has no output head/);
  });
});
