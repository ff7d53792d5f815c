/**
 * config.json of today's decoder LMs → the engine's config (src/loader/hf/llm-config.ts): the
 * real configs of the tested ids map to the building blocks the modeling code uses, and configs
 * that do not fit their family are refused with the key named and both sizes.
 */
import { describe, expect, it } from 'vitest';
import { HfLoadError, normalizeHfConfig, loadHfModel } from '../../../src/loader/hf';
import { fixtureFiles, readFixture } from './helpers';

const QWEN25_05B = {
  architectures: ['Qwen2ForCausalLM'],
  model_type: 'qwen2',
  hidden_size: 896,
  intermediate_size: 4864,
  num_attention_heads: 14,
  num_key_value_heads: 2,
  num_hidden_layers: 24,
  vocab_size: 151936,
  max_position_embeddings: 32768,
  max_window_layers: 24,
  rms_norm_eps: 1e-6,
  rope_theta: 1000000,
  sliding_window: 32768,
  use_sliding_window: false,
  tie_word_embeddings: true,
  hidden_act: 'silu',
};

const LLAMA32 = {
  model_type: 'llama',
  hidden_size: 2048,
  intermediate_size: 8192,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  num_hidden_layers: 16,
  vocab_size: 128256,
  max_position_embeddings: 131072,
  rms_norm_eps: 1e-5,
  rope_theta: 500000,
  rope_scaling: {
    factor: 32,
    high_freq_factor: 4,
    low_freq_factor: 1,
    original_max_position_embeddings: 8192,
    rope_type: 'llama3',
  },
  tie_word_embeddings: true,
  head_dim: 64,
};

const errorOf = (raw: Record<string, unknown>): string => {
  try {
    normalizeHfConfig(raw);
  } catch (error) {
    if (error instanceof HfLoadError) return error.message;
    throw error;
  }
  throw new Error('no error');
};

describe('decoder LM configs', () => {
  it('Qwen2.5-0.5B: GQA 14/2, q/k/v biases, tied, no sliding window', () => {
    const info = normalizeHfConfig(QWEN25_05B);
    expect(info.family).toBe('llama');
    expect(info.biases).toEqual({ qkv: true, o: false, mlp: false });
    expect(info.config).toMatchObject({
      architecture: 'decoder',
      numHeads: 14,
      numKvHeads: 2,
      normKind: 'rms',
      mlpKind: 'gated',
      activation: 'silu',
      positional: 'rope',
      positionalBase: 1000000,
      lmHead: 'tied',
    });
    expect(info.config.layerTypes).toBeUndefined();
    expect(info.config.headSize).toBeUndefined();
  });

  it('Llama 3.2: llama3 RoPE scaling and an explicit head_dim', () => {
    const { config } = normalizeHfConfig(LLAMA32);
    expect(config.ropeScaling).toEqual({
      kind: 'llama3',
      factor: 32,
      lowFreqFactor: 1,
      highFreqFactor: 4,
      originalMaxPositions: 8192,
    });
    expect(config.headSize).toBe(64);
    expect(config.numKvHeads).toBe(8);
  });

  it('Gemma 2: alternating layers, soft-caps, query_pre_attn_scalar, √d embeddings', () => {
    const { config } = normalizeHfConfig({
      model_type: 'gemma2',
      hidden_size: 2304,
      intermediate_size: 9216,
      num_attention_heads: 8,
      num_key_value_heads: 4,
      num_hidden_layers: 4,
      head_dim: 256,
      vocab_size: 256000,
      max_position_embeddings: 8192,
      query_pre_attn_scalar: 256,
      sliding_window: 4096,
      attn_logit_softcapping: 50,
      final_logit_softcapping: 30,
    });
    expect(config).toMatchObject({
      layerTypes: ['sliding', 'full', 'sliding', 'full'],
      slidingWindow: 4096,
      attnSoftcap: 50,
      finalSoftcap: 30,
      scale: { kind: 'custom', factor: 1 / 16 },
      scaleEmbeddings: true,
      sandwichNorm: true,
      activation: 'gelu_tanh',
      headSize: 256,
    });
  });

  it('Pythia: partial rotary, parallel residual, untied', () => {
    const { config, family } = normalizeHfConfig({
      model_type: 'gpt_neox',
      hidden_size: 512,
      intermediate_size: 2048,
      num_attention_heads: 8,
      num_hidden_layers: 6,
      vocab_size: 50304,
      max_position_embeddings: 2048,
      rotary_pct: 0.25,
      rotary_emb_base: 10000,
      use_parallel_residual: true,
      layer_norm_eps: 1e-5,
      hidden_act: 'gelu',
      tie_word_embeddings: false,
    });
    expect(family).toBe('gpt_neox');
    expect(config).toMatchObject({
      rotaryDim: 16,
      parallelResidual: true,
      lmHead: 'separate',
      normKind: 'layer',
      mlpKind: 'plain',
    });
  });

  it('refuses what does not fit the family, naming the key and both sizes', () => {
    expect(errorOf({ ...QWEN25_05B, num_key_value_heads: 3 })).toBe(
      'config.json: num_attention_heads (14) must be a multiple of num_key_value_heads (3)',
    );
    expect(errorOf({ ...QWEN25_05B, hidden_size: 900 })).toBe(
      'config.json: num_attention_heads (14) must divide hidden_size (900)',
    );
    expect(errorOf({ ...LLAMA32, rope_scaling: { rope_type: 'yarn', factor: 4 } })).toBe(
      'config.json: rope_scaling type "yarn" is not supported (default, linear and llama3 are)',
    );
    expect(
      errorOf({ ...LLAMA32, rope_scaling: { ...LLAMA32.rope_scaling, high_freq_factor: 1 } }),
    ).toBe('config.json: rope_scaling.high_freq_factor (1) must be above low_freq_factor (1)');
    expect(errorOf({ ...QWEN25_05B, hidden_act: 'mish' })).toMatch(
      /^config.json: hidden_act "mish" is not supported/,
    );
    expect(errorOf({ ...QWEN25_05B, layer_types: ['full_attention'] })).toBe(
      'config.json: layer_types must list one entry for each of the 24 layers (num_hidden_layers)',
    );
  });

  it('a checkpoint that does not fit its config names the tensor and both shapes', async () => {
    const config = JSON.parse(new TextDecoder().decode(readFixture('tiny-llama', 'config.json')));
    const files = fixtureFiles('tiny-llama', {
      'config.json': JSON.stringify({ ...config, num_key_value_heads: 4 }),
    });
    await expect(loadHfModel({ kind: 'files', files })).rejects.toThrow(
      'model.safetensors: tensor model.layers.0.self_attn.k_proj.weight is 16x32, expected 32x32 (from config.json)',
    );
  });
});
