/**
 * An independent float64 reference of the Hugging Face models themselves (BertModel, RobertaModel,
 * DistilBertModel, GPT2Model, eval mode), written as plain loops DIRECTLY over the checkpoint's
 * tensor names and layouts, and over config.json's own keys. It uses none of the loader's name
 * map or config table, so comparing the engine (fed by the loader) with it tests those too.
 *
 * Written from the models' published definitions:
 *   BERT:  e = word[id] + position[t] + token_type[type];  x = LN(e)
 *          per layer: a = softmax(q kᵀ/√dh) v (per head), x = LN(x + a·Woᵀ + bo),
 *          x = LN(x + act(x·W1ᵀ + b1)·W2ᵀ + b2)           (nn.Linear: y = x·Wᵀ + b, W [out][in])
 *   RoBERTa: BERT with position ids = padding_idx + cumsum(id ≠ pad) (pads keep padding_idx).
 *   DistilBERT: BERT without token types; q_lin/k_lin/v_lin/out_lin, sa_layer_norm, ffn.lin1/2,
 *          output_layer_norm; LayerNorm eps 1e-12.
 *   GPT-2: x = wte[id] + wpe[t]; per layer: h = ln_1(x); [q|k|v] = h·c_attn + b (Conv1D: W [in][out]),
 *          causal softmax(q kᵀ/√dh) v, x = x + a·c_proj + b; x = x + c_proj(gelu_new(c_fc(ln_2(x)))).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readSafetensors } from '../../../src/loader/safetensors';
import { refErf } from '../reference/reference';

export interface RefTensor {
  shape: number[];
  data: Float64Array;
}

/** Every tensor of a checkpoint folder (one file or every shard), as float64. */
export function readCheckpoint(dir: string): Map<string, RefTensor> {
  const out = new Map<string, RefTensor>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.safetensors'))
    .sort()) {
    const st = readSafetensors(new Uint8Array(readFileSync(path.join(dir, file))), file);
    for (const e of st.entries)
      out.set(e.name, { shape: e.shape, data: Float64Array.from(st.float32(e.name)) });
  }
  return out;
}

export function readConfig(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
}

const num = (config: Record<string, unknown>, key: string): number => {
  const v = config[key];
  if (typeof v !== 'number') throw new Error(`reference: config ${key} is not a number`);
  return v;
};

/** Looks a tensor up by its base-model name: with or without the task prefix, gamma/beta too. */
function lookup(tensors: Map<string, RefTensor>, prefix: string) {
  return (name: string, shape: number[]): Float64Array => {
    const candidates = [prefix + name, name];
    if (name.endsWith('LayerNorm.weight'))
      candidates.push(...candidates.map((c) => c.replace(/weight$/, 'gamma')));
    if (name.endsWith('LayerNorm.bias'))
      candidates.push(...candidates.map((c) => c.replace(/bias$/, 'beta')));
    for (const c of candidates) {
      const t = tensors.get(c);
      if (!t) continue;
      if (t.shape.join('x') !== shape.join('x'))
        throw new Error(`reference: ${c} is ${t.shape.join('x')}, expected ${shape.join('x')}`);
      return t.data;
    }
    throw new Error(`reference: no tensor ${prefix}${name}`);
  };
}

// ---- scalar and row helpers (T rows of width n, row-major Float64Array) ----

const geluExact = (x: number): number => 0.5 * x * (1 + refErf(x / Math.SQRT2));
const geluTanh = (x: number): number =>
  0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
const relu = (x: number): number => Math.max(0, x);

function activation(name: unknown): (x: number) => number {
  if (name === 'gelu') return geluExact;
  if (name === 'gelu_new' || name === 'gelu_pytorch_tanh') return geluTanh;
  if (name === 'relu') return relu;
  throw new Error(`reference: activation ${String(name)}`);
}

/** nn.Linear: y[t][o] = Σ_i x[t][i]·W[o][i] + b[o]; W is [out][in]. */
function linear(
  x: Float64Array,
  rows: number,
  inp: number,
  w: Float64Array,
  b: Float64Array,
  out: number,
): Float64Array {
  const y = new Float64Array(rows * out);
  for (let t = 0; t < rows; t++)
    for (let o = 0; o < out; o++) {
      let s = b[o] as number;
      for (let i = 0; i < inp; i++) s += (x[t * inp + i] as number) * (w[o * inp + i] as number);
      y[t * out + o] = s;
    }
  return y;
}

