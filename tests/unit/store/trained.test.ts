/**
 * The model trained in the Train tab as the page's model, against fake training and engine
 * clients: "Open in the Attention tab" asks the training worker for the weights, then runs both
 * sentences (two sequences of the task) with the 'trained' model and shows the Attention tab with
 * the model's layers and heads; the share link falls back to the translator with its note; a
 * refused weights file says why and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRAIN_SETTINGS } from '../../../src/analysis/trainSettings';
import { trainedProbeTexts, type TrainedModel } from '../../../src/analysis/trainedModel';
import { makeTask } from '../../../src/analysis/trainTasks';
import { trainedTensorShapes, writeTrainedFile } from '../../../src/loader/trainedFile';
import { sharedModelNote, snapshotShareState } from '../../../src/share';
import {
  resetAppStore,
  setDebounceMs,
  setEngineClient,
  setTrainClient,
  setTrainUiInterval,
  useAppStore,
} from '../../../src/store';
import { viewChoices } from '../../../src/store/model';
import type { TrainClient } from '../../../src/worker/trainClient';
import type { TrainRequest, TrainResponse } from '../../../src/worker/trainProtocol';
import { FakeClient } from './fakeClient';

const state = () => useAppStore.getState();

/** A trained model of `task` with zero weights of the right shapes. */
function model(task: 'reverse' | 'induction', layers = 2, heads = 4): TrainedModel {
  const spec = makeTask(task);
  const m: TrainedModel = {
    key: `test:${task}:${layers}x${heads}`,
    task,
    settings: { ...DEFAULT_TRAIN_SETTINGS, task, layers, heads, dModel: 32 },
    step: 40,
    accuracy: 0.99,
    length: spec.length,
    outputVocab: spec.outputVocab,
    causal: spec.causal,
    vocab: Array.from({ length: spec.inputVocab }, (_, i) => spec.tokenLabel(i)),
    tensors: [],
  };
  m.tensors = [...trainedTensorShapes(m)].map(([name, shape]) => ({
    name,
    shape,
    data: new Float32Array(shape.reduce((a, b) => a * b, 1)),
  }));
  return m;
}

let engine: FakeClient;
let sent: TrainRequest[];
let answer: (r: TrainResponse) => void;

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  engine = new FakeClient();
  setEngineClient(engine);
  setDebounceMs(150);
  sent = [];
  let listener: ((r: TrainResponse) => void) | null = null;
  const client: TrainClient = {
    send: (r) => sent.push(r),
    listen: (l) => {
      listener = l;
    },
    dispose: () => undefined,
  };
  setTrainClient(client);
  setTrainUiInterval(0);
  answer = (r) => listener?.(r);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
  setTrainClient(null);
  vi.useRealTimers();
});

describe('a trained model as the page model', () => {
  it('asks nothing before the first step', async () => {
    expect(await state().openTrainedInAttention()).toBe(false);
    expect(sent).toEqual([]);
    expect(state().model).toBe('translator');
  });

  it('opens the current weights in the Attention tab and runs both sentences with them', async () => {
    state().startTraining();
    await vi.runAllTimersAsync();
    answer({ type: 'step', step: 1, loss: 2, tensors: 42 });
    expect(state().train.workerTensors).toBe(42);
    state().setTab('train');
    const opened = state().openTrainedInAttention();
    await vi.runAllTimersAsync();
    const request = sent.at(-1);
    expect(request?.type).toBe('weights');
    const trained = model('reverse');
    answer({
      type: 'weights',
      requestId: (request as { requestId: number }).requestId,
      model: trained,
    });
    expect(await opened).toBe(true);
    const s = state();
    expect(s.model).toBe('trained');
    expect(s.tab).toBe('attention');
    expect(s.trainedModel).toBe(trained);
    expect([s.sentences.A, s.sentences.B]).toEqual(trainedProbeTexts('reverse'));
    expect(viewChoices(s)).toEqual({ layers: 2, heads: 4, kinds: ['encoder-self'] });
    for (const slot of ['A', 'B'] as const) {
      const run = engine.last(slot).request;
      expect(run.model).toEqual({ kind: 'trained', model: trained });
      expect(run.maxTokens).toBe(8);
      expect(run.text).toBe(s.sentences[slot]);
    }
    // A link cannot carry it: the translator, with the note.
    expect(sharedModelNote(s)).toBe('trained');
    expect(snapshotShareState(s).model).toBe('translator');
  });

  it('moves to the decoder block for a causal task and keeps the view inside the model', () => {
    useAppStore.setState({ layer: 3, head: 7 });
    state().applyTrainedModel(model('induction', 1, 2));
    const s = state();
    expect([s.kind, s.layer, s.head]).toEqual(['decoder-self', 0, 1]);
    expect(viewChoices(s).kinds).toEqual(['decoder-self']);
  });

  it("keeps sentences that are the task's sequences; the picker's choice stays on its tab", () => {
    useAppStore.setState({ tab: 'heads', sentences: { A: '1 2 3', B: 'not digits' } });
    state().applyTrainedModel(model('reverse'), { openTab: false });
    const s = state();
    expect(s.sentences).toEqual({ A: '1 2 3', B: trainedProbeTexts('reverse')[1] });
    expect(s.tab).toBe('heads');
    expect(s.model).toBe('trained');
  });

  it('opens a saved weights file, and refuses a broken one saying why', async () => {
    const bytes = writeTrainedFile(model('reverse', 1, 2));
    const good = new File([bytes as Uint8Array<ArrayBuffer>], 'w.safetensors');
    expect(await state().openTrainedFile(good)).toBe(true);
    expect(state().model).toBe('trained');
    expect(state().trainedModel?.settings.heads).toBe(2);
    const before = state().trainedModel;
    const bad = new File([bytes.slice(0, 30) as Uint8Array<ArrayBuffer>], 'cut.safetensors');
    expect(await state().openTrainedFile(bad)).toBe(false);
    expect(state().train.fileError).toMatch(/cut\.safetensors/);
    expect(state().trainedModel).toBe(before);
  });
});
