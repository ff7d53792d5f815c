import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_SETTINGS } from '../../../src/analysis/trainSettings';
import {
  TRAINING_FORMAT,
  TRAINING_FORMAT_VERSION,
  trainingToJson,
  trainingToObject,
} from '../../../src/analysis/trainExport';

const input = {
  settings: { ...DEFAULT_TRAIN_SETTINGS, seed: 7 },
  status: 'paused',
  step: 3,
  divergedAt: null,
  losses: [
    { step: 1, value: 2.5 },
    { step: 2, value: 2.25 },
    { step: 3, value: 2 },
  ],
  accuracy: [{ step: 1, value: 0.125 }],
  snapshots: [
    { step: 1, scores: [[0.1, 0.2]] },
    { step: 3, scores: [[0.3, 0.75]] },
  ],
  length: 8,
  idealPattern: 'anti-diagonal',
};

describe('training export (attention-atlas-training v1)', () => {
  it('writes the format, settings, seed and curves as [step, value] pairs', () => {
    const doc = trainingToObject(input);
    expect(doc.format).toBe(TRAINING_FORMAT);
    expect(doc.format).toBe('attention-atlas-training');
    expect(doc.version).toBe(TRAINING_FORMAT_VERSION);
    expect(doc.version).toBe(1);
    expect(doc.settings).toEqual(input.settings);
    expect(doc.seed).toBe(7);
    expect(doc.task).toEqual({ id: 'reverse', length: 8, idealPattern: 'anti-diagonal' });
    expect(doc.steps).toBe(3);
    expect(doc.status).toBe('paused');
    expect(doc.loss).toEqual([
      [1, 2.5],
      [2, 2.25],
      [3, 2],
    ]);
    expect(doc.accuracy).toEqual([[1, 0.125]]);
    expect(doc.scores).toEqual([
      { step: 1, heads: [[0.1, 0.2]] },
      { step: 3, heads: [[0.3, 0.75]] },
    ]);
  });

  it('round-trips through JSON text, with non-finite numbers as null', () => {
    const text = trainingToJson({
      ...input,
      status: 'diverged',
      divergedAt: 4,
      losses: [...input.losses, { step: 4, value: NaN }],
      snapshots: [{ step: 3, scores: [[Infinity, 0.5]] }],
    });
    const parsed: unknown = JSON.parse(text);
    expect(parsed).toMatchObject({
      format: 'attention-atlas-training',
      version: 1,
      divergedAt: 4,
      loss: [
        [1, 2.5],
        [2, 2.25],
        [3, 2],
        [4, null],
      ],
      scores: [{ step: 3, heads: [[null, 0.5]] }],
    });
  });

  it('an empty run is a valid document with empty curves and no task length', () => {
    const { length: _l, idealPattern: _p, ...rest } = input;
    const doc = trainingToObject({ ...rest, step: 0, losses: [], accuracy: [], snapshots: [] });
    expect(doc.loss).toEqual([]);
    expect(doc.scores).toEqual([]);
    expect(doc.task).toEqual({ id: 'reverse', length: null, idealPattern: null });
    // The settings are copied, not shared.
    expect(doc.settings).not.toBe(rest.settings);
  });
});
