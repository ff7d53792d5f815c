/**
 * The Train tab's slice against a fake training client: settings that cannot train are refused
 * before any request, answers fill the curves and snapshots, a NaN loss stops with the last good
 * snapshot kept, and the old run's late answers after Reset are dropped.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { TASK_PRESETS } from '../../../src/analysis/trainSettings';
import { resetAppStore, setTrainClient, setTrainUiInterval, useAppStore } from '../../../src/store';
import type { TrainClient } from '../../../src/worker/trainClient';
import type { TrainRequest, TrainResponse } from '../../../src/worker/trainProtocol';

function fakeClient() {
  const sent: TrainRequest[] = [];
  let listener: ((r: TrainResponse) => void) | null = null;
  const client: TrainClient = {
    send: (r) => sent.push(r),
    listen: (l) => {
      listener = l;
    },
    dispose: () => undefined,
  };
  return { client, sent, answer: (r: TrainResponse) => listener?.(r) };
}

const snapshot = (step: number) => ({
  step,
  layers: [new Float32Array(2 * 64)],
  scores: [[0.1 * step, 0.2]],
});
const flush = () => new Promise((r) => setTimeout(r, 0));
const train = () => useAppStore.getState().train;

describe('trainSlice', () => {
  let fake: ReturnType<typeof fakeClient>;
  beforeEach(() => {
    resetAppStore();
    fake = fakeClient();
    setTrainClient(fake.client);
    setTrainUiInterval(0);
  });

  it('refuses settings that cannot train, with the reason, and sends nothing', async () => {
    useAppStore.getState().setTrainSettings({ dModel: 30, heads: 4 });
    expect(train().problem?.key).toBe('train.invalid.divisible');
    useAppStore.getState().startTraining();
    await flush();
    expect(fake.sent).toEqual([]);
    expect(train().status).toBe('idle');
  });

  it('fills curves and snapshots, and stops on NaN keeping the last snapshot', async () => {
    const s = useAppStore.getState();
    s.startTraining();
    await flush();
    expect(fake.sent[0]?.type).toBe('start');
    expect(train().status).toBe('running');
    fake.answer({ type: 'step', step: 1, loss: 2.3, accuracy: 0.1, snapshot: snapshot(1) });
    fake.answer({ type: 'step', step: 2, loss: 2.1 });
    fake.answer({ type: 'diverged', step: 3 });
    expect(train().losses.map((p) => p.value)).toEqual([2.3, 2.1]);
    expect(train().accuracy).toEqual([{ step: 1, value: 0.1 }]);
    expect(train().status).toBe('diverged');
    expect(train().divergedAt).toBe(3);
    expect(train().snapshots.map((x) => x.step)).toEqual([1]);
    s.startTraining(); // refused until Reset
    await flush();
    expect(fake.sent).toHaveLength(1);
  });

  it('drops the old run’s late answers after Reset', async () => {
    const s = useAppStore.getState();
    s.startTraining();
    await flush();
    s.resetTraining();
    s.startTraining();
    await flush();
    expect(fake.sent.map((r) => r.type)).toEqual(['start', 'reset', 'start']);
    fake.answer({ type: 'step', step: 7, loss: 1 }); // from the old run
    expect(train().losses).toEqual([]);
    fake.answer({ type: 'reset', tensorsLeft: 0 });
    fake.answer({ type: 'step', step: 1, loss: 2 });
    expect(train().losses).toEqual([{ step: 1, value: 2 }]);
    expect(train().tensorsLeft).toBe(0);
  });

  it('applies step answers together, at most once per interval, and before a pause', async () => {
    setTrainUiInterval(100);
    const updates: number[] = [];
    const stop = useAppStore.subscribe((st, prev) => {
      if (st.train.losses !== prev.train.losses) updates.push(st.train.losses.length);
    });
    useAppStore.getState().startTraining();
    await flush();
    for (let step = 1; step <= 5; step++)
      fake.answer({
        type: 'step',
        step,
        loss: 3 - step / 10,
        accuracy: step === 5 ? 0.5 : undefined,
      });
    expect(train().losses).toEqual([]); // not yet: they wait for the interval
    await new Promise((r) => setTimeout(r, 150));
    expect(updates).toEqual([5]);
    expect(train().step).toBe(5);
    expect(train().accuracy).toEqual([{ step: 5, value: 0.5 }]);
    fake.answer({ type: 'step', step: 6, loss: 2 });
    fake.answer({ type: 'paused', step: 6 }); // the pause comes after the step it follows
    expect(updates).toEqual([5, 6]);
    expect(train().status).toBe('paused');
    stop();
  });

  it('a changed setting starts over', async () => {
    const s = useAppStore.getState();
    s.stepTraining();
    await flush();
    fake.answer({ type: 'step', step: 1, loss: 2 });
    s.setTrainSettings({ task: 'copy' });
    expect(train().losses).toEqual([]);
    expect(train().settings.task).toBe('copy');
    expect(fake.sent.map((r) => r.type)).toEqual(['step', 'reset']);
  });

  it('choosing a task fills in its recommended settings, which can still be changed', () => {
    const s = useAppStore.getState();
    s.setTrainSettings({ seed: 7, heads: 4, learningRate: 0.05 });
    s.setTrainSettings({ task: 'induction' });
    expect(train().settings).toEqual({ task: 'induction', ...TASK_PRESETS.induction, seed: 7 });
    expect(train().settings.layers).toBe(2);
    expect(train().settings.learningRate).toBe(0.003);
    expect(train().problem).toBeNull();
    s.setTrainSettings({ learningRate: 0.002, heads: 4 }); // the user changes the preset
    expect(train().settings).toMatchObject({ task: 'induction', learningRate: 0.002, heads: 4 });
    s.setTrainSettings({ task: 'induction' }); // the same task again: nothing refilled
    expect(train().settings.heads).toBe(4);
    s.setTrainSettings({ task: 'reverse', layers: 3 }); // explicit changes beside the task win
    expect(train().settings).toEqual({
      task: 'reverse',
      ...TASK_PRESETS.reverse,
      layers: 3,
      seed: 7,
    });
  });
});
