/** The config.json normalize table: every key spelling, the family settings, and clear errors. */
import { describe, expect, it } from 'vitest';
import {
  HF_CONFIG_KEYS,
  HfLoadError,
  normalizeHfConfig,
  parseHfConfigText,
} from '../../../src/loader/hf';
import { readFixtureText } from './helpers';

const BERT = {
  model_type: 'bert',
  hidden_size: 768,
  num_attention_heads: 12,
  num_hidden_layers: 12,
  intermediate_size: 3072,
  max_position_embeddings: 512,
  type_vocab_size: 2,
  vocab_size: 30522,
  hidden_act: 'gelu',
  layer_norm_eps: 1e-12,
};
const GPT2 = {
  model_type: 'gpt2',
  n_embd: 768,
  n_head: 12,
  n_layer: 12,
  n_inner: null,
  n_positions: 1024,
  vocab_size: 50257,
  activation_function: 'gelu_new',
  layer_norm_epsilon: 1e-5,
};
const DISTILBERT = {
  model_type: 'distilbert',
  dim: 768,
  n_heads: 12,
  n_layers: 6,
  hidden_dim: 3072,
  max_position_embeddings: 512,
  vocab_size: 30522,
  activation: 'gelu',
};

const errorOf = (raw: unknown): string => {
  try {
    normalizeHfConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(HfLoadError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('normalize table', () => {
  it('BERT-style keys (bert-base-uncased)', () => {
    const { config, modelType, family, padTokenId } = normalizeHfConfig(BERT);
    expect([modelType, family, padTokenId]).toEqual(['bert', 'bert', null]);
    expect(config).toEqual({
      architecture: 'encoder',
      vocabSize: 30522,
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
      typeVocabSize: 2,
      embeddingLayerNorm: true,
    });
  });

  it('GPT-2 keys (gpt2): decoder, pre-norm, tanh GELU, dFF = 4·d from n_inner null, no output head', () => {
    const { config } = normalizeHfConfig(GPT2);
    expect(config).toMatchObject({
      architecture: 'decoder',
      dModel: 768,
      numHeads: 12,
      numLayers: 12,
      dFF: 3072,
      maxPositions: 1024,
      vocabSize: 50257,
      norm: 'pre',
      activation: 'gelu_tanh',
      layerNormEps: 1e-5,
      outputHead: false,
    });
    expect(config.typeVocabSize).toBeUndefined();
    expect(config.embeddingLayerNorm).toBeUndefined();
    expect(normalizeHfConfig({ ...GPT2, n_inner: 1000 }).config.dFF).toBe(1000);
    const { n_inner: _drop, ...noInner } = GPT2;
    expect(normalizeHfConfig(noInner).config.dFF).toBe(3072);
    expect(normalizeHfConfig({ ...GPT2, scale_attn_weights: false }).config.scale).toEqual({
      kind: 'none',
    });
  });

  it('DistilBERT keys (distilbert-base-uncased): eps 1e-12, no token types', () => {
    const { config } = normalizeHfConfig(DISTILBERT);
    expect(config).toMatchObject({
      architecture: 'encoder',
      dModel: 768,
      numHeads: 12,
      numLayers: 6,
      dFF: 3072,
      maxPositions: 512,
      layerNormEps: 1e-12,
      activation: 'gelu',
      norm: 'post',
      embeddingLayerNorm: true,
    });
    expect(config.typeVocabSize).toBeUndefined();
  });

  it('RoBERTa (roberta-base): positions offset by pad_token_id + 1, 514 → 512; one token type', () => {
    const raw = {
      ...BERT,
      model_type: 'roberta',
      max_position_embeddings: 514,
      type_vocab_size: 1,
      pad_token_id: 1,
      vocab_size: 50265,
      layer_norm_eps: 1e-5,
    };
    const info = normalizeHfConfig(raw);
    expect(info.config).toMatchObject({
      positionOffset: 2,
      maxPositions: 512,
      typeVocabSize: 1,
      layerNormEps: 1e-5,
    });
    expect(info.padTokenId).toBe(1);
    expect(
      normalizeHfConfig({ ...raw, model_type: 'xlm-roberta', vocab_size: 250002 }).family,
    ).toBe('roberta');
    expect(normalizeHfConfig({ ...raw, pad_token_id: 0 }).config).toMatchObject({
      positionOffset: 1,
      maxPositions: 513,
    });
  });

  it('every spelling of every field', () => {
    const base: Record<string, unknown> = { model_type: 'bert', hidden_act: 'gelu' };
    const values: Record<keyof typeof HF_CONFIG_KEYS, [string, unknown]> = {
      numHeads: ['numHeads', 4],
      dModel: ['dModel', 64],
      numLayers: ['numLayers', 3],
      dFF: ['dFF', 100],
      maxPositions: ['maxPositions', 77],
      layerNormEps: ['layerNormEps', 1e-7],
      typeVocabSize: ['typeVocabSize', 3],
      vocabSize: ['vocabSize', 99],
      activation: ['activation', 'relu'],
    };
    const defaults: Record<string, unknown> = {
      num_attention_heads: 2,
      hidden_size: 32,
      num_hidden_layers: 1,
      intermediate_size: 10,
      max_position_embeddings: 8,
      vocab_size: 5,
    };
    let checked = 0;
    for (const [field, keys] of Object.entries(HF_CONFIG_KEYS) as [
      keyof typeof HF_CONFIG_KEYS,
      readonly string[],
    ][]) {
      for (const key of keys) {
        const raw: Record<string, unknown> = { ...base, ...defaults };
        for (const other of keys) delete raw[other];
        const [engineField, value] = values[field];
        raw[key] = value;
        const { config } = normalizeHfConfig(raw);
        expect((config as unknown as Record<string, unknown>)[engineField], `${key}`).toBe(value);
        checked++;
      }
    }
    expect(checked).toBe(21);
  });

  it('activations', () => {
    const act = (name: string) =>
      normalizeHfConfig({ ...BERT, hidden_act: name }).config.activation;
    expect(act('gelu')).toBe('gelu');
    expect(act('gelu_new')).toBe('gelu_tanh');
    expect(act('gelu_pytorch_tanh')).toBe('gelu_tanh');
    expect(act('relu')).toBe('relu');
    expect(errorOf({ ...BERT, hidden_act: 'silu' })).toBe(
      'config.json: hidden_act "silu" is not supported (gelu, gelu_python, gelu_new, gelu_pytorch_tanh, gelu_fast, relu)',
    );
  });

  it('the fixture configs', () => {
    for (const name of ['tiny-bert', 'tiny-roberta', 'tiny-distilbert', 'tiny-gpt2'])
      expect(parseHfConfigText(readFixtureText(name, 'config.json')).config.dModel).toBe(32);
  });
});

describe('absurd and missing fields', () => {
  it('heads must divide the width', () => {
    expect(errorOf({ ...BERT, num_attention_heads: 5 })).toBe(
      'config.json: num_attention_heads (5) must divide hidden_size (768)',
    );
    expect(errorOf({ ...GPT2, n_head: 7 })).toBe(
      'config.json: n_head (7) must divide n_embd (768)',
    );
  });

  it('unsupported model types name the supported ones', () => {
    expect(errorOf({ ...BERT, model_type: 't5' })).toBe(
      'config.json: model_type "t5" is not supported (bert, roberta, xlm-roberta, distilbert, gpt2, llama, qwen2, qwen3, mistral, gemma2, gemma3_text, gpt_neox)',
    );
    expect(errorOf({ ...BERT, model_type: undefined })).toMatch(/^config.json: has no model_type/);
  });

  it('zero, negative, fractional, non-numeric, huge', () => {
    expect(errorOf({ ...BERT, num_attention_heads: 0 })).toBe(
      'config.json: num_attention_heads must be at least 1 (got 0)',
    );
    expect(errorOf({ ...BERT, hidden_size: -768 })).toBe(
      'config.json: hidden_size must be at least 1 (got -768)',
    );
    expect(errorOf({ ...BERT, num_hidden_layers: 2.5 })).toBe(
      'config.json: num_hidden_layers must be an integer (got 2.5)',
    );
    expect(errorOf({ ...BERT, vocab_size: '30522' })).toBe(
      'config.json: vocab_size must be an integer (got "30522")',
    );
    expect(errorOf({ ...BERT, num_hidden_layers: 1e9 })).toBe(
      "config.json: num_hidden_layers (1000000000) is over this app's limit of 200",
    );
    expect(errorOf({ ...GPT2, n_embd: 32768, n_head: 16 })).toBe(
      "config.json: n_embd (32768) is over this app's limit of 16384",
    );
    expect(errorOf({ ...BERT, vocab_size: 2_000_000 })).toBe(
      "config.json: vocab_size (2000000) is over this app's limit of 1000000",
    );
    expect(errorOf({ ...BERT, layer_norm_eps: -1 })).toBe(
      'config.json: layer_norm_eps must be a number between 0 and 1 (got -1)',
    );
  });

  it('missing fields name every spelling', () => {
    const { hidden_size: _h, ...noWidth } = BERT;
    expect(errorOf(noWidth)).toBe('config.json: missing hidden_size / n_embd / dim');
    const { intermediate_size: _i, ...noFF } = BERT;
    expect(errorOf(noFF)).toBe('config.json: missing intermediate_size / n_inner / hidden_dim');
  });

  it('two spellings that disagree', () => {
    expect(errorOf({ ...GPT2, num_attention_heads: 16 })).toBe(
      'config.json: num_attention_heads (16) and n_head (12) disagree',
    );
    expect(normalizeHfConfig({ ...GPT2, num_attention_heads: 12 }).config.numHeads).toBe(12);
  });

  it('options the engine does not model', () => {
    expect(errorOf({ ...BERT, position_embedding_type: 'relative_key' })).toMatch(
      /position_embedding_type "relative_key" is not supported/,
    );
    expect(errorOf({ ...BERT, is_decoder: true })).toMatch(/is_decoder/);
    expect(errorOf({ ...GPT2, scale_attn_by_inverse_layer_idx: true })).toMatch(
      /scale_attn_by_inverse_layer_idx/,
    );
    expect(
      errorOf({ ...BERT, model_type: 'roberta', max_position_embeddings: 2, pad_token_id: 1 }),
    ).toMatch(/leaves no positions after RoBERTa's offset of 2/);
  });

  it('text that is not a JSON object', () => {
    expect(() => parseHfConfigText('{"model_type": "bert",')).toThrow(
      /^config.json: is not valid JSON/,
    );
    expect(() => parseHfConfigText('[1, 2]')).toThrow('config.json: is not a JSON object');
    expect(() => parseHfConfigText('<!DOCTYPE html><html>…')).toThrow(
      /^config.json: got an HTML page instead of JSON/,
    );
  });
});
