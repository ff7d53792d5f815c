/**
 * Self-checks of the float64 Hugging Face LLM reference: hand-computed RoPE frequencies and
 * rotations, the masking_utils window pattern, Gemma's (1 + w) norm, GQA head sharing, GPT-NeoX's
 * per-head qkv layout, and family switches that must (or must not) change the result, on tiny
 * tensors built inline.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/lib/random';
import type { RefTensor } from './hf-reference';
import {
  applyRotary,
  llmReference,
  rmsNorm,
  ropeInverseFrequencies,
  ropeTables,
  visible,
} from './llm-reference';

type Config = Record<string, unknown>;

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - (b[i] as number)) <= tol);

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.max(...Array.from(a).map((v, i) => Math.abs(v - (b[i] as number))));

/** Random tensors (uniform in [−scale, scale)) for the given names and shapes. */
function randomTensors(shapes: [string, number[]][], seed: number, scale = 0.5) {
  const rand = mulberry32(seed);
  const tensors = new Map<string, RefTensor>();
  for (const [name, shape] of shapes) {
    const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = (rand() * 2 - 1) * scale;
    tensors.set(name, { shape, data });
  }
  return tensors;
}

const D = 8;
const V = 11;
const FF = 12;

/** A tiny decoder config of the given family (d = 8, 2 layers, 4 heads over 2 kv heads, dh = 2). */
function decoderConfig(family: string, extra: Config = {}): Config {
  return {
    model_type: family,
    vocab_size: V,
    hidden_size: D,
    intermediate_size: FF,
    num_hidden_layers: 2,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    head_dim: 2,
    rms_norm_eps: 1e-6,
    rope_theta: 10000,
    tie_word_embeddings: false,
    ...extra,
  };
}

/** Every tensor a decoder config asks for, under its Hub name. */
function decoderTensors(config: Config, seed: number): Map<string, RefTensor> {
  const family = config.model_type as string;
  const L = config.num_hidden_layers as number;
  const H = config.num_attention_heads as number;
  const KV = config.num_key_value_heads as number;
  const dh = config.head_dim as number;
  const gemma = family.startsWith('gemma');
  const shapes: [string, number[]][] = [
    ['model.embed_tokens.weight', [V, D]],
    ['model.norm.weight', [D]],
    ['lm_head.weight', [V, D]],
  ];
  for (let l = 0; l < L; l++) {
    const p = `model.layers.${l}.`;
    shapes.push(
      [`${p}input_layernorm.weight`, [D]],
      [`${p}post_attention_layernorm.weight`, [D]],
      [`${p}self_attn.q_proj.weight`, [H * dh, D]],
      [`${p}self_attn.k_proj.weight`, [KV * dh, D]],
      [`${p}self_attn.v_proj.weight`, [KV * dh, D]],
      [`${p}self_attn.o_proj.weight`, [D, H * dh]],
      [`${p}mlp.gate_proj.weight`, [FF, D]],
      [`${p}mlp.up_proj.weight`, [FF, D]],
      [`${p}mlp.down_proj.weight`, [D, FF]],
    );
    if (family === 'qwen2')
      shapes.push(
        [`${p}self_attn.q_proj.bias`, [H * dh]],
        [`${p}self_attn.k_proj.bias`, [KV * dh]],
        [`${p}self_attn.v_proj.bias`, [KV * dh]],
      );
    if (gemma)
      shapes.push(
        [`${p}pre_feedforward_layernorm.weight`, [D]],
        [`${p}post_feedforward_layernorm.weight`, [D]],
      );
    if (family === 'qwen3' || family === 'gemma3_text')
      shapes.push([`${p}self_attn.q_norm.weight`, [dh]], [`${p}self_attn.k_norm.weight`, [dh]]);
  }
  return randomTensors(shapes, seed);
}

const IDS = [3, 1, 4, 1, 5, 9];

