/**
 * A training run's weights as a TrainedModel (plain data under the engine's weight names), so the
 * engine's own Transformer runs them in the other tabs. The Train tab's TinyTransformer keeps
 * nanoGPT-like names (`l0.wq`, `lnf.g`); this is the name map onto src/engine/weights.ts.
 */
import type { TrainedModel, TrainedTensor } from '../../analysis/trainedModel';
import { taskVocabulary } from '../../analysis/trainedModel';
import type { TrainRun } from './run';

/** The engine's name of a TinyTransformer parameter (`block`: encoder, or decoder when causal). */
export function engineName(tiny: string, block: 'encoder' | 'decoder'): string {
  if (tiny === 'embed') return 'embed.tokens';
  if (tiny === 'positions') return 'embed.positions';
  if (tiny === 'out.w') return 'output.w';
  if (tiny === 'out.b') return 'output.b';
  const norm = /^(?:(l\d+)\.)?(ln1|ln2|lnf)\.([gb])$/.exec(tiny);
  if (norm) {
    const [, layer, ln, part] = norm;
    const where = layer ? `${block}.${layer.slice(1)}.${ln}` : `${block}.${ln}`;
    return `${where}.${part === 'g' ? 'gamma' : 'beta'}`;
  }
  const attn = /^l(\d+)\.([wb][qkvo])$/.exec(tiny);
  if (attn) return `${block}.${attn[1]}.self.${attn[2]}`;
  const ffn = /^l(\d+)\.([wb][12])$/.exec(tiny);
  if (ffn) return `${block}.${ffn[1]}.ffn.${ffn[2]}`;
  throw new Error(`no engine name for parameter ${tiny}`);
}

let made = 0;

/** The run's current weights (copies) with its settings and task vocabulary. */
export function trainedModelOf(run: TrainRun, accuracy: number | null): TrainedModel {
  const { config } = run.model;
  const block = config.causal ? 'decoder' : 'encoder';
  const tensors: TrainedTensor[] = [...run.model.params].map(([name, v]) => ({
    name: engineName(name, block),
    shape: [...v.shape],
    data: (v.dataSync() as Float32Array).slice(),
  }));
  made += 1;
  return {
    key: `trained:${run.settings.task}:${run.step}:${Date.now().toString(36)}:${made}`,
    task: run.settings.task,
    settings: { ...run.settings },
    step: run.step,
    accuracy,
    length: config.length,
    outputVocab: config.outputVocab,
    causal: config.causal,
    vocab: taskVocabulary(run.settings.task),
    tensors,
  };
}
