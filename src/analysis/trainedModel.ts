/**
 * A model trained in the Train tab, as plain data that opens in the other tabs like any model:
 * its settings, its task's vocabulary and its weights under the engine's names (src/engine/weights.ts),
 * plus what the engine config needs (src/engine/train/trainedConfig.ts). Pure: the train worker makes one, the store keeps it, the engine
 * worker builds it, the loader writes and reads it as safetensors.
 */
import { makeTask, sampleExamples, type TrainTaskId } from './trainTasks';
import type { TrainSettings } from './trainSettings';

/** One weight, row-major, under the engine's name (e.g. `encoder.0.self.wq`, [d][d]). */
export interface TrainedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface TrainedModel {
  /** What runs name it by; a new one for every model trained or opened. */
  key: string;
  task: TrainTaskId;
  settings: TrainSettings;
  /** Training steps taken, and the held-out accuracy then (null when none was measured). */
  step: number;
  accuracy: number | null;
  /** Sequence length the model was trained on (its positions). */
  length: number;
  /** Output classes of the task (the `output.w` head, kept but not run by the engine). */
  outputVocab: number;
  /** Whether positions look back only (a decoder's causal mask). */
  causal: boolean;
  /** The input symbols: vocab[id] is the text of token id. */
  vocab: string[];
  tensors: TrainedTensor[];
}

/** The input symbols of a task: vocab[id] is token id's text. */
export function taskVocabulary(task: TrainTaskId): string[] {
  const t = makeTask(task);
  return Array.from({ length: t.inputVocab }, (_, id) => t.tokenLabel(id));
}

/** A token of a task's vocabulary (the engine's Token shape: analysis imports nothing of it). */
export interface TaskToken {
  text: string;
  /** The symbol's id; 0 for an unknown symbol. */
  id: number;
  special: boolean;
  /** True when the text is no symbol of the task. */
  unknown: boolean;
}

/**
 * Text → tokens of a task's vocabulary. Symbols are separated by spaces; a run of one-character
 * symbols may also be written without them ("3 1 4" and "314", "( ( ) )" and "(())"). Anything
 * else is one unknown token (id 0, marked unknown) so the page can say which symbols it lacks.
 */
export function tokenizeTask(text: string, vocab: readonly string[]): TaskToken[] {
  const ids = new Map(vocab.map((s, id) => [s, id]));
  const out: TaskToken[] = [];
  for (const piece of text.split(/\s+/).filter((p) => p !== '')) {
    const id = ids.get(piece);
    if (id !== undefined) {
      out.push({ text: piece, id, special: false, unknown: false });
      continue;
    }
    const chars = [...piece];
    if (chars.length > 1 && chars.every((c) => ids.has(c)))
      for (const c of chars) out.push({ text: c, id: ids.get(c)!, special: false, unknown: false });
    else out.push({ text: piece, id: 0, special: false, unknown: true });
  }
  return out;
}

/** Two sequences of the task to start sentences A and B with (the Train tab's probe first). */
export function trainedProbeTexts(task: TrainTaskId): [string, string] {
  const t = makeTask(task);
  const [a, b] = sampleExamples(t, 2, 0x5eed);
  const text = (ids: number[]): string => ids.map((id) => t.tokenLabel(id)).join(' ');
  return [text(a!.input), text(b!.input)];
}
