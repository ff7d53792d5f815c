/**
 * Engine benchmark (Node, tfjs wasm SIMD, one thread): a BERT-base-sized random encoder
 * (12 layers, d_model 768, 12 heads, d_ff 3072) run with every attention weight read back,
 * at 32, 128 and 512 tokens. Prints medians, GFLOP/s, the GFLOP/s of one large plain matmul on
 * the same backend in the same run, their ratio, and the time until the first layer's weights
 * arrive (results stream layer by layer). A script, not a test: it prints, it does not assert.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  createModel,
  createPlaygroundWeights,
  initBackend,
  type TransformerConfig,
} from '../../src/engine/index.ts';

const LENGTHS = (process.env.BENCH_LENGTHS ?? '32,128,512').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const baseConfig: TransformerConfig = {
  architecture: 'encoder',
  vocabSize: 1000,
  dModel: 768,
  numHeads: 12,
  numLayers: 12,
  dFF: 3072,
  maxPositions: 512,
  positional: 'learned',
  positionalBase: 10000,
  norm: 'post',
  activation: 'gelu',
  layerNormEps: 1e-12,
  scale: { kind: 'default' },
  scaleEmbeddings: false,
};

/**
 * Both FFN activations are measured: ReLU (Vaswani et al.) and exact GELU (BERT). GELU's erf is
 * an element-wise pass that costs about 6% of a BERT-base layer on wasm, outside attention.
 */
const ACTIVATIONS = (process.env.BENCH_ACTIVATIONS ?? 'relu,gelu').split(',') as (
  'relu' | 'gelu'
)[];
let config = baseConfig;

/** Multiply-adds ×2 of one forward: projections, attention (QKᵀ and AV), FFN. */
function forwardFlops(t: number): number {
  const { dModel: d, dFF: f, numLayers: l } = config;
  return l * (4 * 2 * t * d * d + 2 * 2 * t * t * d + 2 * 2 * t * d * f);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Milliseconds of a plain [t, 768] x [768, 3072] matmul, the engine's biggest single op.
 * Measured between forward runs, so both see the same machine load.
 */
async function plainMatmulMs(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const start = performance.now();
  const c = tf.matMul(a, b);
  await c.data();
  c.dispose();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const backend = await initBackend({ preferred: ['wasm'] });
  console.log(`backend: ${backend.name} (SIMD), threads: ${backend.threads ?? 1}`);
  for (const activation of ACTIVATIONS) {
    config = { ...baseConfig, activation };
    await benchConfig();
  }
}

async function benchConfig(): Promise<void> {
  const model = createModel(config, createPlaygroundWeights(config, 7));
  console.log(
    `\n12 layers, d_model 768, 12 heads, d_ff 3072, FFN ${config.activation}; medians of ${RUNS} runs`,
  );
  console.log(
    'tokens | forward ms (median) | first layer ms | GFLOP/s | plain matmul GFLOP/s | ratio',
  );
  for (const t of LENGTHS) {
    const ids = Array.from({ length: t }, (_, i) => (i * 37) % config.vocabSize);
    await model.run({ sourceIds: ids }); // warm-up: kernels and buffers
    const totals: number[] = [];
    const firsts: number[] = [];
    const plainTimes: number[] = [];
    const a = tf.randomNormal([t, config.dModel]);
    const b = tf.randomNormal([config.dModel, config.dFF]);
    await plainMatmulMs(a, b);
    for (let r = 0; r < RUNS; r++) {
      for (let i = 0; i < 3; i++) plainTimes.push(await plainMatmulMs(a, b));
      const start = performance.now();
      let first = 0;
      const result = await model.run(
        { sourceIds: ids },
        { onLayer: () => void (first ||= performance.now() - start) },
      );
      totals.push(performance.now() - start);
      firsts.push(first);
      if (result.stacks[0]!.weights.length !== 12 * 12 * t * t) throw new Error('weights missing');
    }
    const ms = median(totals);
    const gflops = forwardFlops(t) / (ms / 1000) / 1e9;
    tf.dispose([a, b]);
    const plain = (2 * t * config.dModel * config.dFF) / (median(plainTimes) / 1000) / 1e9;
    console.log(
      `${String(t).padStart(6)} | ${ms.toFixed(1).padStart(19)} | ${median(firsts).toFixed(1).padStart(14)} | ${gflops.toFixed(2).padStart(7)} | ${plain.toFixed(2).padStart(20)} | ${(gflops / plain).toFixed(2)}`,
    );
  }
  model.dispose();
  console.log(`tensors left after dispose: ${tf.memory().numTensors}`);
}

void main();
