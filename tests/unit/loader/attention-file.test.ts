import { describe, expect, it } from 'vitest';
import type { Token } from '../../../src/engine';
import { AttentionFileError, openAttentionFile } from '../../../src/loader/attention-file/index.ts';
import { writeSafetensors } from '../../../src/loader/safetensors.ts';
import { resultToJson, type ResultInput } from '../../../src/views/export/json.ts';

/** Rows that sum to 1: a seeded softmax over [layers][heads][q][k]; row `zeroRow` all zeros. */
function weights(layers: number, heads: number, q: number, k: number, seed = 1, zeroRow = -1) {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const out: Float32Array[] = [];
  for (let l = 0; l < layers; l++) {
    const layer = new Float32Array(heads * q * k);
    for (let r = 0; r < heads * q; r++) {
      if (r % q === zeroRow) continue;
      const e = Array.from({ length: k }, () => Math.exp(3 * rand()));
      const sum = e.reduce((a, b) => a + b, 0);
      e.forEach((v, c) => (layer[r * k + c] = v / sum));
    }
    out.push(layer);
  }
  return out;
}

const concat = (layers: Float32Array[]): Float32Array => {
  const all = new Float32Array(layers.reduce((n, l) => n + l.length, 0));
  let p = 0;
  for (const l of layers) {
    all.set(l, p);
    p += l.length;
  }
  return all;
};

const TOKENS = ['The', 'bank', 'is', 'near'];
const META = {
  format: 'attention-atlas',
  version: '1',
  tokens: JSON.stringify(TOKENS),
  model: 'meta-llama/Llama-3.1-70B',
};

/** A Blob that records the byte ranges read through slice(). */
class CountingBlob extends Blob {
  readonly reads: [number, number][] = [];
  override slice(start = 0, end = this.size, type?: string): Blob {
    this.reads.push([start, Math.min(end, this.size)]);
    return super.slice(start, end, type);
  }
  bytesRead(): number {
    return this.reads.reduce((n, [a, b]) => n + (b - a), 0);
  }
}

const blobOf = (bytes: Uint8Array) => new CountingBlob([bytes.slice().buffer]);

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('the JSON form (the app’s own export)', () => {
  const tokens: Token[] = TOKENS.map((text, i) => ({
    text,
    id: i + 5,
    special: false,
    unknown: false,
  }));
  const enc = weights(2, 3, 4, 4, 7);
  const input: ResultInput = {
    model: { id: 'en-zh-tiny', type: 'translator', translator: null },
    sentences: [
      {
        slot: 'A',
        text: 'The bank is near',
        tokens,
        translation: null,
        blocks: [
          {
            kind: 'encoder-self',
            layers: 2,
            heads: 3,
            queryLength: 4,
            keyLength: 4,
            queryTokens: TOKENS,
            keyTokens: TOKENS,
            data: enc,
            mask: { rows: 4, cols: 4, allowed: new Uint8Array(16).fill(1) },
          },
        ],
      },
    ],
  };

  it('reads float32-base64 back exactly', async () => {
    const file = await openAttentionFile(
      new Blob([resultToJson(input, 'float32-base64')]),
      'a.json',
    );
    expect(file.form).toBe('json');
    expect(file.model).toBe('en-zh-tiny');
    expect(file.text).toBe('The bank is near');
    expect(file.tokens).toEqual(tokens);
    expect(file.blocks.map((b) => [b.kind, b.layers, b.heads, b.queryLength, b.keyLength])).toEqual(
      [['encoder-self', 2, 3, 4, 4]],
    );
    expect(file.blocks[0]!.mask?.allowed).toEqual(new Uint8Array(16).fill(1));
    for (let l = 0; l < 2; l++)
      expect(Array.from(await file.readLayer('encoder-self', l))).toEqual(Array.from(enc[l]!));
  });

  it('reads nested weights back to their 6 significant digits', async () => {
    const file = await openAttentionFile(new Blob([resultToJson(input, 'nested')]), 'a.json');
    const layer = await file.readLayer('encoder-self', 1);
    layer.forEach((v, i) => expect(v).toBeCloseTo(enc[1]![i]!, 6));
  });

  it('refuses a NaN (null in JSON), a bad row sum and a wrong shape, naming the block', async () => {
    const obj = JSON.parse(resultToJson(input, 'nested')) as {
      sentences: { attention: { weights: unknown[][][][]; shape: number[] }[] }[];
    };
    const block = obj.sentences[0]!.attention[0]!;
    const withNull = structuredClone(obj);
    withNull.sentences[0]!.attention[0]!.weights[1]![2]![3]![0] = null;
    expect(await refusal(openAttentionFile(new Blob([JSON.stringify(withNull)]), 'a.json'))).toBe(
      'a.json: tensor encoder-self: layer 1, head 2, row 3, key 0 is null, not a number',
    );
    const off = structuredClone(obj);
    off.sentences[0]!.attention[0]!.weights[0]![1]![2]![3] = 0.5;
    expect(await refusal(openAttentionFile(new Blob([JSON.stringify(off)]), 'a.json'))).toMatch(
      /^a\.json: tensor encoder-self: layer 0, head 1, row 2 sums to [\d.]+, not 1 \(tolerance 0\.001\)$/,
    );
    block.shape = [2, 3, 4, 5];
    expect(await refusal(openAttentionFile(new Blob([JSON.stringify(obj)]), 'a.json'))).toBe(
      'a.json: tensor encoder-self: shape [2,3,4,5] is not [2, 3, 4, 4]',
    );
  });
});

