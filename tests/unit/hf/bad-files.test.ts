/** Broken or mismatched checkpoints: every error names the file, and the tensor where there is one. */
import { describe, expect, it } from 'vitest';
import {
  HfLoadError,
  hfWeightsFromSafetensors,
  loadHfModel,
  normalizeHfConfig,
} from '../../../src/loader/hf';
import { readSafetensors, writeSafetensors } from '../../../src/loader/safetensors';
import { fixtureFiles, readFixture, readFixtureText } from './helpers';

/** A fixture's safetensors file rewritten (F32) with some tensors changed or dropped. */
function rewrite(
  name: string,
  file: string,
  change: (tensor: {
    name: string;
    shape: number[];
    data: Float32Array;
  }) => { name: string; shape: number[]; data: Float32Array } | null,
): Uint8Array {
  const st = readSafetensors(readFixture(name, file), file);
  const tensors = st.entries
    .filter((e) => e.dtype !== 'I64')
    .map((e) => change({ name: e.name, shape: e.shape, data: st.float32(e.name) }))
    .filter((t): t is { name: string; shape: number[]; data: Float32Array } => t !== null);
  return writeSafetensors(tensors);
}

async function loadError(
  name: string,
  replace: Record<string, string | Uint8Array | null>,
): Promise<HfLoadError> {
  try {
    await loadHfModel({ kind: 'files', files: fixtureFiles(name, replace) });
  } catch (error) {
    expect(error).toBeInstanceOf(HfLoadError);
    return error as HfLoadError;
  }
  throw new Error('expected the load to fail');
}