/** Rows sum to one, and exactly the masked entries are zero. */
function expectMasked(w: Float64Array, T: number, window: number | null): void {
  for (let i = 0; i < T; i++) {
    let sum = 0;
    for (let j = 0; j < T; j++) {
      const a = w[i * T + j] as number;
      sum += a;
      if (visible(i, j, window)) expect(a, `(${i}, ${j}) visible`).toBeGreaterThan(0);
      else expect(a, `(${i}, ${j}) masked`).toBe(0);
    }
    expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
  }
}

describe('LLM reference building blocks', () => {
  it('default, linear (legacy "type" key) and llama3 inverse frequencies', () => {
    // dim 8, θ = 10000: 1, 0.1, 0.01, 0.001.
    expect(close(ropeInverseFrequencies(8, 10000, null), [1, 0.1, 0.01, 0.001], 1e-15)).toBe(true);
    expect(
      close(
        ropeInverseFrequencies(8, 10000, { type: 'linear', factor: 2 }),
        [0.5, 0.05, 0.005, 0.0005],
        1e-15,
      ),
    ).toBe(true);
    // llama3 with factor 8, low 1, high 4, original 64: bands at wavelengths 64 and 16.
    // Wavelengths 2π/f: 6.28 (< 16, kept), 62.8 (between: blended), 628 and 6283 (> 64, ÷ 8).
    // Blend at f = 0.1: s = (64·0.1/(2π) − 1)/(4 − 1) = 0.00619721192937672;
    // (1 − s)·0.1/8 + s·0.1 = 0.0125 + 0.0875·s = 0.0130422560438205.
    const llama3 = ropeInverseFrequencies(8, 10000, {
      rope_type: 'llama3',
      factor: 8,
      low_freq_factor: 1,
      high_freq_factor: 4,
      original_max_position_embeddings: 64,
    });
    expect(close(llama3, [1, 0.0130422560438205, 0.00125, 0.000125], 1e-15)).toBe(true);
    expect(() => ropeInverseFrequencies(8, 10000, { rope_type: 'yarn', factor: 2 })).toThrow(
      /yarn/,
    );
  });

  it('rotates halves (rotate_half), not interleaved pairs, and leaves position 0 alone', () => {
    // Angles at t = 1: π/2 for dims 0 and 2, π for dims 1 and 3.
    const rope = ropeTables(2, Float64Array.of(Math.PI / 2, Math.PI));
    const x = Float64Array.of(1, 2, 3, 4, 1, 2, 3, 4);
    const y = applyRotary(x, 2, 1, 4, rope);
    expect(close(y.subarray(0, 4), [1, 2, 3, 4])).toBe(true);
    // x1 = (1, 2), x2 = (3, 4): [x1·cos − x2·sin, x2·cos + x1·sin] = (−3, −2, 1, −4).
    expect(close(y.subarray(4), [-3, -2, 1, -4])).toBe(true);
  });

  it('partial rotary rotates the first dims of each head and passes the tail through', () => {
    const rope = ropeTables(2, Float64Array.of(Math.PI / 2, Math.PI));
    // T = 2, two heads of 6 dims: rotary over dims 0..3, dims 4 and 5 unchanged.
    const x = Float64Array.from({ length: 24 }, (_, i) => (i % 6) + 1 + 10 * Math.floor(i / 6));
    const y = applyRotary(x, 2, 2, 6, rope);
    expect(close(y.subarray(0, 12), x.subarray(0, 12))).toBe(true);
    expect(close(y.subarray(12, 18), [-23, -22, 21, -24, 25, 26])).toBe(true);
    expect(close(y.subarray(18, 24), [-33, -32, 31, -34, 35, 36])).toBe(true);
  });

  it('causal and sliding masks follow masking_utils (window 3)', () => {
    const pattern = (window: number | null): string[] =>
      [0, 1, 2, 3, 4].map((q) =>
        [0, 1, 2, 3, 4].map((k) => (visible(q, k, window) ? 'x' : '.')).join(''),
      );
    expect(pattern(null)).toEqual(['x....', 'xx...', 'xxx..', 'xxxx.', 'xxxxx']);
    expect(pattern(3)).toEqual(['x....', 'xx...', 'xxx..', '.xxx.', '..xxx']);
  });

  it("RMSNorm scales by w, Gemma's by 1 + w", () => {
    // rms of (3, 4) is √12.5.
    const x = Float64Array.of(3, 4);
    const w = Float64Array.of(0, 1);
    const r = Math.sqrt(12.5);
    expect(close(rmsNorm(x, 1, 2, w, 0), [0, 4 / r])).toBe(true);
    expect(close(rmsNorm(x, 1, 2, w, 0, true), [3 / r, 8 / r])).toBe(true);
  });
});

