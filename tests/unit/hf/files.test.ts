/** Local files (a dropped folder or picked files): names, progress, cancellation, size limit. */
import { describe, expect, it } from 'vitest';
import {
  createHfTokenizerFromSource,
  loadHfModel,
  type HfLoadProgress,
  type NamedBlob,
} from '../../../src/loader/hf';
import { commonFolder } from '../../../src/loader/hf/files';
import { fixtureFiles } from './helpers';

/** A blob as a dropped folder gives it: a name and a path under the folder. */
const inFolder = (folder: string, file: File): NamedBlob =>
  Object.assign(new Blob([file]), {
    name: file.name,
    webkitRelativePath: `${folder}/${file.name}`,
  });

describe('local files', () => {
  it("names the model after config.json's _name_or_path, or the given name", async () => {
    expect((await loadHfModel({ kind: 'files', files: fixtureFiles('tiny-roberta') })).name).toBe(
      'tiny-roberta',
    );
    const named = await loadHfModel({
      kind: 'files',
      files: fixtureFiles('tiny-roberta'),
      name: 'mine',
    });
    expect([named.name, named.tokenizer.name]).toEqual(['mine', 'mine']);
  });

  it('a dropped folder: the folder name, and the shallowest of two same-named files', async () => {
    const files = fixtureFiles('tiny-bert').map((f) => inFolder('my-bert', f));
    expect(commonFolder(files)).toBe('my-bert');
    const nested = Object.assign(new Blob(['not json']), {
      name: 'config.json',
      webkitRelativePath: 'my-bert/onnx/config.json',
    });
    const model = await loadHfModel({ kind: 'files', files: [nested, ...files] });
    expect(model.modelType).toBe('bert');
    expect(model.name).toBe('tiny-bert'); // _name_or_path wins over the folder name
  });

  it('progress per file, monotonic, reaching each size', async () => {
    const events: HfLoadProgress[] = [];
    const model = await loadHfModel(
      { kind: 'files', files: fixtureFiles('tiny-gpt2-sharded') },
      { onProgress: (p) => events.push(p) },
    );
    for (const file of model.stats.files) {
      const mine = events.filter((e) => e.file === file);
      const last = mine.at(-1);
      expect(last?.loaded, file).toBe(last?.total);
      expect(last?.percent, file).toBe(100);
    }
    expect(events.at(-1)?.weightsPercent).toBe(100);
    expect(events.at(-1)?.bytesLoaded).toBe(model.stats.bytesRead);
    expect(model.stats.fromCache).toBe(false);
  });

  it('cancellation rejects with an AbortError', async () => {
    const controller = new AbortController();
    const load = loadHfModel(
      { kind: 'files', files: fixtureFiles('tiny-bert') },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'tokenizer') controller.abort();
        },
      },
    );
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a file over the size limit', async () => {
    await expect(
      loadHfModel({ kind: 'files', files: fixtureFiles('tiny-bert') }, { maxFileBytes: 50_000 }),
    ).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(
        /^local files: model\.safetensors is \d+\.\d KiB, over this app's limit of 48\.8 KiB$/,
      ),
    });
  });

  it('the tokenizer rebuilds from plain data (as after crossing a worker boundary)', async () => {
    for (const name of ['tiny-bert', 'tiny-roberta', 'tiny-gpt2-bf16']) {
      const { tokenizer, config } = await loadHfModel({ kind: 'files', files: fixtureFiles(name) });
      const copy = await createHfTokenizerFromSource(structuredClone(tokenizer.source), {
        name,
        family: tokenizer.family,
        maxLength: config.maxPositions,
        typeVocabSize: config.typeVocabSize,
      });
      const pair = tokenizer.supportsPairs ? 'and the dog' : undefined;
      expect(copy.encodeInput('The cat sat on the mat.', pair)).toEqual(
        tokenizer.encodeInput('The cat sat on the mat.', pair),
      );
    }
  });
});
