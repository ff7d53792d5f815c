/**
 * Decoder-LM benchmark (Node, tfjs wasm): random checkpoints with the dimensions of SmolLM2-135M
 * and Qwen2.5-0.5B in their Hub layouts, BF16 on disk, generated in memory. For each: parse + map
 * (the app's loader), upload (createModel), the memory held (tfjs bytes and the process's peak
 * resident size), and one forward at 128 and 512 tokens with every attention weight read back and
 * the last position's logits; beside it, the GFLOP/s of the model's largest matmul alone measured
 * in the same run, and the ratio. Prints figures; asserts nothing.
 *
 *   npx tsx scripts/bench/llm.ts [smollm2|qwen2.5]     (default: both)
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { createModel, initBackend, type TransformerConfig } from '../../src/engine/index.ts';
import { headSizeOf, kvHeadsOf } from '../../src/engine/schema.ts';
import { hfWeightsFromSafetensors, normalizeHfConfig } from '../../src/loader/hf/index.ts';
import { bf16Checkpoint, MODELS, tensorList } from './llm-checkpoints.ts';

/** FLOPs of one forward over T tokens (projections, scores and mixing, MLP, one logits row). */
function forwardFlops(c: TransformerConfig, T: number): number {
  const d = c.dModel;
  const dh = headSizeOf(c);
  const q = c.numHeads * dh;
  const kv = kvHeadsOf(c) * dh;
  const perLayer = 2 * T * d * (2 * q + 2 * kv) + 4 * c.numHeads * T * T * dh + 6 * T * d * c.dFF;
  return c.numLayers * perLayer + 2 * d * c.vocabSize;
}

/** GFLOP/s of one [T, d] x [d, dFF] product, best of 5, read back. */
async function matmulGflops(T: number, d: number, f: number): Promise<number> {
  const a = tf.randomNormal([T, d]);
  const b = tf.randomNormal([d, f]);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const y = tf.matMul(a, b);
    await y.data();
    best = Math.min(best, performance.now() - t);
    y.dispose();
  }
  tf.dispose([a, b]);
  return (2 * T * d * f) / (best * 1e6);
}

/** Peak resident set of this process so far (Linux), in MiB. */
function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function bench(key: string): Promise<void> {
  const raw = MODELS[key]!;
  const info = normalizeHfConfig(raw);
  const c = info.config;
  const entries = tensorList(c, info.biases?.qkv ?? false);
  const bytes = bf16Checkpoint(entries);
  const params = entries.reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0);
  console.log(
    `\n${key}-sized (${raw.model_type}): ${(params / 1e6).toFixed(1)}M parameters, ${(bytes.length / 2 ** 20).toFixed(0)} MiB BF16 safetensors (generated in memory)`,
  );
  let t = performance.now();
  const { weights } = hfWeightsFromSafetensors(
    info.family,
    c,
    [{ name: 'model.safetensors', bytes }],
    'model.safetensors',
    info.biases,
  );
  const parseMs = performance.now() - t;
  t = performance.now();
  const model = createModel(c, weights);
  const uploadMs = performance.now() - t;
  console.log(
    `parse + map ${parseMs.toFixed(0)} ms · upload ${uploadMs.toFixed(0)} ms · tfjs holds ${(tf.memory().numBytes / 2 ** 20).toFixed(0)} MiB · peak RSS ${peakRssMiB().toFixed(0)} MiB`,
  );
  console.log(
    'tokens | forward ms (all attention read back + last logits) | GFLOP/s | matmul GFLOP/s | ratio',
  );
  for (const T of [128, 512]) {
    const ids = Array.from({ length: T }, (_, i) => (i * 7919) % c.vocabSize);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const s = performance.now();
      const r = await model.run({ sourceIds: ids, logitsAt: [T - 1] });
      times.push(performance.now() - s);
      if (!r.positionLogits) throw new Error('no logits');
    }
    const ms = [...times].sort((a, b) => a - b)[1]!;
    const gflops = forwardFlops(c, T) / (ms * 1e6);
    const mm = await matmulGflops(T, c.dModel, c.dFF);
    console.log(
      `${String(T).padStart(6)} | ${ms.toFixed(0).padStart(8)} (runs ${times.map((x) => x.toFixed(0)).join(', ')}) | ${gflops.toFixed(1).padStart(7)} | ${mm.toFixed(1).padStart(14)} | ${(gflops / mm).toFixed(2)}`,
    );
  }
  console.log(`peak RSS after the forwards: ${peakRssMiB().toFixed(0)} MiB`);
  model.dispose();
  console.log(`tensors left after dispose: ${tf.memory().numTensors}`);
}

async function main(): Promise<void> {
  await initBackend({ preferred: ['wasm'] });
  const which = process.argv[2];
  for (const key of which ? [which] : Object.keys(MODELS)) {
    try {
      await bench(key);
    } catch (error) {
      console.log(`${key}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

void main();