describe('LLM reference models', () => {
  const T = IDS.length;

  it('GQA: query heads read kv head ⌊h / group⌋', () => {
    const config = decoderConfig('llama');
    const tensors = decoderTensors(config, 1);
    // Heads 0 and 1 share kv head 0, heads 2 and 3 share kv head 1: give each pair equal q rows.
    for (const l of [0, 1]) {
      const q = (tensors.get(`model.layers.${l}.self_attn.q_proj.weight`) as RefTensor).data;
      q.copyWithin(2 * D, 0, 2 * D); // head 1 = head 0
      q.copyWithin(6 * D, 4 * D, 6 * D); // head 3 = head 2
    }
    const { attention } = llmReference(config, tensors, IDS);
    for (const layer of attention) {
      expect(close(layer[0] as Float64Array, layer[1] as Float64Array)).toBe(true);
      expect(close(layer[2] as Float64Array, layer[3] as Float64Array)).toBe(true);
      expect(maxDiff(layer[0] as Float64Array, layer[2] as Float64Array)).toBeGreaterThan(1e-3);
    }
  });

  it('every decoder family gives causal softmax rows and finite logits', () => {
    for (const family of ['llama', 'mistral', 'qwen2', 'qwen3', 'gemma2', 'gemma3_text']) {
      const config = decoderConfig(family, { sliding_window: null });
      const { attention, lastLogits } = llmReference(config, decoderTensors(config, 2), IDS);
      expect(attention.length, family).toBe(2);
      for (const layer of attention) {
        expect(layer.length).toBe(4);
        for (const w of layer) expectMasked(w, T, null);
      }
      expect(lastLogits.length).toBe(V);
      expect(lastLogits.every(Number.isFinite), family).toBe(true);
    }
  });

  it('sliding layers: gemma2 alternates (layer 0 slides), qwen2 slides from max_window_layers', () => {
    const gemma = decoderConfig('gemma2', { sliding_window: 2 });
    const g = llmReference(gemma, decoderTensors(gemma, 3), IDS).attention;
    for (const w of g[0] as Float64Array[]) expectMasked(w, T, 2);
    for (const w of g[1] as Float64Array[]) expectMasked(w, T, null);

    const qwen = decoderConfig('qwen2', {
      use_sliding_window: true,
      sliding_window: 3,
      max_window_layers: 1,
    });
    const q = llmReference(qwen, decoderTensors(qwen, 4), IDS).attention;
    for (const w of q[0] as Float64Array[]) expectMasked(w, T, null);
    for (const w of q[1] as Float64Array[]) expectMasked(w, T, 3);
    // Without use_sliding_window the window is ignored.
    const off = llmReference({ ...qwen, use_sliding_window: false }, decoderTensors(qwen, 4), IDS);
    for (const w of off.attention[1] as Float64Array[]) expectMasked(w, T, null);

    // Mistral: every layer slides; explicit layer_types override gemma's default alternation.
    const mistral = decoderConfig('mistral', { sliding_window: 3 });
    for (const layer of llmReference(mistral, decoderTensors(mistral, 5), IDS).attention)
      for (const w of layer) expectMasked(w, T, 3);
    const typed = { ...gemma, layer_types: ['full_attention', 'sliding_attention'] };
    const t = llmReference(typed, decoderTensors(gemma, 3), IDS).attention;
    for (const w of t[0] as Float64Array[]) expectMasked(w, T, null);
    for (const w of t[1] as Float64Array[]) expectMasked(w, T, 2);
  });

  it('mistral without a window and qwen2 with zero biases are llama', () => {
    const llama = decoderConfig('llama');
    const tensors = decoderTensors(llama, 6);
    const base = llmReference(llama, tensors, IDS);
    const mistral = llmReference(
      { ...llama, model_type: 'mistral', sliding_window: null },
      tensors,
      IDS,
    );
    expect(close(mistral.lastLogits, base.lastLogits)).toBe(true);

    // The same weights plus all-zero q, k, v biases.
    const qwen = { ...llama, model_type: 'qwen2' };
    const withBias = new Map(tensors);
    for (const l of [0, 1])
      for (const [proj, n] of [
        ['q', 8],
        ['k', 4],
        ['v', 4],
      ] as const)
        withBias.set(`model.layers.${l}.self_attn.${proj}_proj.bias`, {
          shape: [n],
          data: new Float64Array(n),
        });
    const q = llmReference(qwen, withBias, IDS);
    expect(close(q.lastLogits, base.lastLogits)).toBe(true);
    expect(close(q.attention[1]?.[2] as Float64Array, base.attention[1]?.[2] as Float64Array)).toBe(
      true,
    );
  });

  it("norm placement: llama's post_attention_layernorm feeds the MLP, gemma's wraps the branches", () => {
    // A norm whose effective scale is 0 silences the branch it belongs to, exactly as zeroing
    // that branch's output projection does.
    const silenced = (family: string, norm: string, proj: string): [Float64Array, Float64Array] => {
      const config = decoderConfig(family, { sliding_window: null });
      const tensors = decoderTensors(config, 12);
      const zeroNorm = new Map(tensors);
      const zeroProj = new Map(tensors);
      const scale0 = family === 'llama' ? 0 : -1; // Gemma multiplies by 1 + w
      for (const l of [0, 1]) {
        zeroNorm.set(`model.layers.${l}.${norm}.weight`, {
          shape: [D],
          data: new Float64Array(D).fill(scale0),
        });
        const w = tensors.get(`model.layers.${l}.${proj}.weight`) as RefTensor;
        zeroProj.set(`model.layers.${l}.${proj}.weight`, {
          shape: w.shape,
          data: new Float64Array(w.data.length),
        });
      }
      return [
        llmReference(config, zeroNorm, IDS).lastLogits,
        llmReference(config, zeroProj, IDS).lastLogits,
      ];
    };
    const cases: [string, string, string][] = [
      ['llama', 'post_attention_layernorm', 'mlp.down_proj'],
      ['gemma2', 'post_attention_layernorm', 'self_attn.o_proj'],
      ['gemma2', 'pre_feedforward_layernorm', 'mlp.down_proj'],
      ['gemma3_text', 'post_feedforward_layernorm', 'mlp.down_proj'],
    ];
    for (const [family, norm, proj] of cases) {
      const [a, b] = silenced(family, norm, proj);
      expect(close(a, b, 1e-10), `${family} ${norm}`).toBe(true);
    }
  });

  it('tie_word_embeddings reads the logits off embed_tokens', () => {
    const config = decoderConfig('llama');
    const tensors = decoderTensors(config, 7);
    const untied = llmReference(config, tensors, IDS).lastLogits;
    const tiedTensors = new Map(tensors);
    tiedTensors.delete('lm_head.weight');
    const tied = llmReference(
      { ...config, tie_word_embeddings: true },
      tiedTensors,
      IDS,
    ).lastLogits;
    expect(maxDiff(untied, tied)).toBeGreaterThan(1e-3);
    // Copying the embeddings into lm_head gives the same logits untied.
    const copied = new Map(tensors);
    copied.set('lm_head.weight', tensors.get('model.embed_tokens.weight') as RefTensor);
    expect(close(llmReference(config, copied, IDS).lastLogits, tied)).toBe(true);
  });

  it('final_logit_softcapping bounds the logits; attention softcap changes the weights', () => {
    const config = decoderConfig('gemma2', { sliding_window: null, final_logit_softcapping: null });
    const tensors = decoderTensors(config, 8);
    // Large embeddings make the raw logits large.
    for (const [, t] of tensors) t.data.forEach((v, i, a) => (a[i] = v * 4));
    const raw = llmReference(config, tensors, IDS).lastLogits;
    expect(Math.max(...raw.map(Math.abs))).toBeGreaterThan(1);
    const capped = llmReference({ ...config, final_logit_softcapping: 1 }, tensors, IDS).lastLogits;
    expect(close(capped, raw.map(Math.tanh))).toBe(true);

    const a = llmReference({ ...config, attn_logit_softcapping: null }, tensors, IDS).attention;
    const b = llmReference({ ...config, attn_logit_softcapping: 0.5 }, tensors, IDS).attention;
    expect(maxDiff(a[0]?.[0] as Float64Array, b[0]?.[0] as Float64Array)).toBeGreaterThan(1e-3);
  });

  it('gemma3: sliding layers rotate with rope_local_base_freq, full layers with rope_theta', () => {
    const run = (layerType: string, extra: Config): Float64Array => {
      const config = decoderConfig('gemma3_text', {
        num_hidden_layers: 1,
        head_dim: 4,
        num_attention_heads: 2,
        num_key_value_heads: 1,
        layer_types: [layerType],
        sliding_window: 100,
        ...extra,
      });
      return llmReference(config, decoderTensors(config, 9), IDS).attention[0]?.[0] as Float64Array;
    };
    for (const layerType of ['sliding_attention', 'full_attention']) {
      const base = run(layerType, { rope_theta: 10000, rope_local_base_freq: 10000 });
      const global = run(layerType, { rope_theta: 3, rope_local_base_freq: 10000 });
      const local = run(layerType, { rope_theta: 10000, rope_local_base_freq: 3 });
      const sliding = layerType === 'sliding_attention';
      expect(close(base, sliding ? global : local), layerType).toBe(true);
      expect(maxDiff(base, sliding ? local : global), layerType).toBeGreaterThan(1e-4);
    }
    // rope_scaling applies to the full layers only.
    const linear = { rope_scaling: { rope_type: 'linear', factor: 4 } };
    expect(close(run('sliding_attention', {}), run('sliding_attention', linear))).toBe(true);
    expect(maxDiff(run('full_attention', {}), run('full_attention', linear))).toBeGreaterThan(1e-4);
  });

  it('qwen3 and gemma3 normalize q per head with q_norm', () => {
    // A zero q_norm (Gemma: w = −1) zeroes every query, so every head attends uniformly.
    const T = IDS.length;
    const uniform = Float64Array.from({ length: T * T }, (_, k) =>
      k % T <= Math.floor(k / T) ? 1 / (Math.floor(k / T) + 1) : 0,
    );
    for (const [family, zero] of [
      ['qwen3', 0],
      ['gemma3_text', -1],
    ] as const) {
      const config = decoderConfig(family, { sliding_window: null });
      const tensors = decoderTensors(config, 13);
      const before = llmReference(config, tensors, IDS).attention[1]?.[3] as Float64Array;
      expect(maxDiff(before, uniform), family).toBeGreaterThan(1e-3);
      for (const l of [0, 1])
        (tensors.get(`model.layers.${l}.self_attn.q_norm.weight`) as RefTensor).data.fill(zero);
      for (const layer of llmReference(config, tensors, IDS).attention)
        for (const w of layer) expect(close(w, uniform), family).toBe(true);
    }
  });

  it('reports a missing tensor or a wrong shape by name', () => {
    const config = decoderConfig('qwen3');
    const tensors = decoderTensors(config, 10);
    const missing = new Map(tensors);
    missing.delete('model.layers.1.self_attn.k_norm.weight');
    expect(() => llmReference(config, missing, IDS)).toThrow(
      'no tensor model.layers.1.self_attn.k_norm.weight',
    );
    const wrong = new Map(tensors);
    wrong.set('model.norm.weight', { shape: [D + 1], data: new Float64Array(D + 1) });
    expect(() => llmReference(config, wrong, IDS)).toThrow('model.norm.weight is 9, expected 8');
    expect(() => llmReference({ ...config, model_type: 'phi' }, tensors, IDS)).toThrow(/phi/);
  });
});

