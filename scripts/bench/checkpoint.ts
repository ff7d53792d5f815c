/**
 * Checkpoint benchmark (Node, tfjs wasm): a BERT-base-sized checkpoint (≈110M parameters, the
 * Hugging Face `bert-base-uncased` layout and config, random weights) generated in memory as a
 * safetensors file, then: parse + map (the app's loader), upload (createModel), and one forward at
 * 128 tokens with all attention weights read back. Prints medians; asserts nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createModel, initBackend } from '../../src/engine/index.ts';
import { hfWeightsFromSafetensors, normalizeHfConfig } from '../../src/loader/hf/index.ts';
import { writeSafetensors } from '../../src/loader/safetensors.ts';
import { BERT_BASE_CONFIG, bertBaseTensors } from './llm-checkpoints.ts';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  await initBackend({ preferred: ['wasm'] });
  const tensors = bertBaseTensors();
  const params = tensors.reduce((n, t) => n + t.data.length, 0);
  const bytes = writeSafetensors(tensors, 'F32');
  console.log(
    `\nBERT-base-sized checkpoint: ${(params / 1e6).toFixed(1)}M parameters, ${(bytes.length / 2 ** 20).toFixed(0)} MiB F32 safetensors (generated in memory)`,
  );
  const info = normalizeHfConfig(BERT_BASE_CONFIG);
  const parse: number[] = [];
  const upload: number[] = [];
  const forward: number[] = [];
  for (let run = 0; run < 3; run++) {
    let t = performance.now();
    const { weights } = hfWeightsFromSafetensors(info.family, info.config, [
      { name: 'model.safetensors', bytes },
    ]);
    parse.push(performance.now() - t);
    t = performance.now();
    const model = createModel(info.config, weights);
    upload.push(performance.now() - t);
    const ids = Array.from({ length: 128 }, (_, i) => 1000 + i);
    t = performance.now();
    await model.run({ sourceIds: ids, tokenTypeIds: ids.map(() => 0) });
    forward.push(performance.now() - t);
    model.dispose();
  }
  console.log('parse + map ms | upload ms | forward at 128 tokens ms (first run includes warm-up)');
  console.log(
    `${median(parse).toFixed(0).padStart(14)} | ${median(upload).toFixed(0).padStart(9)} | ${median(forward).toFixed(0).padStart(8)}   (medians of 3; forward runs: ${forward.map((f) => f.toFixed(0)).join(', ')})`,
  );
  console.log(`tensors left after dispose: ${tf.memory().numTensors}`);
}

void main();
