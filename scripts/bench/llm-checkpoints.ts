/**
 * Random checkpoints in their Hub layouts for the benchmarks: decoder LMs (SmolLM2-135M and
 * Qwen2.5-0.5B dimensions, BF16 safetensors) for llm.ts and hub-load.ts, and bert-base-uncased
 * (F32) for checkpoint.ts and hub-load.ts.
 */
import type { TransformerConfig } from '../../src/engine/index.ts';
import { headSizeOf, kvHeadsOf } from '../../src/engine/schema.ts';
import { mulberry32 } from '../../src/lib/random.ts';

export const MODELS: Record<string, Record<string, unknown>> = {
  // HuggingFaceTB/SmolLM2-135M's config.json (the keys that shape the model).
  smollm2: {
    model_type: 'llama',
    hidden_size: 576,
    intermediate_size: 1536,
    num_attention_heads: 9,
    num_key_value_heads: 3,
    num_hidden_layers: 30,
    vocab_size: 49152,
    max_position_embeddings: 8192,
    rms_norm_eps: 1e-5,
    rope_theta: 100000,
    tie_word_embeddings: true,
  },
  // Qwen/Qwen2.5-0.5B's config.json.
  'qwen2.5': {
    model_type: 'qwen2',
    hidden_size: 896,
    intermediate_size: 4864,
    num_attention_heads: 14,
    num_key_value_heads: 2,
    num_hidden_layers: 24,
    vocab_size: 151936,
    max_position_embeddings: 32768,
    rms_norm_eps: 1e-6,
    rope_theta: 1000000,
    tie_word_embeddings: true,
  },
};

export interface Entry {
  name: string;
  shape: number[];
}

/** The checkpoint's tensors (Hub names, nn.Linear [out][in]), tied embeddings. */
export function tensorList(c: TransformerConfig, qkvBias: boolean): Entry[] {
  const d = c.dModel;
  const q = c.numHeads * headSizeOf(c);
  const kv = kvHeadsOf(c) * headSizeOf(c);
  const out: Entry[] = [{ name: 'model.embed_tokens.weight', shape: [c.vocabSize, d] }];
  for (let l = 0; l < c.numLayers; l++) {
    const p = `model.layers.${l}`;
    out.push(
      { name: `${p}.input_layernorm.weight`, shape: [d] },
      { name: `${p}.self_attn.q_proj.weight`, shape: [q, d] },
      { name: `${p}.self_attn.k_proj.weight`, shape: [kv, d] },
      { name: `${p}.self_attn.v_proj.weight`, shape: [kv, d] },
      { name: `${p}.self_attn.o_proj.weight`, shape: [d, q] },
      { name: `${p}.post_attention_layernorm.weight`, shape: [d] },
      { name: `${p}.mlp.gate_proj.weight`, shape: [c.dFF, d] },
      { name: `${p}.mlp.up_proj.weight`, shape: [c.dFF, d] },
      { name: `${p}.mlp.down_proj.weight`, shape: [d, c.dFF] },
    );
    if (qkvBias)
      out.push(
        { name: `${p}.self_attn.q_proj.bias`, shape: [q] },
        { name: `${p}.self_attn.k_proj.bias`, shape: [kv] },
        { name: `${p}.self_attn.v_proj.bias`, shape: [kv] },
      );
  }
  out.push({ name: 'model.norm.weight', shape: [d] });
  return out;
}

/** A BF16 safetensors file of random weights (norm weights 1), written straight as bits. */
export function bf16Checkpoint(entries: Entry[]): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const e of entries) {
    const bytes = e.shape.reduce((a, b) => a * b, 1) * 2;
    header[e.name] = { dtype: 'BF16', shape: e.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + json.length) % 8)) % 8);
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(new TextEncoder().encode(json), 8);
  const halves = new Uint16Array(out.buffer, 8 + json.length, offset / 2);
  const rand = mulberry32(11);
  const f = new Float32Array(1);
  const bits = new Uint32Array(f.buffer);
  let i = 0;
  for (const e of entries) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const norm = e.name.endsWith('norm.weight');
    for (let k = 0; k < n; k++, i++) {
      f[0] = norm ? 1 : (rand() - 0.5) * 0.06;
      halves[i] = bits[0]! >>> 16;
    }
  }
  return out;
}

/** bert-base-uncased's config.json (the keys that shape the model). */
export const BERT_BASE_CONFIG = {
  model_type: 'bert',
  architectures: ['BertModel'],
  vocab_size: 30522,
  hidden_size: 768,
  num_hidden_layers: 12,
  num_attention_heads: 12,
  intermediate_size: 3072,
  hidden_act: 'gelu',
  max_position_embeddings: 512,
  type_vocab_size: 2,
  layer_norm_eps: 1e-12,
};

/**
 * bert-base-uncased's tensors with random F32 weights (norm weights 1), the `bert.` names and
 * nn.Linear [out][in] layouts; `heads` adds the pooler, the MLM head (decoder tied) and NSP, as
 * the Hub's file has them.
 */
export function bertBaseTensors(
  heads = false,
): { name: string; shape: number[]; data: Float32Array }[] {
  const rand = mulberry32(5);
  const out: { name: string; shape: number[]; data: Float32Array }[] = [];
  const add = (name: string, shape: number[], ones = false): void => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = ones ? 1 : (rand() - 0.5) * 0.04;
    out.push({ name, shape, data });
  };
  const d = 768;
  const f = 3072;
  const e = 'bert.embeddings';
  add(`${e}.word_embeddings.weight`, [30522, d]);
  add(`${e}.position_embeddings.weight`, [512, d]);
  add(`${e}.token_type_embeddings.weight`, [2, d]);
  add(`${e}.LayerNorm.weight`, [d], true);
  add(`${e}.LayerNorm.bias`, [d]);
  for (let l = 0; l < 12; l++) {
    const p = `bert.encoder.layer.${l}`;
    for (const m of ['query', 'key', 'value']) {
      add(`${p}.attention.self.${m}.weight`, [d, d]);
      add(`${p}.attention.self.${m}.bias`, [d]);
    }
    add(`${p}.attention.output.dense.weight`, [d, d]);
    add(`${p}.attention.output.dense.bias`, [d]);
    add(`${p}.attention.output.LayerNorm.weight`, [d], true);
    add(`${p}.attention.output.LayerNorm.bias`, [d]);
    add(`${p}.intermediate.dense.weight`, [f, d]);
    add(`${p}.intermediate.dense.bias`, [f]);
    add(`${p}.output.dense.weight`, [d, f]);
    add(`${p}.output.dense.bias`, [d]);
    add(`${p}.output.LayerNorm.weight`, [d], true);
    add(`${p}.output.LayerNorm.bias`, [d]);
  }
  if (!heads) return out;
  add('bert.pooler.dense.weight', [d, d]);
  add('bert.pooler.dense.bias', [d]);
  add('cls.predictions.bias', [30522]);
  add('cls.predictions.transform.dense.weight', [d, d]);
  add('cls.predictions.transform.dense.bias', [d]);
  add('cls.predictions.transform.LayerNorm.weight', [d], true);
  add('cls.predictions.transform.LayerNorm.bias', [d]);
  add('cls.seq_relationship.weight', [2, d]);
  add('cls.seq_relationship.bias', [2]);
  return out;
}