describe('LLM reference: gpt_neox', () => {
  const H = 2;
  const dh = D / H;
  function neox(extra: Config = {}) {
    const config: Config = {
      model_type: 'gpt_neox',
      vocab_size: V,
      hidden_size: D,
      intermediate_size: FF,
      num_hidden_layers: 1,
      num_attention_heads: H,
      rotary_pct: 0.5,
      rotary_emb_base: 10000,
      layer_norm_eps: 1e-5,
      hidden_act: 'gelu',
      use_parallel_residual: true,
      ...extra,
    };
    const p = 'gpt_neox.layers.0.';
    const tensors = randomTensors(
      [
        ['gpt_neox.embed_in.weight', [V, D]],
        ['gpt_neox.final_layer_norm.weight', [D]],
        ['gpt_neox.final_layer_norm.bias', [D]],
        ['embed_out.weight', [V, D]],
        [`${p}input_layernorm.weight`, [D]],
        [`${p}input_layernorm.bias`, [D]],
        [`${p}post_attention_layernorm.weight`, [D]],
        [`${p}post_attention_layernorm.bias`, [D]],
        [`${p}attention.query_key_value.weight`, [3 * D, D]],
        [`${p}attention.query_key_value.bias`, [3 * D]],
        [`${p}attention.dense.weight`, [D, D]],
        [`${p}attention.dense.bias`, [D]],
        [`${p}mlp.dense_h_to_4h.weight`, [FF, D]],
        [`${p}mlp.dense_h_to_4h.bias`, [FF]],
        [`${p}mlp.dense_4h_to_h.weight`, [D, FF]],
        [`${p}mlp.dense_4h_to_h.bias`, [D]],
      ],
      11,
    );
    return { config, tensors };
  }

  it('reads query_key_value per head: rows head·3·dh + part·dh + c', () => {
    const { config, tensors } = neox();
    // Zero head 0's key rows (part 1 of head 0's block): its scores are all 0, so its causal
    // weights are uniform, 1/(i + 1). In a [part][head] layout these rows would be head 1's query.
    const w = (tensors.get('gpt_neox.layers.0.attention.query_key_value.weight') as RefTensor).data;
    const b = (tensors.get('gpt_neox.layers.0.attention.query_key_value.bias') as RefTensor).data;
    w.fill(0, dh * D, 2 * dh * D);
    b.fill(0, dh, 2 * dh);
    const [head0, head1] = llmReference(config, tensors, IDS).attention[0] as Float64Array[];
    const T = IDS.length;
    const uniform = Float64Array.from({ length: T * T }, (_, k) =>
      k % T <= Math.floor(k / T) ? 1 / (Math.floor(k / T) + 1) : 0,
    );
    expect(close(head0 as Float64Array, uniform)).toBe(true);
    expect(maxDiff(head1 as Float64Array, uniform)).toBeGreaterThan(1e-3);
    expectMasked(head1 as Float64Array, T, null);
  });

  it('parallel and sequential residuals differ; rotary_pct changes the scores', () => {
    const { config, tensors } = neox();
    const parallel = llmReference(config, tensors, IDS);
    const sequential = llmReference({ ...config, use_parallel_residual: false }, tensors, IDS);
    expect(
      close(
        parallel.attention[0]?.[0] as Float64Array,
        sequential.attention[0]?.[0] as Float64Array,
      ),
    ).toBe(true);
    expect(maxDiff(parallel.lastLogits, sequential.lastLogits)).toBeGreaterThan(1e-4);
    const fullRotary = llmReference({ ...config, rotary_pct: 1 }, tensors, IDS);
    expect(
      maxDiff(
        parallel.attention[0]?.[0] as Float64Array,
        fullRotary.attention[0]?.[0] as Float64Array,
      ),
    ).toBeGreaterThan(1e-4);
    // Without attention_bias the qkv and dense biases are not read.
    const noBias = new Map(tensors);
    noBias.delete('gpt_neox.layers.0.attention.query_key_value.bias');
    noBias.delete('gpt_neox.layers.0.attention.dense.bias');
    expect(llmReference({ ...config, attention_bias: false }, noBias, IDS).lastLogits.length).toBe(
      V,
    );
  });
});
