/**
 * Tensor name maps of today's decoder LMs → the engine's weights (src/engine/weights.ts), one per
 * layout family, from the modeling code in `transformers`:
 *
 *   llama (Llama, Qwen2/3, Mistral), names under `model.`:
 *     embed_tokens → embed.tokens; layers.i.self_attn.{q,k,v,o}_proj → decoder.i.self.w{q,k,v,o}
 *     (nn.Linear [out][in] → [in][out]); q_norm/k_norm → self.qnorm/knorm (Qwen3);
 *     input_layernorm → ln1; post_attention_layernorm → ln2 (the norm BEFORE the MLP);
 *     mlp.gate_proj → ffn.w1, up_proj → ffn.w3, down_proj → ffn.w2; norm → decoder.lnf;
 *     lm_head (no prefix, [V][d] kept as stored) → lm.head unless tied.
 *   gemma (Gemma 2, Gemma 3 text): the same, except that post_attention_layernorm is applied to
 *     the attention OUTPUT (→ lnPostAttn), pre_feedforward_layernorm → ln2 and
 *     post_feedforward_layernorm → lnPostFfn; every RMSNorm multiplies by (1 + w), so 1 is added
 *     to each norm weight here and the engine's plain RMSNorm computes the same.
 *   gpt_neox (Pythia), names under `gpt_neox.`: embed_in → embed.tokens; layers.i.input_layernorm
 *     → ln1, post_attention_layernorm → ln2 (LayerNorms with bias); attention.query_key_value is
 *     fused PER HEAD: output row h·3·dh + part·dh + c (part 0 q, 1 k, 2 v); attention.dense → wo;
 *     mlp.dense_h_to_4h → ffn.w1, mlp.dense_4h_to_h → ffn.w2; final_layer_norm → decoder.lnf;
 *     embed_out (no prefix) → lm.head.
 * Biases a checkpoint does not carry are zeros in the engine (see `zeroBiases`).
 */
import { headSizeOf, kvHeadsOf } from '../../engine/schema';
import type { TransformerConfig } from '../../engine/types';
import { floatValues, type NamedArray } from '../../engine/weights';
import type { LlmFamily } from './llm-config';
import { copy, linear, type Rule } from './rules';

export interface LlmBiases {
  qkv: boolean;
  o: boolean;
  mlp: boolean;
}

/** Gemma's RMSNorm weight w, used as (1 + w): stored here as 1 + w. */
const plusOne = (target: string, n: number): Rule => ({
  shape: [n],
  targets: [target],
  convert: (data) => [[target, { shape: [n], data: floatValues(data).map((w) => 1 + w) }]],
});

/**
 * GPT-NeoX's fused query_key_value, [H·3·dh][d] (or [H·3·dh] for the bias) with rows grouped per
 * head → engine wq, wk, wv [d][H·dh] (or bq, bk, bv [H·dh]).
 */
const neoxQkv = (prefix: string, heads: number, dh: number, d: number, bias: boolean): Rule => ({
  shape: bias ? [heads * 3 * dh] : [heads * 3 * dh, d],
  targets: ['q', 'k', 'v'].map((part) => `${prefix}.${bias ? 'b' : 'w'}${part}`),
  convert: (values) => {
    const data = floatValues(values);
    const parts = ['q', 'k', 'v'] as const;
    const width = bias ? 1 : d;
    return parts.map((part, p): [string, NamedArray] => {
      // Rows of this part, head after head: [H·dh][width].
      const rows = new Float32Array(heads * dh * width);
      for (let h = 0; h < heads; h++)
        for (let c = 0; c < dh; c++) {
          const from = ((h * 3 + p) * dh + c) * width;
          rows.set(data.subarray(from, from + width), (h * dh + c) * width);
        }
      return bias
        ? [`${prefix}.b${part}`, { shape: [heads * dh], data: rows }]
        : [`${prefix}.w${part}`, { shape: [d, heads * dh], data: rows, transposed: true }];
    });
  },
});

