/**
 * The Train tab's state: settings, the run's status, its loss and accuracy curves and the
 * snapshots of the heads' attention on the probe. Talks to the training worker through a small
 * client loaded on first use (tests inject a fake with `setTrainClient`). Changing a setting
 * resets the run; choosing a task fills in its recommended settings (TASK_PRESETS); settings
 * that cannot train are refused here with the reason, before any worker.
 *
 * The trained weights leave the worker on request as a TrainedModel (plain data): "Open in the
 * Attention tab" makes it the page's model ('trained': heatmaps, step by step, masks), and the
 * weights are saved and opened again as a safetensors file (src/loader/trainedFile.ts).
 */
import type { StateCreator } from 'zustand';
import {
  DEFAULT_TRAIN_SETTINGS,
  TASK_PRESETS,
  checkTrainSettings,
  type SettingsProblem,
  type TrainSettings,
} from '../analysis/trainSettings';
import { tokenizeTask, trainedProbeTexts, type TrainedModel } from '../analysis/trainedModel';
import type { TrainClient } from '../worker/trainClient';
import type { TrainResponse, TrainSnapshotMessage } from '../worker/trainProtocol';
import type { AppState } from './types';

export type TrainStatus = 'idle' | 'running' | 'paused' | 'diverged' | 'error';

export interface TrainPoint {
  step: number;
  value: number;
}

/** Snapshots kept at most; beyond it every other one is dropped (the timeline stays even). */
export const TRAIN_MAX_SNAPSHOTS = 240;

export interface TrainState {
  settings: TrainSettings;
  status: TrainStatus;
  /** Why the settings cannot train (shown, and Start refused); null when they can. */
  problem: SettingsProblem | null;
  error: string | null;
  step: number;
  losses: TrainPoint[];
  /** Held-out token accuracy in [0, 1]. */
  accuracy: TrainPoint[];
  snapshots: TrainSnapshotMessage[];
  /** The snapshot shown; null follows the latest. */
  snapshotIndex: number | null;
  /** The step whose loss was NaN, when training diverged. */
  divergedAt: number | null;
  stepsPerSecond: number | null;
  /** Tensors the worker still held after the last Reset (0 when all were freed). */
  tensorsLeft: number | null;
  /** Tensors the worker held after its latest step (beyond its backend's own): a leak watch. */
  workerTensors: number | null;
  /** Why a weights file could not be opened (null when none failed). */
  fileError: string | null;
}

export interface TrainSlice {
  train: TrainState;
  setTrainSettings: (changes: Partial<TrainSettings>) => void;
  startTraining: () => void;
  pauseTraining: () => void;
  stepTraining: () => void;
  resetTraining: () => void;
  /** Shows snapshot `index` (null: follow the latest). */
  setTrainSnapshot: (index: number | null) => void;
  /** The model the page runs when `model` is 'trained' (trained here, or opened from a file). */
  trainedModel: TrainedModel | null;
  /** The run's current weights (training goes on), or null before the first step. */
  fetchTrainedWeights: () => Promise<TrainedModel | null>;
  /** Opens the run's current weights in the Attention tab; false before the first step. */
  openTrainedInAttention: () => Promise<boolean>;
  /**
   * Makes `model` the page's model: a sentence that is not a sequence of its task (a symbol it
   * does not know, or empty) becomes one (A the Train tab's probe), the model picker shows it, and
   * the Attention tab opens unless `openTab` is false (picking it in the model picker).
   */
  applyTrainedModel: (model: TrainedModel, options?: { openTab?: boolean }) => void;
  /** The run's weights as a safetensors file (null before the first step). */
  trainedWeightsFile: () => Promise<{ name: string; bytes: Uint8Array } | null>;
  /** Reads a weights file saved by the Train tab and opens it; a refused file sets fileError. */
  openTrainedFile: (file: File) => Promise<boolean>;
}

const initialTrain = (settings: TrainSettings = DEFAULT_TRAIN_SETTINGS): TrainState => ({
  settings,
  status: 'idle',
  problem: checkTrainSettings(settings),
  error: null,
  step: 0,
  losses: [],
  accuracy: [],
  snapshots: [],
  snapshotIndex: null,
  divergedAt: null,
  stepsPerSecond: null,
  tensorsLeft: null,
  workerTensors: null,
  fileError: null,
});

