/**
 * Each task's recommended settings (TASK_PRESETS, filled in when the tab's task is chosen) pass
 * the settings check, and the default settings are reverse's preset.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAIN_SETTINGS,
  TASK_PRESETS,
  checkTrainSettings,
} from '../../../src/analysis/trainSettings.ts';
import { TRAIN_TASK_IDS } from '../../../src/analysis/trainTasks.ts';

describe('task presets', () => {
  it('every task has a preset that passes the settings check', () => {
    for (const task of TRAIN_TASK_IDS)
      expect(checkTrainSettings({ task, ...TASK_PRESETS[task], seed: 1 })).toBeNull();
  });

  it('induction: two layers and learning rate 0.003 (BENCHMARKS.md section 8)', () => {
    expect(TASK_PRESETS.induction).toEqual({
      layers: 2,
      heads: 2,
      dModel: 32,
      positional: 'learned',
      learningRate: 0.003,
      batchSize: 32,
    });
  });

  it('the default settings are reverse with its preset', () => {
    expect(DEFAULT_TRAIN_SETTINGS).toEqual({ task: 'reverse', ...TASK_PRESETS.reverse, seed: 1 });
  });
});
