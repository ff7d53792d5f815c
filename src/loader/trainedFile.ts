/**
 * A model trained in the Train tab as a safetensors file: its weights (F32, the engine's names)
 * and, in `__metadata__`, what the file alone cannot say: format and version, the task, the
 * settings, the task's vocabulary, the step and accuracy reached. Reading checks it like any model
 * file: every tensor the config needs, with its shape; an error names the tensor and both shapes.
 */
import { expectedWeightShapes } from '../engine/schema';
import { checkTrainSettings, type TrainSettings } from '../analysis/trainSettings';
import { TRAIN_TASK_IDS, makeTask, type TrainTaskId } from '../analysis/trainTasks';
import type { TrainedModel, TrainedTensor } from '../analysis/trainedModel';
import { trainedEngineConfig } from '../engine/train/trainedConfig';
import { readSafetensors, writeSafetensors } from './safetensors';

export const TRAINED_FORMAT = 'attention-atlas-trained';
export const TRAINED_VERSION = 1;

/** A file that is not a trained model this app can open, with a message a person can act on. */
export class TrainedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainedFileError';
  }
}

/** Every tensor a trained model has, with its shape: the engine's and the task's output head. */
export function trainedTensorShapes(m: TrainedModel): Map<string, number[]> {
  const shapes = expectedWeightShapes(trainedEngineConfig(m));
  shapes.set('output.w', [m.settings.dModel, m.outputVocab]);
  shapes.set('output.b', [m.outputVocab]);
  return shapes;
}

export function writeTrainedFile(m: TrainedModel): Uint8Array {
  return writeSafetensors(m.tensors, 'F32', {
    format: TRAINED_FORMAT,
    version: String(TRAINED_VERSION),
    task: m.task,
    settings: JSON.stringify(m.settings),
    step: String(m.step),
    accuracy: m.accuracy === null ? '' : String(m.accuracy),
    length: String(m.length),
    outputVocab: String(m.outputVocab),
    causal: String(m.causal),
    vocab: JSON.stringify(m.vocab),
  });
}

function parseJson(text: string | undefined, field: string, file: string): unknown {
  try {
    return JSON.parse(text ?? '') as unknown;
  } catch {
    throw new TrainedFileError(`${file}: its metadata field "${field}" is not valid JSON`);
  }
}

const shapeText = (shape: readonly number[]): string => shape.join('×');

/** Reads a trained model's file; throws TrainedFileError (or the reader's SafetensorsError). */
export function readTrainedFile(bytes: Uint8Array, file = 'trained.safetensors'): TrainedModel {
  const st = readSafetensors(bytes, file);
  const meta = st.metadata;
  if (meta.format !== TRAINED_FORMAT)
    throw new TrainedFileError(
      `${file} is not a model trained in this app (its metadata has no format "${TRAINED_FORMAT}"); open Hugging Face checkpoints with Load a model`,
    );
  if (Number(meta.version) !== TRAINED_VERSION)
    throw new TrainedFileError(
      `${file}: version ${meta.version ?? '?'} of the trained-model format; this app reads version ${TRAINED_VERSION}`,
    );
  const task = meta.task as TrainTaskId;
  if (!TRAIN_TASK_IDS.includes(task))
    throw new TrainedFileError(`${file}: unknown task "${meta.task ?? ''}"`);
  const settings = parseJson(meta.settings, 'settings', file) as TrainSettings;
  const problem =
    typeof settings === 'object' && settings !== null ? checkTrainSettings(settings) : null;
  if (typeof settings !== 'object' || settings === null || problem || settings.task !== task)
    throw new TrainedFileError(`${file}: its settings do not describe a model this app can run`);
  const spec = makeTask(task);
  const vocab = parseJson(meta.vocab, 'vocab', file);
  if (
    !Array.isArray(vocab) ||
    vocab.length !== spec.inputVocab ||
    !vocab.every((s) => typeof s === 'string')
  )
    throw new TrainedFileError(
      `${file}: its vocabulary should list the ${spec.inputVocab} symbols of the ${task} task`,
    );
  // The task fixes the length, classes and mask; the metadata must agree with it.
  if (
    Number(meta.length) !== spec.length ||
    Number(meta.outputVocab) !== spec.outputVocab ||
    meta.causal !== String(spec.causal)
  )
    throw new TrainedFileError(
      `${file}: its length, classes or mask do not match the ${task} task (length ${spec.length}, ${spec.outputVocab} classes)`,
    );
  const accuracy = meta.accuracy ? Number(meta.accuracy) : null;
  const model: TrainedModel = {
    key: `trained-file:${file}:${Date.now().toString(36)}`,
    task,
    settings,
    step: Number(meta.step) || 0,
    accuracy: accuracy !== null && Number.isFinite(accuracy) ? accuracy : null,
    length: spec.length,
    outputVocab: spec.outputVocab,
    causal: spec.causal,
    vocab: vocab,
    tensors: [],
  };
  const shapes = trainedTensorShapes(model);
  const present = new Map(st.entries.map((e) => [e.name, e]));
  for (const [name, shape] of shapes) {
    const entry = present.get(name);
    if (!entry)
      throw new TrainedFileError(`${file}: tensor ${name} (${shapeText(shape)}) is missing`);
    if (shapeText(entry.shape) !== shapeText(shape))
      throw new TrainedFileError(
        `${file}: tensor ${name} is ${shapeText(entry.shape)}, expected ${shapeText(shape)}`,
      );
  }
  const extra = st.entries.find((e) => !shapes.has(e.name));
  if (extra) throw new TrainedFileError(`${file}: tensor ${extra.name} is not part of this model`);
  model.tensors = [...shapes].map(([name, shape]): TrainedTensor => ({
    name,
    shape,
    data: st.float32(name),
  }));
  return model;
}
