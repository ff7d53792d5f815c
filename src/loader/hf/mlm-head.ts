/**
 * The masked-LM head of BERT-family checkpoints (BertForMaskedLM, RobertaForMaskedLM,
 * DistilBertForMaskedLM), as `transformers` names it, → the engine's `mlm.*` weights:
 *
 *   BERT:       cls.predictions.transform.dense → mlm.dense, cls.predictions.transform.LayerNorm
 *               → mlm.ln, cls.predictions.bias → mlm.bias (decoder tied to word_embeddings)
 *   RoBERTa:    lm_head.dense, lm_head.layer_norm, lm_head.bias
 *   DistilBERT: vocab_transform, vocab_layer_norm, vocab_projector.bias
 *
 * logits = LN(act(x·W + b))·Eᵀ + bias, with the model's activation. The head is optional: a
 * checkpoint without it (BertModel) loads as before and cannot fill masks.
 */
import type { TransformerConfig } from '../../engine/types';
import type { HfFamily } from './config';
import { copy, linear, type Rule } from './rules';

const NAMES: Partial<Record<HfFamily, { dense: string; norm: string; bias: string }>> = {
  bert: {
    dense: 'cls.predictions.transform.dense',
    norm: 'cls.predictions.transform.LayerNorm',
    bias: 'cls.predictions.bias',
  },
  roberta: { dense: 'lm_head.dense', norm: 'lm_head.layer_norm', bias: 'lm_head.bias' },
  distilbert: { dense: 'vocab_transform', norm: 'vocab_layer_norm', bias: 'vocab_projector.bias' },
};

/** The head's checkpoint tensors for this family (none for families without one). */
export function mlmHeadRules(family: HfFamily, config: TransformerConfig): Map<string, Rule> {
  const rules = new Map<string, Rule>();
  const names = NAMES[family];
  if (!names) return rules;
  const d = config.dModel;
  rules.set(`${names.dense}.weight`, linear('mlm.dense.w', d, d));
  rules.set(`${names.dense}.bias`, copy('mlm.dense.b', [d]));
  rules.set(`${names.norm}.weight`, copy('mlm.ln.gamma', [d]));
  rules.set(`${names.norm}.bias`, copy('mlm.ln.beta', [d]));
  rules.set(names.bias, copy('mlm.bias', [config.vocabSize]));
  return rules;
}

/** The config of a model whose checkpoint carries the head: it fills masks. */
export const withMlmHead = (config: TransformerConfig): TransformerConfig => ({
  ...config,
  mlmHead: true,
  lmHead: 'tied',
});