/** GPT-2 Conv1D: y[t][o] = Σ_i x[t][i]·W[i][o] + b[o]; W is [in][out]. */
function conv1d(
  x: Float64Array,
  rows: number,
  inp: number,
  w: Float64Array,
  b: Float64Array,
  out: number,
): Float64Array {
  const y = new Float64Array(rows * out);
  for (let t = 0; t < rows; t++)
    for (let o = 0; o < out; o++) {
      let s = b[o] as number;
      for (let i = 0; i < inp; i++) s += (x[t * inp + i] as number) * (w[i * out + o] as number);
      y[t * out + o] = s;
    }
  return y;
}

/** nn.LayerNorm with weight and bias (biased variance, as torch). */
export function layerNorm(
  x: Float64Array,
  rows: number,
  n: number,
  g: Float64Array,
  b: Float64Array,
  eps: number,
): Float64Array {
  const y = new Float64Array(rows * n);
  for (let t = 0; t < rows; t++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[t * n + i] as number;
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((x[t * n + i] as number) - mean) ** 2;
    v /= n;
    const inv = 1 / Math.sqrt(v + eps);
    for (let i = 0; i < n; i++)
      y[t * n + i] = ((x[t * n + i] as number) - mean) * inv * (g[i] as number) + (b[i] as number);
  }
  return y;
}

const add = (a: Float64Array, b: Float64Array): Float64Array =>
  a.map((v, i) => v + (b[i] as number));

/**
 * Multi-head attention over projected q, k, v ([T][d] each, heads side by side). Returns the
 * per-head weights [H][T][T] and the concatenated context [T][d].
 */
function attention(
  q: Float64Array,
  k: Float64Array,
  v: Float64Array,
  T: number,
  d: number,
  H: number,
  causal: boolean,
): { weights: Float64Array[]; context: Float64Array } {
  const dh = d / H;
  const context = new Float64Array(T * d);
  const weights: Float64Array[] = [];
  for (let h = 0; h < H; h++) {
    const w = new Float64Array(T * T);
    for (let i = 0; i < T; i++) {
      let max = -Infinity;
      const s = new Float64Array(T);
      for (let j = 0; j < T; j++) {
        if (causal && j > i) {
          s[j] = -Infinity;
          continue;
        }
        let dot = 0;
        for (let c = 0; c < dh; c++)
          dot += (q[i * d + h * dh + c] as number) * (k[j * d + h * dh + c] as number);
        s[j] = dot / Math.sqrt(dh);
        max = Math.max(max, s[j] as number);
      }
      let sum = 0;
      for (let j = 0; j < T; j++) {
        const e = s[j] === -Infinity ? 0 : Math.exp((s[j] as number) - max);
        w[i * T + j] = e;
        sum += e;
      }
      for (let j = 0; j < T; j++) w[i * T + j] = (w[i * T + j] as number) / sum;
      for (let c = 0; c < dh; c++) {
        let acc = 0;
        for (let j = 0; j < T; j++)
          acc += (w[i * T + j] as number) * (v[j * d + h * dh + c] as number);
        context[i * d + h * dh + c] = acc;
      }
    }
    weights.push(w);
  }
  return { weights, context };
}

export type RefFamily = 'bert' | 'roberta' | 'distilbert' | 'gpt2';

/** Attention weights of every layer and head: result[layer][head] is [T][T], row-major. */
export function hfReferenceAttention(
  family: RefFamily,
  config: Record<string, unknown>,
  tensors: Map<string, RefTensor>,
  ids: number[],
  tokenTypeIds?: number[],
): Float64Array[][] {
  return hfReferenceForward(family, config, tensors, ids, tokenTypeIds).attention;
}

/**
 * The masked-LM logits of the row at `position` (BertForMaskedLM, RobertaForMaskedLM,
 * DistilBertForMaskedLM): LN(act(h·Wᵀ + b))·Eᵀ + bias, E the word embeddings (tied decoder),
 * from `cls.predictions.*`, `lm_head.*` or `vocab_transform` / `vocab_layer_norm` /
 * `vocab_projector`; act is the config's (RoBERTa's lm_head: exact GELU).
 */
