/**
 * The built-in translator's files, broken or hostile: config.json with absurd or missing fields,
 * files that are not JSON, an HTML page, file names that point out of the model's folder. Each
 * gives one readable sentence naming the file and the field, and a bad config.json is refused
 * before model.safetensors is even requested (so nothing large is downloaded or allocated).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fetchTranslator, parseVocab } from '../../../src/loader/translator.ts';
import type { TransformerConfig } from '../../../src/engine/index.ts';

const DIR = 'public/models/en-zh-tiny';
const REAL_CONFIG = JSON.parse(readFileSync(`${DIR}/config.json`, 'utf8')) as Record<
  string,
  unknown
> & { config: TransformerConfig };
const REAL_VOCAB = readFileSync(`${DIR}/vocab.json`, 'utf8');
const REAL_WEIGHTS = readFileSync(`${DIR}/model.safetensors`);
const BASE = 'http://127.0.0.1/models/en-zh-tiny/';

/** A fetch over the real files, with some replaced; it records every URL asked for. */
function fakeFetch(replace: Record<string, string>) {
  const requested: string[] = [];
  const fetchFn = (input: RequestInfo | URL): Promise<Response> => {
    const url = String(input);
    requested.push(url);
    const name = url.slice(url.lastIndexOf('/') + 1);
    if (name in replace) return Promise.resolve(new Response(replace[name]));
    if (!url.startsWith(BASE)) return Promise.resolve(new Response('', { status: 404 }));
    if (name === 'config.json') return Promise.resolve(new Response(JSON.stringify(REAL_CONFIG)));
    if (name === 'vocab.json') return Promise.resolve(new Response(REAL_VOCAB));
    if (name === 'model.safetensors') return Promise.resolve(new Response(REAL_WEIGHTS));
    return Promise.resolve(new Response('', { status: 404 }));
  };
  return { fetchFn: fetchFn as typeof fetch, requested };
}

async function loadError(replace: Record<string, string>): Promise<{
  message: string;
  requested: string[];
}> {
  const { fetchFn, requested } = fakeFetch(replace);
  try {
    await fetchTranslator(BASE, fetchFn);
  } catch (error) {
    return { message: (error as Error).message, requested };
  }
  throw new Error('expected the load to fail');
}

const withConfig = (change: Record<string, unknown>): string =>
  JSON.stringify({ ...REAL_CONFIG, config: { ...REAL_CONFIG.config, ...change } });

describe('translator config.json with absurd fields', () => {
  it('the real files load (the fake fetch serves them)', async () => {
    const { fetchFn, requested } = fakeFetch({});
    const bundle = await fetchTranslator(BASE, fetchFn);
    expect(bundle.name).toBe('en-zh-tiny');
    expect(requested.map((u) => u.slice(BASE.length)).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'vocab.json',
    ]);
  });

  it.each([
    [{ numHeads: 0 }, 'numHeads must be a positive integer (got 0)'],
    [{ numHeads: 3 }, 'numHeads (3) must divide dModel (128)'],
    [{ numLayers: 1e9 }, 'numLayers (1000000000) is over the limit of 200'],
    [{ dModel: -128 }, 'dModel must be a positive integer (got -128)'],
    [{ dFF: 0.5 }, 'dFF must be a whole number (got 0.5)'],
    [{ maxPositions: '128' }, 'maxPositions must be a whole number (got "128")'],
    [{ vocabSize: null }, 'vocabSize is missing'],
  ])('%j: named, and no weights downloaded', async (change, message) => {
    const { message: got, requested } = await loadError({ 'config.json': withConfig(change) });
    expect(got).toBe(`config.json: Invalid model config: ${message}`);
    expect(requested).toEqual([`${BASE}config.json`]);
  });

  it('fields of the translator file itself', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ maxTargetLength: -1 }, '"maxTargetLength" must be a positive integer (got -1)'],
      [
        { maxTargetLength: undefined },
        '"maxTargetLength" must be a positive integer (got nothing)',
      ],
      [{ name: '' }, '"name" must be a short non-empty text'],
      [
        { files: { weights: 'https://elsewhere.example/w.safetensors', vocab: 'vocab.json' } },
        `"files.weights" must be a file name in the model's folder (got "https://elsewhere.example/w.safetensors")`,
      ],
      [
        { files: { weights: 'model.safetensors', vocab: '../../secret.json' } },
        `"files.vocab" must be a file name in the model's folder (got "../../secret.json")`,
      ],
      [
        { files: 'model.safetensors' },
        `"files.weights" must be a file name in the model's folder (got nothing)`,
      ],
      [{ format: 'something-else' }, 'is not an Attention Atlas translator config (format field)'],
    ];
    for (const [change, message] of cases) {
      const file = { ...REAL_CONFIG, ...change };
      for (const [key, value] of Object.entries(change)) if (value === undefined) delete file[key];
      const { message: got, requested } = await loadError({ 'config.json': JSON.stringify(file) });
      expect(got, JSON.stringify(change)).toBe(`config.json: ${message}`);
      expect(requested).toEqual([`${BASE}config.json`]);
    }
  });
});

describe('files that are not what they should be', () => {
  it('config.json that is not JSON, or an HTML page', async () => {
    expect((await loadError({ 'config.json': '{"format": "attention-' })).message).toMatch(
      /^config\.json: is not valid JSON \(.+\)$/,
    );
    expect(
      (await loadError({ 'config.json': '<!DOCTYPE html><html><body>Not found</body></html>' }))
        .message,
    ).toBe('config.json: got an HTML page instead of JSON (a wrong address?)');
  });

  it('vocab.json that is not JSON, or has the wrong lists', async () => {
    expect((await loadError({ 'vocab.json': 'source,target\n' })).message).toMatch(
      /^vocab\.json: is not valid JSON \(/,
    );
    expect((await loadError({ 'vocab.json': '{"source": [1, 2], "target": []}' })).message).toBe(
      'vocab.json: needs "source" and "target" lists of strings',
    );
    const vocab = JSON.parse(REAL_VOCAB) as { source: string[]; target: string[] };
    expect(() =>
      parseVocab(JSON.stringify({ ...vocab, source: vocab.source.slice(1) }), REAL_CONFIG.config),
    ).toThrow('vocab.json: has 971 source tokens; config.json says 972');
  });

  it('model.safetensors that is an HTML page', async () => {
    expect(
      (await loadError({ 'model.safetensors': '<!DOCTYPE html><html>Sign in</html>' })).message,
    ).toMatch(/^model\.safetensors: /);
  });
});
