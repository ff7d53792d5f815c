import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSafetensors } from '../../../src/loader/safetensors.ts';
import {
  resetAppStore,
  setAttentionFileBudget,
  setEngineClient,
  useAppStore,
} from '../../../src/store';

/** A Blob that records its slice() calls. */
class CountingBlob extends Blob {
  readonly reads: [number, number][] = [];
  override slice(start = 0, end = this.size, type?: string): Blob {
    this.reads.push([start, end]);
    return super.slice(start, end, type);
  }
}
import { FakeClient } from './fakeClient';

/** A [layers, heads, q, q] file of uniform rows. */
function file(layers: number, heads: number, tokens: string[], meta: Record<string, string> = {}) {
  const q = tokens.length;
  const data = new Float32Array(layers * heads * q * q).fill(1 / q);
  return new Blob([
    writeSafetensors([{ name: 'decoder-self', shape: [layers, heads, q, q], data }], 'F16', {
      format: 'attention-atlas',
      version: '1',
      tokens: JSON.stringify(tokens),
      model: 'gpt2',
      ...meta,
    }).slice().buffer,
  ]);
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

let client: FakeClient;
beforeEach(() => {
  resetAppStore();
  client = new FakeClient();
  setEngineClient(client);
});
afterEach(() => useAppStore.getState().closeAttentionFile());

describe('the attention file slice', () => {
  it('opens a file as sentence A’s result, reads its layers, and closes back to the model', async () => {
    useAppStore.setState({ layer: 2, head: 5 });
    const before = useAppStore.getState().runs.A;
    await useAppStore.getState().openAttentionFile(file(3, 2, ['a', 'b', 'c']), 'attn.safetensors');
    let s = useAppStore.getState();
    expect(s.attentionFileError).toBeNull();
    expect(s.attentionFile).toMatchObject({
      model: 'gpt2',
      name: 'attn.safetensors',
      form: 'safetensors',
      kinds: ['decoder-self'],
    });
    expect(s.runs.A.tokens.map((t) => t.text)).toEqual(['a', 'b', 'c']);
    expect(s.sentences.A).toBe('a b c');
    expect([s.kind, s.layer, s.head]).toEqual(['decoder-self', 2, 1]);
    await until(() => useAppStore.getState().runs.A.blocks[0]!.data.every((d) => d !== null));
    expect(useAppStore.getState().runs.A.blocks[0]!.data[1]![0]).toBeCloseTo(1 / 3, 3);
    // Sentence A does not run while the file is open.
    const posted = client.runs.length;
    useAppStore.getState().runSentence('A');
    useAppStore.getState().markPending('A');
    expect(client.runs.length).toBe(posted);
    expect(useAppStore.getState().runs.A.state).toBe('ready');
    useAppStore.getState().closeAttentionFile();
    s = useAppStore.getState();
    expect(s.attentionFile).toBeNull();
    expect(s.sentences.A).not.toBe('a b c');
    expect(client.runs.length).toBe(posted + 1);
    expect(client.runs.at(-1)!.request.slot).toBe('A');
    expect(s.runs.A.tokens).toEqual(before.tokens);
  });

  it('reads only the layers shown when the file is over the budget, and lets old ones go', async () => {
    // 4 layers of 2 heads × 3 × 3 float32 = 72 bytes a layer; the budget holds two.
    const old = setAttentionFileBudget(150);
    try {
      const blob = new CountingBlob([await file(4, 2, ['a', 'b', 'c']).arrayBuffer()]);
      await useAppStore.getState().openAttentionFile(blob, 'big.safetensors');
      const data = () => useAppStore.getState().runs.A.blocks[0]!.data.map((d) => d !== null);
      await until(() => data()[0]!);
      await new Promise((r) => setTimeout(r, 20));
      expect(data()).toEqual([true, false, false, false]);
      const afterHeader = blob.reads.length;
      useAppStore.getState().setLayer(2);
      useAppStore.getState().ensureAttentionLayer('decoder-self', 2);
      await until(() => data()[2]!);
      expect(blob.reads.length).toBe(afterHeader + 1);
      useAppStore.getState().ensureAttentionLayer('decoder-self', 3);
      await until(() => data()[3]!);
      expect(data()).toEqual([false, false, true, true]);
    } finally {
      setAttentionFileBudget(old);
    }
  });

  it('refuses a broken file with its message and leaves the model as it was', async () => {
    const before = useAppStore.getState().runs.A;
    await useAppStore
      .getState()
      .openAttentionFile(file(1, 1, ['a', 'b'], { tokens: '["a"]' }), 'bad.safetensors');
    const s = useAppStore.getState();
    expect(s.attentionFile).toBeNull();
    expect(s.runs.A).toBe(before);
    expect(s.attentionFileError).toBe(
      'bad.safetensors: tensor decoder-self: shape [1, 1, 2, 2] has 2 queries, but the file gives 1 query tokens',
    );
  });
});