describe('the binary form (safetensors)', () => {
  const dec = weights(3, 2, 4, 4, 3, 0);
  const file = (dtype: 'F32' | 'F16', meta: Record<string, string> = META) =>
    writeSafetensors(
      [{ name: 'decoder-self', shape: [3, 2, 4, 4], data: concat(dec) }],
      dtype,
      meta,
    );

  it('reads F32 exactly and F16 within half precision, all-zero rows allowed', async () => {
    const f32 = await openAttentionFile(blobOf(file('F32')), 'attn.safetensors');
    expect(f32.form).toBe('safetensors');
    expect(f32.model).toBe('meta-llama/Llama-3.1-70B');
    expect(f32.tokens.map((t) => t.text)).toEqual(TOKENS);
    expect(f32.blocks[0]).toMatchObject({
      kind: 'decoder-self',
      layers: 3,
      heads: 2,
      queryLength: 4,
      keyLength: 4,
    });
    expect(Array.from(await f32.readLayer('decoder-self', 2))).toEqual(Array.from(dec[2]!));
    const f16 = await openAttentionFile(blobOf(file('F16')), 'attn.safetensors');
    const half = await f16.readLayer('decoder-self', 1);
    half.forEach((v, i) => expect(Math.abs(v - dec[1]![i]!)).toBeLessThan(1e-3));
  });

  it('reads BF16 (the top half of each float32) within a 1e-2 row tolerance', async () => {
    const f32 = file('F32');
    const headerEnd = 8 + Number(new DataView(f32.buffer).getBigUint64(0, true));
    const values = new Float32Array(f32.slice(headerEnd).buffer);
    const words = new Uint16Array(values.length);
    const bits = new Uint32Array(values.buffer);
    for (let i = 0; i < values.length; i++) words[i] = bits[i]! >>> 16; // truncated: rows still ≈ 1
    let header = new TextDecoder()
      .decode(f32.subarray(8, headerEnd))
      .replace('"F32"', '"BF16"')
      .replace('[0,384]', '[0,192]');
    header += ' '.repeat((8 - ((8 + header.length) % 8)) % 8);
    const head = new TextEncoder().encode(header);
    const bytes = new Uint8Array(8 + head.length + words.byteLength);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(head.length), true);
    bytes.set(head, 8);
    bytes.set(new Uint8Array(words.buffer), 8 + head.length);
    const f = await openAttentionFile(blobOf(bytes), 'b.safetensors');
    const layer = await f.readLayer('decoder-self', 1);
    layer.forEach((v, i) => expect(Math.abs(v - dec[1]![i]!)).toBeLessThan(1e-2));
  });

  it('reads cross attention with its own query tokens', async () => {
    const cross = weights(1, 1, 2, 4, 9);
    const bytes = writeSafetensors(
      [{ name: 'cross', shape: [1, 1, 2, 4], data: concat(cross) }],
      'F32',
      { ...META, query_tokens: JSON.stringify(['银行', '在']) },
    );
    const f = await openAttentionFile(blobOf(bytes), 'x.safetensors');
    expect(f.blocks[0]).toMatchObject({
      kind: 'cross',
      queryTokens: ['银行', '在'],
      keyTokens: TOKENS,
    });
  });

  it('reads the header, then only the bytes of the layer asked for', async () => {
    // 4 layers of 8 heads × 64 × 64 in F16: 64 KiB a layer.
    const toks = Array.from({ length: 64 }, (_, i) => `t${i}`);
    const big = weights(4, 8, 64, 64, 5);
    const bytes = writeSafetensors(
      [{ name: 'decoder-self', shape: [4, 8, 64, 64], data: concat(big) }],
      'F16',
      { ...META, tokens: JSON.stringify(toks) },
    );
    const blob = blobOf(bytes);
    const f = await openAttentionFile(blob, 'big.safetensors');
    const headerBytes = blob.bytesRead();
    expect(headerBytes).toBeLessThan(1200);
    await f.readLayer('decoder-self', 2);
    expect(blob.bytesRead() - headerBytes).toBe(8 * 64 * 64 * 2);
    const [begin] = blob.reads.at(-1)!;
    expect(begin).toBe(bytes.byteLength - 2 * 8 * 64 * 64 * 2);
  });

  it('refuses every bad file with a message naming the tensor', async () => {
    const name = 'bad.safetensors';
    const open = (bytes: Uint8Array) => refusal(openAttentionFile(blobOf(bytes), name));
    // Rank 3.
    expect(
      await open(
        writeSafetensors(
          [{ name: 'decoder-self', shape: [3, 2, 16], data: concat(dec) }],
          'F32',
          META,
        ),
      ),
    ).toBe(
      'bad.safetensors: tensor decoder-self: shape [3, 2, 16] has rank 3, not 4 ([layers, heads, queries, keys])',
    );
    // Sizes that do not match the tokens.
    expect(await open(file('F32', { ...META, tokens: JSON.stringify(['a', 'b', 'c']) }))).toBe(
      'bad.safetensors: tensor decoder-self: shape [3, 2, 4, 4] has 4 queries, but the file gives 3 query tokens',
    );
    // Sizes that do not match the bytes (a cut file).
    const whole = file('F32');
    expect(await open(whole.slice(0, whole.byteLength - 4))).toBe(
      'bad.safetensors: tensor decoder-self: data_offsets [0, 384] run past the data (380 bytes)',
    );
    // A header that lies: two blocks overlapping.
    const lying = writeSafetensors(
      [
        { name: 'encoder-self', shape: [1, 1, 4, 4], data: new Float32Array(16) },
        { name: 'cross', shape: [1, 1, 4, 4], data: new Float32Array(16) },
      ],
      'F32',
      META,
    );
    const text = new TextDecoder().decode(lying);
    const patched = new TextEncoder().encode(
      text.replace('"data_offsets":[64,128]', '"data_offsets":[32, 96]'),
    );
    expect(await open(patched)).toBe(
      'bad.safetensors: tensor cross: overlaps the tensor before it (starts at 32, previous ends at 64)',
    );
    // A header length past the end.
    const long = whole.slice();
    new DataView(long.buffer).setBigUint64(0, BigInt(whole.byteLength), true);
    expect(await open(long)).toBe(
      `bad.safetensors: header length ${whole.byteLength} runs past the end of the file (${whole.byteLength} bytes)`,
    );
    // Not an attention file.
    expect(await open(file('F32', { version: '1', tokens: '[]' }))).toBe(
      'bad.safetensors: __metadata__.format is null, not "attention-atlas" (see the README for the layout)',
    );
    expect(await open(file('F32', { ...META, tokens: 'The bank' }))).toBe(
      'bad.safetensors: __metadata__.tokens is not a JSON array of strings',
    );
    expect(
      await open(
        writeSafetensors(
          [{ name: 'model.w', shape: [3, 2, 4, 4], data: concat(dec) }],
          'F32',
          META,
        ),
      ),
    ).toBe(
      'bad.safetensors: tensor model.w: is not an attention block (names: encoder-self, decoder-self, cross, attention)',
    );
  });

  it('checks a layer when it is read: NaN, Inf and rows off 1', async () => {
    const broken = concat(dec);
    broken[32 + 5] = NaN; // layer 1, head 0, row 1, key 1
    const withNaN = await openAttentionFile(
      blobOf(
        writeSafetensors(
          [{ name: 'decoder-self', shape: [3, 2, 4, 4], data: broken }],
          'F32',
          META,
        ),
      ),
      'n.safetensors',
    );
    await expect(withNaN.readLayer('decoder-self', 0)).resolves.toBeInstanceOf(Float32Array);
    expect(await refusal(withNaN.readLayer('decoder-self', 1))).toBe(
      'n.safetensors: tensor decoder-self: layer 1, head 0, row 1, key 1 is NaN',
    );
    const inf = concat(dec);
    inf[2] = Infinity;
    const withInf = await openAttentionFile(
      blobOf(
        writeSafetensors([{ name: 'decoder-self', shape: [3, 2, 4, 4], data: inf }], 'F16', META),
      ),
      'i.safetensors',
    );
    expect(await refusal(withInf.readLayer('decoder-self', 0))).toBe(
      'i.safetensors: tensor decoder-self: layer 0, head 0, row 0, key 2 is Infinity',
    );
    const off = concat(dec);
    off[2 * 32 + 16 + 4] = (off[2 * 32 + 16 + 4] ?? 0) + 0.01; // layer 2, head 1, row 1
    const offFile = await openAttentionFile(
      blobOf(
        writeSafetensors([{ name: 'decoder-self', shape: [3, 2, 4, 4], data: off }], 'F32', META),
      ),
      'o.safetensors',
    );
    expect(await refusal(offFile.readLayer('decoder-self', 2))).toMatch(
      /^o\.safetensors: tensor decoder-self: layer 2, head 1, row 1 sums to 1\.01\d*, not 1 \(tolerance 0\.001\)$/,
    );
  });

  it('is an AttentionFileError for the reader’s own checks', async () => {
    const err = await openAttentionFile(blobOf(new Uint8Array(0)), 'e.safetensors').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AttentionFileError);
    expect((err as Error).message).toBe('e.safetensors: is empty');
  });
});