export function hfReferenceMlmLogits(
  family: Exclude<RefFamily, 'gpt2'>,
  config: Record<string, unknown>,
  tensors: Map<string, RefTensor>,
  ids: number[],
  position: number,
  tokenTypeIds?: number[],
): Float64Array {
  const { hidden } = hfReferenceForward(family, config, tensors, ids, tokenTypeIds);
  const distil = family === 'distilbert';
  const d = num(config, distil ? 'dim' : 'hidden_size');
  const V = num(config, 'vocab_size');
  const eps = distil ? 1e-12 : num(config, 'layer_norm_eps');
  const get = lookup(tensors, `${family}.`);
  const names =
    family === 'bert'
      ? [
          'cls.predictions.transform.dense',
          'cls.predictions.transform.LayerNorm',
          'cls.predictions.bias',
        ]
      : family === 'roberta'
        ? ['lm_head.dense', 'lm_head.layer_norm', 'lm_head.bias']
        : ['vocab_transform', 'vocab_layer_norm', 'vocab_projector.bias'];
  const [dense, norm, biasName] = names as [string, string, string];
  const act =
    family === 'roberta' ? geluExact : activation(distil ? config.activation : config.hidden_act);
  const row = hidden.slice(position * d, (position + 1) * d);
  const h = linear(row, 1, d, get(`${dense}.weight`, [d, d]), get(`${dense}.bias`, [d]), d).map(
    act,
  );
  const normed = layerNorm(h, 1, d, get(`${norm}.weight`, [d]), get(`${norm}.bias`, [d]), eps);
  const word = get('embeddings.word_embeddings.weight', [V, d]);
  const bias = get(biasName, [V]);
  const logits = new Float64Array(V);
  for (let v = 0; v < V; v++) {
    let s = bias[v] as number;
    for (let i = 0; i < d; i++) s += (normed[i] as number) * (word[v * d + i] as number);
    logits[v] = s;
  }
  return logits;
}