let client: TrainClient | null = null;
let clientPromise: Promise<TrainClient> | null = null;
let onResponse: ((response: TrainResponse) => void) | null = null;
/** Resets sent and not yet answered: the old run's late answers before them are dropped. */
let pendingResets = 0;
/**
 * Step answers reach the store at most once per this many ms, together: the tab redraws its curves
 * and heads about 10 times a second instead of once per step (30–40 a second), which keeps the
 * page's frames short while it trains (BENCHMARKS.md section 8). 0: each at once.
 */
let uiInterval = 100;
type StepAnswer = Extract<TrainResponse, { type: 'step' }>;
let pendingSteps: StepAnswer[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** How often step answers reach the store, in ms (tests pass 0 to see each at once). */
export function setTrainUiInterval(ms: number): void {
  uiInterval = Math.max(0, ms);
}

function dropPendingSteps(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  pendingSteps = [];
}

/** Weights asked of the worker and not yet answered, by request id. */
const weightRequests = new Map<number, (model: TrainedModel | null) => void>();
let lastWeightRequest = 0;

function getClient(): Promise<TrainClient> {
  if (client) return Promise.resolve(client);
  clientPromise ??= import('../worker/trainClient').then(({ createTrainClient }) => {
    client ??= createTrainClient();
    client.listen((r) => onResponse?.(r));
    return client;
  });
  return clientPromise;
}

/** Replaces the training client (tests pass a fake; null frees the current one). */
export function setTrainClient(next: TrainClient | null): void {
  if (client && client !== next) client.dispose();
  client = next;
  clientPromise = null;
  next?.listen((r) => onResponse?.(r));
}

function keepSnapshots(list: TrainSnapshotMessage[]): TrainSnapshotMessage[] {
  return list.length <= TRAIN_MAX_SNAPSHOTS
    ? list
    : list.filter((_, i) => i % 2 === 0 || i === list.length - 1);
}

export const createTrainSlice: StateCreator<AppState, [], [], TrainSlice> = (set, get) => {
  const patch = (changes: Partial<TrainState>): void =>
    set((s) => ({ train: { ...s.train, ...changes } }));

  /** Applies the step answers that arrived since the last time, in one store update. */
  const applySteps = (): void => {
    const steps = pendingSteps;
    dropPendingSteps();
    const t = get().train;
    if (steps.length === 0 || t.status === 'idle') return; // late answers after Reset
    const changes: Partial<TrainState> = {
      step: steps[steps.length - 1]!.step,
      losses: [...t.losses, ...steps.map((r) => ({ step: r.step, value: r.loss }))],
    };
    const accuracy = steps.flatMap((r) =>
      r.accuracy !== undefined ? [{ step: r.step, value: r.accuracy }] : [],
    );
    if (accuracy.length > 0) changes.accuracy = [...t.accuracy, ...accuracy];
    let snapshots = t.snapshots;
    for (const r of steps) if (r.snapshot) snapshots = keepSnapshots([...snapshots, r.snapshot]);
    if (snapshots !== t.snapshots) changes.snapshots = snapshots;
    for (const r of steps) {
      if (r.stepsPerSecond !== undefined) changes.stepsPerSecond = r.stepsPerSecond;
      if (r.tensors !== undefined) changes.workerTensors = r.tensors;
    }
    patch(changes);
  };

  onResponse = (r) => {
    if (r.type === 'step') {
      if (pendingResets > 0 || get().train.status === 'idle') return; // the old run's, or late
      pendingSteps.push(r);
      if (uiInterval === 0) applySteps();
      else flushTimer ??= setTimeout(applySteps, uiInterval);
      return;
    }
    // Whatever follows the steps (pause, divergence, an error) comes after them.
    if (r.type !== 'reset') applySteps();
    const t = get().train;
    if (r.type === 'weights') {
      weightRequests.get(r.requestId)?.(r.model);
      weightRequests.delete(r.requestId);
      return;
    }
    if (r.type === 'reset') pendingResets = Math.max(0, pendingResets - 1);
    else if (pendingResets > 0 && r.type !== 'started' && r.type !== 'error') return;
    switch (r.type) {
      case 'started':
        return;
      case 'paused':
        if (t.status === 'running') patch({ status: 'paused' });
        return;
      case 'diverged':
        patch({ status: 'diverged', divergedAt: r.step });
        return;
      case 'reset':
        patch({ tensorsLeft: r.tensorsLeft });
        return;
      case 'error':
        patch({ status: 'error', error: r.message });
        return;
    }
  };

  const send = (type: 'start' | 'step'): void => {
    const { train, backend } = get();
    if (train.problem || train.status === 'diverged') return;
    patch({ status: type === 'start' ? 'running' : 'paused', error: null });
    void getClient().then((c) => c.send({ type, settings: train.settings, backend }));
  };

  return {
    train: initialTrain(),
    setTrainSettings: (changes) => {
      const current = get().train.settings;
      // Choosing another task fills in its recommended settings; explicit changes still win.
      const preset =
        changes.task !== undefined && changes.task !== current.task
          ? TASK_PRESETS[changes.task]
          : {};
      const settings = { ...current, ...preset, ...changes };
      if (get().train.step > 0 || get().train.status !== 'idle') get().resetTraining();
      patch({ settings, problem: checkTrainSettings(settings) });
    },
    startTraining: () => {
      if (get().train.status !== 'running') send('start');
    },
    pauseTraining: () => {
      if (get().train.status !== 'running') return;
      patch({ status: 'paused' });
      client?.send({ type: 'pause' });
    },
    stepTraining: () => {
      if (get().train.status !== 'running') send('step');
    },
    resetTraining: () => {
      dropPendingSteps();
      if (client) {
        pendingResets += 1;
        client.send({ type: 'reset' });
      }
      set((s) => ({
        train: { ...initialTrain(s.train.settings), tensorsLeft: s.train.tensorsLeft },
      }));
    },
    setTrainSnapshot: (index) => patch({ snapshotIndex: index }),
    trainedModel: null,
    fetchTrainedWeights: async () => {
      if (get().train.step === 0 || !client) return null;
      const c = client;
      const requestId = ++lastWeightRequest;
      return new Promise<TrainedModel | null>((resolve) => {
        weightRequests.set(requestId, resolve);
        c.send({ type: 'weights', requestId });
      });
    },
    openTrainedInAttention: async () => {
      const model = await get().fetchTrainedWeights();
      if (!model) return false;
      get().applyTrainedModel(model);
      return true;
    },
    applyTrainedModel: (model, options = {}) => {
      const [a, b] = trainedProbeTexts(model.task);
      const s = get();
      const kind = model.causal ? 'decoder-self' : 'encoder-self';
      // The task's own sequences are kept; anything else would be all unknown symbols.
      const fits = (text: string): boolean =>
        text.trim() !== '' && tokenizeTask(text, model.vocab).every((t) => !t.unknown);
      set({
        trainedModel: model,
        sentences: {
          A: fits(s.sentences.A) ? s.sentences.A : a,
          B: fits(s.sentences.B) ? s.sentences.B : b,
        },
        kind,
        layer: Math.min(s.layer, model.settings.layers - 1),
        head: Math.min(s.head, model.settings.heads - 1),
        hover: null,
      });
      patch({ fileError: null });
      if (s.model === 'trained') get().runAll();
      else get().setModel('trained'); // runs both sentences
      if (options.openTab !== false) get().setTab('attention');
    },
    trainedWeightsFile: async () => {
      const model = await get().fetchTrainedWeights();
      if (!model) return null;
      const { writeTrainedFile } = await import('../loader/trainedFile');
      return {
        name: `trained_${model.task}_step${model.step}.safetensors`,
        bytes: writeTrainedFile(model),
      };
    },
    openTrainedFile: async (file) => {
      try {
        const { readTrainedFile } = await import('../loader/trainedFile');
        const model = readTrainedFile(new Uint8Array(await file.arrayBuffer()), file.name);
        get().applyTrainedModel(model);
        return true;
      } catch (error) {
        patch({ fileError: error instanceof Error ? error.message : String(error) });
        return false;
      }
    },
  };
};