/** Every checkpoint tensor (name without the model prefix) a decoder LM needs. */
export function llmTensorRules(
  family: LlmFamily,
  config: TransformerConfig,
  biases: LlmBiases,
): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  const d = config.dModel;
  const f = config.dFF;
  const H = config.numHeads;
  const dh = headSizeOf(config);
  const kv = kvHeadsOf(config) * dh;
  const q = H * dh;
  const head = config.lmHead === 'separate';

  if (family === 'gpt_neox') {
    rules.set('embed_in.weight', copy('embed.tokens', [config.vocabSize, d]));
    const norm = (hf: string, engine: string): void => {
      rules.set(`${hf}.weight`, copy(`${engine}.gamma`, [d]));
      rules.set(`${hf}.bias`, copy(`${engine}.beta`, [d]));
    };
    for (let i = 0; i < config.numLayers; i++) {
      const l = `layers.${i}`;
      const e = `decoder.${i}`;
      norm(`${l}.input_layernorm`, `${e}.ln1`);
      norm(`${l}.post_attention_layernorm`, `${e}.ln2`);
      rules.set(`${l}.attention.query_key_value.weight`, neoxQkv(`${e}.self`, H, dh, d, false));
      if (biases.qkv)
        rules.set(`${l}.attention.query_key_value.bias`, neoxQkv(`${e}.self`, H, dh, d, true));
      rules.set(`${l}.attention.dense.weight`, linear(`${e}.self.wo`, d, q));
      if (biases.o) rules.set(`${l}.attention.dense.bias`, copy(`${e}.self.bo`, [d]));
      rules.set(`${l}.mlp.dense_h_to_4h.weight`, linear(`${e}.ffn.w1`, f, d));
      rules.set(`${l}.mlp.dense_h_to_4h.bias`, copy(`${e}.ffn.b1`, [f]));
      rules.set(`${l}.mlp.dense_4h_to_h.weight`, linear(`${e}.ffn.w2`, d, f));
      rules.set(`${l}.mlp.dense_4h_to_h.bias`, copy(`${e}.ffn.b2`, [d]));
    }
    norm('final_layer_norm', 'decoder.lnf');
    if (head) rules.set('embed_out.weight', copy('lm.head', [config.vocabSize, d]));
    return rules;
  }

  const gemma = family === 'gemma';
  const norm = (hf: string, engine: string, n = d): void => {
    rules.set(`${hf}.weight`, gemma ? plusOne(`${engine}.gamma`, n) : copy(`${engine}.gamma`, [n]));
  };
  /** nn.Linear `hf` → engine `{prefix}.w{part}` (and `.b{part}` when the checkpoint has a bias). */
  const proj = (
    hf: string,
    prefix: string,
    part: string,
    out: number,
    inp: number,
    bias: boolean,
  ): void => {
    rules.set(`${hf}.weight`, linear(`${prefix}.w${part}`, out, inp));
    if (bias) rules.set(`${hf}.bias`, copy(`${prefix}.b${part}`, [out]));
  };
  rules.set('embed_tokens.weight', copy('embed.tokens', [config.vocabSize, d]));
  for (let i = 0; i < config.numLayers; i++) {
    const l = `layers.${i}`;
    const e = `decoder.${i}`;
    proj(`${l}.self_attn.q_proj`, `${e}.self`, 'q', q, d, biases.qkv);
    proj(`${l}.self_attn.k_proj`, `${e}.self`, 'k', kv, d, biases.qkv);
    proj(`${l}.self_attn.v_proj`, `${e}.self`, 'v', kv, d, biases.qkv);
    proj(`${l}.self_attn.o_proj`, `${e}.self`, 'o', d, q, biases.o);
    if (config.qkNorm) {
      norm(`${l}.self_attn.q_norm`, `${e}.self.qnorm`, dh);
      norm(`${l}.self_attn.k_norm`, `${e}.self.knorm`, dh);
    }
    proj(`${l}.mlp.gate_proj`, `${e}.ffn`, '1', f, d, biases.mlp);
    proj(`${l}.mlp.up_proj`, `${e}.ffn`, '3', f, d, biases.mlp);
    proj(`${l}.mlp.down_proj`, `${e}.ffn`, '2', d, f, biases.mlp);
    norm(`${l}.input_layernorm`, `${e}.ln1`);
    if (gemma) {
      norm(`${l}.post_attention_layernorm`, `${e}.lnPostAttn`);
      norm(`${l}.pre_feedforward_layernorm`, `${e}.ln2`);
      norm(`${l}.post_feedforward_layernorm`, `${e}.lnPostFfn`);
    } else {
      norm(`${l}.post_attention_layernorm`, `${e}.ln2`);
    }
  }
  norm('norm', 'decoder.lnf');
  if (head) rules.set('lm_head.weight', copy('lm.head', [config.vocabSize, d]));
  // q/k norms are plain vectors in the engine (`self.qnorm`), not norm blocks with a gamma.
  for (const [name, rule] of rules) {
    if (!/self_attn\.[qk]_norm\.weight$/.test(name)) continue;
    rules.set(name, {
      shape: rule.shape,
      targets: rule.targets.map((t) => t.replace(/\.gamma$/, '')),
      convert: (data) => rule.convert(data).map(([t, a]) => [t.replace(/\.gamma$/, ''), a]),
    });
  }
  return rules;
}

/** Engine bias names a decoder LM's checkpoint may lack: those are zeros. */
export const ZERO_FILLED_BIAS = /^decoder\.\d+\.(self\.b[qkvo]|ffn\.b[123])$/;

/** Buffers these checkpoints may carry that are not weights (rotary tables, mask buffers). */
export const LLM_IGNORED: readonly RegExp[] = [
  /(^|\.)rotary_emb\.inv_freq$/,
  /^layers\.\d+\.attention\.(masked_)?bias$/,
  /^layers\.\d+\.self_attn\.rotary_emb\./,
  /^embed_out\./, // a tied GPT-NeoX checkpoint may still carry its output matrix
];