describe('bad files', () => {
  it('config.json that is not JSON', async () => {
    const e = await loadError('tiny-bert', {
      'config.json': '{"model_type": "bert", "hidden_size": 32,',
    });
    expect(e.message).toMatch(/^config\.json: is not valid JSON \(/);
    expect([e.code, e.file]).toEqual(['invalid', 'config.json']);
  });

  it('tokenizer.json that is not JSON', async () => {
    const e = await loadError('tiny-gpt2', { 'tokenizer.json': '{"model": {"type": "BPE"' });
    expect(e.message).toMatch(/^tokenizer\.json: is not valid JSON \(/);
    expect(e.file).toBe('tokenizer.json');
  });

  it('tokenizer.json the library cannot read', async () => {
    const e = await loadError('tiny-gpt2', { 'tokenizer.json': '{"model": {"type": "Mystery"}}' });
    expect(e.message).toMatch(/^tokenizer\.json: cannot be used \(/);
    expect(e.code).toBe('unsupported');
  });

  it('no tokenizer files at all: lists the files needed', async () => {
    const e = await loadError('tiny-bert', { 'tokenizer.json': null, 'vocab.txt': null });
    expect(e.message).toBe(
      'local files: No tokenizer files: this model needs tokenizer.json (+ tokenizer_config.json), or vocab.txt',
    );
    const g = await loadError('tiny-gpt2', { 'tokenizer.json': null, 'merges.txt': null });
    expect(g.message).toMatch(/or vocab\.json \+ merges\.txt$/);
  });

  it('a tokenizer with ids past the model vocabulary', async () => {
    const config = JSON.parse(readFixtureText('tiny-gpt2', 'config.json')) as Record<
      string,
      unknown
    >;
    const e = await loadError('tiny-gpt2', {
      'config.json': JSON.stringify({ ...config, vocab_size: 290 }),
    });
    // The embedding check would also fail; the tokenizer is read first and says why.
    expect(e.message).toBe(
      `tokenizer.json: token "<|endoftext|>" has id 293, outside config.json's vocab_size (290)`,
    );
  });

  it('a missing tensor, named with its shape', async () => {
    const bytes = rewrite('tiny-bert', 'model.safetensors', (t) =>
      t.name === 'bert.encoder.layer.1.output.dense.weight' ? null : t,
    );
    const e = await loadError('tiny-bert', { 'model.safetensors': bytes });
    expect(e.message).toBe(
      "model.safetensors: missing tensor encoder.layer.1.output.dense.weight (32x64) (with or without the 'bert.' prefix); is config.json the one of this checkpoint?",
    );
  });

  it('a wrong shape names the file, the tensor and both shapes', async () => {
    const bytes = rewrite('tiny-gpt2', 'model.safetensors', (t) =>
      t.name === 'h.1.attn.c_attn.weight' ? { ...t, shape: [96, 32] } : t,
    );
    const e = await loadError('tiny-gpt2', { 'model.safetensors': bytes });
    expect(e.message).toBe(
      'model.safetensors: tensor h.1.attn.c_attn.weight is 96x32, expected 32x96 (from config.json)',
    );
    expect(e.file).toBe('model.safetensors');
  });

  it('a config with a different width: the first tensor that disagrees', async () => {
    const config = JSON.parse(readFixtureText('tiny-distilbert', 'config.json')) as Record<
      string,
      unknown
    >;
    const e = await loadError('tiny-distilbert', {
      'config.json': JSON.stringify({ ...config, dim: 64 }),
    });
    expect(e.message).toMatch(
      /^model\.safetensors: tensor distilbert\.\S+ is \d+x32, expected \d+x64 \(from config\.json\)$/,
    );
  });

  it('a config with fewer layers than the checkpoint', async () => {
    const config = JSON.parse(readFixtureText('tiny-gpt2', 'config.json')) as Record<
      string,
      unknown
    >;
    const e = await loadError('tiny-gpt2', {
      'config.json': JSON.stringify({ ...config, n_layer: 1 }),
    });
    expect(e.message).toMatch(
      /^model\.safetensors: tensor h\.1\.\S+ belongs to layer 1, but config\.json has n_layer 1$/,
    );
  });

  it('a sharded index that points to a missing shard', async () => {
    const e = await loadError('tiny-gpt2-sharded', { 'model-00002-of-00003.safetensors': null });
    expect(e.message).toMatch(
      /^local files: model-00002-of-00003\.safetensors is not among the chosen files \(it is listed in model\.safetensors\.index\.json\); chosen: /,
    );
    expect(e.code).toBe('not-found');
  });

  it('a sharded index that lists a tensor its shard does not hold', async () => {
    const index = JSON.parse(
      readFixtureText('tiny-gpt2-sharded', 'model.safetensors.index.json'),
    ) as {
      weight_map: Record<string, string>;
    };
    index.weight_map['transformer.h.0.ln_1.weight'] = 'model-00003-of-00003.safetensors';
    const e = await loadError('tiny-gpt2-sharded', {
      'model.safetensors.index.json': JSON.stringify(index),
    });
    expect(e.message).toBe(
      'model-00003-of-00003.safetensors: tensor transformer.h.0.ln_1.weight is listed in model.safetensors.index.json but is not in the file',
    );
  });

  it('an index that is not JSON, or points outside its folder', async () => {
    expect(
      (await loadError('tiny-gpt2-sharded', { 'model.safetensors.index.json': 'nope' })).message,
    ).toMatch(/^model\.safetensors\.index\.json: is not valid JSON/);
    const bad = JSON.stringify({ weight_map: { 'wte.weight': '../secret.safetensors' } });
    expect(
      (await loadError('tiny-gpt2-sharded', { 'model.safetensors.index.json': bad })).message,
    ).toBe(
      'model.safetensors.index.json: tensor wte.weight points to "../secret.safetensors", not a .safetensors file beside the index',
    );
  });

  it('no weights at all', async () => {
    const e = await loadError('tiny-bert', { 'model.safetensors': null });
    expect(e.message).toMatch(
      /^local files: model\.safetensors is not among the chosen files \(only safetensors checkpoints can be loaded; there is no model\.safetensors\.index\.json either\)/,
    );
  });

  it('an HTML page, a truncated file, integer weights', async () => {
    const html = await loadError('tiny-bert', {
      'model.safetensors': '<!DOCTYPE html><html><body>Sign in</body></html>',
    });
    expect([html.code, html.message]).toEqual([
      'html',
      'model.safetensors: got an HTML page instead of a safetensors file',
    ]);
    const whole = readFixture('tiny-roberta', 'model.safetensors');
    const cut = await loadError('tiny-roberta', {
      'model.safetensors': whole.subarray(0, whole.length - 100),
    });
    expect(cut.message).toMatch(
      /^model\.safetensors: tensor \S+: data_offsets .* run past the data/,
    );
    // The same checkpoint with one needed tensor stored as I32 (same byte count as F32).
    const info = normalizeHfConfig(JSON.parse(readFixtureText('tiny-bert', 'config.json')));
    const f32 = rewrite('tiny-bert', 'model.safetensors', (t) => t);
    const headerLength = Number(new DataView(f32.buffer).getBigUint64(0, true));
    const header = new TextDecoder().decode(f32.subarray(8, 8 + headerLength));
    const relabelled = header.replace(
      '"bert.embeddings.LayerNorm.bias":{"dtype":"F32"',
      '"bert.embeddings.LayerNorm.bias":{"dtype":"I32"',
    );
    expect(relabelled).not.toBe(header);
    const bytes = new Uint8Array(f32);
    bytes.set(new TextEncoder().encode(relabelled), 8);
    expect(() =>
      hfWeightsFromSafetensors(info.family, info.config, [{ name: 'model.safetensors', bytes }]),
    ).toThrow(
      'model.safetensors: tensor bert.embeddings.LayerNorm.bias is I32; only float checkpoints (F32, F16, BF16) can be loaded',
    );
  });

  it('the same tensor with and without the prefix', async () => {
    const bytes = rewrite('tiny-bert', 'model.safetensors', (t) => t);
    const st = readSafetensors(bytes);
    const tensors = st.entries.map((e) => ({
      name: e.name,
      shape: e.shape,
      data: st.float32(e.name),
    }));
    tensors.push({ name: 'embeddings.LayerNorm.weight', shape: [32], data: new Float32Array(32) });
    const e = await loadError('tiny-bert', { 'model.safetensors': writeSafetensors(tensors) });
    expect(e.message).toMatch(
      /^model\.safetensors: tensor \S*embeddings\.LayerNorm\.weight appears twice/,
    );
  });

  it('unknown extra tensors are reported, not fatal', async () => {
    const bytes = rewrite('tiny-bert', 'model.safetensors', (t) => t);
    const st = readSafetensors(bytes);
    const tensors = st.entries.map((e) => ({
      name: e.name,
      shape: e.shape,
      data: st.float32(e.name),
    }));
    tensors.push({ name: 'adapter.down.weight', shape: [4, 32], data: new Float32Array(128) });
    const model = await loadHfModel({
      kind: 'files',
      files: fixtureFiles('tiny-bert', { 'model.safetensors': writeSafetensors(tensors) }),
    });
    expect(model.unusedTensors).toEqual(['adapter.down.weight']);
  });
});