/** The forward of hfReferenceAttention, with the final hidden states [T][d] too (GPT-2: before ln_f). */
export function hfReferenceForward(
  family: RefFamily,
  config: Record<string, unknown>,
  tensors: Map<string, RefTensor>,
  ids: number[],
  tokenTypeIds?: number[],
): { attention: Float64Array[][]; hidden: Float64Array } {
  const T = ids.length;
  const out: Float64Array[][] = [];
  if (family === 'gpt2') {
    const d = num(config, 'n_embd');
    const H = num(config, 'n_head');
    const L = num(config, 'n_layer');
    const V = num(config, 'vocab_size');
    const P = num(config, 'n_positions');
    const ff =
      config.n_inner === null || config.n_inner === undefined ? 4 * d : num(config, 'n_inner');
    const eps = num(config, 'layer_norm_epsilon');
    const act = activation(config.activation_function);
    const get = lookup(tensors, 'transformer.');
    const wte = get('wte.weight', [V, d]);
    const wpe = get('wpe.weight', [P, d]);
    let x: Float64Array = new Float64Array(T * d);
    for (let t = 0; t < T; t++)
      for (let i = 0; i < d; i++)
        x[t * d + i] = (wte[(ids[t] as number) * d + i] as number) + (wpe[t * d + i] as number);
    for (let l = 0; l < L; l++) {
      const p = `h.${l}.`;
      const h1 = layerNorm(x, T, d, get(`${p}ln_1.weight`, [d]), get(`${p}ln_1.bias`, [d]), eps);
      const qkv = conv1d(
        h1,
        T,
        d,
        get(`${p}attn.c_attn.weight`, [d, 3 * d]),
        get(`${p}attn.c_attn.bias`, [3 * d]),
        3 * d,
      );
      const part = (which: number): Float64Array => {
        const m = new Float64Array(T * d);
        for (let t = 0; t < T; t++)
          for (let i = 0; i < d; i++) m[t * d + i] = qkv[t * 3 * d + which * d + i] as number;
        return m;
      };
      const { weights, context } = attention(part(0), part(1), part(2), T, d, H, true);
      out.push(weights);
      x = add(
        x,
        conv1d(
          context,
          T,
          d,
          get(`${p}attn.c_proj.weight`, [d, d]),
          get(`${p}attn.c_proj.bias`, [d]),
          d,
        ),
      );
      const h2 = layerNorm(x, T, d, get(`${p}ln_2.weight`, [d]), get(`${p}ln_2.bias`, [d]), eps);
      const inner = conv1d(
        h2,
        T,
        d,
        get(`${p}mlp.c_fc.weight`, [d, ff]),
        get(`${p}mlp.c_fc.bias`, [ff]),
        ff,
      ).map(act);
      x = add(
        x,
        conv1d(
          inner,
          T,
          ff,
          get(`${p}mlp.c_proj.weight`, [ff, d]),
          get(`${p}mlp.c_proj.bias`, [d]),
          d,
        ),
      );
    }
    return { attention: out, hidden: x };
  }

  const distil = family === 'distilbert';
  const d = num(config, distil ? 'dim' : 'hidden_size');
  const H = num(config, distil ? 'n_heads' : 'num_attention_heads');
  const L = num(config, distil ? 'n_layers' : 'num_hidden_layers');
  const ff = num(config, distil ? 'hidden_dim' : 'intermediate_size');
  const V = num(config, 'vocab_size');
  const P = num(config, 'max_position_embeddings');
  const eps = distil ? 1e-12 : num(config, 'layer_norm_eps');
  const act = activation(distil ? config.activation : config.hidden_act);
  const get = lookup(tensors, `${family}.`);

  // Position ids: 0..T-1, or RoBERTa's padding-aware numbering.
  let positions = ids.map((_, t) => t);
  if (family === 'roberta') {
    const pad = num(config, 'pad_token_id');
    let count = 0;
    positions = ids.map((id) => (id === pad ? pad : pad + ++count));
  }
  const word = get('embeddings.word_embeddings.weight', [V, d]);
  const pos = get('embeddings.position_embeddings.weight', [P, d]);
  const typeCount = distil ? 0 : num(config, 'type_vocab_size');
  const types =
    typeCount > 0 ? get('embeddings.token_type_embeddings.weight', [typeCount, d]) : null;
  let x: Float64Array = new Float64Array(T * d);
  for (let t = 0; t < T; t++)
    for (let i = 0; i < d; i++) {
      let e =
        (word[(ids[t] as number) * d + i] as number) +
        (pos[(positions[t] as number) * d + i] as number);
      if (types) e += types[(tokenTypeIds?.[t] ?? 0) * d + i] as number;
      x[t * d + i] = e;
    }
  x = layerNorm(
    x,
    T,
    d,
    get('embeddings.LayerNorm.weight', [d]),
    get('embeddings.LayerNorm.bias', [d]),
    eps,
  );

  for (let l = 0; l < L; l++) {
    const names = distil
      ? {
          q: `transformer.layer.${l}.attention.q_lin`,
          k: `transformer.layer.${l}.attention.k_lin`,
          v: `transformer.layer.${l}.attention.v_lin`,
          o: `transformer.layer.${l}.attention.out_lin`,
          ln1: `transformer.layer.${l}.sa_layer_norm`,
          f1: `transformer.layer.${l}.ffn.lin1`,
          f2: `transformer.layer.${l}.ffn.lin2`,
          ln2: `transformer.layer.${l}.output_layer_norm`,
        }
      : {
          q: `encoder.layer.${l}.attention.self.query`,
          k: `encoder.layer.${l}.attention.self.key`,
          v: `encoder.layer.${l}.attention.self.value`,
          o: `encoder.layer.${l}.attention.output.dense`,
          ln1: `encoder.layer.${l}.attention.output.LayerNorm`,
          f1: `encoder.layer.${l}.intermediate.dense`,
          f2: `encoder.layer.${l}.output.dense`,
          ln2: `encoder.layer.${l}.output.LayerNorm`,
        };
    const lin = (input: Float64Array, name: string, inp: number, o: number): Float64Array =>
      linear(input, T, inp, get(`${name}.weight`, [o, inp]), get(`${name}.bias`, [o]), o);
    const { weights, context } = attention(
      lin(x, names.q, d, d),
      lin(x, names.k, d, d),
      lin(x, names.v, d, d),
      T,
      d,
      H,
      false,
    );
    out.push(weights);
    x = layerNorm(
      add(x, lin(context, names.o, d, d)),
      T,
      d,
      get(`${names.ln1}.weight`, [d]),
      get(`${names.ln1}.bias`, [d]),
      eps,
    );
    const inner = lin(x, names.f1, d, ff).map(act);
    x = layerNorm(
      add(x, lin(inner, names.f2, ff, d)),
      T,
      d,
      get(`${names.ln2}.weight`, [d]),
      get(`${names.ln2}.bias`, [d]),
      eps,
    );
  }
  return { attention: out, hidden: x };
}
